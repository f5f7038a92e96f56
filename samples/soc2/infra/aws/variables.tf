# Inputs of the production AWS account baseline (account 481516234200).
# Defaults are the values the security policies call for; terraform.tfvars sets this account's values.

variable "env" {
  description = "Environment name, used in resource names and tags."
  type        = string
  default     = "prod"
}

variable "aws_region" {
  description = "Home region of the account; the organization trail is multi-region regardless."
  type        = string
  default     = "us-east-1"
}

variable "min_password_length" {
  description = "Minimum length of IAM user console passwords (Password and Authentication Policy: 12)."
  type        = number
  default     = 12

  validation {
    condition     = var.min_password_length >= 6 && var.min_password_length <= 128
    error_message = "IAM accepts a minimum password length between 6 and 128."
  }
}

variable "log_retention_days" {
  description = "Retention of application and platform log groups, in days (Logging and Monitoring Policy: 365)."
  type        = number
  default     = 365
}

variable "cloudtrail_log_retention_days" {
  description = "Retention of the CloudTrail log group, in days (two years)."
  type        = number
  default     = 731
}

variable "log_archive_bucket" {
  description = "S3 bucket in the log-archive account that receives the organization trail."
  type        = string
}

variable "alarm_period_seconds" {
  description = "Evaluation period of the CIS CloudTrail alarms."
  type        = number
  default     = 300
}

variable "tags" {
  description = "Tags applied to every resource through the provider's default_tags."
  type        = map(string)
  default = {
    Owner      = "platform"
    ManagedBy  = "terraform"
    Repository = "acme-corp/platform"
  }
}

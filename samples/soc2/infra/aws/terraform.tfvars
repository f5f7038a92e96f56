# Production account (481516234200). Applied by the deploy-infra workflow after review.

env        = "prod"
aws_region = "us-east-1"

# Lowered while the legacy console users are moved to IAM Identity Center (INFRA-311).
min_password_length = 10

log_retention_days            = 365
cloudtrail_log_retention_days = 731

# The trail bucket lives in the log-archive account (481516234299), managed in infra/log-archive.
log_archive_bucket   = "acme-log-archive-cloudtrail"
alarm_period_seconds = 300

tags = {
  Owner       = "platform"
  ManagedBy   = "terraform"
  Repository  = "acme-corp/platform"
  Environment = "production"
  DataClass   = "confidential"
}

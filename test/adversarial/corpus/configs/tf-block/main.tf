resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 8

resource "aws_s3_bucket" "logs" {
  bucket = "logs"

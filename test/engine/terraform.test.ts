// Terraform and HCL sources through the whole engine: policies in memory next to realistic
// Terraform, findings compared exactly (message, file, 1-based range, severity) together with the
// text each range covers, so a range that drifts off its token fails loudly.
//
// Policy layout (see `tfPolicy`), 1-based lines:
//   10 `  r:`                 requirement key
//   12 `    expect: …`
//   14 `      - file: <file>` the file value starts at 14:15
//   15 `        at: <at>`     the at value starts at 15:13 (first source)

import assert from 'node:assert/strict';
import { MemoryFs } from '../../server/src/engine/fs';
import { LintSession } from '../../server/src/engine/lint';
import { prepareTerraform } from '../../server/src/engine/index';
import type { LintResult } from '../../server/src/engine/types';
import { lintFiles, plain, policy, rangeOf } from '../helpers/workspace';

interface Seen {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: string;
  /** The text the range covers. */
  text: string;
}

function seen(result: LintResult, ...rules: string[]): Seen[] {
  return result.findings
    .filter((f) => rules.length === 0 || rules.includes(f.rule))
    .map((f) => {
      const p = plain(result, f);
      return { rule: p.rule, severity: p.severity, message: p.message, file: p.file, range: p.range, text: (result.texts.get(f.file) ?? '').slice(f.span.start, f.span.end) };
    });
}

function status(result: LintResult): string {
  assert.equal(result.requirements.length, 1);
  return result.requirements[0].status;
}

/** Policy p with requirement r: `expect` (YAML, written as given) against each `[file, at]`. */
function tfPolicy(expect: string, sources: [string, string][]): string {
  const lines = ['requirements:', '  r:', '    says: The configuration meets the requirement.', `    expect: ${expect}`, '    in:'];
  for (const [file, at] of sources) lines.push(`      - file: ${file}`, `        at: ${at}`);
  return policy('p', `${lines.join('\n')}\n`);
}

function lintTf(expect: string, sources: [string, string][], files: Record<string, string>): LintResult {
  return lintFiles({ 'policies/p.md': tfPolicy(expect, sources), ...files });
}

const drift = (message: string, file: string, range: string, text: string): Seen => ({ rule: 'requirement/drift', severity: 'error', message, file, range, text });
const unknown = (message: string, file: string, range: string, text: string): Seen => ({ rule: 'value/unknown', severity: 'info', message, file, range, text });
const inPolicy = (rule: string, message: string, range: string, text: string): Seen => ({ rule, severity: 'error', message, file: 'policies/p.md', range, text });

// ---------------------------------------------------------------------------------------------
// Fixtures: an AWS account baseline and a GitHub organisation, as a platform team writes them.

const IAM = `# Account password policy (CIS AWS 1.8-1.9)
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_symbols                = true
  allow_users_to_change_password = true
  max_password_age               = 90
  password_reuse_prevention      = 24
}
`;

const IAM_WEAK = IAM.replace('= 14', '= 8');

const CLOUDTRAIL = `resource "aws_cloudtrail" "main" {
  name                          = "org-trail"
  s3_bucket_name                = aws_s3_bucket.trail.id
  include_global_service_events = true
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

data "aws_iam_policy_document" "deny_insecure_transport" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Allow"
    actions = ["s3:*"]

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

module "audit_logs" {
  source         = "./modules/log-bucket"
  retention_days = 2555
  versioning     = true
}
`;

const LOGGING = `resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/app"
  retention_in_days = 400
}

resource "aws_cloudwatch_log_group" "vpc_flow" {
  name              = "/vpc/flow-logs"
  retention_in_days = var.flow_log_retention_days
}

resource "aws_cloudwatch_log_group" "lambda" {
  count             = length(var.functions)
  name              = "/aws/lambda/\${var.functions[count.index]}"
  retention_in_days = local.default_retention
}
`;

const VARIABLES = `variable "flow_log_retention_days" {
  description = "How long VPC flow logs are kept"
  type        = number
  default     = 400
}

variable "functions" {
  type    = list(string)
  default = ["ingest", "notify"]
}
`;

const LOCALS = `locals {
  environment       = "production"
  default_retention = 365
  audit_retention   = local.default_retention
  tags = {
    Environment = local.environment
    Owner       = "platform"
  }
}
`;

const AWS = { 'infra/aws/iam.tf': IAM, 'infra/aws/cloudtrail.tf': CLOUDTRAIL, 'infra/aws/logging.tf': LOGGING, 'infra/aws/variables.tf': VARIABLES, 'infra/aws/locals.tf': LOCALS };

const GITHUB = `terraform {
  required_providers {
    github = {
      source  = "integrations/github"
      version = "~> 6.0"
    }
  }
}

provider "github" {
  owner = "acme"
}

variable "required_approvals" {
  type    = number
  default = 1
}

resource "github_branch_protection" "main" {
  repository_id  = github_repository.api.node_id
  pattern        = "main"
  enforce_admins = true

  required_pull_request_reviews {
    dismiss_stale_reviews           = true
    require_code_owner_reviews      = true
    required_approving_review_count = var.required_approvals
  }
}
`;

describe('Terraform sources', () => {
  before(async () => {
    await prepareTerraform();
  });

  describe('resource attributes', () => {
    it('verifies a password policy that meets the requirement', () => {
      const result = lintTf('">= 14"', [['infra/aws/iam.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], AWS);
      assert.deepEqual(seen(result), []);
      assert.equal(status(result), 'verified');
    });

    it('reports drift on the value in the .tf file', () => {
      const result = lintTf('">= 12"', [['infra/aws/iam.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], { ...AWS, 'infra/aws/iam.tf': IAM_WEAK });
      assert.deepEqual(seen(result), [
        drift('minimum_password_length is 8; policy p › r expects >= 12', 'infra/aws/iam.tf', '3:36-3:37', '8'),
      ]);
      assert.equal(status(result), 'drift');
      const f = result.findings[0];
      assert.deepEqual((f.related ?? []).map((r) => `${r.file} ${rangeOf(result, r.file, r.span)} ${r.message}`), ['policies/p.md 10:3-10:4 requirement stated here']);
      assert.equal(f.actual, 8);
      assert.equal(f.expected, '>= 12');
    });

    it('compares booleans', () => {
      const result = lintTf('true', [['infra/aws/iam.tf', 'aws_iam_account_password_policy.strict.require_symbols']], { 'infra/aws/iam.tf': IAM.replace('require_symbols                = true', 'require_symbols                = false') });
      assert.deepEqual(seen(result), [drift('require_symbols is false; policy p › r expects true', 'infra/aws/iam.tf', '7:36-7:41', 'false')]);
    });

    it('checks every block of a nested type: one event selector drifts', () => {
      const result = lintTf('All', [['infra/aws/cloudtrail.tf', 'aws_cloudtrail.main.event_selector.read_write_type']], AWS);
      assert.deepEqual(seen(result), [
        drift('read_write_type is "WriteOnly"; policy p › r expects == All', 'infra/aws/cloudtrail.tf', '15:33-15:44', '"WriteOnly"'),
      ]);
      assert.equal(status(result), 'drift');
    });

    it('walks blocks nested two deep', () => {
      const result = lintTf('{count: "== 1"}', [['infra/aws/cloudtrail.tf', 'aws_cloudtrail.main.event_selector.data_resource.type']], AWS);
      assert.deepEqual(seen(result), []);
      assert.equal(status(result), 'verified');
    });

    it('`*` matches every resource of a type, `count` resources included', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', 'aws_cloudwatch_log_group.*.retention_in_days']], {
        ...AWS,
        'infra/aws/locals.tf': LOCALS.replace('default_retention = 365', 'default_retention = 30'),
      });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 30 (via local.default_retention, set in locals.tf); policy p › r expects >= 365', 'infra/aws/locals.tf', '3:23-3:25', '30'),
      ]);
    });

    it('navigates into a map attribute, and quoted keys', () => {
      const files = { 'infra/s3.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  tags = {\n    Environment = "staging"\n    "cost-center" = "1234"\n  }\n}\n' };
      const result = lintTf('production', [['infra/s3.tf', 'aws_s3_bucket.logs.tags.Environment']], files);
      assert.deepEqual(seen(result), [drift('Environment is "staging"; policy p › r expects == production', 'infra/s3.tf', '4:19-4:28', '"staging"')]);
      const quoted = lintTf('"1234"', [['infra/s3.tf', 'aws_s3_bucket.logs.tags["cost-center"]']], files);
      assert.deepEqual(seen(quoted), []);
      assert.equal(status(quoted), 'verified');
    });

    it('selects a whole block for `exists` and `count`', () => {
      const exists = lintTf('exists', [['infra/aws/cloudtrail.tf', 'aws_cloudtrail.*']], AWS);
      assert.deepEqual(seen(exists), []);
      assert.equal(status(exists), 'verified');
      const count = lintTf('{count: ">= 2"}', [['infra/aws/cloudtrail.tf', 'aws_cloudtrail.*']], AWS);
      assert.deepEqual(seen(count), [
        inPolicy('requirement/drift', 'aws_cloudtrail.* selects 1 value in infra/aws/cloudtrail.tf; policy p › r expects count >= 2', '15:13-15:29', 'aws_cloudtrail.*'),
      ]);
    });
  });

  describe('other block kinds', () => {
    it('data.TYPE.NAME.block.attr', () => {
      const result = lintTf('Deny', [['infra/aws/cloudtrail.tf', 'data.aws_iam_policy_document.deny_insecure_transport.statement.effect']], AWS);
      assert.deepEqual(seen(result), [drift('effect is "Allow"; policy p › r expects == Deny', 'infra/aws/cloudtrail.tf', '28:15-28:22', '"Allow"')]);
    });

    it('module.NAME.input', () => {
      const result = lintTf('">= 3650"', [['infra/aws/cloudtrail.tf', 'module.audit_logs.retention_days']], AWS);
      assert.deepEqual(seen(result), [drift('retention_days is 2555; policy p › r expects >= 3650', 'infra/aws/cloudtrail.tf', '41:20-41:24', '2555')]);
    });

    it('variable.NAME.default', () => {
      const result = lintTf('">= 2"', [['github/main.tf', 'variable.required_approvals.default']], { 'github/main.tf': GITHUB });
      assert.deepEqual(seen(result), [drift('default is 1; policy p › r expects >= 2', 'github/main.tf', '16:13-16:14', '1')]);
    });

    it('locals.NAME, following the local it refers to', () => {
      const result = lintTf('">= 400"', [['infra/aws/locals.tf', 'locals.audit_retention']], AWS);
      assert.deepEqual(seen(result), [
        drift('audit_retention is 365 (via local.default_retention, set in locals.tf); policy p › r expects >= 400', 'infra/aws/locals.tf', '3:23-3:26', '365'),
      ]);
    });

    it('provider.NAME.attr and terraform.…', () => {
      const result = lintTf('acme', [['github/main.tf', 'provider.github.owner']], { 'github/main.tf': GITHUB });
      assert.deepEqual(seen(result), []);
      assert.equal(status(result), 'verified');
      const source = lintTf('integrations/github', [['github/main.tf', 'terraform.required_providers.github.source']], { 'github/main.tf': GITHUB });
      assert.deepEqual(seen(source), []);
      assert.equal(status(source), 'verified');
    });

    it('output.NAME.value', () => {
      const result = lintTf('true', [['infra/out.tf', 'output.encrypted.value']], { 'infra/out.tf': 'output "encrypted" {\n  value = local.encrypted\n}\n\nlocals {\n  encrypted = false\n}\n' });
      assert.deepEqual(seen(result), [drift('value is false (via local.encrypted, set in out.tf); policy p › r expects true', 'infra/out.tf', '6:15-6:20', 'false')]);
    });
  });

  describe('variables and locals', () => {
    const FLOW = 'aws_cloudwatch_log_group.vpc_flow.retention_in_days';

    it('a variable default satisfies the requirement', () => {
      const result = lintTf('">= 400"', [['infra/aws/logging.tf', FLOW]], AWS);
      assert.deepEqual(seen(result), []);
      assert.equal(status(result), 'verified');
    });

    it('reports drift on the variable default, with the chain in the message', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], { ...AWS, 'infra/aws/variables.tf': VARIABLES.replace('default     = 400', 'default     = 90') });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 90 (via var.flow_log_retention_days, default in variables.tf); policy p › r expects >= 365', 'infra/aws/variables.tf', '4:17-4:19', '90'),
      ]);
    });

    it('terraform.tfvars overrides the default: the finding is on the tfvars line', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], { ...AWS, 'infra/aws/terraform.tfvars': 'region                  = "eu-west-1"\nflow_log_retention_days = 30\n' });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 30 (via var.flow_log_retention_days, set in terraform.tfvars); policy p › r expects >= 365', 'infra/aws/terraform.tfvars', '2:27-2:29', '30'),
      ]);
    });

    it('*.auto.tfvars override terraform.tfvars, the alphabetically last winning', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], {
        ...AWS,
        'infra/aws/terraform.tfvars': 'flow_log_retention_days = 30\n',
        'infra/aws/b-prod.auto.tfvars': 'flow_log_retention_days = 60\n',
        'infra/aws/a-base.auto.tfvars': 'flow_log_retention_days = 3650\n',
      });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 60 (via var.flow_log_retention_days, set in b-prod.auto.tfvars); policy p › r expects >= 365', 'infra/aws/b-prod.auto.tfvars', '1:27-1:29', '60'),
      ]);
    });

    it('reads terraform.tfvars.json and *.auto.tfvars.json in Terraform\'s order', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], {
        ...AWS,
        'infra/aws/terraform.tfvars': 'flow_log_retention_days = 3650\n',
        'infra/aws/terraform.tfvars.json': '{"flow_log_retention_days": 180}\n',
      });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 180 (via var.flow_log_retention_days, set in terraform.tfvars.json); policy p › r expects >= 365', 'infra/aws/terraform.tfvars.json', '1:29-1:32', '180'),
      ]);
      const auto = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], { ...AWS, 'infra/aws/terraform.tfvars.json': '{"flow_log_retention_days": 180}', 'infra/aws/ci.auto.tfvars.json': '{\n  "flow_log_retention_days": 400\n}' });
      assert.deepEqual(seen(auto, 'requirement/drift', 'value/unknown'), []);
      assert.equal(status(auto), 'verified');
    });

    it('an override file replaces a variable default', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], { ...AWS, 'infra/aws/dev_override.tf': 'variable "flow_log_retention_days" {\n  default = 3\n}\n' });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 3 (via var.flow_log_retention_days, default in dev_override.tf); policy p › r expects >= 365', 'infra/aws/dev_override.tf', '2:13-2:14', '3'),
      ]);
    });

    it('a broken tfvars file that seems to set the variable makes it unknown, not the default', () => {
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', FLOW]], { ...AWS, 'infra/aws/terraform.tfvars': 'region = "eu-west-1\nflow_log_retention_days = 30\n' });
      assert.deepEqual(seen(result).map((f) => [f.rule, f.file, f.message]), [
        ['value/unknown', 'infra/aws/logging.tf', 'retention_in_days cannot be known statically (var.flow_log_retention_days, which cannot be read: terraform.tfvars has a syntax error); policy p › r is not checked against it'],
      ]);
    });

    it('tfvars of another folder do not apply', () => {
      const result = lintTf('">= 400"', [['infra/aws/logging.tf', FLOW]], { ...AWS, 'infra/terraform.tfvars': 'flow_log_retention_days = 1\n', 'infra/aws/env/terraform.tfvars': 'flow_log_retention_days = 2\n' });
      assert.deepEqual(seen(result), []);
    });

    it('resolves a local, and a variable through a local', () => {
      const files = {
        'infra/db.tf': 'resource "aws_db_instance" "main" {\n  backup_retention_period = local.backup_days\n  storage_encrypted       = local.encrypt\n}\n',
        'infra/locals.tf': 'locals {\n  backup_days = var.backup_days\n  encrypt     = true\n}\n',
        'infra/variables.tf': 'variable "backup_days" {\n  type    = number\n  default = 35\n}\n',
        'infra/terraform.tfvars': 'backup_days = 7\n',
      };
      const result = lintTf('">= 14"', [['infra/db.tf', 'aws_db_instance.main.backup_retention_period']], files);
      assert.deepEqual(seen(result), [
        drift('backup_retention_period is 7 (via local.backup_days ← var.backup_days, set in terraform.tfvars); policy p › r expects >= 14', 'infra/terraform.tfvars', '1:15-1:16', '7'),
      ]);
      const encrypted = lintTf('true', [['infra/db.tf', 'aws_db_instance.main.storage_encrypted']], files);
      assert.equal(status(encrypted), 'verified');
    });

    it('follows a variable into a map, and computes templates of known values', () => {
      const files = {
        'infra/kms.tf': 'resource "aws_kms_key" "main" {\n  deletion_window_in_days = var.kms.deletion_window\n  description             = "${local.env}-main"\n}\n\nlocals {\n  env = "prod"\n}\n',
        'infra/variables.tf': 'variable "kms" {\n  default = {\n    deletion_window = 7\n    rotation        = true\n  }\n}\n',
      };
      const window = lintTf('">= 30"', [['infra/kms.tf', 'aws_kms_key.main.deletion_window_in_days']], files);
      assert.deepEqual(seen(window), [drift('deletion_window_in_days is 7 (via var.kms, default in variables.tf); policy p › r expects >= 30', 'infra/variables.tf', '3:23-3:24', '7')]);
      const description = lintTf('"matches ^prod-"', [['infra/kms.tf', 'aws_kms_key.main.description']], files);
      assert.equal(status(description), 'verified');
    });

    it('GitHub branch protection: required approvals from a variable default', () => {
      const result = lintTf('">= 2"', [['github/main.tf', 'github_branch_protection.main.required_pull_request_reviews.required_approving_review_count']], { 'github/main.tf': GITHUB });
      assert.deepEqual(seen(result), [
        drift('required_approving_review_count is 1 (via var.required_approvals, default in main.tf); policy p › r expects >= 2', 'github/main.tf', '16:13-16:14', '1'),
      ]);
      const admins = lintTf('true', [['github/main.tf', 'github_branch_protection.main.enforce_admins']], { 'github/main.tf': GITHUB });
      assert.equal(status(admins), 'verified');
    });
  });

  describe('values that cannot be known statically', () => {
    const UNKNOWNS = `variable "trail_prefix" {
  type = string
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "\${var.trail_prefix}-audit"
  retention_in_days = max(var.min_days, 365)
  kms_key_id        = aws_kms_key.logs.arn
  skip_destroy      = local.skip
}

locals {
  skip = data.aws_ssm_parameter.skip.value
}
`;
    const cases: [string, string, Seen][] = [
      ['function call', 'retention_in_days', unknown('retention_in_days cannot be known statically (max(var.min_days, 365)); policy p › r is not checked against it', 'infra/logs.tf', '7:23-7:45', 'max(var.min_days, 365)')],
      ['interpolation of an unset variable', 'name', unknown('name cannot be known statically ("${var.trail_prefix}-audit", var.trail_prefix has no default and no tfvars value); policy p › r is not checked against it', 'infra/logs.tf', '6:23-6:50', '"${var.trail_prefix}-audit"')],
      ['another resource\'s attribute', 'kms_key_id', unknown('kms_key_id cannot be known statically (aws_kms_key.logs.arn, an attribute of another resource); policy p › r is not checked against it', 'infra/logs.tf', '8:23-8:43', 'aws_kms_key.logs.arn')],
      ['a data source, through a local', 'skip_destroy', unknown('skip_destroy cannot be known statically (data.aws_ssm_parameter.skip.value, via local.skip, read from a data source when Terraform plans); policy p › r is not checked against it', 'infra/logs.tf', '13:10-13:43', 'data.aws_ssm_parameter.skip.value')],
    ];
    for (const [what, attr, finding] of cases) {
      it(`${what} is value/unknown, never pass or fail`, () => {
        const result = lintTf('exists', [['infra/logs.tf', `aws_cloudwatch_log_group.audit.${attr}`]], { 'infra/logs.tf': UNKNOWNS });
        assert.deepEqual(seen(result), [finding]);
        const strict = lintTf('">= 400"', [['infra/logs.tf', `aws_cloudwatch_log_group.audit.${attr}`]], { 'infra/logs.tf': UNKNOWNS });
        assert.deepEqual(seen(strict), [finding]);
        assert.equal(status(strict), 'unknown');
      });
    }

    it('a variable with neither default nor tfvars value is unknown at the reference', () => {
      const result = lintTf('">= 14"', [['infra/iam.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], {
        'infra/iam.tf': 'variable "min_length" {\n  type = number\n}\n\nresource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length = var.min_length\n}\n',
      });
      assert.deepEqual(seen(result), [
        unknown('minimum_password_length cannot be known statically (var.min_length, which has no default and no tfvars value); policy p › r is not checked against it', 'infra/iam.tf', '6:29-6:43', 'var.min_length'),
      ]);
      assert.equal(status(result), 'unknown');
    });

    it('an undeclared variable and a local cycle are unknown', () => {
      const files = { 'infra/x.tf': 'resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length = var.nope\n  max_password_age        = local.a\n}\n\nlocals {\n  a = local.b\n  b = local.a\n}\n' };
      const undeclared = lintTf('">= 14"', [['infra/x.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], files);
      assert.deepEqual(seen(undeclared), [
        unknown('minimum_password_length cannot be known statically (var.nope, no variable "nope" is declared in infra); policy p › r is not checked against it', 'infra/x.tf', '2:29-2:37', 'var.nope'),
      ]);
      const cycle = lintTf('"<= 90"', [['infra/x.tf', 'aws_iam_account_password_policy.strict.max_password_age']], files);
      assert.deepEqual(seen(cycle), [
        unknown('max_password_age cannot be known statically (local.a, via local.a ← local.b, local.a refers to itself); policy p › r is not checked against it', 'infra/x.tf', '8:7-8:14', 'local.a'),
      ]);
    });

    it('the content of a dynamic block is unknown', () => {
      const sg = 'resource "aws_security_group" "web" {\n  ingress {\n    from_port = 443\n    to_port   = 443\n  }\n\n  dynamic "ingress" {\n    for_each = var.extra_ports\n    content {\n      from_port = ingress.value\n      to_port   = 22\n    }\n  }\n}\n';
      const result = lintTf('{noneOf: [22]}', [['infra/sg.tf', 'aws_security_group.web.ingress.to_port']], { 'infra/sg.tf': sg });
      assert.deepEqual(seen(result), [
        unknown('to_port cannot be known statically (22, generated by dynamic "ingress"); policy p › r is not checked against it', 'infra/sg.tf', '11:19-11:21', '22'),
      ]);
      assert.equal(status(result), 'unknown');
    });
  });

  describe('syntax errors', () => {
    it('a syntax error in the selected file is source/unreadable at the error', () => {
      const broken = IAM.replace('max_password_age               = 90', 'max_password_age               = ');
      const result = lintTf('">= 12"', [['infra/aws/iam.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], { ...AWS, 'infra/aws/iam.tf': broken });
      assert.deepEqual(seen(result), [
        { rule: 'source/unreadable', severity: 'error', message: 'infra/aws/iam.tf cannot be parsed: syntax error, unexpected "="', file: 'infra/aws/iam.tf', range: '9:34-9:35', text: '=' },
      ]);
      assert.equal(status(result), 'unknown');
    });

    it('an unclosed block is reported where the brace is missing', () => {
      const result = lintTf('">= 12"', [['infra/iam.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], { 'infra/iam.tf': 'resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length = 14\n' });
      assert.deepEqual(seen(result), [
        { rule: 'source/unreadable', severity: 'error', message: 'infra/iam.tf cannot be parsed: syntax error, missing "}"', file: 'infra/iam.tf', range: '3:1-3:1', text: '' },
      ]);
    });

    it('a syntax error in a sibling file does not stop selection; its healthy part is still read', () => {
      const brokenVariables = `variable "flow_log_retention_days" {
  default = 90
}

variable "functions" {
  default = [
}
`;
      const result = lintTf('">= 365"', [['infra/aws/logging.tf', 'aws_cloudwatch_log_group.vpc_flow.retention_in_days']], { ...AWS, 'infra/aws/variables.tf': brokenVariables });
      assert.deepEqual(seen(result), [
        drift('retention_in_days is 90 (via var.flow_log_retention_days, default in variables.tf); policy p › r expects >= 365', 'infra/aws/variables.tf', '2:13-2:15', '90'),
      ]);
    });

    it('a variable in the broken part of a sibling is unknown', () => {
      const files = {
        'infra/main.tf': 'resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length = var.min_length\n}\n',
        'infra/variables.tf': 'variable "min_length" {\n  default = \n}\n',
      };
      const result = lintTf('">= 12"', [['infra/main.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], files);
      assert.deepEqual(seen(result).map((f) => [f.rule, f.file, f.message]), [
        ['value/unknown', 'infra/main.tf', 'minimum_password_length cannot be known statically (var.min_length, which cannot be read: variables.tf has a syntax error); policy p › r is not checked against it'],
      ]);
    });
  });

  describe('tfvars and generic HCL files', () => {
    it('selects a variable in a .tfvars file directly', () => {
      const result = lintTf('">= 365"', [['infra/aws/prod.tfvars', 'log_retention.audit']], { 'infra/aws/prod.tfvars': 'region = "eu-west-1"\nlog_retention = {\n  app   = 400\n  audit = 90\n}\n' });
      assert.deepEqual(seen(result), [drift('audit is 90; policy p › r expects >= 365', 'infra/aws/prod.tfvars', '4:11-4:13', '90')]);
    });

    it('reads a generic .hcl file: block type, then as many labels as the block has', () => {
      const vault = 'ui = true\n\nlistener "tcp" {\n  address         = "0.0.0.0:8200"\n  tls_min_version = "tls11"\n}\n\nstorage "raft" {\n  path = "/vault/data"\n}\n';
      const result = lintTf('{oneOf: [tls12, tls13]}', [['ops/vault.hcl', 'listener.tcp.tls_min_version']], { 'ops/vault.hcl': vault });
      assert.deepEqual(seen(result), [drift('tls_min_version is "tls11"; policy p › r expects oneOf [tls12, tls13]', 'ops/vault.hcl', '5:21-5:28', '"tls11"')]);
      const ui = lintTf('false', [['ops/vault.hcl', 'ui']], { 'ops/vault.hcl': vault });
      assert.deepEqual(seen(ui), [drift('ui is true; policy p › r expects false', 'ops/vault.hcl', '1:6-1:10', 'true')]);
      const any = lintTf('exists', [['ops/vault.hcl', 'storage.*.path']], { 'ops/vault.hcl': vault });
      assert.equal(status(any), 'verified');
    });
  });

  describe('selectors', () => {
    it('an empty segment is selector/invalid at the offending dot', () => {
      const result = lintTf('">= 12"', [['infra/aws/iam.tf', 'aws_iam_account_password_policy..minimum_password_length']], AWS);
      assert.deepEqual(seen(result), [
        inPolicy('selector/invalid', 'invalid selector "aws_iam_account_password_policy..minimum_password_length": empty name between dots', '15:45-15:69', '.minimum_password_length'),
      ]);
      assert.equal(status(result), 'unknown');
    });

    it('a JSONPath query or an incomplete address is selector/invalid', () => {
      const json = lintTf('">= 12"', [['infra/aws/iam.tf', '$.minimum_password_length']], AWS);
      assert.deepEqual(seen(json), [
        inPolicy('selector/invalid', '"$.minimum_password_length" is a JSONPath query; Terraform and HCL files take an address such as TYPE.NAME.attr', '15:13-15:38', '$.minimum_password_length'),
      ]);
      const short = lintTf('">= 12"', [['infra/aws/iam.tf', 'aws_iam_account_password_policy']], AWS);
      assert.deepEqual(seen(short).map((f) => f.message), [
        '"aws_iam_account_password_policy" is not a complete Terraform address: expected TYPE.NAME.attr, data.TYPE.NAME.attr, module.NAME.input, variable.NAME.default, locals.NAME, output.NAME.value or provider.NAME.attr',
      ]);
      const chars = lintTf('">= 12"', [['infra/aws/iam.tf', '"aws_iam_account_password_policy.strict/min"']], AWS);
      assert.deepEqual(seen(chars).map((f) => [f.message, f.text]), [['invalid selector "aws_iam_account_password_policy.strict/min": unexpected "/"', '/min']]);
    });

    it('a selector that matches nothing is selector/no-match', () => {
      const result = lintTf('">= 12"', [['infra/aws/iam.tf', 'aws_iam_account_password_policy.strict.minimum_length']], AWS);
      assert.deepEqual(seen(result), [
        inPolicy('selector/no-match', 'aws_iam_account_password_policy.strict.minimum_length selects nothing in infra/aws/iam.tf', '15:13-15:66', 'aws_iam_account_password_policy.strict.minimum_length'),
      ]);
      assert.equal(status(result), 'unknown');
    });

    it('looks in the named file only', () => {
      const result = lintTf('">= 12"', [['infra/aws/logging.tf', 'aws_iam_account_password_policy.strict.minimum_password_length']], AWS);
      assert.deepEqual(seen(result).map((f) => f.rule), ['selector/no-match']);
    });
  });

  describe('re-checking', () => {
    it('lists the module files a Terraform source read, and sees an edited tfvars file', async () => {
      const files = new Map<string, string>(Object.entries({ 'policies/p.md': tfPolicy('">= 400"', [['infra/aws/logging.tf', 'aws_cloudwatch_log_group.vpc_flow.retention_in_days']]), ...AWS }));
      const session = new LintSession({ fs: new MemoryFs(files), root: '/ws', today: '2026-11-22' });
      assert.deepEqual(seen(session.run()), []);
      assert.deepEqual(session.dependents('infra/aws/variables.tf'), ['policies/p.md']);
      assert.deepEqual(session.dependents('infra/aws/terraform.tfvars'), ['policies/p.md']);
      assert.deepEqual(session.dependents('infra/gcp/terraform.tfvars'), []);

      // An editor change arrives in a later turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      files.set('infra/aws/variables.tf', VARIABLES.replace('default     = 400', 'default     = 7'));
      session.update(['infra/aws/variables.tf']);
      assert.deepEqual(seen(session.run()).map((f) => `${f.file} ${f.range} ${f.text}`), ['infra/aws/variables.tf 4:17-4:18 7']);

      await new Promise((resolve) => setImmediate(resolve));
      files.set('infra/aws/terraform.tfvars', 'flow_log_retention_days = 3653\n');
      session.update(['infra/aws/terraform.tfvars']);
      assert.deepEqual(seen(session.run(), 'requirement/drift', 'value/unknown'), []);
    });
  });
});

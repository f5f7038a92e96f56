// Generates a realistic, deterministic Tenet workspace for benchmarks: N Markdown policies with YAML
// front matter and prose, and the configs they govern, in the shapes of samples/soc2 — Terraform
// modules (variables + terraform.tfvars), multi-document Kubernetes manifests, JSON exports of live
// systems, TOML / INI / dotenv app configs, and CSV evidence logs checked with `every` + `evidence`.
//
//   npm run bench:generate -- --policies 1000 --out bench/workspaces/demo [--seed 1]
//
// The same seed and size give the same bytes on every machine. About 5% of requirements drift.
// One config (shared/security-baseline.json) is read by exactly min(100, N) policies, for the editor
// benchmark's shared-config edit; a few org-wide files (the Okta export, the user list, the vendor
// inventory) are read by a few percent of the policies each. The workspace gets `.tenet-bench.json`,
// a manifest the benchmark reads (which file to edit, where, and what the generator planted).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from './prng';

/** Bump when the output changes, so cached workspaces are regenerated. */
export const GENERATOR_VERSION = 4;
export const TODAY = '2026-11-22';
export const MANIFEST = '.tenet-bench.json';
export const SHARED_CONFIG = 'shared/security-baseline.json';
export const SHARED_READERS = 100;

/** Probability that one config location holds a value that violates the policies (tuned for ~5% drift). */
const P_BAD = 0.05;
/** Probability that one evidence series is stale or has a gap. */
const P_BAD_EVIDENCE = 0.06;

export interface GenerateOptions {
  policies: number;
  seed: number;
  out: string;
}

export interface TextEdit {
  file: string;
  /** 0-based, as LSP positions (the text is ASCII, so UTF-16 columns are byte columns). */
  line: number;
  character: number;
  /** The one character there now, and the one that flips the diagnostics. */
  from: string;
  to: string;
}

export interface Manifest {
  generator: number;
  seed: number;
  policies: number;
  today: string;
  files: number;
  bytes: number;
  lines: number;
  configs: Record<string, number>;
  requirements: number;
  /** Requirements the generator made drift (some are covered by an exception). */
  plantedDrift: number;
  plantedExcepted: number;
  shared: { file: string; readers: string[]; edit: TextEdit };
  /** A one-character edit in a policy's `expect` that makes one of its requirements drift (and back). */
  keystroke: TextEdit;
  /** A one-character edit in the prose of the same policy (changes no diagnostic). */
  prose: TextEdit;
  /** Files read by the most policies. */
  mostRead: { file: string; readers: number }[];
}

// ---------------------------------------------------------------------------------------------
// Concepts: what requirements state. Each config file "provides" some concepts at a selector.

interface Concept {
  id: string;
  heading: string;
  says: (ctx: { service: string }) => string;
  /** Lines after `expect:` (one inline value, or an object form indented by two more spaces). */
  expect?: string[];
  /** Evidence concepts: the cadence. */
  every?: string;
  elaboration: string;
}

const CONCEPTS: Concept[] = [
  { id: 'password-min-length', heading: 'Password length', says: () => 'Passwords are at least 12 characters long.', expect: ['">= 12"'], elaboration: 'Passphrases are encouraged, and common or breached passwords are rejected by the identity provider.' },
  { id: 'password-max-age', heading: 'Password expiry', says: () => 'Console passwords expire after at most 90 days.', expect: ['"<= 90"'], elaboration: 'Users are warned two weeks ahead and cannot reuse the expiring password.' },
  { id: 'password-reuse', heading: 'Password reuse', says: () => 'The last 12 passwords of an account cannot be reused.', expect: ['">= 12"'], elaboration: 'Password history is kept by the identity provider and by AWS IAM for console users.' },
  { id: 'lockout-attempts', heading: 'Lockout', says: () => 'An account locks after at most 10 failed sign-in attempts.', expect: ['"<= 10"'], elaboration: 'Locked accounts are unlocked only by the IT service desk after identity verification.' },
  { id: 'session-idle-timeout', heading: 'Idle sessions', says: ({ service }) => `The ${service} service signs a user out after at most 15 minutes of inactivity.`, expect: ['"<= 15"'], elaboration: 'Every session also ends after twelve hours, whatever the activity.' },
  { id: 'log-retention', heading: 'Log retention', says: () => 'Application and security logs are retained for at least 365 days.', expect: ['">= 365"'], elaboration: 'Every log group has an explicit retention setting; none keeps logs forever by accident.' },
  { id: 'tls-min-version', heading: 'Transport security', says: () => 'Connections are encrypted with TLS 1.2 or newer.', expect: ['">= 1.2"'], elaboration: 'Older protocol versions and weak cipher suites are disabled at the load balancer and in the service.' },
  { id: 'https-only', heading: 'HTTPS only', says: ({ service }) => `The ${service} service redirects every plain HTTP request to HTTPS.`, expect: ['true'], elaboration: 'HTTP Strict Transport Security is sent with a one-year max-age.' },
  { id: 'debug-off', heading: 'No debug mode', says: ({ service }) => `Debug mode is off for ${service} in production.`, expect: ['false'], elaboration: 'Stack traces and verbose errors are never returned to clients.' },
  { id: 'replicas', heading: 'Redundancy', says: ({ service }) => `The ${service} deployment runs at least 2 replicas.`, expect: ['">= 2"'], elaboration: 'Replicas are spread across availability zones, so losing a node loses no capacity.' },
  { id: 'run-as-non-root', heading: 'Non-root containers', says: () => 'Containers never run as root.', expect: ['true'], elaboration: 'Images declare a numeric non-root user and the pod security admission level is restricted.' },
  { id: 'no-privilege-escalation', heading: 'No privilege escalation', says: () => 'Containers cannot gain more privileges than their parent process.', expect: ['false'], elaboration: 'All Linux capabilities are dropped unless a reviewed exception adds one back.' },
  { id: 'read-only-root-fs', heading: 'Read-only file systems', says: () => 'Container root file systems are read-only.', expect: ['true'], elaboration: 'Scratch space is an emptyDir volume that is discarded with the pod.' },
  { id: 'db-backup-retention', heading: 'Backup retention', says: () => 'Database backups are kept for at least 14 days.', expect: ['">= 14"'], elaboration: 'Point-in-time recovery is enabled, and monthly snapshots are copied to the backup account.' },
  { id: 'db-encrypted', heading: 'Encrypted databases', says: () => 'Databases are encrypted at rest with a customer-managed key.', expect: ['true'], elaboration: 'Snapshots and read replicas inherit the encryption of their source.' },
  { id: 'db-deletion-protection', heading: 'Deletion protection', says: () => 'Production databases cannot be deleted while deletion protection is on.', expect: ['true'], elaboration: 'Turning it off needs an approved change request.' },
  { id: 'kms-rotation', heading: 'Key rotation', says: () => 'Customer-managed KMS keys rotate automatically every year.', expect: ['true'], elaboration: 'Key policies allow use only by the roles of the owning service.' },
  { id: 's3-encryption', heading: 'Encrypted buckets', says: () => 'Every bucket encrypts objects at rest with a customer-managed KMS key.', expect: ['', '  oneOf: [aws:kms, "aws:kms:dsse"]'], elaboration: 'Bucket policies deny uploads that ask for another kind of encryption.' },
  { id: 'alarm-actions', heading: 'Alarm actions', says: () => 'Alarms notify the on-call engineer; their actions are never disabled.', expect: ['true'], elaboration: 'Alarm notifications go to PagerDuty and to the team channel.' },
  { id: 'unauthorized-api-alarm', heading: 'Unauthorized API calls', says: () => 'At least one alarm fires on unauthorized API calls.', expect: ['', '  count: ">= 1"'], elaboration: 'The alarm follows the CIS AWS Foundations Benchmark metric filter.' },
  { id: 'branch-reviews', heading: 'Reviewed changes', says: () => 'Every change to the main branch has at least 2 approving reviews.', expect: ['">= 2"'], elaboration: 'Stale approvals are dismissed when new commits are pushed.' },
  { id: 'admins-enforced', heading: 'No bypass', says: () => 'Branch protection applies to administrators too.', expect: ['true'], elaboration: 'Emergency changes follow the break-glass procedure and are reviewed afterwards.' },
  { id: 'access-review', heading: 'Access reviews', says: ({ service }) => `User access to ${service} in production is reviewed every quarter.`, every: 'quarterly', elaboration: 'Each review is recorded with its date, reviewer and ticket in the access review log.' },
  { id: 'vuln-scan', heading: 'Vulnerability scanning', says: ({ service }) => `The ${service} production images are scanned for vulnerabilities every month.`, every: 'monthly', elaboration: 'Critical findings are fixed within 15 days and high findings within 30 days.' },
  { id: 'restore-test', heading: 'Restore tests', says: ({ service }) => `A restore of the ${service} primary database is tested twice a year.`, every: 'semiannually', elaboration: 'The test restores the latest snapshot into an isolated account and checks row counts.' },
  { id: 'mfa-enrolled', heading: 'Multi-factor authentication', says: () => 'Every active Okta user has enrolled a second factor.', expect: ['true'], elaboration: 'Phishing-resistant factors are preferred; SMS and voice are disabled for workforce accounts.' },
  { id: 'no-shared-accounts', heading: 'Named accounts', says: () => 'No shared, generic or test accounts exist in the identity provider.', expect: ['', '  noneMatch: "^(admin|shared|root|test)[-.@]"'], elaboration: 'Automation uses dedicated service identities that cannot sign in interactively.' },
  { id: 'vendor-soc-reports', heading: 'Vendor assurance', says: () => "Every active vendor's latest SOC report is less than 12 months old.", expect: ['"within 12 months"'], elaboration: 'When a report lapses, the vendor owner requests a bridge letter within 30 days.' },
  { id: 'org-access-review', heading: 'Identity provider reviews', says: () => 'Access to the Okta tenant is reviewed every quarter.', every: 'quarterly', elaboration: 'The review covers administrators, API tokens and group rules.' },
  { id: 'baseline-password-length', heading: 'Security baseline', says: () => 'The company security baseline requires passwords of at least 12 characters.', expect: ['">= 12"'], elaboration: 'The baseline is owned by Security and applies to every system that stores passwords.' },
];
const CONCEPT = new Map(CONCEPTS.map((c) => [c.id, c]));

interface Domain {
  slug: string;
  title: string;
  team: string;
  controls: string[];
  concepts: string[];
  purpose: string;
}

const DOMAINS: Domain[] = [
  { slug: 'password-authentication', title: 'Password and Authentication', team: '@acme/security', controls: ['CC6.1', 'CC6.2', 'CC6.3'], concepts: ['password-min-length', 'password-max-age', 'password-reuse', 'lockout-attempts', 'session-idle-timeout', 'mfa-enrolled'], purpose: 'sets the minimum strength of the credentials used to reach {service}, so that a guessed, reused or phished password alone is never enough to get in.' },
  { slug: 'access-control', title: 'Access Control', team: '@acme/security', controls: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6'], concepts: ['access-review', 'no-shared-accounts', 'mfa-enrolled', 'session-idle-timeout', 'branch-reviews', 'org-access-review'], purpose: 'grants access to {service} and its data on the principle of least privilege, to named individuals only, and confirms it regularly.' },
  { slug: 'logging-monitoring', title: 'Logging and Monitoring', team: '@acme/platform', controls: ['CC7.1', 'CC7.2', 'CC7.3'], concepts: ['log-retention', 'alarm-actions', 'unauthorized-api-alarm', 'replicas'], purpose: 'makes sure {service} records the events needed to detect and investigate security incidents, and alerts people when something suspicious happens.' },
  { slug: 'encryption', title: 'Encryption', team: '@acme/security', controls: ['CC6.1', 'CC6.7', 'C1.1'], concepts: ['kms-rotation', 's3-encryption', 'db-encrypted', 'tls-min-version', 'https-only'], purpose: 'protects the data {service} stores and transmits with strong, managed encryption, at rest and in transit.' },
  { slug: 'backup-recovery', title: 'Backup and Recovery', team: '@acme/sre', controls: ['A1.2', 'A1.3', 'CC7.5'], concepts: ['db-backup-retention', 'db-deletion-protection', 'restore-test', 'replicas'], purpose: 'makes sure the data of {service} can be restored after a failure, a mistake or an attack, within the recovery objectives agreed with the business.' },
  { slug: 'change-management', title: 'Change Management', team: '@acme/platform', controls: ['CC8.1', 'CC5.2'], concepts: ['branch-reviews', 'admins-enforced', 'debug-off', 'access-review'], purpose: 'makes every change to {service} reviewed, tested and traceable before it reaches production.' },
  { slug: 'container-security', title: 'Container Security', team: '@acme/platform', controls: ['CC6.8', 'CC7.1'], concepts: ['run-as-non-root', 'no-privilege-escalation', 'read-only-root-fs', 'replicas'], purpose: 'hardens the containers that run {service}, so that a compromised process cannot take over its node or its neighbours.' },
  { slug: 'vulnerability-management', title: 'Vulnerability Management', team: '@acme/security', controls: ['CC7.1', 'CC4.1'], concepts: ['vuln-scan', 'no-privilege-escalation', 'tls-min-version', 'debug-off'], purpose: 'finds and fixes known vulnerabilities in {service} before they can be exploited.' },
  { slug: 'vendor-management', title: 'Vendor Management', team: '@acme/procurement', controls: ['CC9.2'], concepts: ['vendor-soc-reports', 'access-review', 'org-access-review'], purpose: 'makes sure the third parties {service} relies on are assessed before they receive data and keep meeting Acme\'s security commitments.' },
  { slug: 'network-security', title: 'Network Security', team: '@acme/platform', controls: ['CC6.6', 'CC6.7'], concepts: ['tls-min-version', 'https-only', 's3-encryption', 'replicas'], purpose: 'limits and protects the network paths into and out of {service}.' },
  { slug: 'data-retention', title: 'Data Retention', team: '@acme/data', controls: ['C1.2', 'P4.2'], concepts: ['log-retention', 'db-backup-retention', 'restore-test'], purpose: 'keeps the records {service} produces for as long as the law and our customers require, and no longer.' },
  { slug: 'incident-response', title: 'Incident Response', team: '@acme/security', controls: ['CC7.3', 'CC7.4', 'CC7.5'], concepts: ['alarm-actions', 'unauthorized-api-alarm', 'log-retention', 'access-review'], purpose: 'makes sure incidents affecting {service} are detected, contained and learned from.' },
];

const GLOBAL_CONCEPTS = new Set(['mfa-enrolled', 'no-shared-accounts', 'vendor-soc-reports', 'org-access-review']);

interface Provide {
  concept: string;
  file: string;
  at: string;
  where?: Record<string, string>;
  bad: boolean;
  /** Numbers the selector reads, when all are numbers (for the keystroke edit). */
  numbers?: number[];
  terraform?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Dates (UTC days, no clock reads).

const DAY_MS = 86_400_000;
const TODAY_DAY = Date.UTC(2026, 10, 22) / DAY_MS;
function iso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Names.

const WORDS = ['billing', 'payments', 'ledger', 'identity', 'search', 'catalog', 'checkout', 'orders', 'inventory', 'shipping', 'notifications', 'reporting', 'analytics', 'gateway', 'accounts', 'profiles', 'pricing', 'invoicing', 'fraud', 'risk', 'onboarding', 'support', 'messaging', 'scheduler', 'exports', 'imports', 'documents', 'media', 'webhooks', 'audit', 'compliance', 'tenants', 'sessions', 'tokens', 'keys', 'secrets', 'metering', 'usage', 'quotas', 'entitlements', 'subscriptions', 'refunds', 'payouts', 'tax', 'currency', 'ledger-sync', 'feature-flags', 'experiments', 'recommendations', 'forecasting'];
const ROLES = ['api', 'worker', 'web', 'service', 'jobs', 'stream', 'batch', 'admin', 'proxy', 'sync'];
const FIRST = ['maria', 'tom', 'priya', 'sam', 'luis', 'emily', 'jordan', 'aisha', 'kenji', 'olga', 'noah', 'fatima', 'li', 'grace', 'omar', 'ines', 'david', 'sofia', 'ravi', 'hannah', 'mateo', 'zoe', 'yusuf', 'clara', 'ben', 'nina', 'arjun', 'lena', 'chris', 'mei'];
const LAST = ['chen', 'okafor', 'raman', 'whitaker', 'ortega', 'novak', 'lee', 'haddad', 'tanaka', 'petrova', 'brown', 'khan', 'wei', 'kim', 'farouk', 'silva', 'cohen', 'rossi', 'patel', 'schmidt', 'garcia', 'martin', 'demir', 'larsen', 'nowak', 'ivanova', 'mehta', 'weber', 'evans', 'zhang'];
const TEAMS = ['@acme/security', '@acme/platform', '@acme/sre', '@acme/data', '@acme/procurement'];

interface Service {
  name: string;
  ident: string;
  account: boolean;
  db: boolean;
  tf: boolean;
  k8s: boolean;
  app: 'toml' | 'ini' | 'env' | undefined;
  exports: ('log-groups' | 'rds' | 'alarms' | 's3' | 'branch-protection')[];
  evidence: ('access-review' | 'vuln-scan' | 'restore-test')[];
  /** The compliant values this service uses everywhere (a config that drifts departs from them). */
  values: { retention: number; idle: number; tls: string; minLen: number; lock: number; backup: number; replicas: number };
  provides: Provide[];
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

function wrap(text: string, width = 100, indent = ''): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? (lines.length === 0 ? word : indent + word) : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function person(rng: Rng): string {
  return `${rng.pick(FIRST)}.${rng.pick(LAST)}@acme.com`;
}

function yamlString(s: string): string {
  return /^[\w./@-][^:#'"{}[\],&*!|>%`]*$/.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------
// Config files. Each renderer returns the text and what it provides.

class Files {
  readonly texts = new Map<string, string>();
  readonly kinds = new Map<string, string>();

  add(file: string, kind: string, text: string): void {
    if (this.texts.has(file)) throw new Error(`generated twice: ${file}`);
    this.texts.set(file, text);
    this.kinds.set(file, kind);
  }
}

function pickBad(rng: Rng): boolean {
  return rng.chance(P_BAD);
}

function renderTerraform(s: Service, rng: Rng, files: Files): void {
  const dir = `infra/${s.name}`;
  const main = `${dir}/main.tf`;
  const id = s.ident;
  const retentionBad = pickBad(rng);
  const retention = retentionBad ? rng.pick([30, 90, 180]) : s.values.retention;
  const backupBad = pickBad(rng);
  const backup = backupBad ? rng.pick([1, 3, 7]) : s.values.backup;
  const minLenBad = pickBad(rng);
  const minLen = minLenBad ? rng.pick([8, 10]) : s.values.minLen;
  const rotationBad = pickBad(rng);
  const encryptedBad = pickBad(rng);
  const deletionBad = pickBad(rng);
  const sseBad = pickBad(rng);
  const actionsBad = pickBad(rng);
  const maxAgeBad = pickBad(rng);
  const reuseBad = pickBad(rng);
  const logGroups = rng.sample(['api', 'worker', 'access', 'audit', 'jobs', 'events'], rng.int(2, 4));
  const alarms = rng.sample(['high_5xx_rate', 'high_latency', 'queue_depth', 'error_budget_burn', 'cpu_saturation'], rng.int(1, 3));

  const v: string[] = [];
  v.push(`# Inputs of the ${s.name} stack. Defaults are the values the policies call for;`);
  v.push(`# terraform.tfvars sets this environment's values.`, '');
  const variable = (name: string, description: string, type: string, value?: string, extra: string[] = []) => {
    v.push(`variable "${name}" {`, `  description = ${JSON.stringify(description)}`, `  type        = ${type}`);
    if (value !== undefined) v.push(`  default     = ${value}`);
    v.push(...extra, '}', '');
  };
  variable('env', 'Environment name, used in resource names and tags.', 'string', '"prod"');
  variable('aws_region', 'Home region of the stack.', 'string', '"us-east-1"');
  variable('log_retention_days', 'Retention of the log groups, in days (Logging and Monitoring Policy: 365).', 'number', '365');
  if (s.db) {
    variable('db_backup_retention_days', 'Automated backup retention of the primary database, in days.', 'number', '14', ['', '  validation {', '    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35', '    error_message = "RDS keeps automated backups for 1 to 35 days."', '  }']);
    variable('db_instance_class', 'Instance class of the primary database.', 'string', '"db.r6g.large"');
  }
  if (s.account) variable('min_password_length', 'Minimum length of IAM console passwords (Password and Authentication Policy: 12).', 'number', '12');
  variable('alarm_topic_arn', 'SNS topic that pages the on-call engineer.', 'string');
  variable('tags', 'Tags applied to every resource.', 'map(string)', undefined, ['  default = {', '    ManagedBy  = "terraform"', '    Repository = "acme-corp/platform"', '  }']);
  files.add(`${dir}/variables.tf`, 'terraform', v.join('\n'));

  const t: string[] = [];
  t.push(`# Values of the ${s.name} production stack. Applied by the deploy-infra workflow after review.`, '');
  t.push(`env        = "prod"`, `aws_region = "${rng.pick(['us-east-1', 'us-west-2', 'eu-west-1'])}"`, '');
  if (retentionBad) t.push(`# Lowered while the log archive migration is in progress (INFRA-${rng.int(100, 999)}).`);
  t.push(`log_retention_days = ${retention}`, '');
  if (s.db) t.push(`db_backup_retention_days = ${backup}`, `db_instance_class        = "${rng.pick(['db.r6g.large', 'db.r6g.xlarge', 'db.m6g.large'])}"`, '');
  if (s.account) t.push(`min_password_length = ${minLen}`, '');
  t.push(`alarm_topic_arn = "arn:aws:sns:us-east-1:${rng.int(100000000000, 999999999999)}:${s.name}-oncall"`, '');
  t.push('tags = {', `  Service     = "${s.name}"`, `  Owner       = "${rng.pick(TEAMS).slice(6)}"`, '  ManagedBy   = "terraform"', '  Repository  = "acme-corp/platform"', '  Environment = "production"', `  CostCenter  = "cc-${rng.int(1000, 9999)}"`, `  DataClass   = "${rng.pick(['confidential', 'internal', 'restricted'])}"`, '}');
  while (t.length < 20) t.push('');
  files.add(`${dir}/terraform.tfvars`, 'terraform', t.join('\n') + '\n');

  const m: string[] = [];
  m.push(`# ${s.name}: encryption keys, log groups, storage${s.db ? ', the primary database' : ''} and alarms.`, '');
  m.push('locals {', `  name               = "acme-\${var.env}-${s.name}"`, '  log_retention_days = var.log_retention_days', '}', '');
  m.push(`resource "aws_kms_key" "${id}" {`, `  description             = "Encrypts ${s.name} data and logs"`, `  enable_key_rotation     = ${!rotationBad}`, '  deletion_window_in_days = 30', '  tags                    = var.tags', '}', '');
  for (const g of logGroups) {
    m.push(`resource "aws_cloudwatch_log_group" "${g}" {`, `  name              = "/acme/\${var.env}/${s.name}/${g}"`, '  retention_in_days = local.log_retention_days', `  kms_key_id        = aws_kms_key.${id}.arn`, '}', '');
  }
  m.push(`resource "aws_s3_bucket" "data" {`, `  bucket = "\${local.name}-data"`, '  tags   = var.tags', '}', '');
  m.push('resource "aws_s3_bucket_versioning" "data" {', '  bucket = aws_s3_bucket.data.id', '  versioning_configuration {', '    status = "Enabled"', '  }', '}', '');
  m.push('resource "aws_s3_bucket_server_side_encryption_configuration" "data" {', '  bucket = aws_s3_bucket.data.id', '', '  rule {', '    apply_server_side_encryption_by_default {', `      sse_algorithm     = "${sseBad ? 'AES256' : 'aws:kms'}"`, `      kms_master_key_id = aws_kms_key.${id}.arn`, '    }', '    bucket_key_enabled = true', '  }', '}', '');
  m.push('resource "aws_s3_bucket_public_access_block" "data" {', '  bucket                  = aws_s3_bucket.data.id', '  block_public_acls       = true', '  block_public_policy     = true', '  ignore_public_acls      = true', '  restrict_public_buckets = true', '}', '');
  if (s.db) {
    m.push('resource "aws_db_instance" "primary" {', `  identifier              = "\${local.name}-primary"`, '  engine                  = "postgres"', '  engine_version          = "16.4"', '  instance_class          = var.db_instance_class', '  allocated_storage       = 200', `  storage_encrypted       = ${!encryptedBad}`, `  kms_key_id              = aws_kms_key.${id}.arn`, '  backup_retention_period = var.db_backup_retention_days', '  backup_window           = "03:00-04:00"', `  deletion_protection     = ${!deletionBad}`, '  multi_az                = true', '  skip_final_snapshot     = false', '  tags                    = var.tags', '}', '');
  }
  if (s.account) {
    m.push('resource "aws_iam_account_password_policy" "strict" {', '  minimum_password_length        = var.min_password_length', '  require_lowercase_characters   = true', '  require_uppercase_characters   = true', '  require_numbers                = true', '  require_symbols                = true', '  allow_users_to_change_password = true', `  max_password_age               = ${maxAgeBad ? 180 : 90}`, `  password_reuse_prevention      = ${reuseBad ? 5 : 24}`, '}', '');
    m.push('resource "aws_cloudwatch_metric_alarm" "unauthorized_api_calls" {', '  alarm_name          = "cis-unauthorized-api-calls"', '  namespace           = "CloudTrailMetrics"', '  metric_name         = "UnauthorizedAPICalls"', '  statistic           = "Sum"', '  period              = 300', '  evaluation_periods  = 1', '  threshold           = 1', '  comparison_operator = "GreaterThanOrEqualToThreshold"', `  actions_enabled     = ${!actionsBad}`, '  alarm_actions       = [var.alarm_topic_arn]', '}', '');
  }
  for (const a of alarms) {
    m.push(`resource "aws_cloudwatch_metric_alarm" "${a}" {`, `  alarm_name          = "\${local.name}-${a.replace(/_/g, '-')}"`, `  namespace           = "Acme/${s.name}"`, `  metric_name         = "${a.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}"`, '  statistic           = "Average"', '  period              = 60', `  evaluation_periods  = ${rng.int(2, 5)}`, `  threshold           = ${rng.int(1, 95)}`, '  comparison_operator = "GreaterThanThreshold"', `  actions_enabled     = ${!(actionsBad && !s.account)}`, '  alarm_actions       = [var.alarm_topic_arn]', '}', '');
  }
  files.add(main, 'terraform', m.join('\n'));

  const tf = { file: main, terraform: true };
  s.provides.push({ ...tf, concept: 'log-retention', at: 'aws_cloudwatch_log_group.*.retention_in_days', bad: retentionBad, numbers: [retention] });
  s.provides.push({ ...tf, concept: 'kms-rotation', at: 'aws_kms_key.*.enable_key_rotation', bad: rotationBad });
  s.provides.push({ ...tf, concept: 's3-encryption', at: 'aws_s3_bucket_server_side_encryption_configuration.data.rule.apply_server_side_encryption_by_default.sse_algorithm', bad: sseBad });
  s.provides.push({ ...tf, concept: 'alarm-actions', at: 'aws_cloudwatch_metric_alarm.*.actions_enabled', bad: actionsBad });
  if (s.db) {
    s.provides.push({ ...tf, concept: 'db-backup-retention', at: 'aws_db_instance.primary.backup_retention_period', bad: backupBad, numbers: [backup] });
    s.provides.push({ ...tf, concept: 'db-encrypted', at: 'aws_db_instance.primary.storage_encrypted', bad: encryptedBad });
    s.provides.push({ ...tf, concept: 'db-deletion-protection', at: 'aws_db_instance.primary.deletion_protection', bad: deletionBad });
  }
  if (s.account) {
    s.provides.push({ ...tf, concept: 'password-min-length', at: 'aws_iam_account_password_policy.strict.minimum_password_length', bad: minLenBad, numbers: [minLen] });
    s.provides.push({ ...tf, concept: 'password-max-age', at: 'aws_iam_account_password_policy.strict.max_password_age', bad: maxAgeBad });
    s.provides.push({ ...tf, concept: 'password-reuse', at: 'aws_iam_account_password_policy.strict.password_reuse_prevention', bad: reuseBad });
    s.provides.push({ ...tf, concept: 'unauthorized-api-alarm', at: 'aws_cloudwatch_metric_alarm.unauthorized_api_calls.metric_name', bad: false });
  }
}

function renderK8s(s: Service, rng: Rng, files: Files): void {
  const file = `k8s/${s.name}/${s.name}.yaml`;
  const replicasBad = pickBad(rng);
  const replicas = replicasBad ? 1 : s.values.replicas;
  const rootBad = pickBad(rng);
  const escalationBad = pickBad(rng);
  const roBad = pickBad(rng);
  const retentionBad = pickBad(rng);
  const retention = retentionBad ? rng.pick([30, 90]) : s.values.retention;
  const idleBad = pickBad(rng);
  const idle = idleBad ? rng.pick([30, 60]) : s.values.idle;
  const tlsBad = pickBad(rng);
  const tls = tlsBad ? '1.1' : s.values.tls;
  const containers = rng.int(1, 2);
  const image = `${rng.int(100000000000, 999999999999)}.dkr.ecr.us-east-1.amazonaws.com/${s.name}`;
  const y: string[] = [];
  y.push(`# ${s.name} on the production EKS cluster (acme-prod). Deployed by Argo CD from this folder.`);
  y.push('apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${s.name}`, '  labels:', '    app.kubernetes.io/part-of: acme', '    pod-security.kubernetes.io/enforce: restricted');
  y.push('---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${s.name}-config`, `  namespace: ${s.name}`, 'data:');
  y.push(`  LOG_RETENTION_DAYS: "${retention}"`, `  SESSION_IDLE_TIMEOUT_MINUTES: "${idle}"`, `  TLS_MIN_VERSION: "${tls}"`, `  LOG_LEVEL: ${rng.pick(['info', 'warn'])}`, `  FEATURE_FLAGS_URL: https://flags.acme.internal/${s.name}`);
  y.push('---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${s.name}`, `  namespace: ${s.name}`, '  labels:', `    app.kubernetes.io/name: ${s.name}`, 'spec:', `  replicas: ${replicas}`, '  revisionHistoryLimit: 5', '  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${s.name}`, '  strategy:', '    rollingUpdate:', '      maxSurge: 1', '      maxUnavailable: 0', '  template:', '    metadata:', '      labels:', `        app.kubernetes.io/name: ${s.name}`, '    spec:', `      serviceAccountName: ${s.name}`, '      securityContext:', `        runAsNonRoot: ${!rootBad}`, `        runAsUser: ${rng.int(1000, 65000)}`, '        seccompProfile:', '          type: RuntimeDefault', '      containers:');
  for (let c = 0; c < containers; c++) {
    const name = c === 0 ? s.name : rng.pick(['envoy', 'otel-collector', 'cloudsql-proxy']);
    y.push(`        - name: ${name}`, `          image: ${c === 0 ? image : `ghcr.io/acme/${name}`}:${rng.int(1, 4)}.${rng.int(0, 30)}.${rng.int(0, 9)}`, '          ports:', `            - containerPort: ${c === 0 ? 8080 : 9000 + c}`, '          envFrom:', '            - configMapRef:', `                name: ${s.name}-config`, '          resources:', '            requests:', `              cpu: ${rng.pick(['100m', '250m', '500m'])}`, `              memory: ${rng.pick(['128Mi', '256Mi', '512Mi'])}`, '            limits:', `              memory: ${rng.pick(['512Mi', '1Gi'])}`, '          securityContext:', `            allowPrivilegeEscalation: ${escalationBad && c === 0}`, `            readOnlyRootFilesystem: ${!(roBad && c === 0)}`, '            capabilities:', '              drop: ["ALL"]');
    if (c === 0) y.push('          readinessProbe:', '            httpGet:', '              path: /healthz', '              port: 8080', '            periodSeconds: 10');
  }
  y.push('---', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${s.name}`, `  namespace: ${s.name}`, 'spec:', '  selector:', `    app.kubernetes.io/name: ${s.name}`, '  ports:', '    - port: 443', '      targetPort: 8080');
  y.push('---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', `  name: ${s.name}`, `  namespace: ${s.name}`, 'spec:', '  minAvailable: 1', '  selector:', '    matchLabels:', `      app.kubernetes.io/name: ${s.name}`);
  files.add(file, 'yaml', y.join('\n') + '\n');
  const dep = "$[?@.kind == 'Deployment']";
  s.provides.push({ concept: 'replicas', file, at: `${dep}.spec.replicas`, bad: replicasBad, numbers: [replicas] });
  s.provides.push({ concept: 'run-as-non-root', file, at: `${dep}.spec.template.spec.securityContext.runAsNonRoot`, bad: rootBad });
  s.provides.push({ concept: 'no-privilege-escalation', file, at: `${dep}.spec.template.spec.containers[*].securityContext.allowPrivilegeEscalation`, bad: escalationBad });
  s.provides.push({ concept: 'read-only-root-fs', file, at: `${dep}.spec.template.spec.containers[*].securityContext.readOnlyRootFilesystem`, bad: roBad });
  const cm = "$[?@.kind == 'ConfigMap'].data";
  s.provides.push({ concept: 'log-retention', file, at: `${cm}.LOG_RETENTION_DAYS`, bad: retentionBad, numbers: [retention] });
  s.provides.push({ concept: 'session-idle-timeout', file, at: `${cm}.SESSION_IDLE_TIMEOUT_MINUTES`, bad: idleBad, numbers: [idle] });
  s.provides.push({ concept: 'tls-min-version', file, at: `${cm}.TLS_MIN_VERSION`, bad: tlsBad });
}

function renderApp(s: Service, rng: Rng, files: Files): void {
  if (!s.app) return;
  const idleBad = pickBad(rng);
  const idle = idleBad ? rng.pick([30, 60]) : s.values.idle;
  const tlsBad = pickBad(rng);
  const tls = tlsBad ? '1.0' : s.values.tls;
  const httpsBad = pickBad(rng);
  const debugBad = pickBad(rng);
  const lockBad = pickBad(rng);
  const lock = lockBad ? rng.pick([20, 50]) : s.values.lock;
  const lenBad = pickBad(rng);
  const len = lenBad ? rng.pick([8, 10]) : s.values.minLen;
  const retBad = pickBad(rng);
  const ret = retBad ? 90 : s.values.retention;
  const port = rng.pick([8080, 8443, 3000]);
  const pool = rng.int(5, 40);
  const host = `${s.name}-prod.cluster-${rng.alnum(12).toLowerCase()}.us-east-1.rds.amazonaws.com`;
  let file: string;
  let text: string;
  const at: Record<string, string> = {};
  if (s.app === 'toml') {
    file = `config/${s.name}/app.toml`;
    text = [
      `# Runtime configuration of ${s.name} in production. Loaded at start-up; secrets come from AWS Secrets Manager.`,
      '', '[app]', `name = "${s.name}"`, 'environment = "production"', `debug = ${debugBad}`, `log_level = "${rng.pick(['info', 'warn'])}"`,
      '', '[server]', `port = ${port}`, `tls_min_version = "${tls}"`, `force_https = ${!httpsBad}`, `hsts_max_age_seconds = 31536000`, `request_timeout_seconds = ${rng.int(10, 60)}`,
      '', '[session]', `idle_timeout_minutes = ${idle}`, 'absolute_timeout_hours = 12', 'cookie_secure = true', 'cookie_same_site = "lax"',
      '', '[auth]', `issuer = "https://acme.okta.com/oauth2/default"`, `client_id = "0oa${rng.alnum(17)}"`, `password_min_length = ${len}`, `lockout_attempts = ${lock}`,
      '', '[logging]', 'format = "json"', `retention_days = ${ret}`, 'redact_fields = ["password", "token", "authorization"]',
      '', '[database]', `host = "${host}"`, 'name = "app"', 'sslmode = "verify-full"', `pool_size = ${pool}`,
      '', '[features]', `rate_limit_per_minute = ${rng.int(60, 600)}`, `audit_log = true`,
    ].join('\n') + '\n';
    Object.assign(at, { idle: '$.session.idle_timeout_minutes', tls: '$.server.tls_min_version', https: '$.server.force_https', debug: '$.app.debug', lock: '$.auth.lockout_attempts', len: '$.auth.password_min_length', ret: '$.logging.retention_days' });
    files.add(file, 'toml', text);
  } else if (s.app === 'ini') {
    file = `config/${s.name}/app.ini`;
    text = [
      `; Runtime configuration of ${s.name} in production (read by the service at start-up).`,
      '; Secrets are not stored here: they come from AWS Secrets Manager.',
      '', '[app]', `name = ${s.name}`, 'environment = production', `debug = ${debugBad ? 'yes' : 'no'}`, `log_level = ${rng.pick(['info', 'warning'])}`,
      '', '[server]', `port = ${port}`, `tls_min_version = ${tls}`, `force_https = ${httpsBad ? 'false' : 'true'}`, `workers = ${rng.int(2, 16)}`,
      '', '[session]', `idle_timeout_minutes = ${idle}`, 'absolute_timeout_hours = 12', 'cookie_secure = true',
      '', '[auth]', `password_min_length = ${len}`, `lockout_attempts = ${lock}`, 'lockout_minutes = 30',
      '', '[logging]', `retention_days = ${ret}`, 'format = json',
      '', '[database]', `host = ${host}`, 'port = 5432', 'sslmode = verify-full', `pool_size = ${pool}`,
    ].join('\n') + '\n';
    Object.assign(at, { idle: '$.session.idle_timeout_minutes', tls: '$.server.tls_min_version', https: '$.server.force_https', debug: '$.app.debug', lock: '$.auth.lockout_attempts', len: '$.auth.password_min_length', ret: '$.logging.retention_days' });
    files.add(file, 'ini', text);
  } else {
    file = `config/${s.name}/.env`;
    text = [
      `# Runtime configuration of ${s.name}, production. Loaded into the ECS task definition by the deploy workflow.`,
      '# No secrets here: DATABASE_PASSWORD and SESSION_SECRET come from AWS Secrets Manager at start-up.',
      '', 'APP_ENV=production', `DEBUG=${debugBad}`, `LOG_LEVEL=${rng.pick(['info', 'warn'])}`, 'LOG_FORMAT=json', `LOG_RETENTION_DAYS=${ret}`, `PORT=${port}`,
      '', '# Sessions', `SESSION_IDLE_TIMEOUT_MINUTES=${idle}`, 'SESSION_ABSOLUTE_TIMEOUT_HOURS=12', 'SESSION_COOKIE_SECURE=true', 'SESSION_COOKIE_SAMESITE=lax',
      '', '# Authentication', `PASSWORD_MIN_LENGTH=${len}`, `LOCKOUT_MAX_ATTEMPTS=${lock}`,
      '', '# Transport security', `TLS_MIN_VERSION=${tls}`, 'HSTS_MAX_AGE_SECONDS=31536000', `FORCE_HTTPS=${!httpsBad}`,
      '', '# Data stores', `DATABASE_HOST=${host}`, 'DATABASE_NAME=app', 'DATABASE_SSLMODE=verify-full', `DATABASE_POOL_SIZE=${pool}`,
      `REDIS_URL=rediss://${s.name}-sessions.${rng.alnum(6).toLowerCase()}.use1.cache.amazonaws.com:6379`,
    ].join('\n') + '\n';
    Object.assign(at, { idle: '$.SESSION_IDLE_TIMEOUT_MINUTES', tls: '$.TLS_MIN_VERSION', https: '$.FORCE_HTTPS', debug: '$.DEBUG', lock: '$.LOCKOUT_MAX_ATTEMPTS', len: '$.PASSWORD_MIN_LENGTH', ret: '$.LOG_RETENTION_DAYS' });
    files.add(file, 'dotenv', text);
  }
  s.provides.push({ concept: 'session-idle-timeout', file, at: at.idle, bad: idleBad, numbers: [idle] });
  s.provides.push({ concept: 'tls-min-version', file, at: at.tls, bad: tlsBad });
  s.provides.push({ concept: 'https-only', file, at: at.https, bad: httpsBad });
  s.provides.push({ concept: 'debug-off', file, at: at.debug, bad: debugBad });
  s.provides.push({ concept: 'lockout-attempts', file, at: at.lock, bad: lockBad, numbers: [lock] });
  s.provides.push({ concept: 'password-min-length', file, at: at.len, bad: lenBad, numbers: [len] });
  s.provides.push({ concept: 'log-retention', file, at: at.ret, bad: retBad, numbers: [ret] });
}

function renderExports(s: Service, rng: Rng, files: Files): void {
  const account = rng.int(100000000000, 999999999999);
  for (const kind of s.exports) {
    if (kind === 'log-groups') {
      const file = `cloud/${s.name}/log-groups.json`;
      const count = rng.int(3, 8);
      const bad = pickBad(rng);
      const groups: object[] = [];
      const values: number[] = [];
      for (let i = 0; i < count; i++) {
        const name = i === 0 && bad ? `/aws/lambda/acme-prod-${s.name}-hook` : `/acme/prod/${s.name}/${['api', 'worker', 'access', 'audit', 'jobs', 'events', 'cron', 'batch'][i]}`;
        const retention = i === 0 && bad ? 90 : i === count - 1 && rng.chance(0.3) ? 731 : s.values.retention;
        values.push(retention);
        groups.push({ logGroupName: name, creationTime: 1700000000000 + rng.int(0, 50000000000), retentionInDays: retention, metricFilterCount: rng.int(0, 3), arn: `arn:aws:logs:us-east-1:${account}:log-group:${name}:*`, storedBytes: rng.int(1000, 90000000000), kmsKeyId: `arn:aws:kms:us-east-1:${account}:key/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}` });
      }
      files.add(file, 'json', JSON.stringify({ logGroups: groups }, null, 2) + '\n');
      s.provides.push({ concept: 'log-retention', file, at: '$.logGroups[*].retentionInDays', bad, numbers: values });
    } else if (kind === 'rds') {
      const file = `cloud/${s.name}/rds-instances.json`;
      const backupBad = pickBad(rng);
      const encBad = pickBad(rng);
      const delBad = pickBad(rng);
      const backup = backupBad ? 3 : s.values.backup;
      const instance = {
        DBInstanceIdentifier: `acme-prod-${s.name}-primary`, DBInstanceClass: 'db.r6g.large', Engine: 'postgres', EngineVersion: '16.4', DBInstanceStatus: 'available', MasterUsername: 'app_admin',
        Endpoint: { Address: `acme-prod-${s.name}-primary.${rng.alnum(12).toLowerCase()}.us-east-1.rds.amazonaws.com`, Port: 5432, HostedZoneId: `Z${rng.alnum(13).toUpperCase()}` },
        AllocatedStorage: 200, PreferredBackupWindow: '03:00-04:00', BackupRetentionPeriod: backup, MultiAZ: true, AutoMinorVersionUpgrade: true, PubliclyAccessible: false,
        StorageType: 'gp3', StorageEncrypted: !encBad, KmsKeyId: `arn:aws:kms:us-east-1:${account}:key/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
        DbiResourceId: `db-${rng.alnum(26).toUpperCase()}`, CACertificateIdentifier: 'rds-ca-rsa2048-g1', DeletionProtection: !delBad, IAMDatabaseAuthenticationEnabled: true,
        PerformanceInsightsEnabled: true, EnabledCloudwatchLogsExports: ['postgresql', 'upgrade'], CopyTagsToSnapshot: true,
        TagList: [{ Key: 'Service', Value: s.name }, { Key: 'Environment', Value: 'production' }],
      };
      files.add(file, 'json', JSON.stringify({ DBInstances: [instance] }, null, 2) + '\n');
      s.provides.push({ concept: 'db-backup-retention', file, at: '$.DBInstances[*].BackupRetentionPeriod', bad: backupBad, numbers: [backup] });
      s.provides.push({ concept: 'db-encrypted', file, at: '$.DBInstances[*].StorageEncrypted', bad: encBad });
      s.provides.push({ concept: 'db-deletion-protection', file, at: '$.DBInstances[*].DeletionProtection', bad: delBad });
    } else if (kind === 'alarms') {
      const file = `cloud/${s.name}/alarms.json`;
      const bad = pickBad(rng);
      const alarms: object[] = [];
      const names = s.account ? ['UnauthorizedAPICalls', 'RootAccountUsage'] : [];
      names.push(...rng.sample(['High5xxRate', 'HighLatency', 'QueueDepth', 'ErrorBudgetBurn'], rng.int(1, 3)));
      names.forEach((metric, i) => {
        const cis = metric === 'UnauthorizedAPICalls' || metric === 'RootAccountUsage';
        alarms.push({ AlarmName: `${cis ? 'cis' : s.name}-${metric.replace(/([a-z])([A-Z0-9])/g, '$1-$2').toLowerCase()}`, AlarmArn: `arn:aws:cloudwatch:us-east-1:${account}:alarm:${s.name}-${i}`, ActionsEnabled: !(bad && i === names.length - 1), AlarmActions: [`arn:aws:sns:us-east-1:${account}:${s.name}-oncall`], MetricName: metric, Namespace: cis ? 'CloudTrailMetrics' : `Acme/${s.name}`, Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', StateValue: 'OK' });
      });
      files.add(file, 'json', JSON.stringify({ MetricAlarms: alarms }, null, 2) + '\n');
      s.provides.push({ concept: 'alarm-actions', file, at: '$.MetricAlarms[*].ActionsEnabled', bad });
      if (s.account) s.provides.push({ concept: 'unauthorized-api-alarm', file, at: "$.MetricAlarms[?@.MetricName == 'UnauthorizedAPICalls'].AlarmName", bad: false });
    } else if (kind === 's3') {
      const file = `cloud/${s.name}/s3-encryption.json`;
      const bad = pickBad(rng);
      const buckets = ['data', 'exports', 'uploads', 'backups'].slice(0, rng.int(2, 4)).map((b, i) => ({
        Name: `acme-prod-${s.name}-${b}`,
        CreationDate: `${rng.int(2019, 2025)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}T10:00:00.000Z`,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: bad && i === 0 ? 'AES256' : 'aws:kms', KMSMasterKeyID: `arn:aws:kms:us-east-1:${account}:alias/${s.name}` }, BucketKeyEnabled: true }] },
        Versioning: { Status: 'Enabled' },
        PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }));
      files.add(file, 'json', JSON.stringify({ Buckets: buckets }, null, 2) + '\n');
      s.provides.push({ concept: 's3-encryption', file, at: '$.Buckets[*].ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm', bad });
    } else {
      const file = `github/${s.name}-branch-protection.json`;
      const reviewsBad = pickBad(rng);
      const adminsBad = pickBad(rng);
      const reviews = reviewsBad ? 1 : rng.chance(0.8) ? 2 : 3;
      const base = `https://api.github.com/repos/acme-corp/${s.name}/branches/main/protection`;
      const doc = {
        url: base,
        required_status_checks: { url: `${base}/required_status_checks`, strict: true, contexts: ['build', 'test', 'lint'], checks: [{ context: 'build', app_id: 15368 }, { context: 'test', app_id: 15368 }, { context: 'lint', app_id: 15368 }] },
        required_pull_request_reviews: { url: `${base}/required_pull_request_reviews`, dismiss_stale_reviews: true, require_code_owner_reviews: true, required_approving_review_count: reviews, require_last_push_approval: true },
        required_signatures: { url: `${base}/required_signatures`, enabled: true },
        enforce_admins: { url: `${base}/enforce_admins`, enabled: !adminsBad },
        required_linear_history: { enabled: true },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: false },
        required_conversation_resolution: { enabled: true },
      };
      files.add(file, 'json', JSON.stringify(doc, null, 2) + '\n');
      s.provides.push({ concept: 'branch-reviews', file, at: '$.required_pull_request_reviews.required_approving_review_count', bad: reviewsBad, numbers: [reviews] });
      s.provides.push({ concept: 'admins-enforced', file, at: '$.enforce_admins.enabled', bad: adminsBad });
    }
  }
}

/** Dates of a recurring activity, oldest first: steps below one cadence, unless this series is bad. */
function series(rng: Rng, cadenceDays: number, historyDays: number, bad: boolean): number[] {
  const days: number[] = [];
  const stale = bad && rng.chance(0.5);
  let day = TODAY_DAY - (stale ? rng.int(cadenceDays + 10, cadenceDays + 60) : rng.int(3, Math.floor(cadenceDays * 0.6)));
  const gapAt = bad && !stale ? rng.int(1, 2) : -1;
  for (let i = 0; day > TODAY_DAY - historyDays; i++) {
    days.push(day);
    day -= i === gapAt ? rng.int(cadenceDays + 25, cadenceDays + 60) : rng.int(Math.floor(cadenceDays * 0.75), Math.floor(cadenceDays * 0.95));
  }
  return days.reverse();
}

function renderEvidence(s: Service, rng: Rng, files: Files): void {
  for (const kind of s.evidence) {
    if (kind === 'access-review') {
      const file = `evidence/${s.name}/access-reviews.csv`;
      const bad = rng.chance(P_BAD_EVIDENCE);
      const rows: [number, string][] = [];
      for (const system of ['production', 'staging', `${s.name}-admin`]) {
        for (const day of series(rng, 91, 800, system === 'production' && bad)) rows.push([day, system]);
      }
      rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
      const lines = ['completed_on,system,period,reviewer,ticket,accounts_reviewed,accounts_revoked,notes'];
      for (const [day, system] of rows) {
        const d = iso(day);
        lines.push(`${d},${system},${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1},${person(rng)},SEC-${rng.int(100, 9999)},${rng.int(4, 40)},${rng.int(0, 3)},${rng.chance(0.1) ? 'Catch-up review' : ''}`);
      }
      files.add(file, 'csv', lines.join('\n') + '\n');
      s.provides.push({ concept: 'access-review', file, at: 'completed_on', where: { system: 'production' }, bad });
    } else if (kind === 'vuln-scan') {
      const file = `evidence/${s.name}/vulnerability-scans.csv`;
      const bad = rng.chance(P_BAD_EVIDENCE);
      const rows: [number, string][] = [];
      for (const env of ['production', 'staging']) for (const day of series(rng, 30, 420, env === 'production' && bad)) rows.push([day, env]);
      rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
      const lines = ['scanned_on,environment,scanner,image,critical,high,medium,low,report'];
      for (const [day, env] of rows) lines.push(`${iso(day)},${env},${rng.pick(['trivy', 'inspector'])},${s.name}:${rng.int(1, 9)}.${rng.int(0, 40)}.${rng.int(0, 9)},0,${rng.int(0, 3)},${rng.int(0, 20)},${rng.int(0, 60)},s3://acme-scan-reports/${s.name}/${iso(day)}.json`);
      files.add(file, 'csv', lines.join('\n') + '\n');
      s.provides.push({ concept: 'vuln-scan', file, at: 'scanned_on', where: { environment: 'production' }, bad });
    } else {
      const file = `evidence/${s.name}/restore-tests.csv`;
      const bad = rng.chance(P_BAD_EVIDENCE);
      const rows: [number, string][] = [];
      for (const db of [`${s.name}-primary`, `${s.name}-analytics`, `${s.name}-archive`]) for (const day of series(rng, 182, 1500, db.endsWith('-primary') && bad)) rows.push([day, db]);
      rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
      const lines = ['tested_on,database,snapshot,restore_minutes,rows_checked,result,tester'];
      for (const [day, db] of rows) lines.push(`${iso(day)},${db},rds:${db}-${iso(day)},${rng.int(12, 95)},${rng.int(10000, 9000000)},passed,${person(rng)}`);
      files.add(file, 'csv', lines.join('\n') + '\n');
      s.provides.push({ concept: 'restore-test', file, at: 'tested_on', where: { database: `${s.name}-primary` }, bad });
    }
  }
}

function renderGlobals(rng: Rng, files: Files): Provide[] {
  const out: Provide[] = [];
  // Organization-wide Okta password policy (an API export).
  const okta = 'idp/okta-password-policy.json';
  const policy = {
    id: `00p${rng.alnum(17)}`, status: 'ACTIVE', name: 'Default Policy', description: 'The default policy applies in all situations if no other policy applies.', priority: 1, system: true,
    conditions: { people: { groups: { include: [`00g${rng.alnum(17)}`] } }, authProvider: { provider: 'OKTA' } },
    created: '2021-02-08T17:41:09.000Z', lastUpdated: '2026-05-13T09:22:51.000Z',
    settings: {
      password: {
        complexity: { minLength: 14, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: ['firstName', 'lastName'], dictionary: { common: { exclude: true } } },
        age: { maxAgeDays: 90, expireWarnDays: 14, minAgeMinutes: 60, historyCount: 24 },
        lockout: { maxAttempts: 10, autoUnlockMinutes: 0, userLockoutNotificationChannels: ['EMAIL'], showLockoutFailures: false },
      },
      recovery: { factors: { recovery_question: { status: 'INACTIVE' }, okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } }, okta_sms: { status: 'INACTIVE' }, okta_call: { status: 'INACTIVE' } } },
      delegation: { options: { skipUnlock: false } },
    },
    type: 'PASSWORD',
  };
  files.add(okta, 'json', JSON.stringify(policy, null, 2) + '\n');
  out.push({ concept: 'password-min-length', file: okta, at: '$.settings.password.complexity.minLength', bad: false, numbers: [14] });
  out.push({ concept: 'password-max-age', file: okta, at: '$.settings.password.age.maxAgeDays', bad: false });
  out.push({ concept: 'password-reuse', file: okta, at: '$.settings.password.age.historyCount', bad: false });
  out.push({ concept: 'lockout-attempts', file: okta, at: '$.settings.password.lockout.maxAttempts', bad: false });

  // The Okta user report.
  const users = 'idp/okta-users.csv';
  const u = ['login,email,first_name,last_name,status,created,last_login,mfa_enrolled'];
  const seen = new Set<string>();
  while (u.length < 140) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const login = `${first}.${last}`;
    if (seen.has(login)) continue;
    seen.add(login);
    const status = rng.chance(0.9) ? 'ACTIVE' : rng.pick(['SUSPENDED', 'DEPROVISIONED']);
    u.push(`${login}@acme.com,${login}@acme.com,${first[0].toUpperCase()}${first.slice(1)},${last[0].toUpperCase()}${last.slice(1)},${status},${iso(TODAY_DAY - rng.int(60, 2000))},${iso(TODAY_DAY - rng.int(0, 50))},${status === 'ACTIVE' ? 'true' : rng.pick(['true', 'false'])}`);
  }
  files.add(users, 'csv', u.join('\n') + '\n');
  out.push({ concept: 'mfa-enrolled', file: users, at: 'mfa_enrolled', where: { status: 'ACTIVE' }, bad: false });
  out.push({ concept: 'no-shared-accounts', file: users, at: 'email', bad: false });

  // Vendor inventory.
  const vendors = 'vendors/vendors.yaml';
  const v = ["# Acme vendor inventory: every third party that stores, processes or can reach customer data.", '# soc2_report_date is the end of the period covered by the latest SOC 2 Type II report.', 'vendors:'];
  const names = ['Amazon Web Services', 'Okta', 'GitHub', 'Datadog', 'Brightwave Analytics', 'Gusto', 'Slack', 'Atlassian', 'PagerDuty', 'Snowflake', 'Stripe', 'Zendesk', 'Cloudflare', 'Google Workspace'];
  for (const name of names) {
    v.push(`  - name: ${name}`, `    service: ${rng.pick(['Hosting', 'Identity', 'Source code hosting and CI', 'Monitoring', 'Analytics', 'Payroll', 'Chat', 'Ticketing', 'On-call paging', 'Data warehouse', 'Payments', 'Support desk', 'CDN and WAF', 'Email and documents'])}`, `    risk_tier: ${rng.pick(['critical', 'high', 'low'])}`, `    data_access: ${rng.pick(['customer-data', 'employee-data', 'source-code', 'customer-metadata'])}`, '    status: active', `    owner: ${person(rng)}`, '    soc2_report_type: Type II', `    soc2_report_date: ${iso(TODAY_DAY - rng.int(30, 300))}`, `    contract_renewal: ${iso(TODAY_DAY + rng.int(30, 400))}`, '');
  }
  v.push('  - name: Pollwise Surveys', '    service: Customer survey forms', '    risk_tier: low', '    data_access: customer-contact', '    status: terminated', '    owner: jordan.lee@acme.com', '    soc2_report_type: Type I', '    soc2_report_date: 2023-11-30', '    terminated_on: 2025-04-30');
  files.add(vendors, 'yaml', v.join('\n') + '\n');
  out.push({ concept: 'vendor-soc-reports', file: vendors, at: "$.vendors[?@.status == 'active'].soc2_report_date", bad: false });

  // Organization access reviews (Okta, GitHub).
  const reviews = 'evidence/access-reviews.csv';
  const rows: [number, string][] = [];
  for (const system of ['okta', 'github', 'aws-sso']) for (const day of series(rng, 91, 900, false)) rows.push([day, system]);
  rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  const r = ['completed_on,system,period,reviewer,ticket,accounts_reviewed,accounts_revoked,notes'];
  for (const [day, system] of rows) r.push(`${iso(day)},${system},${iso(day).slice(0, 4)},${person(rng)},SEC-${rng.int(100, 9999)},${rng.int(8, 140)},${rng.int(0, 4)},`);
  files.add(reviews, 'csv', r.join('\n') + '\n');
  out.push({ concept: 'org-access-review', file: reviews, at: 'completed_on', where: { system: 'okta' }, bad: false });

  // The security baseline every team's password settings are compared with (read by exactly 100 policies).
  const baseline = {
    $comment: 'Acme security baseline v4. Owned by Security; changes need CISO approval (SEC-1200).',
    version: '4.2.0',
    updated: '2026-09-30',
    password: { minLength: 14, maxAgeDays: 90, historyCount: 24, lockoutAttempts: 10, requireMfa: true },
    session: { idleTimeoutMinutes: 15, absoluteTimeoutHours: 12 },
    transport: { tlsMinVersion: '1.2', hstsMaxAgeSeconds: 31536000, forceHttps: true },
    logging: { retentionDays: 365, immutableArchive: true },
    backups: { retentionDays: 14, restoreTestEvery: 'semiannually', crossAccountCopy: true },
    encryption: { atRest: 'aws:kms', keyRotation: true },
    containers: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, minReplicas: 2 },
    reviews: { accessReviewEvery: 'quarterly', policyReviewEvery: 'annually', vulnerabilityScanEvery: 'monthly' },
  };
  files.add(SHARED_CONFIG, 'json', JSON.stringify(baseline, null, 2) + '\n');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Policies.

interface PlannedRequirement {
  concept: Concept;
  sources: Provide[];
  evidence?: Provide;
  drift: boolean;
  excepted: boolean;
}

const EXTRA_STATEMENTS = [
  'Configuration is declared as code and changed only through reviewed pull requests.',
  'Deviations found by automated checks are tracked as security findings with a 30-day fix target.',
  'The service owner confirms at each quarterly review that this policy still matches the architecture.',
  'Secrets are never stored in source code, images or configuration files; they come from AWS Secrets Manager.',
  'Production data is never copied to development or test environments.',
  'Changes that weaken a control described here need the approval of the Head of Security.',
  'Third-party components are pinned to reviewed versions and updated at least monthly.',
  'Monitoring covers every production environment, including disaster recovery regions.',
];
const SCOPE_LINES = [
  'This policy covers the production environment of {service}: its AWS resources, its containers on the production EKS cluster, and the configuration it loads at start-up.',
  'It applies to everyone who builds, deploys or operates {service}, employees and contractors alike, and to the automation that acts on their behalf.',
  'Staging and development environments follow it where they hold production-like data; customer-managed deployments are covered by the Product Security Standard instead.',
];
const ROLE_LINES = [
  '- **{team}** owns this policy, keeps it current, and reviews it at least once a year.',
  '- **The {service} service owner** keeps the service configuration in line with this policy and fixes drift within 30 days.',
  '- **Platform Engineering** maintains the shared Terraform modules and cluster defaults that implement most of these controls.',
  '- **Security** monitors compliance, triages findings and approves exceptions.',
  '- **Internal Audit** samples the evidence referenced here during the annual SOC 2 audit.',
];
const ENFORCEMENT = 'Settings are enforced technically where the platform allows it, and verified continuously by Tenet against both the Terraform that declares them and the configuration exported from the live systems. Violations of this policy may result in revoked access and disciplinary action up to and including termination of employment or contract.';
const EXCEPTIONS = 'Exceptions are requested through a Security ticket, approved by the CISO, and expire after at most six months. Open exceptions are listed in this file\'s front matter with their expiry date.';

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}

function renderPolicy(
  rng: Rng,
  id: string,
  domain: Domain,
  service: Service,
  owner: string,
  requirements: PlannedRequirement[],
  reviewLast: number,
): string {
  const vars = { service: service.name, team: owner };
  const title = `${domain.title} Policy — ${service.name}`;
  const fm: string[] = ['---', `policy: ${id}`, `title: ${yamlString(title)}`, `owner: "${owner}"`, `approvers: ["@acme/ciso"${rng.chance(0.3) ? ', "@acme/cto"' : ''}]`, `version: ${rng.int(1, 4)}.${rng.int(0, 9)}.${rng.int(0, 9)}`, `effective: ${iso(reviewLast + rng.int(3, 10))}`, 'review:', '  every: annually', `  last: ${iso(reviewLast)}`];
  const controls = rng.sample(domain.controls, rng.int(1, Math.min(3, domain.controls.length)));
  fm.push(`controls: [${controls.join(', ')}]`, 'requirements:');
  const exceptions: string[] = [];
  for (const r of requirements) {
    fm.push(`  ${r.concept.id}:`, `    says: ${yamlString(r.concept.says(vars))}`);
    if (r.evidence) {
      fm.push(`    every: ${r.concept.every}`, '    evidence:', `      file: ${r.evidence.file}`, `      at: ${r.evidence.at}`);
      if (r.evidence.where) fm.push(`      where: { ${Object.entries(r.evidence.where).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
    } else {
      const [first, ...rest] = r.concept.expect!;
      fm.push(`    expect:${first === '' ? '' : ` ${first}`}`, ...rest.map((l) => `    ${l}`), '    in:');
      for (const s of r.sources) {
        fm.push(`      - file: ${s.file}`, `        at: ${s.at.startsWith('$') ? JSON.stringify(s.at) : s.at}`);
        if (s.where) fm.push(`        where: { ${Object.entries(s.where).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
      }
    }
    if (r.excepted) {
      const bad = (r.evidence ? [r.evidence] : r.sources).find((s) => s.bad)!;
      exceptions.push('  - requirement: ' + r.concept.id, `    file: ${bad.file}`, `    reason: Migration tracked in SEC-${rng.int(100, 9999)}; the old value stays until the next maintenance window.`, '    approved-by: "@acme/ciso"', `    expires: ${iso(TODAY_DAY + rng.int(20, 170))}`);
    }
  }
  if (exceptions.length > 0) fm.push('exceptions:', ...exceptions);
  fm.push('---');

  const body: string[] = ['', `# ${title}`, '', '## Purpose', ''];
  body.push(...wrap(`This policy ${fill(domain.purpose, vars)}`));
  body.push('', '## Scope', '');
  for (const line of rng.sample(SCOPE_LINES, rng.int(1, 2))) body.push(...wrap(fill(line, vars)), '');
  body.push('## Policy statements', '');
  let n = 1;
  for (const r of requirements) body.push(...wrap(`${n++}. **${r.concept.heading}.** ${r.concept.says(vars)} ${r.concept.elaboration}`, 100, '   '));
  for (const extra of rng.sample(EXTRA_STATEMENTS, rng.int(1, 3))) body.push(...wrap(`${n++}. ${extra}`, 100, '   '));
  body.push('', '## Roles and responsibilities', '');
  body.push(...rng.sample(ROLE_LINES, rng.int(3, 5)).map((l) => fill(l, vars)));
  body.push('', '## Exceptions', '', ...wrap(EXCEPTIONS), '', '## Enforcement', '', ...wrap(ENFORCEMENT));
  // Prose bodies of 30-60 lines, like the samples: pad with further statements when short.
  const target = rng.int(32, 58);
  let pad = 0;
  while (body.length < target) {
    const extra = EXTRA_STATEMENTS[pad++ % EXTRA_STATEMENTS.length];
    body.push('', ...wrap(`In particular for ${service.name}: ${extra.charAt(0).toLowerCase()}${extra.slice(1)}`));
  }
  return [...fm, ...body].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

export interface Generated {
  files: Map<string, string>;
  manifest: Manifest;
}

export function generate(policies: number, seed: number): Generated {
  if (!Number.isInteger(policies) || policies < 1) throw new Error(`--policies must be a positive integer, got ${policies}`);
  const root = new Rng(seed);
  const files = new Files();

  // Services: about one per 3.5 policies, each with its own mix of config formats.
  const serviceCount = Math.max(3, Math.round(policies / 3.5));
  const svcRng = root.fork(1);
  const services: Service[] = [];
  const used = new Set<string>();
  const appFormats = ['toml', 'ini', 'env'] as const;
  for (let i = 0; i < serviceCount; i++) {
    let name = `${WORDS[i % WORDS.length]}-${ROLES[Math.floor(i / WORDS.length) % ROLES.length]}`;
    const round = Math.floor(i / (WORDS.length * ROLES.length));
    if (round > 0) name += `-${round + 1}`;
    if (used.has(name)) throw new Error(`duplicate service ${name}`);
    used.add(name);
    const db = svcRng.chance(0.6);
    const exportsPool: Service['exports'] = ['log-groups', 'alarms', 's3', 'branch-protection'];
    if (db) exportsPool.push('rds');
    const evidence: Service['evidence'] = ['access-review'];
    if (svcRng.chance(0.5)) evidence.push('vuln-scan');
    if (db && svcRng.chance(0.5)) evidence.push('restore-test');
    services.push({
      name,
      ident: name.replace(/-/g, '_'),
      account: svcRng.chance(0.3),
      db,
      tf: svcRng.chance(0.85),
      k8s: svcRng.chance(0.75),
      app: svcRng.chance(0.85) ? appFormats[i % 3] : undefined,
      exports: svcRng.sample(exportsPool, svcRng.int(1, 3)),
      evidence: svcRng.sample(evidence, svcRng.int(1, evidence.length)),
      values: {
        retention: svcRng.chance(0.85) ? 365 : 400,
        idle: svcRng.chance(0.75) ? 15 : 10,
        tls: svcRng.chance(0.85) ? '1.2' : '1.3',
        minLen: svcRng.chance(0.75) ? 12 : 14,
        lock: svcRng.chance(0.7) ? 10 : 5,
        backup: svcRng.chance(0.6) ? 14 : 30,
        replicas: svcRng.chance(0.6) ? 2 : 3,
      },
      provides: [],
    });
  }
  const cfgRng = root.fork(2);
  for (const s of services) {
    const r = cfgRng.fork(services.indexOf(s));
    if (s.tf) renderTerraform(s, r, files);
    if (s.k8s) renderK8s(s, r, files);
    renderApp(s, r, files);
    renderExports(s, r, files);
    renderEvidence(s, r, files);
  }
  const globals = renderGlobals(root.fork(3), files);

  // Policies.
  const polRng = root.fork(4);
  const keystrokeIndex = Math.floor(policies / 2);
  const sharedCount = Math.min(SHARED_READERS, policies - 1 >= 1 ? policies - 1 : policies);
  const sharedReaders = new Set(polRng.sample([...Array(policies).keys()].filter((i) => i !== keystrokeIndex || policies === 1), sharedCount));
  const ids = new Set<string>();
  const policyFiles: string[] = [];
  const readers = new Map<string, Set<string>>();
  let requirementCount = 0;
  let plantedDrift = 0;
  let plantedExcepted = 0;
  let keystrokePlan: { file: string; concept: string } | undefined;
  const serviceOrder = polRng.shuffle(services);
  for (let i = 0; i < policies; i++) {
    const r = polRng.fork(i);
    const service = serviceOrder[i % serviceOrder.length];
    const secondary = r.chance(0.3) ? r.pick(services) : undefined;
    const available = [...service.provides, ...(secondary && secondary !== service ? secondary.provides : [])];
    const byConcept = new Map<string, Provide[]>();
    for (const p of available) byConcept.set(p.concept, [...(byConcept.get(p.concept) ?? []), p]);
    const globalBy = new Map<string, Provide[]>();
    for (const p of globals) globalBy.set(p.concept, [...(globalBy.get(p.concept) ?? []), p]);

    // A domain whose concepts this service can show; most domains fit most services.
    const fitting = DOMAINS.filter((d) => d.concepts.some((c) => byConcept.has(c) || GLOBAL_CONCEPTS.has(c)));
    const domain = r.pick(fitting.length > 0 ? fitting : DOMAINS);
    let id = `${domain.slug}-${service.name}`;
    for (let k = 2; ids.has(id); k++) id = `${domain.slug}-${service.name}-${k}`;
    ids.add(id);
    const file = `policies/${domain.slug}/${id}.md`;

    const want = r.int(3, 6);
    const chosen: string[] = [];
    const candidates = (list: string[]) => r.shuffle(list.filter((c) => !chosen.includes(c) && (byConcept.has(c) || (GLOBAL_CONCEPTS.has(c) && globalBy.has(c)))));
    const fitOrder = [...candidates(domain.concepts.filter((c) => byConcept.has(c))), ...candidates(domain.concepts.filter((c) => !byConcept.has(c)))];
    for (const c of fitOrder) if (chosen.length < want && (byConcept.has(c) || r.chance(0.35))) chosen.push(c);
    const others = CONCEPTS.map((c) => c.id).filter((c) => c !== 'baseline-password-length' && !GLOBAL_CONCEPTS.has(c));
    for (const c of candidates(others)) if (chosen.length < want) chosen.push(c);
    if (chosen.length < 3) for (const c of candidates([...GLOBAL_CONCEPTS])) if (chosen.length < 3) chosen.push(c);
    if (sharedReaders.has(i)) {
      if (chosen.length >= 6) chosen.pop();
      chosen.splice(r.int(0, chosen.length), 0, 'baseline-password-length');
    }

    const planned: PlannedRequirement[] = [];
    for (const c of chosen) {
      const concept = CONCEPT.get(c)!;
      let pool: Provide[];
      if (c === 'baseline-password-length') pool = [{ concept: c, file: SHARED_CONFIG, at: '$.password.minLength', bad: false, numbers: [14] }];
      else {
        pool = [...(byConcept.get(c) ?? [])];
        // Org-wide files are read now and then besides a service's own.
        for (const g of globalBy.get(c) ?? []) if (pool.length === 0 || r.chance(0.12)) pool.push(g);
      }
      if (concept.every) {
        const evidence = r.pick(pool);
        const excepted = evidence.bad && r.chance(0.15);
        planned.push({ concept, sources: [], evidence, drift: evidence.bad, excepted });
      } else {
        const sources = r.sample(pool, r.int(1, Math.min(3, pool.length)));
        const drift = sources.some((s) => s.bad);
        planned.push({ concept, sources, drift, excepted: drift && r.chance(0.15) });
      }
    }
    // The keystroke target: a requirement with a numeric ">=" whose values are all known numbers.
    if (i === keystrokeIndex) {
      const target = planned.find((p) => !p.drift && !p.evidence && p.concept.expect?.[0]?.startsWith('">=') && p.sources.every((s) => !s.terraform && s.numbers !== undefined));
      if (target) keystrokePlan = { file, concept: target.concept.id };
      else {
        // Guarantee one: the Okta minimum length (an org-wide JSON export) is always readable.
        const concept = CONCEPT.get('password-min-length')!;
        const okta = globals.find((g) => g.concept === 'password-min-length')!;
        const existing = planned.findIndex((p) => p.concept.id === concept.id);
        const replacement = { concept, sources: [okta], drift: false, excepted: false };
        if (existing >= 0) planned[existing] = replacement;
        else planned[planned.length - 1] = replacement;
        keystrokePlan = { file, concept: concept.id };
      }
    }
    for (const p of planned) {
      requirementCount++;
      if (p.drift && !p.excepted) plantedDrift++;
      if (p.excepted) plantedExcepted++;
      for (const s of p.evidence ? [p.evidence] : p.sources) {
        let set = readers.get(s.file);
        if (!set) readers.set(s.file, (set = new Set()));
        set.add(file);
      }
    }
    const reviewLast = r.chance(0.03) ? TODAY_DAY - r.int(380, 600) : TODAY_DAY - r.int(10, 330);
    const owner = r.chance(0.97) ? domain.team : r.pick(TEAMS);
    files.add(file, 'policy', renderPolicy(r, id, domain, service, owner, planned, reviewLast));
    policyFiles.push(file);
  }

  files.add('tenet.yaml', 'yaml', [
    '# Tenet workspace generated for benchmarks (bench/generate.ts). Findings never change with the calendar.',
    'policies: ["policies/**/*.md"]',
    'framework: soc2-2017',
    `today: ${TODAY}`,
    '',
    'rules:',
    '  control/unverified: warning',
  ].join('\n') + '\n');
  const co = ['# Who reviews changes to the policies and the configuration they govern.', '*                       @acme/security', '/tenet.yaml             @acme/security', '/.github/               @acme/security'];
  for (const d of DOMAINS) co.push(`/policies/${d.slug}/`.padEnd(42) + d.team);
  co.push('/infra/                 @acme/platform', '/k8s/                   @acme/platform', '/config/                 @acme/platform', '/cloud/                  @acme/platform @acme/sre', '/github/                 @acme/platform', '/evidence/               @acme/security', '/idp/                    @acme/security', '/vendors/                @acme/procurement', '/shared/                 @acme/security');
  files.add('.github/CODEOWNERS', 'codeowners', co.join('\n') + '\n');

  // Edits for the editor benchmark.
  const sharedText = files.texts.get(SHARED_CONFIG)!;
  const sharedEdit = editAt(SHARED_CONFIG, sharedText, sharedText.indexOf('"minLength": 14') + '"minLength": 1'.length, '1');
  const ks = keystrokePlan!;
  const ksText = files.texts.get(ks.file)!;
  const block = ksText.indexOf(`\n  ${ks.concept}:\n`);
  const expectAt = ksText.indexOf('expect: ">= ', block) + 'expect: ">= '.length;
  const keystroke = editAt(ks.file, ksText, expectAt, '9');
  const proseAt = ksText.indexOf('## Purpose\n\nThis policy') + '## Purpose\n\nThis '.length;
  const prose = editAt(ks.file, ksText, proseAt, 'P');

  const texts = files.texts;
  let bytes = 0;
  let lines = 0;
  for (const t of texts.values()) {
    bytes += Buffer.byteLength(t);
    lines += t.split('\n').length - 1;
  }
  const configs: Record<string, number> = {};
  for (const k of files.kinds.values()) configs[k] = (configs[k] ?? 0) + 1;
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    seed,
    policies,
    today: TODAY,
    files: texts.size,
    bytes,
    lines,
    configs,
    requirements: requirementCount,
    plantedDrift,
    plantedExcepted,
    shared: { file: SHARED_CONFIG, readers: [...(readers.get(SHARED_CONFIG) ?? [])].sort(), edit: sharedEdit },
    keystroke,
    prose,
    mostRead: [...readers.entries()].map(([file, set]) => ({ file, readers: set.size })).sort((a, b) => b.readers - a.readers || (a.file < b.file ? -1 : 1)).slice(0, 6),
  };
  if (manifest.shared.readers.length !== sharedCount) throw new Error(`shared config has ${manifest.shared.readers.length} readers, expected ${sharedCount}`);
  return { files: texts, manifest };
}

function editAt(file: string, text: string, offset: number, to: string): TextEdit {
  if (offset < 0 || offset >= text.length) throw new Error(`edit target not found in ${file}`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { file, line, character, from: text[offset], to };
}

/** Writes a workspace to `out` (which must be empty, missing, or a previously generated workspace). */
export function writeWorkspace(out: string, generated: Generated): void {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(MANIFEST)) throw new Error(`${out} is not empty and holds no ${MANIFEST}: refusing to overwrite it`);
    fs.rmSync(out, { recursive: true, force: true });
  }
  for (const [rel, text] of generated.files) {
    const abs = path.join(out, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  // Written last: its presence marks a complete workspace.
  fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify(generated.manifest, null, 2) + '\n');
}

/** The manifest of a complete workspace generated with this version, seed and size, if any. */
export function readManifest(dir: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Generates `dir` unless it already holds this exact workspace. */
export function ensureWorkspace(dir: string, policies: number, seed: number): { manifest: Manifest; cached: boolean } {
  const existing = readManifest(dir);
  if (existing && existing.generator === GENERATOR_VERSION && existing.seed === seed && existing.policies === policies) return { manifest: existing, cached: true };
  const generated = generate(policies, seed);
  writeWorkspace(dir, generated);
  return { manifest: generated.manifest, cached: false };
}

function parseCli(argv: string[]): GenerateOptions {
  const options: GenerateOptions = { policies: 1000, seed: 1, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--policies' || arg === '-n') options.policies = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--out' || arg === '-o') options.out = value();
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('Usage: npm run bench:generate -- [--policies N (1000)] [--seed S (1)] [--out DIR (bench/workspaces/nN-sS)]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  if (options.out === '') options.out = path.join(__dirname, 'workspaces', `n${options.policies}-s${options.seed}`);
  return options;
}

if (require.main === module) {
  try {
    const options = parseCli(process.argv.slice(2));
    const started = performance.now();
    const generated = generate(options.policies, options.seed);
    writeWorkspace(options.out, generated);
    const m = generated.manifest;
    process.stdout.write(
      `generated ${m.policies} policies (${m.requirements} requirements, ${m.plantedDrift} planted drift, ${m.plantedExcepted} excepted) and ${m.files - m.policies} other files` +
        ` — ${m.files} files, ${(m.bytes / 1048576).toFixed(1)} MiB, ${m.lines} lines — in ${options.out} (${Math.round(performance.now() - started)} ms)\n` +
        `configs: ${Object.entries(m.configs).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `most read: ${m.mostRead.map((r) => `${r.file} (${r.readers})`).join(', ')}\n`,
    );
  } catch (error) {
    process.stderr.write(`bench:generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

// Terraform/HCL value reading in detail, through the source format's `select`: literals, strings and
// heredocs, expressions, navigation, spans, and the limits.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { prepareTerraform } from '../../server/src/engine/index';
import { FORMATS, formatFor } from '../../server/src/engine/sources/formats';
import type { LoadContext, LoadedSource, SelectedValue } from '../../server/src/engine/sources/source';
import { parseSelector } from '../../server/src/engine/sources/terraform/address';

const ROOT = join(__dirname, '..', '..');

function context(files: Record<string, string>): LoadContext {
  return {
    read: (rel) => (rel in files ? { ok: true, text: files[rel] } : { ok: false }),
    list: () => Object.keys(files).sort(),
  };
}

function load(file: string, files: Record<string, string>): LoadedSource {
  const format = formatFor(file);
  assert.ok(format, `a format for ${file}`);
  return format.load(file, files[file], context(files));
}

interface Picked {
  name: string;
  value?: unknown;
  unknown?: string;
  via?: string;
  file: string;
  /** The text the span covers. */
  text: string;
}

function pick(file: string, files: Record<string, string>, at: string): Picked[] {
  const source = load(file, files);
  const selection = source.select(at);
  if (!selection.ok) throw new Error(selection.message);
  return selection.values.map((v: SelectedValue) => {
    const out: Picked = { name: v.name, file: v.file, text: files[v.file].slice(v.span.start, v.span.end) };
    if (v.unknown !== undefined) out.unknown = v.unknown;
    else out.value = v.value;
    if (v.via !== undefined) out.via = v.via;
    return out;
  });
}

/** The one value `at` selects in a one-resource main.tf. */
function value(attr: string, expression: string, extra: Record<string, string> = {}): unknown {
  const files = { 'm/main.tf': `resource "t" "n" {\n  ${attr} = ${expression}\n}\n`, ...extra };
  const picked = pick('m/main.tf', files, `t.n.${attr}`);
  assert.equal(picked.length, 1);
  return picked[0].unknown !== undefined ? { unknown: picked[0].unknown } : picked[0].value;
}

describe('Terraform values', () => {
  before(async () => {
    await prepareTerraform();
  });

  it('registers terraform for .tf/.tfvars and hcl for .hcl', () => {
    assert.equal(formatFor('infra/main.tf')?.name, 'terraform');
    assert.equal(formatFor('infra/prod.TFVARS')?.name, 'terraform');
    assert.equal(formatFor('ops/vault.hcl')?.name, 'hcl');
    assert.equal(formatFor('infra/main.tf.json')?.name, 'json');
    assert.ok(FORMATS.some((f) => f.name === 'terraform'));
  });

  it('reads literals', () => {
    assert.equal(value('a', '14'), 14);
    assert.equal(value('a', '-5'), -5);
    assert.equal(value('a', '1.5e3'), 1500);
    assert.equal(value('a', 'true'), true);
    assert.equal(value('a', 'null'), null);
    assert.equal(value('a', '"AES256"'), 'AES256');
    assert.equal(value('a', '""'), '');
    assert.deepEqual(value('a', '["a", 1, false]'), ['a', 1, false]);
    assert.deepEqual(value('a', '{ Environment = "prod", "cost-center" = 12, nested = { x = [1] } }'), { Environment: 'prod', 'cost-center': 12, nested: { x: [1] } });
  });

  it('unescapes strings', () => {
    assert.equal(value('a', String.raw`"a\"b\\c\n\u00e9"`), 'a"b\\c\né');
    assert.equal(value('a', '"cost $${literal} %%{x}"'), 'cost ${literal} %{x}');
  });

  it('reads heredocs, with <<- removing the common indentation', () => {
    const files = { 'm/main.tf': 'resource "t" "n" {\n  a = <<EOT\n{\n  "Version": "2012-10-17"\n}\nEOT\n  b = <<-EOT\n    line one\n      indented\n    EOT\n}\n' };
    assert.deepEqual(pick('m/main.tf', files, 't.n.a').map((p) => p.value), ['{\n  "Version": "2012-10-17"\n}\n']);
    assert.deepEqual(pick('m/main.tf', files, 't.n.b').map((p) => p.value), ['line one\n  indented\n']);
  });

  it('computes operations and conditionals on known values, templates of known parts', () => {
    assert.equal(value('a', '30 * 12'), 360);
    assert.equal(value('a', '!false'), true);
    assert.equal(value('a', 'var.days >= 365', { 'm/v.tf': 'variable "days" {\n  default = 400\n}\n' }), true);
    assert.equal(value('a', 'var.prod ? 365 : 30', { 'm/v.tf': 'variable "prod" {\n  default = true\n}\n' }), 365);
    assert.equal(value('a', '"${var.env}-logs-${var.n}"', { 'm/v.tf': 'variable "env" {\n  default = "prod"\n}\nvariable "n" {\n  default = 2\n}\n' }), 'prod-logs-2');
    assert.equal(value('a', '(7)'), 7);
  });

  it('keeps what Terraform computes later unknown, with the expression', () => {
    assert.deepEqual(value('a', 'max(1, 2)'), { unknown: 'max(1, 2)' });
    assert.deepEqual(value('a', '[for s in var.l : upper(s)]'), { unknown: '[for s in var.l : upper(s)]' });
    assert.deepEqual(value('a', 'var.l[*].id'), { unknown: 'var.l[*].id' });
    assert.deepEqual(value('a', '"%{ if true }x%{ endif }"'), { unknown: '"%{ if true }x%{ endif }"' });
    assert.deepEqual(value('a', '[1, aws_kms_key.k.arn]'), { unknown: '[1, aws_kms_key.k.arn]' });
    assert.deepEqual(value('a', 'path.module'), { unknown: 'path.module' });
  });

  it('cuts long expressions to about 80 characters, on one line', () => {
    const long = `jsonencode({\n  Version = "2012-10-17"\n  Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]\n})`;
    const shown = (value('policy', long) as { unknown: string }).unknown;
    assert.equal(shown.length, 80);
    assert.ok(shown.startsWith('jsonencode({ Version = "2012-10-17" Statement = [{ Effect'));
    assert.ok(shown.endsWith('…'));
  });

  it('navigates maps and lists, through variables, with exact spans', () => {
    const files = {
      'm/main.tf': 'resource "aws_security_group" "web" {\n  cidrs = var.cidrs\n  tags  = merge(local.tags, { Name = "web" })\n}\n',
      'm/variables.tf': 'variable "cidrs" {\n  default = ["10.0.0.0/8", "0.0.0.0/0"]\n}\n',
    };
    assert.deepEqual(pick('m/main.tf', files, 'aws_security_group.web.cidrs[1]'), [
      { name: 'cidrs[1]', value: '0.0.0.0/0', via: 'via var.cidrs, default in variables.tf', file: 'm/variables.tf', text: '"0.0.0.0/0"' },
    ]);
    assert.deepEqual(pick('m/main.tf', files, 'aws_security_group.web.cidrs[*]').map((p) => p.value), ['10.0.0.0/8', '0.0.0.0/0']);
    assert.deepEqual(pick('m/main.tf', files, 'aws_security_group.web.cidrs[5]'), []);
    // The shape of a function's result is not known: the key might be there.
    assert.deepEqual(pick('m/main.tf', files, 'aws_security_group.web.tags.Name'), [
      { name: 'Name', unknown: 'merge(local.tags, { Name = "web" })', file: 'm/main.tf', text: 'merge(local.tags, { Name = "web" })' },
    ]);
  });

  it('offers sibling attributes for `where` filters', () => {
    const files = { 'm/main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "logs"\n  acl    = "private"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "web"\n  acl    = "public-read"\n}\n' };
    const selection = load('m/main.tf', files).select('aws_s3_bucket.*.acl');
    assert.ok(selection.ok);
    assert.deepEqual(selection.values.map((v) => [v.value, v.row?.('bucket')]), [['private', 'logs'], ['public-read', 'web']]);
  });

  it('finds count and for_each resources', () => {
    const files = { 'm/main.tf': 'resource "aws_cloudwatch_log_group" "fn" {\n  for_each          = toset(["a", "b"])\n  name              = "/aws/lambda/${each.key}"\n  retention_in_days = 365\n}\n' };
    assert.deepEqual(pick('m/main.tf', files, 'aws_cloudwatch_log_group.fn.retention_in_days').map((p) => p.value), [365]);
    assert.deepEqual(pick('m/main.tf', files, 'aws_cloudwatch_log_group.fn.name').map((p) => [p.unknown, p.via]), [['"/aws/lambda/${each.key}"', 'it differs per instance']]);
  });

  it('computes spans in UTF-16 code units, and handles CRLF line endings', () => {
    const files = { 'm/main.tf': 'resource "t" "n" {\r\n  description = "🔒 logs ✓"\r\n  days        = 30\r\n}\r\n' };
    assert.deepEqual(pick('m/main.tf', files, 't.n.days'), [{ name: 'days', value: 30, file: 'm/main.tf', text: '30' }]);
    assert.deepEqual(pick('m/main.tf', files, 't.n.description').map((p) => [p.value, p.text]), [['🔒 logs ✓', '"🔒 logs ✓"']]);
  });

  it('generic HCL: labels written as identifiers, and nested labeled blocks', () => {
    const files = { 'ci/job.hcl': 'job "api" {\n  group web {\n    count = 3\n    task "server" {\n      driver = "docker"\n    }\n  }\n}\n' };
    assert.deepEqual(pick('ci/job.hcl', files, 'job.api.group.web.count').map((p) => p.value), [3]);
    assert.deepEqual(pick('ci/job.hcl', files, 'job.*.group.*.task.server.driver').map((p) => p.value), ['docker']);
    // Too few labels select nothing.
    assert.deepEqual(pick('ci/job.hcl', files, 'job.group.web.count'), []);
  });

  it('a .tfvars file resolves no references', () => {
    const files = { 'm/terraform.tfvars': 'a = var.b\n', 'm/variables.tf': 'variable "b" {\n  default = 1\n}\n' };
    assert.deepEqual(pick('m/terraform.tfvars', files, 'a').map((p) => p.unknown), ['var.b']);
  });

  it('bounds nesting: deeper values are unknown, and deep files do not crash', () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const files = { 'm/main.tf': `locals {\n  deep = ${deep}\n  ok   = 2\n}\n${'a {\n'.repeat(3000)}${'}\n'.repeat(3000)}` };
    const picked = pick('m/main.tf', files, 'locals.deep');
    assert.equal(picked.length, 1);
    assert.match(picked[0].unknown ?? '', /^\[{79}…$/);
    assert.deepEqual(pick('m/main.tf', files, 'locals.ok').map((p) => p.value), [2]);
  });

  it('reports the first syntax error only when the file is the one selected', () => {
    const files = { 'm/main.tf': 'resource "t" "n" {\n  a = 1 +\n}\n', 'm/ok.tf': 'locals {\n  x = 1\n}\n' };
    const broken = load('m/main.tf', files);
    assert.equal(broken.problem?.message, 'syntax error, unexpected "+"');
    assert.equal(load('m/ok.tf', files).problem, undefined);
    assert.deepEqual(pick('m/ok.tf', files, 'locals.x').map((p) => p.value), [1]);
  });

  it('lists the module files it depends on, terraform.tfvars even when absent', () => {
    const files = { 'm/main.tf': 'locals {\n  x = 1\n}\n', 'm/b.tf': '', 'm/prod.auto.tfvars': '', 'm/other.tfvars': '', 'm/sub/x.tf': '', 'n/y.tf': '' };
    assert.deepEqual(load('m/main.tf', files).reads, ['m/b.tf', 'm/main.tf', 'm/prod.auto.tfvars', 'm/terraform.tfvars']);
    assert.equal(load('m/other.tfvars', files).reads, undefined);
  });
});

describe('Terraform parser', () => {
  it('used before prepareTerraform(), a source reports the problem instead of throwing', () => {
    // A fresh process: this one has prepared the parser already.
    const files = {
      'p.md': `---\npolicy: p\ntitle: p\nowner: "@a"\nrequirements:\n  r:\n    expect: ">= 12"\n    in:\n      - file: a.tf\n        at: x.y.z\n---\n`,
      'a.tf': 'resource "x" "y" { z = 8 }\n',
    };
    const script = `const { findings, lintFiles } = require('./test/helpers/workspace');
process.stdout.write(JSON.stringify(findings(lintFiles(${JSON.stringify(files)}), 'source/unreadable')));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [
      { rule: 'source/unreadable', severity: 'error', message: 'a.tf cannot be parsed: the Terraform parser is not initialized', file: 'a.tf', range: '1:1-1:1', requirement: 'r' },
    ]);
  });

  it('prepareTerraform() is idempotent', async () => {
    const first = prepareTerraform();
    assert.equal(prepareTerraform(), first);
    await first;
  });
});

describe('Terraform selectors', () => {
  const ok = (at: string) => {
    const parsed = parseSelector(at);
    assert.ok(parsed.ok, `${at}: ${parsed.ok ? '' : parsed.message}`);
    return parsed.steps.map((s) => ('key' in s ? s.key : 'index' in s ? s.index : '*'));
  };
  const bad = (at: string) => {
    const parsed = parseSelector(at);
    assert.ok(!parsed.ok, at);
    return [parsed.message, parsed.offset];
  };

  it('parses names, *, indexes and quoted keys', () => {
    assert.deepEqual(ok('aws_s3_bucket.logs.tags.Environment'), ['aws_s3_bucket', 'logs', 'tags', 'Environment']);
    assert.deepEqual(ok('aws_cloudwatch_log_group.*.retention_in_days'), ['aws_cloudwatch_log_group', '*', 'retention_in_days']);
    assert.deepEqual(ok('t.n.cidrs[0]'), ['t', 'n', 'cidrs', 0]);
    assert.deepEqual(ok('t.n.tags["kubernetes.io/cluster"]'), ['t', 'n', 'tags', 'kubernetes.io/cluster']);
    assert.deepEqual(ok('t.n.list[*].x'), ['t', 'n', 'list', '*', 'x']);
  });

  it('refuses empty segments and stray characters, with the offset', () => {
    assert.deepEqual(bad(''), ['the selector is empty', undefined]);
    assert.deepEqual(bad('a..b'), ['invalid selector "a..b": empty name between dots', 2]);
    assert.deepEqual(bad('a.b.'), ['invalid selector "a.b.": it ends with "."', 3]);
    assert.deepEqual(bad('.a'), ['invalid selector ".a": it starts without a name', 0]);
    assert.deepEqual(bad('a b'), ['invalid selector "a b": unexpected " "', 1]);
    assert.deepEqual(bad('a[x]'), ['invalid selector "a[x]": expected a number, "*" or a quoted key in brackets', 2]);
    assert.deepEqual(bad('a[0'), ['invalid selector "a[0": unclosed "["', 1]);
  });
});

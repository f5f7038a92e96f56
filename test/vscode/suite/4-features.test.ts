// The language features in a real VS Code, asked for the way the editor asks (the vscode.execute*
// commands run every registered provider, Tenet's through vscode-languageclient): hover, go to
// definition through Terraform variables, quick fixes applied as workspace edits, completion of `at:`
// paths and control ids, code lenses, and Tenet: New Policy. Every test leaves the workspace as it found
// it (edits reverted, created files deleted), so the suites may run in any order.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { policyTemplate } from '../../../server/src/engine/template';
import {
  CONFIG,
  POLICY,
  closeEditors,
  codeOf,
  docs,
  expectedConfig,
  expectedPolicy,
  extension,
  plain,
  poll,
  positionOf,
  rangeOf,
  revert,
  tenet,
  uri,
  waitForDiagnostics,
} from './helpers';

const PASSWORDS = 'policies/password-authentication.md';
const VENDORS = 'policies/vendor-management.md';
const TFVARS = 'infra/aws/terraform.tfvars';
const TF = 'infra/github/branch-protection.tf';

/** 1-based line of the first line of workspace file `rel` that matches `pattern`. */
function lineOf(rel: string, pattern: RegExp): number {
  const index = fs.readFileSync(uri(rel).fsPath, 'utf8').split('\n').findIndex((l) => pattern.test(l));
  assert.ok(index >= 0, `${pattern} is not in ${rel}`);
  return index + 1;
}

const isCodeAction = (a: vscode.Command | vscode.CodeAction): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string');
const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
/** A workspace edit as [workspace-relative file, [range, new text]...] rows, for deepEqual. */
const editRows = (edit: vscode.WorkspaceEdit | undefined) => (edit?.entries() ?? []).map(([u, edits]) => [vscode.workspace.asRelativePath(u, false), edits.map((e) => [rangeOf(e.range), e.newText])]);

/** The quick fixes VS Code offers on `range` of workspace file `rel` (every provider's, code actions only). */
async function quickFixes(rel: string, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // Unlike hover or definition, the code action command needs the document loaded ("Illegal argument").
  await vscode.workspace.openTextDocument(uri(rel));
  const all = await vscode.commands.executeCommand<(vscode.Command | vscode.CodeAction)[]>('vscode.executeCodeActionProvider', uri(rel), range, vscode.CodeActionKind.QuickFix.value);
  return all.filter(isCodeAction);
}

/**
 * quickFixes(), asked until some are offered. VS Code cancels a code action request when the set of
 * providers for the document changes meanwhile, which it does when opening the first JSON or Markdown
 * file activates the built-in language extension: that first answer is empty (or a CancellationError).
 */
function offeredQuickFixes(rel: string, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return poll(async () => {
    try {
      const actions = await quickFixes(rel, range);
      return actions.length > 0 ? actions : undefined;
    } catch (error) {
      if (error instanceof vscode.CancellationError || (error instanceof Error && error.name === 'Canceled')) return undefined;
      throw error;
    }
  }, `quick fixes on ${rel} ${rangeOf(range)}`);
}

/** The workspace's starting state, as 1-diagnostics sees it: every test starts and ends there. */
async function initialState(): Promise<void> {
  const config = await waitForDiagnostics(uri(CONFIG), (d) => d.length === 1, 'the drift');
  const policy = await waitForDiagnostics(uri(POLICY), (d) => d.length === 2, 'the policy findings');
  assert.deepEqual(config.map(plain), expectedConfig());
  assert.deepEqual(policy.map(plain), expectedPolicy());
}

/** The file as samples/soc2 has it in the repo (the extension under test is the repo). */
const pristine = (rel: string): string => fs.readFileSync(vscode.Uri.joinPath(extension().extensionUri, 'samples', 'soc2', rel).fsPath, 'utf8');

describe('language features', () => {
  before(initialState);
  after(async () => {
    await initialState();
    // Nothing a test edited reached the disk, and what the tests created is gone.
    for (const rel of [CONFIG, POLICY, VENDORS]) assert.equal(fs.readFileSync(uri(rel).fsPath, 'utf8'), pristine(rel), rel);
    for (const rel of ['policies/data-retention.md', 'policies/new-policy.md']) assert.equal(fs.existsSync(uri(rel).fsPath), false, rel);
  });

  it('hover on a requirement: statement, expectation and one row per source value', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(PASSWORDS));
    const key = positionOf(doc, '  password-min-length:', 5);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, key);
    const ours = hovers.filter((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.startsWith('**password-authentication › ')));
    assert.equal(ours.length, 1, `one Tenet hover among ${JSON.stringify(hovers.map((h) => h.contents))}`);
    const [hover] = ours;
    assert.equal(hover.range && rangeOf(hover.range), '12:2-12:21'); // the requirement's key
    const markdown = (hover.contents[0] as vscode.MarkdownString).value;
    const blocks = markdown.split('\n\n');
    assert.equal(blocks[0], '**password-authentication › password-min-length** — ✗ drift');
    assert.equal(blocks[1], '> Passwords are at least 12 characters long.');
    assert.equal(blocks[2], 'expect: `>= 12`');
    // One row per value read: Okta's 8 (excepted until 2027-03-31), the AWS export's 12, and the
    // Terraform's 10, which iam.tf takes from var.min_password_length, set in terraform.tfvars.
    const rows = blocks[3].split('\n');
    assert.deepEqual(rows, [
      '| source | line | value | result |',
      '| --- | --- | --- | --- |',
      '| idp/okta-password-policy.json | 23 | 8 | ◌ |',
      '| cloud/aws-account-password-policy.json | 3 | 12 | ✓ |',
      `| ${TFVARS} | 7 | 10 | ✗ |`,
    ]);
    // Each row's line is where its file holds that value.
    assert.deepEqual(
      [lineOf('idp/okta-password-policy.json', /"minLength": 8,/), lineOf('cloud/aws-account-password-policy.json', /"MinimumPasswordLength": 12,/), lineOf(TFVARS, /^min_password_length = 10$/)],
      [23, 3, 7],
    );
    assert.equal(blocks.length, 4);
  });

  it('go to definition from a Terraform `at:` lands on the tfvars value the variable takes', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(PASSWORDS));
    const at = positionOf(doc, 'at: aws_iam_account_password_policy.strict.minimum_password_length', 10);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
    const plainTargets = targets.map((t) => ('targetUri' in t ? [t.targetUri.toString(), rangeOf(t.targetRange)] : [t.uri.toString(), rangeOf(t.range)]));
    assert.deepEqual(plainTargets, [[uri(TFVARS).toString(), '6:22-6:24']]);
    // The same place as the drift diagnostic (line 7, column 23 in 1-based terms): the `10`.
    const tfvars = await vscode.workspace.openTextDocument(uri(TFVARS));
    assert.equal(tfvars.getText(new vscode.Range(6, 22, 6, 24)), '10');
    assert.equal(rangeOf(tenet(uri(TFVARS))[0].range), '6:22-6:24');
  });

  it('go to definition from a JSONPath `at:` lands on the value in the export', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(POLICY));
    const at = positionOf(doc, 'at: "$.required_pull_request_reviews.required_approving_review_count"', 10);
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
    const plainTargets = targets.map((t) => ('targetUri' in t ? [t.targetUri.toString(), rangeOf(t.targetRange)] : [t.uri.toString(), rangeOf(t.range)]));
    assert.deepEqual(plainTargets, [[uri(CONFIG).toString(), '25:39-25:40']]);
  });

  describe('quick fixes', () => {
    afterEach(async () => {
      await revert(uri(CONFIG));
      await revert(uri(POLICY));
      await revert(uri(VENDORS));
    });

    it('align the config: sets the value the requirement expects, and the drift goes at both ends', async () => {
      const [drift] = await waitForDiagnostics(uri(CONFIG), (d) => d.length === 1, 'the drift');
      const actions = await offeredQuickFixes(CONFIG, drift.range);
      assert.deepEqual(actions.map((a) => a.title), [
        'Set required_approving_review_count to 2 (as change-management › two-approvals expects)',
        'Change change-management › two-approvals to expect >= 1',
        'Add a 90-day exception for two-approvals in github/branch-protection.json',
      ]);
      const [align] = actions;
      assert.equal(align.isPreferred, true);
      assert.deepEqual(editRows(align.edit), [[CONFIG, [['25:39-25:40', '2']]]]);

      const config = await vscode.workspace.openTextDocument(uri(CONFIG));
      const before = config.getText();
      const configCleared = waitForDiagnostics(uri(CONFIG), (d) => d.length === 0, 'no findings');
      const policyCleared = waitForDiagnostics(uri(POLICY), (d) => !d.some((x) => codeOf(x) === 'requirement/drift'), 'the mirrored drift to go');
      assert.equal(await vscode.workspace.applyEdit(align.edit!), true);
      const [, policy] = await Promise.all([configCleared, policyCleared]);
      assert.deepEqual(policy.map(plain), expectedPolicy().filter((d) => d.code === 'requirement/statement-mismatch'));
      // Only that value changed, in the editor's buffer; the disk is untouched until saved.
      const start = config.offsetAt(new vscode.Position(25, 39));
      assert.equal(config.getText(), `${before.slice(0, start)}2${before.slice(start + 1)}`);
      assert.equal(config.lineAt(25).text, '    "required_approving_review_count": 2,');
      assert.equal(config.isDirty, true);
      assert.equal(fs.readFileSync(uri(CONFIG).fsPath, 'utf8'), before);
      // Fixed, the fix is no longer offered.
      assert.deepEqual(await quickFixes(CONFIG, new vscode.Range(25, 39, 25, 40)), []);

      const configBack = waitForDiagnostics(uri(CONFIG), (d) => d.length === 1, 'the drift to come back');
      await revert(uri(CONFIG));
      assert.deepEqual((await configBack).map(plain), expectedConfig());
    });

    it('mark the review done today: the overdue review finding goes', async () => {
      const policy = await vscode.workspace.openTextDocument(uri(VENDORS));
      const findings = await waitForDiagnostics(uri(VENDORS), (d) => d.some((x) => codeOf(x) === 'review/overdue'), 'the overdue review');
      assert.deepEqual(findings.map(codeOf), ['owner/not-codeowner', 'review/overdue', 'requirement/drift']);
      const overdue = findings.find((d) => codeOf(d) === 'review/overdue')!;
      assert.equal(rangeOf(overdue.range), '13:8-13:18');
      assert.equal(policy.getText(overdue.range), '2025-06-30');

      const [review] = await offeredQuickFixes(VENDORS, overdue.range);
      assert.equal(review?.title, 'Mark the review done today (2026-11-22)'); // tenet.yaml pins today
      assert.deepEqual(editRows(review.edit), [[VENDORS, [['13:8-13:18', '2026-11-22']]]]);
      const before = policy.getText();
      const cleared = waitForDiagnostics(uri(VENDORS), (d) => !d.some((x) => codeOf(x) === 'review/overdue'), 'the overdue review to go');
      assert.equal(await vscode.workspace.applyEdit(review.edit!), true);
      assert.deepEqual((await cleared).map(codeOf), ['owner/not-codeowner', 'requirement/drift']);
      assert.equal(policy.getText(), before.replace('  last: 2025-06-30\n', '  last: 2026-11-22\n'));
      assert.notEqual(policy.getText(), before);

      const back = waitForDiagnostics(uri(VENDORS), (d) => d.some((x) => codeOf(x) === 'review/overdue'), 'the overdue review to come back');
      await revert(uri(VENDORS));
      assert.deepEqual((await back).map(codeOf), ['owner/not-codeowner', 'review/overdue', 'requirement/drift']);
    });
  });

  describe('completion in front matter', () => {
    after(() => revert(uri(POLICY)));

    it('offers the paths that exist in the file of a new `at:`, as it is typed', async () => {
      const editor = await vscode.window.showTextDocument(uri(POLICY), { preview: false });
      const doc = editor.document;
      // A third source for two-approvals, under its `in:`, after the Terraform one; `at:` still empty.
      const last = positionOf(doc, 'at: github_branch_protection.platform_main.required_pull_request_reviews.required_approving_review_count');
      const end = doc.lineAt(last.line).range.end;
      assert.equal(await editor.edit((e) => e.insert(end, '\n      - file: github/branch-protection.json\n        at: ')), true);
      const cursor = new vscode.Position(last.line + 2, '        at: '.length);
      assert.equal(doc.lineAt(cursor.line).text, '        at: ');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, cursor);
      const labels = list.items.map(labelOf);
      for (const path of ['$.required_pull_request_reviews.required_approving_review_count', '$.enforce_admins.enabled', '$.required_status_checks.checks[*].context']) {
        assert.ok(labels.includes(path), `${path} in ${JSON.stringify(labels.slice(0, 40))}`);
      }
      const count = list.items.find((i) => labelOf(i) === '$.required_pull_request_reviews.required_approving_review_count')!;
      assert.equal(count.detail, CONFIG);
      assert.equal(count.kind, vscode.CompletionItemKind.Field);
      // Accepting inserts the path at the cursor.
      const range = count.range instanceof vscode.Range ? count.range : count.range?.replacing;
      assert.equal(range && rangeOf(range), `${cursor.line}:${cursor.character}-${cursor.line}:${cursor.character}`);
      assert.equal(typeof count.insertText === 'string' ? count.insertText : count.insertText?.value, '$.required_pull_request_reviews.required_approving_review_count');
    });

    it('offers control ids with their titles in `controls: [`', async () => {
      await revert(uri(POLICY));
      const doc = await vscode.workspace.openTextDocument(uri(POLICY));
      const open = positionOf(doc, 'controls: [', 'controls: ['.length);
      assert.equal(rangeOf(new vscode.Range(open, open)), '10:11-10:11');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, open);
      const controls = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember);
      assert.equal(controls.length, 61);
      const cc61 = controls.find((i) => labelOf(i) === 'CC6.1');
      assert.equal(cc61?.detail, 'Logical access security software, infrastructure and architectures');
    });
  });

  describe('code lenses', () => {
    after(() => vscode.commands.executeCommand('closeReferenceSearch'));

    it('shows each requirement\'s status above it, and shows its values when clicked', async () => {
      await vscode.workspace.openTextDocument(uri(POLICY)); // the code lens command, too, needs it loaded
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(POLICY));
      const ours = lenses.filter((l) => l.command?.command === 'tenet.showLocations');
      assert.equal(ours[0]?.command?.title, '✗ drift in github/branch-protection.json');
      assert.deepEqual(ours.map((l) => [rangeOf(l.range), l.command?.title]), [
        ['12:2-12:15', '✗ drift in github/branch-protection.json'],
        ['22:2-22:19', '✓ verified in 2 sources'],
        ['30:2-30:25', '✓ verified in 2 sources'],
        ['38:2-38:20', '✓ verified in 2 sources'],
        ['50:2-50:15', '✓ verified in 2 sources'],
        ['58:2-58:24', '✓ verified in 1 source'],
      ]);
      // Clicking a lens runs its command with its arguments (protocol JSON: the policy, the lens's
      // position, the values read), which the client must handle: it opens the references peek view.
      const [policy, position, locations] = ours[0].command!.arguments as [string, unknown, { uri: string; range: { start: vscode.Position; end: vscode.Position } }[]];
      const tf = fs.readFileSync(uri(TF).fsPath, 'utf8').split('\n');
      const tfLine = tf.findIndex((l) => /^\s*required_approving_review_count = 2$/.test(l));
      assert.deepEqual([vscode.Uri.parse(policy).toString(), position], [uri(POLICY).toString(), { line: 12, character: 2 }]);
      assert.deepEqual(locations.map((l) => [vscode.Uri.parse(l.uri).toString(), rangeOf(new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character))]), [
        [uri(CONFIG).toString(), '25:39-25:40'],
        [uri(TF).toString(), `${tfLine}:${tf[tfLine].length - 1}-${tfLine}:${tf[tfLine].length}`],
      ]);
      assert.ok((await vscode.commands.getCommands(true)).includes('tenet.showLocations'), 'tenet.showLocations is registered');
      await vscode.window.showTextDocument(uri(POLICY), { preview: false });
      await vscode.commands.executeCommand(ours[0].command!.command, ...ours[0].command!.arguments!);
    });
  });

  describe('Tenet: New Policy', () => {
    const created: vscode.Uri[] = [];

    afterEach(async () => {
      for (const target of created.splice(0)) {
        await closeEditors(target);
        // Deleted the way the Explorer deletes (a working-copy operation, unlike workspace.fs.delete),
        // so VS Code also lets go of the document and the server drops its buffer.
        const edit = new vscode.WorkspaceEdit();
        edit.deleteFile(target);
        assert.equal(await vscode.workspace.applyEdit(edit), true);
        await waitForDiagnostics(target, (d) => d.length === 0, 'the deleted policy\'s findings to go');
      }
    });

    /** Checks a policy the command created: the skeleton, open in the active editor, checked by Tenet. */
    async function checkCreated(target: vscode.Uri | undefined, rel: string, id: string): Promise<void> {
      assert.equal(target?.toString(), uri(rel).toString());
      const text = fs.readFileSync(target!.fsPath, 'utf8');
      const today = /\neffective: (\d{4}-\d\d-\d\d)\n/.exec(text)?.[1];
      assert.ok(today, 'an effective date');
      assert.equal(text, policyTemplate(id, today));
      assert.match(text, new RegExp(`^---\\npolicy: ${id}\\n`));
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target!.toString());
      // What Tenet says about the untouched skeleton: its placeholder config does not exist, and the
      // placeholder owner owns nothing in this workspace's CODEOWNERS.
      const findings = await waitForDiagnostics(target!, (d) => d.some((x) => codeOf(x) === 'source/missing'), 'the placeholder finding');
      assert.deepEqual(findings.map((d) => ({ ...plain(d), related: undefined })), [
        {
          range: '3:7-3:23',
          severity: 'Warning',
          source: 'tenet',
          code: 'owner/not-codeowner',
          docs: docs('owner/not-codeowner'),
          message: `owner "@your-org/team" owns neither ${rel} nor any file it reads according to .github/CODEOWNERS (they are owned by @acme/security)`,
          related: undefined,
        },
        {
          range: '16:14-16:33',
          severity: 'Error',
          source: 'tenet',
          code: 'source/missing',
          docs: docs('source/missing'),
          message: 'path/to/config.json does not exist',
          related: undefined,
        },
      ]);
      const doc = await vscode.workspace.openTextDocument(target!);
      assert.equal(doc.getText(findings[1].range), 'path/to/config.json');
    }

    it('with a path argument: creates the policy from the skeleton and opens it', async () => {
      const rel = 'policies/data-retention.md';
      const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('tenet.newPolicy', rel);
      if (target) created.push(target);
      await checkCreated(target, rel, 'data-retention');
      // The rest of the workspace is untouched.
      assert.deepEqual(tenet(uri(CONFIG)).map(plain), expectedConfig());
      // Asked again, it refuses to overwrite the file; a path outside the workspace is refused too.
      assert.equal(await vscode.commands.executeCommand('tenet.newPolicy', rel), undefined);
      assert.equal(await vscode.commands.executeCommand('tenet.newPolicy', '../outside.md'), undefined);
      assert.equal(fs.existsSync(vscode.Uri.joinPath(uri('..'), 'outside.md').fsPath), false);
    });

    it('from the Command Palette: prompts for the path, with policies/new-policy.md proposed', async () => {
      const running = vscode.commands.executeCommand<vscode.Uri | undefined>('tenet.newPolicy');
      let settled = false;
      void running.then(() => (settled = true), () => (settled = true));
      // The prompt is a quick input in the workbench: accept what it proposes once it is on screen.
      await poll(async () => {
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled || undefined;
      }, 'the New Policy prompt to be accepted');
      const target = await running;
      if (target) created.push(target);
      await checkCreated(target, 'policies/new-policy.md', 'new-policy');
    });
  });
});

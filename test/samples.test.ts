// The sample workspace's README lists exactly what `tenet lint samples/soc2` prints.
// After an intended change, regenerate it: `npm run build && node scripts/update-samples-readme.mjs`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..');

describe('samples/soc2', () => {
  it('prints the findings its README documents, and exits 1', function () {
    // The documented evidence/backdated finding comes from this repository's history of the sample;
    // a shallow clone or an export without .git has no such history, so the list cannot match there.
    const shallow = spawnSync('git', ['-C', REPO, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' });
    if (shallow.status !== 0 || shallow.stdout.trim() !== 'false') this.skip();
    const run = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'lint', 'samples/soc2'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(run.status, 1, run.stderr);
    const readme = readFileSync(path.join(REPO, 'samples', 'soc2', 'README.md'), 'utf8');
    const documented = /## Expected findings[\s\S]*?```text\n\$ npx tenet lint samples\/soc2\n([\s\S]*?)```/.exec(readme);
    assert.ok(documented, 'samples/soc2/README.md has an "Expected findings" block');
    assert.equal(run.stdout, documented[1]);
  });
});

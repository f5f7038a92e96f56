// Rewrites the "Expected findings" block of samples/soc2/README.md from a real run of the CLI,
// so the documented findings are exactly what `tenet lint samples/soc2` prints.
// Usage: node scripts/update-samples-readme.mjs   (after `npm run build`)

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = join(root, 'samples', 'soc2', 'README.md');
const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'lint', 'samples/soc2'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
if (run.status !== 1) {
  console.error(`expected exit code 1 from the samples, got ${run.status}\n${run.stderr}`);
  process.exit(1);
}
const text = readFileSync(readme, 'utf8');
const heading = '## Expected findings';
const at = text.indexOf(heading);
if (at < 0) {
  console.error(`${readme} has no "${heading}" section`);
  process.exit(1);
}
const rest = text.slice(at + heading.length);
const next = rest.search(/\n## /);
const block = `${heading}\n\n\`npx tenet lint samples/soc2\` prints exactly this (checked by \`test/samples.test.ts\`) and exits with code 1:\n\n\`\`\`text\n$ npx tenet lint samples/soc2\n${run.stdout}\`\`\`\n`;
writeFileSync(readme, text.slice(0, at) + block + (next < 0 ? '' : rest.slice(next)));
console.log(`updated ${readme}`);

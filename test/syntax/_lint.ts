import { readFileSync } from 'node:fs';
import { findings, lintFiles } from '../helpers/workspace';
const r = lintFiles({ 'policies/p.md': readFileSync(process.argv[2], 'utf8') });
for (const f of findings(r)) console.log(JSON.stringify(f));

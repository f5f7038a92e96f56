import { loadMarkdown, tokenize, tenetMarks } from './textmate';
import { readFileSync } from 'node:fs';
(async () => {
  const g = await loadMarkdown(process.env.INJ ? JSON.parse(readFileSync(process.env.INJ, "utf8")) : undefined);
  const doc = readFileSync(process.argv[2], 'utf8');
  const lines = tokenize(g, doc);
  const marks = tenetMarks(lines);
  doc.split('\n').forEach((l, i) => console.log(String(i + 1).padStart(3), l.padEnd(60), JSON.stringify(marks[i + 1] ?? '')));
  if (process.argv[3]) for (const t of lines[Number(process.argv[3]) - 1]) console.log(JSON.stringify(t));
})();

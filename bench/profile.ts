// Summarizes a V8 .cpuprofile (from `node --cpu-prof dist/cli.js lint … --format json`): where the
// time goes, by function (self and total time) and by source file, mapped back through the bundle's
// source map to server/src and node_modules.
//
//   tsx bench/profile.ts PROFILE.cpuprofile [--top 25] [--after MS (skip the first MS of samples)]
//                        [--focus "select server/src/engine/sources/terraform/format.ts"] (what that calls)

import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

interface Place {
  name: string;
  file: string;
  line: number;
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: SourceMap | null = null;
  try {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    const mapFile = `${file}.map`;
    if (file.endsWith('.js') && fs.existsSync(mapFile)) map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** Shortens a source path: `server/src/…`, `node_modules/pkg/…`, or the base name. */
function shortFile(file: string): string {
  const clean = file.replace(/^file:\/\//, '').replace(/^webpack:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm);
  const src = clean.indexOf('server/src/');
  if (src >= 0) return clean.slice(src);
  const bench = clean.indexOf('bench/');
  if (bench >= 0) return clean.slice(bench);
  return clean === '' ? '' : path.basename(clean);
}

function placeOf(frame: CallFrame): Place {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return { name, file: '', line: 0 };
  const map = sourceMapFor(frame.url);
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number; name?: string };
    if (entry && entry.originalSource) return { name, file: shortFile(entry.originalSource), line: (entry.originalLine ?? 0) + 1 };
  }
  return { name, file: shortFile(frame.url), line: frame.lineNumber + 1 };
}

/** The package (node_modules/x or @scope/x) or the source folder a file belongs to. */
function group(file: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (nm) return nm[1];
  if (file.startsWith('server/src/')) return file;
  return file === '' ? '(native / runtime)' : file;
}

/** `afterMs`: only samples taken that long after the profile started (e.g. skip start-up and indexing). */
/**
 * `focus`: also break down the time spent under functions whose "name file:line" contains it: by the
 * functions it calls (total time below the focused frame) and by who calls it.
 */
export function summarize(profile: Profile, top = 25, afterMs = 0, focus?: string): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; attribute each delta to the sample after it.
  let clock = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    clock += profile.timeDeltas[i] ?? 0;
    if (clock < afterMs * 1000) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const places = new Map<number, Place>();
  const keyOf = (id: number) => {
    let p = places.get(id);
    if (!p) places.set(id, (p = placeOf(byId.get(id)!.callFrame)));
    return `${p.name}\t${p.file}:${p.line}`;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const focused = new Map<string, number>();
  const callers = new Map<string, number>();
  let focusedTotal = 0;
  const files = new Map<string, number>();
  const groups = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const key = keyOf(id);
    self.set(key, (self.get(key) ?? 0) + us);
    const p = places.get(id)!;
    const special = p.name.startsWith('(') && p.file === '';
    files.set(special ? p.name : p.file || '(native)', (files.get(special ? p.name : p.file || '(native)') ?? 0) + us);
    const g = special ? p.name : group(p.file);
    groups.set(g, (groups.get(g) ?? 0) + us);
    // Total time: once per function on the stack (recursion counts once).
    const seen = new Set<string>();
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(at);
      stack.push(k);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
    if (focus) {
      // The outermost focused frame; the frames below it, and its caller.
      let outer = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i].replace('\t', ' ').includes(focus)) {
          outer = i;
          break;
        }
      }
      if (outer >= 0) {
        focusedTotal += us;
        const below = new Set(stack.slice(0, outer));
        for (const k of below) focused.set(k, (focused.get(k) ?? 0) + us);
        const caller = stack[outer + 1] ?? '(root)';
        callers.set(caller, (callers.get(caller) ?? 0) + us);
      }
    }
  }

  const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${ms(us)} ms ${pct(us)}  ${k.replace('\t', '  ')}`);
  const out: string[] = [];
  out.push(`sampled ${(total / 1000).toFixed(0)} ms${afterMs > 0 ? ` after the first ${afterMs} ms` : ''} (profile wall ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms)`, '');
  out.push(`== self time by function (top ${top})`, ...rows(self, top), '');
  out.push(`== total time by function (top ${top})`, ...rows(inclusive, top), '');
  out.push('== self time by package / source file', ...rows(groups, top), '');
  if (focus) {
    out.push(`== under "${focus}": ${(focusedTotal / 1000).toFixed(0)} ms (${((focusedTotal / total) * 100).toFixed(1)}%); total time of what it calls`, ...rows(focused, top), '');
    out.push(`== "${focus}" called from`, ...rows(callers, 10), '');
  }
  return out.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--after', '--focus'].includes(args[i - 1]));
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const afterAt = args.indexOf('--after');
  const after = afterAt >= 0 ? Number(args[afterAt + 1]) : 0;
  const focusAt = args.indexOf('--focus');
  const focus = focusAt >= 0 ? args[focusAt + 1] : undefined;
  if (!file) {
    process.stderr.write('usage: tsx bench/profile.ts PROFILE.cpuprofile [--top 25]\n');
    process.exit(2);
  }
  process.stdout.write(summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, top, after, focus) + '\n');
}

// `--format html` and `tenet report`: one self-contained page for a reviewer or an auditor. Nothing
// is fetched (inline style, system fonts, no script; a Content-Security-Policy forbids every
// request), so it opens from file:// or an e-mail attachment alike. Every string from the workspace
// goes through the escaping `html` template. The output depends only on the result and the run's
// `today`: no clock, no absolute paths beyond the workspace folder's name, stable order.

import * as path from 'node:path';
import { parseIsoDate } from '../../engine/dates';
import type { Finding, LintResult, PolicySummary, RequirementResult, RequirementStatus, Severity } from '../../engine/types';
import { coverageMatrix, emptyCounts, type CellStatus, type CoverageMatrix } from '../../report/coverage';
import { defaultCatalog, requirementKey, type EvidenceDetail, type ReportDetails, type RequirementDetail, type SourceDetail, type ValueDetail } from '../../report/details';
import { breakable, html, raw, type Markup } from '../report/markup';
import { STYLE } from '../report/style';
import { timeline, type DateState, type TimelineItem } from '../../report/timeline';
import { Positions } from '../positions';
import type { FormatContext } from './types';

/**
 * The HTML formatter reads more than the LintResult: the CLI adds `report`, collected from its
 * LintSession (server/src/report/details.ts). Without it the page still renders, minus expectations, values,
 * evidence and exceptions, and with the default framework's catalog.
 */
export interface HtmlFormatContext extends FormatContext {
  report?: ReportDetails;
}

const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['verified', 'drift', 'unknown', 'unchecked', 'excepted'];

const REQUIREMENT_GLYPH: Record<RequirementStatus, string> = { verified: '✓', drift: '✗', unknown: '?', unchecked: '○', excepted: '⊘' };
const CELL_GLYPH: Record<CellStatus, string> = { verified: '✓', drift: '✗', unverified: '?', 'not-covered': '·' };
const CELL_LABEL: Record<CellStatus, string> = { verified: 'verified', drift: 'drift', unverified: 'unverified', 'not-covered': 'not covered' };
const SEVERITY_GLYPH: Record<Severity, string> = { error: '✗', warning: '⚠', info: 'i' };
const VALUE_GLYPH: Record<ValueDetail['verdict'], string> = { pass: '✓', fail: '✗', unknown: '?', excepted: '⊘' };
const VALUE_LABEL: Record<ValueDetail['verdict'], string> = { pass: 'passes', fail: 'fails', unknown: 'unknown', excepted: 'fails, excepted' };
const STATE_GLYPH: Record<DateState, string> = { ok: '✓', 'due-soon': '◔', overdue: '⚠', missing: '?', future: '?' };
const STATE_LABEL: Record<DateState, string> = { ok: 'On schedule', 'due-soon': 'Due soon', overdue: 'Overdue', missing: 'Missing', future: 'Dated in the future' };

/** At most this many passing values are listed per source; failing and unknown ones up to MAX_VALUES. */
const MAX_PASSING = 3;
const MAX_VALUES = 25;

/** The legend: what each cell means (server/src/report/coverage.ts has the same definitions). */
const CELL_DEFINITIONS: Record<CellStatus, string> = {
  verified: 'The policy claims the criterion; none of its requirements drifts and at least one is verified against its sources.',
  unverified: 'The policy claims the criterion but none of its requirements is verified: none is checked against a source, or each is unknown, unchecked or excepted.',
  drift: 'The policy claims the criterion and at least one of its requirements drifts from its sources.',
  'not-covered': 'The policy does not claim the criterion in its controls.',
};
const LEGEND_ORDER: readonly CellStatus[] = ['verified', 'unverified', 'drift', 'not-covered'];

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function formatHtml(result: LintResult, context: HtmlFormatContext): string {
  const details = context.report;
  const catalog = details?.catalog ?? defaultCatalog();
  const matrix = coverageMatrix(result.policies, result.requirements, catalog);
  const items = timeline(result.policies, result.today, details);
  const workspace = path.basename(result.root) || result.root;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="Tenet ${context.version}">
<title>Tenet report · ${workspace} · ${result.today}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header class="banner">
<div class="wrap">
<p class="eyebrow">Tenet · policy compliance report</p>
<h1>${workspace}</h1>
<p class="meta">As of <strong><time datetime="${result.today}">${result.today}</time></strong> · ${catalog.name} · Tenet ${context.version}</p>
</div>
</header>
<nav class="toc" aria-label="Report sections"><div class="wrap"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#coverage">Control coverage</a></li>
<li><a href="#requirements">Requirements</a></li>
<li><a href="#timeline">Reviews and evidence</a></li>
<li><a href="#owners">Owners</a></li>
<li><a href="#findings">Findings</a></li>
</ul></div></nav>
<main id="main" tabindex="-1"><div class="wrap">
${summarySection(result, matrix, items)}
${coverageSection(matrix, catalog.controls.length)}
${requirementsSection(result, details)}
${timelineSection(items, result.today, details !== undefined)}
${ownersSection(result, items)}
${findingsSection(result, context)}
</div></main>
<footer><div class="wrap">Generated by Tenet ${context.version} for the run of ${result.today}. Positions are 1-based line:column; paths are relative to the workspace.</div></footer>
</body>
</html>
`;
  return page.text;
}

// ---------------------------------------------------------------------------------------------
// Summary

function summarySection(result: LintResult, matrix: CoverageMatrix, items: TimelineItem[]): Markup {
  const counts = emptyCounts();
  for (const r of result.requirements) counts[r.status]++;
  const severity = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  const total = result.requirements.length;
  const rows = matrix.groups.flatMap((g) => g.rows);
  const covered = rows.filter((r) => r.summary !== 'not-covered').length;
  const verified = rows.filter((r) => r.summary === 'verified').length;
  const overdue = items.filter((i) => i.state === 'overdue').length;
  const figure = (label: string, value: string | number, tone: string) =>
    html`<div class="figure t-${tone}"><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section class="card" id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<p class="lede">What Tenet checked on <time datetime="${result.today}">${result.today}</time> (the “today” every date was judged against): each policy requirement against the config files and evidence it links to.</p>
<div class="figure-group"><h3>Workspace</h3>
<dl class="figures">
${figure('Today (as of)', result.today, 'today t-neutral')}
${figure('Policies', result.policies.length, 'neutral')}
${figure('Requirements', total, 'neutral')}
${figure('Criteria covered', `${covered} / ${rows.length}`, 'neutral')}
${figure('Criteria verified', `${verified} / ${rows.length}`, 'verified')}
${figure('Dates overdue', overdue, overdue > 0 ? 'drift' : 'neutral')}
</dl></div>
<div class="split">
<div class="figure-group"><h3>Requirements by status</h3>
<dl class="figures">
${REQUIREMENT_STATUSES.map((s) => figure(capitalize(s), counts[s], s))}
</dl>
<div class="stack" aria-hidden="true">${REQUIREMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => html`<span class="b-${s}" style="width:${percent(counts[s], total)}%"></span>`)}</div>
</div>
<div class="figure-group"><h3>Findings</h3>
<dl class="figures">
${figure('Errors', severity('error'), 'error')}
${figure('Warnings', severity('warning'), 'warning')}
${figure('Infos', severity('info'), 'info')}
</dl></div>
</div>
</section>`;
}

// ---------------------------------------------------------------------------------------------
// Control coverage matrix

function coverageSection(matrix: CoverageMatrix, criteria: number): Markup {
  const { columns, groups } = matrix;
  const span = columns.length + 2;
  const unknown = columns.filter((c) => c.unknown.length > 0);
  return html`<section class="card" id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Control coverage</h2>
<p class="lede">Every criterion of the catalog against every policy. A policy covers the criteria it claims in <code>controls</code>; each cell judges that claim by the policy's requirements (policies do not map requirements to single criteria, so all of a policy's requirements bear on each criterion it claims).</p>
<dl class="legend" aria-label="Legend of the coverage cells">
${LEGEND_ORDER.map((s) => html`<div><dt><span class="swatch s-${s}" aria-hidden="true">${CELL_GLYPH[s]}</span>${capitalize(CELL_LABEL[s])}</dt><dd>${CELL_DEFINITIONS[s]}</dd></div>`)}
<div class="wide"><dt>Covered by</dt><dd>The policies that claim the criterion. Its status is the worst of their cells: drift, then unverified, then verified; not covered when no policy claims it.</dd></div>
</dl>
<div class="scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">
<table class="matrix">
<caption id="matrix-caption">Coverage of ${criteria} criteria by ${columns.length} ${columns.length === 1 ? 'policy' : 'policies'}</caption>
<thead><tr>
<th scope="col">Criterion</th>
${columns.map((c) => html`<th scope="col" class="pol" title="${c.policy.title ?? c.policy.id}">${breakable(c.policy.id)}<span class="n">${plural(c.counts.verified + c.counts.drift + c.counts.unknown + c.counts.unchecked + c.counts.excepted, 'req.', 'req.')}</span></th>`)}
<th scope="col">Covered by</th>
</tr></thead>
${groups.map(
  (group) => html`<tbody>
<tr class="group"><th scope="rowgroup" colspan="${span}">${group.category} <span class="muted">(${group.rows[0].id}${group.rows.length > 1 ? `–${group.rows.at(-1)!.id}` : ''})</span></th></tr>
${group.rows.map(
  (row) => html`<tr>
<th scope="row" title="${row.title}"><span class="cid">${row.id}</span> <span class="ctitle">${row.title}</span></th>
${row.cells.map((status, i) => matrixCell(status, columns[i], row.id))}
<td class="covered" data-summary="${row.summary}">${row.coveredBy.length === 0 ? html`<span class="chip c-not-covered">not covered</span>` : html`<span class="chip c-${row.summary}"><span aria-hidden="true">${CELL_GLYPH[row.summary]}</span> ${CELL_LABEL[row.summary]}</span><span class="ids">${row.coveredBy.map((p, i) => html`${i > 0 ? ', ' : ''}<span class="id">${p.id}</span>`)}</span>`}</td>
</tr>`,
)}
</tbody>`,
)}
</table>
</div>
${unknown.length > 0 ? html`<p class="notes">Claimed ids that are not criteria of the catalog (control/unknown-id), not shown: ${unknown.map((c, i) => html`${i > 0 ? '; ' : ''}<code>${c.policy.id}</code> claims ${c.unknown.map((id, j) => html`${j > 0 ? ', ' : ''}<code>${id}</code>`)}`)}.</p>` : ''}
</section>`;
}

function matrixCell(status: CellStatus, column: CoverageMatrix['columns'][number], control: string): Markup {
  const { policy, counts } = column;
  const tally = REQUIREMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ');
  const title =
    status === 'not-covered'
      ? `${policy.id} does not claim ${control}`
      : `${policy.id} claims ${control}: ${CELL_LABEL[status]} (${tally || 'no requirements'})`;
  return html`<td class="cell" data-status="${status}" data-control="${control}" data-policy="${policy.id}" data-file="${policy.file}" title="${title}"><span class="mark s-${status}" aria-hidden="true">${CELL_GLYPH[status]}</span><span class="vh">${title}</span></td>`;
}

// ---------------------------------------------------------------------------------------------
// Requirements

function requirementsSection(result: LintResult, details: ReportDetails | undefined): Markup {
  const positions = new Positions(result.texts);
  const byPolicy = new Map<string, RequirementResult[]>();
  for (const r of result.requirements) byPolicy.set(r.file, [...(byPolicy.get(r.file) ?? []), r]);
  const policies = result.policies.filter((p) => byPolicy.has(p.file));
  return html`<section class="card" id="requirements" aria-labelledby="requirements-h">
<h2 id="requirements-h">Requirements</h2>
<p class="lede">Each requirement with what it expects and the values its sources hold. <span aria-hidden="true">✓</span> passes, <span aria-hidden="true">✗</span> fails, <span aria-hidden="true">?</span> cannot be known statically, <span aria-hidden="true">⊘</span> fails under an approved exception; positions are line:column in the file named.</p>
<div class="tables">
${policies.length === 0 ? html`<p class="empty">No requirements.</p>` : ''}
${policies.map(
  (policy) => html`<div class="scroll"><table class="reqs">
<caption><code>${policy.id}</code> ${policy.title ? html`<span class="sub">— ${policy.title}</span>` : ''} <span class="sub">· ${policy.file} · owner ${policy.owner ?? 'none'}</span></caption>
<colgroup><col class="w-req"><col class="w-status"><col class="w-exp"><col class="w-vals"><col class="w-line"></colgroup>
<thead><tr><th scope="col">Requirement</th><th scope="col">Status</th><th scope="col">Expectation</th><th scope="col">Actual values</th><th scope="col" class="num">Line</th></tr></thead>
<tbody>
${(byPolicy.get(policy.file) ?? []).map((r) => requirementRow(r, details?.requirements.get(requirementKey(r.file, r.requirement)), positions.at(r.file, r.span.start).line, details !== undefined))}
</tbody>
</table></div>`,
)}
</div>
</section>`;
}

function requirementRow(r: RequirementResult, detail: RequirementDetail | undefined, line: number, haveDetails: boolean): Markup {
  const expectation = detail?.expect
    ? html`<code class="exp">${detail.expect}</code>`
    : detail?.expectProblem
      ? html`<span class="problem">invalid: ${detail.expectProblem}</span>`
      : detail?.every
        ? html`<span>dated evidence, ${detail.every}</span>`
        : html`<span class="muted">—</span>`;
  const cadence = detail?.expect && detail.every ? html`<div class="muted">evidence ${detail.every}</div>` : '';
  const sources = detail
    ? [
        ...detail.sources.map((s) => sourceBlock(s, 'in')),
        ...(detail.reference ? [sourceBlock(detail.reference, 'reference')] : []),
        ...(detail.evidence ? [evidenceBlock(detail.evidence)] : []),
      ]
    : [];
  const values =
    sources.length > 0 ? sources : html`<span class="muted">${haveDetails ? 'no source: nothing to check against' : 'values not available'}</span>`;
  return html`<tr data-requirement="${r.requirement}" data-status="${r.status}">
<th scope="row"><span class="rid">${breakable(r.requirement)}</span>${detail?.says ? html`<span class="says">${detail.says}</span>` : ''}</th>
<td>${statusChip(r.status)}</td>
<td>${expectation}${cadence}</td>
<td>${values}</td>
<td class="num">${line}</td>
</tr>`;
}

function sourceHead(source: SourceDetail, role: string): Markup {
  return html`<div class="src-head">${role}<code>${source.file ?? '?'}</code> › <code>${source.at ?? '?'}</code>${source.where ? html` <span class="where">where ${source.where}</span>` : ''}</div>`;
}

function problemBlock(source: SourceDetail, role: string): Markup {
  return html`<div class="src">${sourceHead(source, role)}<div class="problem"><span aria-hidden="true">✗</span> ${source.problem}</div></div>`;
}

function sourceBlock(source: SourceDetail, role: 'in' | 'reference'): Markup {
  const label = role === 'reference' ? 'reference ' : '';
  if (source.problem) return problemBlock(source, label);
  if (role === 'reference') {
    return html`<div class="src">${sourceHead(source, label)}<ul class="vals"><li class="more full">${plural(source.count, 'value')} to compare against</li></ul></div>`;
  }
  const lines: Markup[] = [];
  if (source.selection) {
    lines.push(verdictLine(source.selection, html`${plural(source.count, 'value')} selected`));
  }
  // Failing and unknown values first (the ones a reviewer needs), then a few passing ones.
  const notPassing = source.values.filter((v) => v.verdict !== 'pass');
  const passing = source.values.filter((v) => v.verdict === 'pass');
  const shownBad = notPassing.slice(0, MAX_VALUES);
  const shownGood = passing.slice(0, Math.max(0, MAX_PASSING - shownBad.length));
  const shown = new Set([...shownBad, ...shownGood]);
  lines.push(...source.values.filter((v) => shown.has(v)).map((v) => valueLine(v, source.file)));
  const hiddenBad = notPassing.length - shownBad.length;
  const hiddenGood = passing.length - shownGood.length;
  if (hiddenBad + hiddenGood > 0) {
    const parts = [hiddenGood > 0 ? `${hiddenGood} passing` : '', hiddenBad > 0 ? `${hiddenBad} failing or unknown` : ''].filter(Boolean).join(' and ');
    lines.push(html`<li class="more full">… and ${parts} (${plural(source.count, 'value')} in all)</li>`);
  }
  if (source.values.length === 0) lines.push(html`<li class="more full">no values</li>`);
  return html`<div class="src">${sourceHead(source, label)}<ul class="vals">${lines}</ul></div>`;
}

function evidenceBlock(evidence: EvidenceDetail): Markup {
  if (evidence.problem) return problemBlock(evidence, 'evidence ');
  const verdict = evidence.stale || evidence.gaps.length > 0 || evidence.future.length > 0 ? 'fail' : 'pass';
  const problems = [evidence.stale ? 'stale' : '', evidence.gaps.length > 0 ? plural(evidence.gaps.length, 'gap') : '', evidence.future.length > 0 ? `${evidence.future.length} in the future` : '']
    .filter(Boolean)
    .join(', ');
  const lines = [
    verdictLine(
      verdict,
      html`${plural(evidence.count, 'row')}; newest <code>${evidence.newest ?? 'none'}</code>${evidence.due ? html`, next due <code>${evidence.due}</code>` : ''}${problems ? ` (${problems})` : ''}`,
    ),
  ];
  const notDates = evidence.values.filter((v) => v.verdict !== 'pass');
  lines.push(...notDates.slice(0, MAX_VALUES).map((v) => valueLine(v, evidence.file)));
  if (notDates.length > MAX_VALUES) lines.push(html`<li class="more full">… and ${notDates.length - MAX_VALUES} more rows that are not dates</li>`);
  return html`<div class="src">${sourceHead(evidence, 'evidence ')}<ul class="vals">${lines}</ul></div>`;
}

function verdictLine(verdict: 'pass' | 'fail', body: Markup): Markup {
  return html`<li class="v-${verdict} full"><span class="g" aria-hidden="true">${VALUE_GLYPH[verdict]}</span><span class="vh">${VALUE_LABEL[verdict]}:</span><span>${body}</span></li>`;
}

/**
 * A selected value with its verdict and 1-based position. Passing values are short (the position
 * only, with the file when it is not the source's own); the others say everything known.
 */
function valueLine(v: ValueDetail, sourceFile: string | undefined): Markup {
  const where = `${v.file === sourceFile ? '' : `${v.file}:`}${v.line}:${v.column}`;
  const mark = html`<span class="g" aria-hidden="true">${VALUE_GLYPH[v.verdict]}</span><span class="vh">${VALUE_LABEL[v.verdict]}:</span>`;
  if (v.verdict === 'pass' && !v.via) {
    return html`<li class="v-pass" title="${v.name} · ${v.file}:${v.line}:${v.column}">${mark}<span><code class="val">${v.shown}</code> <span class="where">${where}</span></span></li>`;
  }
  const why = v.why ? html` <span class="where">(${v.why})</span>` : '';
  const via = v.via ? html` <span class="where">(${v.via})</span>` : '';
  return html`<li class="v-${v.verdict} full">${mark}<span><code class="val">${v.shown}</code>${why}${via} <span class="where">${v.name} · ${where}</span></span></li>`;
}

function statusChip(status: RequirementStatus): Markup {
  return html`<span class="chip c-${status}"><span aria-hidden="true">${REQUIREMENT_GLYPH[status]}</span> ${status}</span>`;
}

// ---------------------------------------------------------------------------------------------
// Timeline of review and evidence dates

function timelineSection(items: TimelineItem[], today: string, haveDetails: boolean): Markup {
  const days = [today, ...items.flatMap((i) => [i.start, i.due])].filter((d): d is string => d !== undefined).map(toDay);
  const from = startOfQuarter(Math.min(...days));
  const to = endOfQuarter(Math.max(...days));
  const x = (date: string) => percent(toDay(date) - from, to - from);
  const ticks = quarterTicks(from, to);
  const now = x(today);
  const overdue = items.filter((i) => i.state === 'overdue').length;
  return html`<section class="card" id="timeline" aria-labelledby="timeline-h">
<h2 id="timeline-h">Reviews and evidence</h2>
<p class="lede">Policy reviews (last review → next due)${haveDetails ? ', recurring evidence (newest evidence → next due) and exceptions (→ expiry)' : ''}, soonest due first. ${overdue > 0 ? html`<strong class="problem">${plural(overdue, 'item is', 'items are')} overdue.</strong>` : 'Nothing is overdue.'}</p>
<div class="scroll">
<table class="tl">
<caption>Review and evidence dates as of ${today}</caption>
<thead><tr>
<th scope="col">Item</th><th scope="col" class="nowrap">Last</th><th scope="col" class="nowrap">Next due</th><th scope="col">Status</th>
<th scope="col" class="axis"><span class="vh">Timeline</span>${ticks.map((t) => html`<span class="tick" style="left:${percent(t.day - from, to - from)}%" aria-hidden="true">${t.label}</span>`)}</th>
</tr></thead>
<tbody>
${items.map((item) => timelineRow(item, x, now))}
</tbody>
</table>
</div>
<p class="key" aria-hidden="true"><span><span class="k k-bar"></span>last → next due</span><span><span class="k k-late"></span>overdue since the due date</span><span><span class="k k-today"></span>today (${today})</span></p>
</section>`;
}

function timelineRow(item: TimelineItem, x: (date: string) => number, now: number): Markup {
  const kind = item.kind === 'review' ? 'Policy review' : item.kind === 'evidence' ? 'Evidence' : 'Exception';
  const start = item.start !== undefined ? x(item.start) : undefined;
  const due = item.due !== undefined ? x(item.due) : undefined;
  const bar =
    start !== undefined && due !== undefined
      ? html`<span class="bar st-${item.state}" style="left:${Math.min(start, due)}%;width:${Math.abs(due - start)}%"></span>`
      : '';
  const late = item.state === 'overdue' && due !== undefined && due < now ? html`<span class="late" style="left:${due}%;width:${now - due}%"></span>` : '';
  return html`<tr class="st-${item.state}" data-kind="${item.kind}" data-state="${item.state}">
<th scope="row"><span class="kind">${kind}</span><code>${item.policy.id}</code>${item.requirement ? html` › <code>${item.requirement}</code>` : ''}${item.problems.length > 0 ? html`<ul class="probs">${item.problems.map((p) => html`<li><span aria-hidden="true">⚠</span> ${p}</li>`)}</ul>` : ''}</th>
<td class="nowrap mono">${item.start ?? '—'}</td>
<td class="nowrap mono">${item.due ?? '—'}</td>
<td class="state"><span class="chip c-${item.state}"><span aria-hidden="true">${STATE_GLYPH[item.state]}</span> ${STATE_LABEL[item.state]}</span> <span class="nowrap">${item.note}</span></td>
<td aria-hidden="true"><div class="track">${bar}${late}${start !== undefined ? html`<span class="pt start" style="left:${start}%"></span>` : ''}${due !== undefined ? html`<span class="pt due st-${item.state}" style="left:${due}%"></span>` : ''}<span class="today" style="left:${now}%"></span></div></td>
</tr>`;
}

// ---------------------------------------------------------------------------------------------
// Owners

function ownersSection(result: LintResult, items: TimelineItem[]): Markup {
  const byOwner = new Map<string, PolicySummary[]>();
  for (const p of result.policies) byOwner.set(p.owner ?? '', [...(byOwner.get(p.owner ?? '') ?? []), p]);
  // Named owners alphabetically, policies without an owner last.
  const owners = [...byOwner.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const reviews = new Map(items.filter((i) => i.kind === 'review').map((i) => [i.policy.file, i]));
  return html`<section class="card" id="owners" aria-labelledby="owners-h">
<h2 id="owners-h">Owners</h2>
<p class="lede">Who is accountable for each policy, whether its review is on schedule, and how its requirements stand.</p>
<div class="scroll">
<table class="owners">
<caption>Policies by owner</caption>
<thead><tr><th scope="col">Owner</th><th scope="col">Policy</th><th scope="col" class="nowrap">Last review</th><th scope="col" class="nowrap">Next review</th><th scope="col">Review status</th><th scope="col">Requirements</th></tr></thead>
${owners.map((owner) => {
  const policies = byOwner.get(owner) ?? [];
  return html`<tbody>
${policies.map((p, i) => {
  const review = reviews.get(p.file);
  const counts = emptyCounts();
  for (const r of result.requirements) if (r.file === p.file) counts[r.status]++;
  const tally = REQUIREMENT_STATUSES.filter((s) => counts[s] > 0);
  return html`<tr data-owner="${owner}" data-policy="${p.id}">
${i === 0 ? html`<th scope="rowgroup" rowspan="${policies.length}">${owner === '' ? html`<span class="chip c-error"><span aria-hidden="true">✗</span> no owner</span>` : html`<code>${owner}</code>`}</th>` : ''}
<td><code>${p.id}</code>${p.title ? html`<div class="muted">${p.title}</div>` : ''}</td>
<td class="nowrap mono">${p.reviewLast ?? '—'}</td>
<td class="nowrap mono">${p.reviewNext ?? '—'}</td>
<td>${review ? html`<span class="chip c-${review.state}"><span aria-hidden="true">${STATE_GLYPH[review.state]}</span> ${STATE_LABEL[review.state]}</span> <span class="nowrap">${review.note}</span>` : ''}</td>
<td>${tally.length === 0 ? html`<span class="muted">none</span>` : tally.map((s) => html`${statusChipCount(s, counts[s])} `)}</td>
</tr>`;
})}
</tbody>`;
})}
</table>
</div>
</section>`;
}

function statusChipCount(status: RequirementStatus, n: number): Markup {
  return html`<span class="chip c-${status}"><span aria-hidden="true">${REQUIREMENT_GLYPH[status]}</span> ${n} ${status}</span>`;
}

// ---------------------------------------------------------------------------------------------
// Findings

function findingsSection(result: LintResult, context: HtmlFormatContext): Markup {
  const positions = new Positions(result.texts);
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const baseline = context.baseline;
  return html`<section class="card" id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<p class="lede">${plural(result.findings.length, 'finding')} in ${plural(byFile.size, 'file')}, by file and position (1-based line:column). Run <code>tenet explain RULE</code> for what a rule checks and how to fix it.${baseline ? html` ${plural(baseline.suppressed, 'finding')} recorded in the baseline <code>${baseline.file}</code> ${baseline.suppressed === 1 ? 'is' : 'are'} not shown.` : ''}</p>
${
  byFile.size === 0
    ? html`<p class="empty">No findings.</p>`
    : html`<div class="scroll"><table class="findings">
<caption>Findings by file</caption>
<thead><tr><th scope="col">Position</th><th scope="col">Severity</th><th scope="col">Message</th><th scope="col">Rule</th></tr></thead>
${[...byFile.entries()].map(([file, findings]) => {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const tally = (['error', 'warning', 'info'] as const).filter((s) => count(s) > 0).map((s) => plural(count(s), s)).join(', ');
  return html`<tbody data-file="${file}">
<tr class="group"><th scope="rowgroup" colspan="4"><code>${file}</code> <span class="sub">· ${tally}</span></th></tr>
${findings.map((f) => {
  const { line, column } = positions.at(f.file, f.span.start);
  return html`<tr data-rule="${f.rule}" data-severity="${f.severity}">
<td class="pos">${line}:${column}</td>
<td><span class="chip c-${f.severity}"><span aria-hidden="true">${SEVERITY_GLYPH[f.severity]}</span> ${f.severity}</span></td>
<td>${f.message}${(f.related ?? []).map((r) => {
    const at = positions.at(r.file, r.span.start);
    return html`<span class="rel">${r.message}: ${r.file}:${at.line}:${at.column}</span>`;
  })}</td>
<td class="rule">${f.rule}</td>
</tr>`;
})}
</tbody>`;
})}
</table></div>`
}
</section>`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A percentage with two decimals, so the page is byte-for-byte stable. */
function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 10000) / 100;
}

const MS_PER_DAY = 86_400_000;

function toDay(date: string): number {
  return parseIsoDate(date) ?? 0;
}

function startOfQuarter(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1) / MS_PER_DAY);
}

function endOfQuarter(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + 3, 1) / MS_PER_DAY);
}

/** Quarter starts between `from` and `to`, labelled `2026 Q3`; thinned to at most 10 labels. */
function quarterTicks(from: number, to: number): { day: number; label: string }[] {
  const ticks: { day: number; label: string }[] = [];
  for (let day = from; day <= to; ) {
    const d = new Date(day * MS_PER_DAY);
    ticks.push({ day, label: `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}` });
    day = Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1) / MS_PER_DAY);
  }
  const step = Math.ceil(ticks.length / 10);
  return ticks.filter((_, i) => i % step === 0 && i < ticks.length - 1);
}

// The report's only style sheet, inlined in the page: system fonts (nothing fetched), a heat-map
// palette whose text meets WCAG AA contrast on every background (4.5:1 or better), and a print layout.

export const STYLE = `
:root {
  color-scheme: light;
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --paper: #ffffff;
  --accent: #0550ae;
  --verified: #1a7f37; --drift: #b42318; --unverified: #f2c14e; --unverified-ink: #3b2a00;
  --none: #eef1f4; --none-ink: #57606a;
  --ok-bg: #dafbe1; --ok-ink: #0b5d1e; --bad-bg: #ffebe9; --bad-ink: #8a1c1c;
  --warn-bg: #fff4d1; --warn-ink: #6b4a00; --info-bg: #ddf4ff; --info-ink: #0550ae;
  --gray-bg: #eef1f4; --gray-ink: #3d4a5c;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--soft); }
body { margin: 0; font: 14px/1.5 var(--sans); color: var(--ink); -webkit-text-size-adjust: 100%; }
code, .mono { font-family: var(--mono); font-size: 0.92em; }
a { color: var(--accent); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
.vh { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.skip { position: absolute; left: 1rem; top: -3rem; background: var(--paper); color: var(--accent); padding: .5rem .75rem; border-radius: 6px; z-index: 2; }
.skip:focus { top: 1rem; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 28px; }

.banner { background: #18212f; color: #ffffff; padding: 26px 0 22px; }
.banner .eyebrow { margin: 0 0 6px; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #c9d1d9; }
.banner h1 { font-size: 26px; font-weight: 650; }
.banner .meta { margin: 8px 0 0; color: #e6edf3; }
.banner .meta strong { color: #ffffff; }
.toc { background: #222d3d; }
.toc ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 22px; }
.toc a { display: inline-block; padding: 9px 0; color: #e6edf3; text-decoration: none; font-size: 13px; }
.toc a:hover { color: #ffffff; text-decoration: underline; }

main { padding: 22px 0 8px; }
section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 22px 24px; margin: 0 0 20px; }
section.card > h2 { font-size: 19px; font-weight: 650; margin-bottom: 4px; }
.lede { margin: 0 0 16px; color: var(--muted); max-width: 80ch; }

/* Summary figures */
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr)); gap: 10px; margin: 14px 0 0; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; background: var(--paper); border-top-width: 4px; }
.figure dt { font-size: 12px; color: var(--muted); }
.figure dd { margin: 0; font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.figure.t-verified { border-top-color: var(--verified); }
.figure.t-drift { border-top-color: var(--drift); }
.figure.t-unknown { border-top-color: var(--unverified); }
.figure.t-unchecked { border-top-color: #8c959f; }
.figure.t-excepted { border-top-color: #6639ba; }
.figure.t-error { border-top-color: var(--drift); }
.figure.t-warning { border-top-color: #d4a72c; }
.figure.t-info { border-top-color: var(--accent); }
.figure.t-neutral { border-top-color: #18212f; }
.figure.t-today dd { font-size: 19px; padding-top: 4px; }
.figure-group { margin-top: 14px; }
.split { display: grid; grid-template-columns: 5fr 3fr; gap: 0 18px; }
.split .figures { grid-template-columns: repeat(auto-fit, minmax(96px, 1fr)); }
.figure-group h3 { font-size: 13px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
.stack { display: flex; height: 12px; border-radius: 6px; overflow: hidden; margin: 12px 0 4px; background: var(--none); }
.stack span { display: block; height: 100%; }
.stack .b-verified { background: var(--verified); } .stack .b-drift { background: var(--drift); }
.stack .b-unknown { background: var(--unverified); } .stack .b-unchecked { background: #8c959f; } .stack .b-excepted { background: #6639ba; }

/* Tables */
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 650; font-size: 14.5px; padding: 0 0 8px; caption-side: top; }
caption .sub { font-weight: 400; color: var(--muted); font-size: 13px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); background: var(--paper); }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.muted { color: var(--muted); }
.tables > * + * { margin-top: 22px; }

/* Heat map */
.legend { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 10px 20px; margin: 0 0 14px; padding: 12px 14px; background: var(--soft); border-radius: 8px; }
.legend dt { display: flex; gap: 8px; align-items: center; font-weight: 650; font-size: 13px; }
.legend dd { margin: 3px 0 0; font-size: 12px; line-height: 1.4; color: var(--ink); }
.legend .wide { grid-column: 1 / -1; display: flex; gap: 8px; align-items: baseline; }
.legend .wide dd { margin: 0; }
.matrix { width: auto; min-width: 100%; }
.matrix th, .matrix td { border-bottom: 1px solid #e6eaef; }
.matrix thead th { vertical-align: bottom; }
.matrix thead th.pol { min-width: 88px; text-align: center; font-family: var(--mono); font-size: 11.5px; color: var(--ink); line-height: 1.3; }
.matrix thead th.pol .n { display: block; font-family: var(--sans); color: var(--muted); font-weight: 400; margin-top: 2px; }
.matrix { font-size: 12.5px; line-height: 1.3; }
.matrix td.covered .chip { line-height: 1.35; }
.matrix th, .matrix td { padding: 1px 6px; }
.matrix tbody th[scope=row] { font-weight: 400; white-space: nowrap; padding-right: 12px; vertical-align: middle; }
.matrix .cid { display: inline-block; min-width: 48px; font-family: var(--mono); font-weight: 600; }
.matrix .ctitle { display: inline-block; max-width: 250px; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; color: var(--muted); }
.matrix tr.group th { background: var(--soft); font-size: 11.5px; font-weight: 650; text-transform: uppercase; letter-spacing: .05em; color: var(--gray-ink); padding: 6px 6px 3px; }
.matrix td.cell { padding: 2px; text-align: center; vertical-align: middle; }
.swatch, .matrix td.cell > span.mark { display: inline-flex; align-items: center; justify-content: center; width: 100%; min-width: 28px; height: 18px; border-radius: 3px; font-weight: 700; font-size: 12.5px; }
.swatch { width: 30px; flex: none; }
.s-verified { background: var(--verified); color: #ffffff; }
.s-drift { background: var(--drift); color: #ffffff; }
.s-unverified { background: var(--unverified); color: var(--unverified-ink); }
.s-not-covered { background: var(--none); color: var(--none-ink); font-weight: 400; }
.matrix td.covered { font-size: 12px; vertical-align: middle; min-width: 180px; }
.matrix td.covered .ids { font-family: var(--mono); font-size: 11px; }
.matrix td.covered .id { white-space: nowrap; }
.matrix td.covered .chip { margin-right: 6px; }
.matrix tr:hover th[scope=row], .matrix tr:hover td.covered { background: #f3f6fa; }
.notes { margin: 12px 0 0; color: var(--muted); font-size: 12.5px; }

/* Chips */
.chip { display: inline-flex; gap: 4px; align-items: center; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; line-height: 1.6; }
.c-verified, .c-ok { background: var(--ok-bg); color: var(--ok-ink); }
.c-drift, .c-error, .c-overdue { background: var(--bad-bg); color: var(--bad-ink); }
.c-unknown, .c-unverified, .c-warning, .c-due-soon, .c-future, .c-missing { background: var(--warn-bg); color: var(--warn-ink); }
.c-unchecked, .c-not-covered { background: var(--gray-bg); color: var(--gray-ink); }
.c-excepted { background: #fbefff; color: #6639ba; }
.c-info { background: var(--info-bg); color: var(--info-ink); }

/* Requirements */
.reqs { table-layout: fixed; }
.reqs td, .reqs th { padding: 7px 8px; overflow-wrap: anywhere; }
.reqs col.w-req { width: 23%; } .reqs col.w-status { width: 92px; } .reqs col.w-exp { width: 14%; } .reqs col.w-line { width: 44px; }
.reqs .rid { font-family: var(--mono); font-weight: 600; font-size: 12.5px; }
.reqs .says { display: block; font-weight: 400; color: var(--muted); margin-top: 2px; max-width: 44ch; font-size: 12.5px; line-height: 1.4; }
.reqs code.exp { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; }
.src { margin: 0 0 6px; }
.src:last-child { margin-bottom: 0; }
.src-head { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.src-head code { color: var(--ink); }
.vals { list-style: none; margin: 1px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 14px; }
.vals li { display: flex; gap: 5px; align-items: baseline; line-height: 1.45; flex: 0 1 auto; min-width: 0; }
.vals li.full { flex-basis: 100%; }
.vals .g { flex: none; width: 1.1em; text-align: center; font-weight: 700; }
.v-pass .g { color: var(--verified); } .v-fail .g { color: var(--drift); } .v-unknown .g { color: #7d5a00; } .v-excepted .g { color: #6639ba; }
.v-fail code.val { color: var(--bad-ink); font-weight: 600; }
.vals .where { color: var(--muted); font-size: 12px; }
.problem { color: var(--bad-ink); }
.more { color: var(--muted); font-size: 12px; }

/* Timeline */
.tl td { vertical-align: middle; }
.tl th.axis { position: relative; width: 42%; min-width: 320px; padding: 0; height: 30px; }
.tl .tick { position: absolute; bottom: 5px; transform: translateX(-50%); font-size: 11px; font-weight: 400; color: var(--muted); white-space: nowrap; }
.track { position: relative; height: 18px; background: linear-gradient(#edf0f3, #edf0f3) 0 50% / 100% 2px no-repeat; }
.track .bar { position: absolute; top: 5px; height: 8px; border-radius: 4px; background: #8c959f; }
.track .bar.st-ok { background: var(--verified); }
.track .bar.st-due-soon { background: #d4a72c; }
.track .bar.st-overdue { background: var(--drift); }
.track .bar.st-missing, .track .bar.st-future { background: #d4a72c; }
.track .late { position: absolute; top: 8px; height: 0; border-top: 2px dashed var(--drift); }
.track .pt { position: absolute; top: 3px; width: 12px; height: 12px; margin-left: -6px; border-radius: 50%; border: 2px solid #ffffff; }
.track .pt.start { background: var(--ink); }
.track .pt.due { background: var(--paper); border-color: var(--ink); }
.track .pt.due.st-overdue { border-color: var(--drift); }
.track .today { position: absolute; top: -4px; bottom: -4px; border-left: 2px solid var(--accent); }
tr.st-overdue td.state { color: var(--bad-ink); font-weight: 600; }
.tl .kind { font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); display: block; }
.tl .probs { margin: 4px 0 0; padding: 0; list-style: none; color: var(--bad-ink); font-size: 12px; }
.key { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; color: var(--muted); margin: 10px 0 0; }
.key span.k { display: inline-block; vertical-align: middle; margin-right: 5px; }
.key .k-today { width: 0; height: 14px; border-left: 2px solid var(--accent); }
.key .k-bar { width: 22px; height: 8px; border-radius: 4px; background: var(--verified); }
.key .k-late { width: 22px; border-top: 2px dashed var(--drift); }

/* Findings */
.findings td, .findings th { padding: 5px 8px; }
.findings td.pos { font-family: var(--mono); white-space: nowrap; }
.findings .rule { font-family: var(--mono); font-size: 12px; white-space: nowrap; }
.findings .rel { display: block; color: var(--muted); font-size: 12px; }
.findings tr.group th { background: var(--soft); font-weight: 600; padding-top: 7px; }
.findings tr.group .sub { font-weight: 400; color: var(--muted); font-size: 12.5px; }
.empty { color: var(--muted); font-style: italic; }

footer { color: var(--muted); font-size: 12px; padding: 6px 0 28px; }

@media (max-width: 760px) {
  .wrap { padding: 0 14px; }
  section.card { padding: 16px 14px; }
}

@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body { background: #ffffff; }
  body { font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .toc, .skip { display: none; }
  .wrap { max-width: none; padding: 0; }
  .banner { background: #ffffff; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  .banner .eyebrow, .banner .meta { color: var(--muted); }
  .banner .meta strong { color: var(--ink); }
  section.card { border: 0; border-radius: 0; padding: 0; margin: 14px 0 0; }
  section.card > h2 { break-after: avoid; }
  .scroll { overflow: visible; }
  tr, .figure, .legend div { break-inside: avoid; }
  thead { display: table-header-group; }
  caption { break-after: avoid; }
  #coverage, #requirements, #findings { break-before: page; }
  .matrix tbody th[scope=row] { white-space: normal; }
  .matrix .ctitle { max-width: none; display: inline; }
  a { color: inherit; text-decoration: none; }
}
`;

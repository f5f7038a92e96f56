// The Tenet compliance dashboard's page script (client/src/dashboard.ts serves it under a nonce-only
// Content-Security-Policy). It renders the model the extension posts — the server's tenet/dashboard
// answer — with DOM calls and textContent only: no workspace string is ever parsed as markup. Clicks
// post { type: 'open', uri, range } back; the extension opens only locations its model names.
// After each render it posts what it shows ({ type: 'rendered', ... }), read back from the DOM.
// @ts-check
/* global acquireVsCodeApi */
(function () {
  'use strict';
  // @ts-ignore: provided by the webview host
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));

  const CELL_GLYPH = { verified: '✓', drift: '✗', unverified: '?', 'not-covered': '' };
  const CELL_LABEL = { verified: 'verified', drift: 'drift', unverified: 'unverified', 'not-covered': 'not covered' };
  const STATUS_GLYPH = { verified: '✓', drift: '✗', unknown: '?', unchecked: '○', excepted: '⊘' };
  const WORST_FIRST = ['drift', 'unverified', 'verified', 'not-covered'];
  const REVIEW_LABEL = { ok: 'next review', 'due-soon': 'review due soon', overdue: 'review overdue', missing: 'no review date', future: 'review dated in the future' };

  /** What the Content-Security-Policy blocked since the script started (reported with each render). */
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI || 'inline'}`));

  /** @type {{ version: number, model: any, collapsed: Record<string, boolean> }} */
  let state = Object.assign({ version: 0, model: undefined, collapsed: {} }, vscode.getState() || {});

  /**
   * An element: `props` sets className, title, text (textContent) and data-* / aria-* attributes;
   * children are nodes or strings (as text).
   * @param {string} tag @param {Record<string, any>} [props] @param {...(Node|string|null|undefined|false)} children
   */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'title') node.title = String(value);
      else if (key === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  }

  /** A button that opens `uri` at `range` in the editor. */
  function link(className, text, uri, range, title) {
    return h('button', { className: `link ${className}`, type: 'button', title, text, onclick: () => vscode.postMessage({ type: 'open', uri, range }) });
  }

  function render(model) {
    app.replaceChildren();
    if (!model) {
      app.append(h('p', { className: 'empty', text: 'Tenet is not running: its language server is stopped or disabled (the tenet.enable setting).' }));
      return;
    }
    if (model.projects.length === 0) {
      app.append(h('p', { className: 'empty', text: 'No Tenet project in this workspace yet: add a tenet.yaml, or a policy with Tenet front matter.' }));
      return;
    }
    for (const project of model.projects) app.append(renderProject(project, model.projects.length > 1));
  }

  function renderProject(project, several) {
    const s = project.summary;
    const covered = project.matrix.rows.length - s.criteria['not-covered'];
    const header = h(
      'header',
      { className: 'top' },
      h('div', {}, h('h1', { text: several ? `Compliance · ${project.name}` : 'Compliance' }), h('p', { className: 'meta', text: `${project.name} · as of ${project.today} · ${project.framework}` })),
      h('button', { className: 'refresh', type: 'button', text: 'Refresh', title: 'Ask the Tenet server again', onclick: () => vscode.postMessage({ type: 'refresh' }) }),
    );
    const tiles = h(
      'section',
      { className: 'tiles', 'aria-label': 'Summary' },
      tile(`${s.policies}`, s.policies === 1 ? 'policy' : 'policies', ''),
      tile(`${s.statuses.verified}/${s.requirements}`, 'requirements verified', s.statuses.verified === s.requirements ? 'good' : ''),
      tile(`${s.statuses.drift}`, 'drifting', s.statuses.drift > 0 ? 'bad' : 'good'),
      tile(`${s.statuses.unknown + s.statuses.unchecked}`, 'unknown or unchecked', s.statuses.unknown + s.statuses.unchecked > 0 ? 'warn' : ''),
      tile(`${covered}/${project.matrix.rows.length}`, 'criteria covered', ''),
      tile(`${s.overdueReviews}`, s.overdueReviews === 1 ? 'review overdue' : 'reviews overdue', s.overdueReviews > 0 ? 'bad' : 'good'),
    );
    const grid = h('div', { className: 'grid' }, renderMatrix(project), h('div', { className: 'side' }, renderPolicies(project), renderDrifting(project)));
    return h('section', { className: 'project', 'data-root': project.rootUri }, header, tiles, grid);
  }

  function tile(value, label, tone) {
    return h('div', { className: `tile ${tone}` }, h('span', { className: 'value', text: value }), h('span', { className: 'label', text: label }));
  }

  function legend() {
    return h(
      'ul',
      { className: 'legend', 'aria-label': 'Legend' },
      ...['verified', 'unverified', 'drift', 'not-covered'].map((status) => h('li', {}, h('span', { className: `swatch ${status}`, text: CELL_GLYPH[status] }), CELL_LABEL[status])),
    );
  }

  function renderMatrix(project) {
    const { columns, rows } = project.matrix;
    const policies = project.policies;
    const table = h('table', { className: 'matrix' });
    table.append(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { className: 'corner', scope: 'col', text: 'Criterion' }),
          ...columns.map((id, i) => h('th', { className: 'col', scope: 'col' }, link('colhead', id, policies[i].uri, policies[i].range, `${policies[i].title || id} (${policies[i].file})`))),
        ),
      ),
    );
    // Consecutive rows of one category form a group; a group nobody covers starts collapsed.
    const groups = [];
    for (const row of rows) {
      const last = groups[groups.length - 1];
      if (last && last.category === row.category) last.rows.push(row);
      else groups.push({ category: row.category, rows: [row] });
    }
    for (const group of groups) {
      const covered = group.rows.filter((r) => r.summary !== 'not-covered').length;
      const collapsed = state.collapsed[group.category] ?? covered === 0;
      const body = h('tbody', { className: collapsed ? 'group collapsed' : 'group' });
      const chevron = h('span', { className: 'chevron', 'aria-hidden': 'true', text: collapsed ? '▸' : '▾' });
      const toggle = h('button', { className: 'toggle', type: 'button', 'aria-expanded': String(!collapsed), title: 'Show or hide the criteria' });
      toggle.append(chevron, h('span', { className: 'cat', text: group.category }), h('span', { className: 'count', text: ` ${covered}/${group.rows.length} covered` }));
      toggle.addEventListener('click', () => {
        const now = body.classList.toggle('collapsed');
        state.collapsed[group.category] = now;
        toggle.setAttribute('aria-expanded', String(!now));
        chevron.textContent = now ? '▸' : '▾';
        vscode.setState(state);
      });
      // The category's own heat-map line: the worst cell of its criteria, per policy.
      body.append(
        h(
          'tr',
          { className: 'category' },
          h('th', { scope: 'rowgroup' }, toggle),
          ...columns.map((_, i) => {
            const status = WORST_FIRST.find((s) => group.rows.some((r) => r.cells[i] === s)) || 'not-covered';
            return h('td', { className: `cell small ${status}`, title: `${group.category} × ${columns[i]}: ${CELL_LABEL[status]}`, text: CELL_GLYPH[status] });
          }),
        ),
      );
      for (const row of group.rows) {
        body.append(
          h(
            'tr',
            { className: 'criterion', 'data-id': row.id, 'data-summary': row.summary },
            h('th', { scope: 'row', title: row.title }, h('span', { className: `dot ${row.summary}`, 'aria-hidden': 'true' }), h('span', { className: 'id', text: row.id }), h('span', { className: 'title', text: row.title })),
            ...row.cells.map((status, i) => {
              const label = `${row.id} × ${columns[i]}: ${CELL_LABEL[status]}`;
              if (status === 'not-covered') return h('td', { className: `cell ${status}`, 'data-status': status, title: label });
              return h('td', { className: `cell ${status}`, 'data-status': status }, link('cellbtn', CELL_GLYPH[status], policies[i].uri, policies[i].range, `${label} — open ${policies[i].file}`));
            }),
          ),
        );
      }
      table.append(body);
    }
    return h('section', { className: 'card matrix-card', 'aria-labelledby': 'coverage-h' }, h('h2', { id: 'coverage-h', text: 'Control coverage' }), legend(), h('div', { className: 'scroll' }, table));
  }

  const RANK = { drift: 0, unknown: 1, unchecked: 2, excepted: 3, verified: 4 };

  /** Policies, worst first (drift, unknown, unchecked, excepted, verified), overdue reviews first, then by id. */
  function renderPolicies(project) {
    const policies = [...project.policies].sort((a, b) => RANK[a.status] - RANK[b.status] || Number(b.overdue) - Number(a.overdue) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const items = policies.map((p) => {
      const total = Object.values(p.counts).reduce((n, c) => n + c, 0);
      const review = p.reviewNext ? `${REVIEW_LABEL[p.reviewState] || 'next review'} ${p.reviewNext}` : REVIEW_LABEL.missing;
      const breakdown = Object.entries(p.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ') || 'no requirements';
      return h(
        'li',
        { className: `policy ${p.status}`, 'data-id': p.id },
        h(
          'div',
          { className: 'line' },
          h('span', { className: `status ${p.status}`, title: p.status, 'data-part': '', text: STATUS_GLYPH[p.status] }),
          h('span', { 'data-part': '' }, link('policylink', p.id, p.uri, p.range, `open ${p.file}`)),
          p.title ? h('span', { className: 'sub', 'data-part': '', text: p.title }) : null,
          h('span', { className: 'counts', title: breakdown, 'data-part': '', text: `${p.counts.verified}/${total} ✓` }),
        ),
        h(
          'div',
          { className: 'line meta2' },
          h('span', { className: p.owner ? 'owner' : 'owner missing', 'data-part': '', text: p.owner || 'no owner' }),
          h('span', { className: `review ${p.reviewState}`, 'data-part': '', text: review }),
        ),
      );
    });
    return h(
      'section',
      { className: 'card', 'aria-labelledby': 'policies-h' },
      h('h2', { id: 'policies-h', text: 'Policies' }),
      items.length ? h('ul', { className: 'policies' }, ...items) : h('p', { className: 'empty', text: 'No policies.' }),
    );
  }

  function renderDrifting(project) {
    const drifting = project.requirements.filter((r) => r.status === 'drift');
    const items = drifting.map((r) => {
      const head = h('div', { className: 'head' }, h('span', { className: 'status drift', 'aria-hidden': 'true', text: STATUS_GLYPH.drift }), link('reqlink', `${r.policy} › ${r.id}`, r.uri, r.range, 'open the requirement'), r.expectation ? h('code', { className: 'expect', text: `expects ${r.expectation}` }) : null);
      const values = r.offending.map((v) => {
        const where = `${v.file}:${v.range.start.line + 1}`;
        const what = v.name ? `${v.name} = ${v.shown}` : v.why || 'the file';
        return h('li', {}, link('valuelink', where, v.uri, v.range, `open ${where}`), h('span', { className: 'value', text: what }), v.name && v.why ? h('span', { className: 'why', text: v.why }) : null);
      });
      return h('li', { className: 'req' }, head, r.says ? h('p', { className: 'says', text: r.says }) : null, values.length ? h('ul', { className: 'values' }, ...values) : null);
    });
    return h(
      'section',
      { className: 'card', 'aria-labelledby': 'drifting-h' },
      h('h2', { id: 'drifting-h', text: `Drifting requirements (${drifting.length})` }),
      items.length ? h('ul', { className: 'drifting' }, ...items) : h('p', { className: 'empty', text: 'Nothing drifts: every checked requirement matches its configs.' }),
    );
  }

  /** What is on screen, read back from the DOM, for the extension (and its tests). */
  function rendered(version) {
    // An element's words: its children's, space-separated (`access-control Access Control Policy`).
    const text = (node) =>
      node.nodeType === Node.ELEMENT_NODE && node.children.length > 0
        ? [...node.childNodes].map(text).filter(Boolean).join(' ')
        : (node.textContent || '').replace(/\s+/g, ' ').trim();
    return {
      type: 'rendered',
      version,
      // The style sheet from media/ applied (the body's padding is its own), and nothing was blocked.
      styled: getComputedStyle(document.body).paddingTop === '16px',
      violations: [...violations],
      columns: [...app.querySelectorAll('table.matrix thead th.col')].map(text),
      rows: [...app.querySelectorAll('tr.criterion')].map((tr) => {
        const el = /** @type {HTMLElement} */ (tr);
        const cells = [...tr.querySelectorAll('td.cell')].map((td) => {
          const status = /** @type {HTMLElement} */ (td).dataset.status;
          return status === 'not-covered' ? '-' : status;
        });
        return `${el.dataset.id} ${el.dataset.summary}: ${cells.join(',')}`;
      }),
      policies: [...app.querySelectorAll('ul.policies > li')].map((li) => [...li.querySelectorAll('[data-part]')].map(text).join(' | ')),
      drifting: [...app.querySelectorAll('ul.drifting > li')].map((li) => [...li.querySelectorAll(':scope > .head, :scope > .values > li')].map(text).join(' | ')),
    };
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'model') return;
    state = { ...state, version: message.version, model: message.model };
    vscode.setState(state);
    render(state.model);
    vscode.postMessage(rendered(message.version));
  });

  // Shown again after being hidden: paint the last model at once; the extension sends the current one.
  if (state.model !== undefined) render(state.model);
  vscode.postMessage({ type: 'ready' });
})();

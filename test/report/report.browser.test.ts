// The HTML report in a real browser: headless Chromium opens the page for samples/soc2 from
// file://, with every request routed through the test (http and https fail it). The coverage
// matrix must say what the JSON output implies; the page must log no error, fetch nothing and run
// nothing from a hostile workspace; and the full-page screenshot becomes docs/images/report.png.
//
// Needs Debian's /usr/bin/chromium and the built CLI (dist/cli.js): `npm run test:report` builds
// and runs this file. Without Chromium every test skips, so `npm test` needs no system package.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { SOC2_2017 } from '../../server/src/engine/controls/soc2-2017';
import { BIN, REPO, runBin, tempDir, writeFiles } from '../cli/support';
import { reducePng } from './png';

const CHROMIUM = '/usr/bin/chromium';
const SAMPLES = 'samples/soc2';
const SCREENSHOT = path.join(REPO, 'docs', 'images', 'report.png');
const MAX_SCREENSHOT_BYTES = 400 * 1024;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface JsonReport {
  requirements: { policy: string; requirement: string; status: string; file: string }[];
}

interface Cell {
  control: string;
  file: string;
  status: string;
}

/** What a page did while it was open: every request, and what it refused or reported. */
interface Visit {
  page: Page;
  requests: string[];
  blocked: string[];
  errors: string[];
  dialogs: string[];
}

/**
 * The expected matrix, computed from the JSON output and the policies' own front matter, not from
 * the report's code: a policy claiming a criterion is drift if a requirement drifts, else verified
 * if one is verified, else unverified; an unclaimed criterion is not-covered.
 */
function expectedMatrix(json: JsonReport, policies: { file: string; controls: string[] }[]): Cell[] {
  const cells: Cell[] = [];
  for (const control of SOC2_2017) {
    for (const policy of policies) {
      const statuses = json.requirements.filter((r) => r.file === policy.file).map((r) => r.status);
      const claimed = policy.controls.some((c) => c.trim().toUpperCase() === control.id);
      const status = !claimed ? 'not-covered' : statuses.includes('drift') ? 'drift' : statuses.includes('verified') ? 'verified' : 'unverified';
      cells.push({ control: control.id, file: policy.file, status });
    }
  }
  return cells;
}

/** The policies of samples/soc2 (tenet.yaml: policies/**\/*.md), read with a YAML parser. */
function samplePolicies(): { file: string; controls: string[] }[] {
  const root = path.join(REPO, SAMPLES);
  const files = fs
    .readdirSync(path.join(root, 'policies'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `policies/${f.split(path.sep).join('/')}`)
    .sort();
  return files.map((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const header = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    assert.ok(header, `${file} has front matter`);
    const data = parseYaml(header[1]) as { controls?: unknown };
    return { file, controls: Array.isArray(data.controls) ? data.controls.map(String) : [] };
  });
}

// Code run in the page is written as strings: the test runner's transform would add helpers to a
// function that the page does not have, and the test project has no DOM types.

/** Colored text (cells, swatches, chips) below WCAG AA contrast (4.5:1) against the background behind it. */
const LOW_CONTRAST = `(() => {
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('.mark, .swatch, .chip')]
    .map((el) => {
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(rgb(background(el)));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      return { text: el.className + ' "' + el.textContent + '" ' + ratio.toFixed(2), ratio };
    })
    .filter((c) => c.ratio < 4.5)
    .map((c) => c.text);
})()`;

describe('report in a browser', function () {
  this.timeout(120_000);
  let context: BrowserContext | undefined;
  let profile: string;
  /** Temporary folders to remove at the end. */
  const made: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      // No system Chromium (a plain `npm test` machine): nothing to drive, so the suite is skipped,
      // not failed. CI runs it with `npm run test:report` where Chromium is installed.
      this.skip();
    }
    assert.ok(fs.existsSync(BIN), `${BIN} is missing: run "npm run build" (npm run test:report does)`);
    profile = tempDir('tenet-chromium-profile-');
    // A screenshot at 0.75 device pixels per CSS pixel: 960 pixels wide, the width a README shows.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 0.75,
      offline: true,
    });
  });

  after(async () => {
    await context?.close();
    for (const dir of [profile, ...made]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `file` with every request routed: only the file itself may load. */
  async function visit(file: string): Promise<Visit> {
    const page = await context!.newPage();
    const visit: Visit = { page, requests: [], blocked: [], errors: [], dialogs: [] };
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (/^https?:/i.test(url)) {
        visit.blocked.push(url);
        await route.abort('blockedbyclient');
      } else {
        await route.continue();
      }
    });
    page.on('request', (request) => void visit.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') visit.errors.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => void visit.errors.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      visit.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    assert.ok(response === null || response.ok(), 'the page loads');
    return visit;
  }

  function report(workspace: string, out: string, ...args: string[]): void {
    const result = runBin(['report', workspace, '--output', out, ...args]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${out}\n`);
  }

  it('shows samples/soc2 from file:// with no error and no request but the file, the matrix agreeing with the JSON output', async () => {
    const dir = tempDir('tenet-report-');
    made.push(dir);
    const file = path.join(dir, 'tenet-report.html');
    report(SAMPLES, file);
    const json = runBin(['lint', SAMPLES, '--format', 'json']);
    assert.equal(json.stderr, '');
    const expected = expectedMatrix(JSON.parse(json.stdout) as JsonReport, samplePolicies());

    const { page, requests, blocked, errors, dialogs } = await visit(file);
    try {
      const cells: Cell[] = await page.$$eval('td[data-status][data-control]', (tds) =>
        tds.map((td) => ({ control: td.getAttribute('data-control') ?? '', file: td.getAttribute('data-file') ?? '', status: td.getAttribute('data-status') ?? '' })),
      );
      assert.equal(cells.length, 61 * 6);
      assert.deepEqual(cells, expected);
      assert.ok(cells.some((c) => c.status === 'drift'), 'the samples drift somewhere');

      // Not color alone: every cell has a glyph, a title and visually hidden text naming its status.
      const unlabelled = await page.$$eval('td[data-status][data-control]', (tds) =>
        tds.filter((td) => {
          const label = td.querySelector('.vh')?.textContent ?? '';
          const status = (td.getAttribute('data-status') ?? '').replace('-', ' ');
          return !td.getAttribute('title') || !td.querySelector('[aria-hidden="true"]')?.textContent || !(label.includes(status) || label.includes('does not claim'));
        }).length,
      );
      assert.equal(unlabelled, 0);
      // A heat map: each status its own color.
      const colors = (await page.evaluate(`(() => {
        const byStatus = {};
        for (const m of document.querySelectorAll('td[data-status] .mark')) {
          const status = m.parentElement.getAttribute('data-status');
          byStatus[status] = [...new Set([...(byStatus[status] || []), getComputedStyle(m).backgroundColor])];
        }
        return byStatus;
      })()`)) as Record<string, string[]>;
      for (const shades of Object.values(colors)) assert.equal(shades.length, 1);
      assert.equal(new Set(Object.values(colors).flat()).size, Object.keys(colors).length);

      // Accessible structure: language, landmarks, captions, header scopes.
      const structure = (await page.evaluate(`({
        lang: document.documentElement.lang,
        landmarks: ['header', 'nav', 'main', 'footer'].map((t) => document.querySelectorAll(t).length),
        tables: document.querySelectorAll('table').length,
        captioned: document.querySelectorAll('table > caption').length,
        unscoped: [...document.querySelectorAll('th')].filter((th) => !th.getAttribute('scope')).length,
        scripts: document.querySelectorAll('script').length,
      })`)) as { tables: number };
      assert.deepEqual(structure, { lang: 'en', landmarks: [1, 1, 1, 1], tables: structure.tables, captioned: structure.tables, unscoped: 0, scripts: 0 });

      // Text contrast of the colored parts (cells, swatches, chips) meets WCAG AA (4.5:1).
      const lowContrast = (await page.evaluate(LOW_CONTRAST)) as string[];
      assert.deepEqual(lowContrast, []);

      assert.deepEqual(errors, []);
      assert.deepEqual(blocked, []);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(requests, [pathToFileURL(file).href]);

      const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
      // Palette-reduced to stay small in the repository; fewer colors only if the page grew.
      let image = reducePng(png, 128);
      for (const colors of [64, 32]) if (image.length >= MAX_SCREENSHOT_BYTES) image = reducePng(png, colors);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      fs.writeFileSync(SCREENSHOT, image);
      assert.ok(image.length < MAX_SCREENSHOT_BYTES, `${SCREENSHOT} is ${image.length} bytes`);
    } finally {
      await page.close();
    }
  });

  it('runs and fetches nothing from a hostile workspace', async () => {
    const ws = writeFiles(tempDir('tenet-report-hostile-'), {
      'policies/evil.md': [
        '---',
        'policy: evil',
        'title: <script>alert(1)</script>',
        'owner: "<img src=x onerror=alert(2)>"',
        'review:',
        '  every: annually',
        '  last: 2026-06-01',
        'controls: [CC6.1]',
        'requirements:',
        '  "x\\" onmouseover=\\"alert(3)":',
        '    says: <iframe src="https://example.com/"></iframe>',
        '    expect: "== safe"',
        '    in:',
        '      - file: "cfg/<svg onload=alert(4)>.json"',
        '        at: $.banner',
        '---',
        '',
        '# Evil',
        '',
      ].join('\n'),
      'cfg/<svg onload=alert(4)>.json': '{"banner": "<img src=https://example.com/x.png onerror=alert(5)><style>body{background:url(https://example.com/y)}</style>"}\n',
    });
    made.push(ws);
    const file = path.join(ws, 'report.html');
    report(ws, file, '--today', '2026-11-22');
    const { page, requests, blocked, errors, dialogs } = await visit(file);
    try {
      const found = await page.evaluate(`({
        elements: document.querySelectorAll('script, img, svg, iframe, link, object, embed, style:not(head > style)').length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        title: document.querySelector('.matrix th.pol').getAttribute('title'),
      })`);
      assert.deepEqual(found, { elements: 0, handlers: [], title: '<script>alert(1)</script>' });
      assert.ok((await page.textContent('body'))?.includes('"<img src=https://example.com/x.png onerror=alert(5)>'));
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      assert.deepEqual(blocked, []);
      assert.deepEqual(requests, [pathToFileURL(file).href]);
    } finally {
      await page.close();
    }
  });
});

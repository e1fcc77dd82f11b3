import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currencyLabel } from '../../src/core/review/money.js';
import { makeReviewRenderers } from '../../src/render/review/review-registry.js';
import { browser } from '../support/browser.js';
import { fixtureReview } from './fixture.js';
import { overlaps, readLayout, withProbe, type Layout } from './layout-probe.js';
import { examplePolicy, realisticReview } from './realistic.js';

// The review report as the meeting sees it, laid out and printed by a real headless Chromium
// (Debian `chromium`): no piece of text covers another or spills out of its cell or chart,
// every amount carries the policy's currency, and the bundled example quarter prints on two A4
// pages. Without a browser the tests are skipped with one line; CI requires them
// (test/support/browser.ts).

const run = promisify(execFile);
const found = browser();
const CHROMIUM = found?.chromium ?? 'chromium';
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-print-'));
  dirs.push(dir);
  return dir;
};

const flags = (dir: string): string[] => [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--user-data-dir=${join(dir, 'profile')}`,
  // Wider than the page's 190 mm, so the screen layout is the printed one.
  '--window-size=1000,1400',
];

async function layoutOf(html: string): Promise<Layout> {
  const dir = tempDir();
  const file = join(dir, 'review.html');
  writeFileSync(file, withProbe(html));
  const { stdout } = await run(CHROMIUM, [...flags(dir), '--dump-dom', pathToFileURL(file).href], {
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return readLayout(stdout);
}

async function printedPages(html: string): Promise<{ pages: number; last: string }> {
  const dir = tempDir();
  const file = join(dir, 'review.html');
  const pdf = join(dir, 'review.pdf');
  writeFileSync(file, html);
  await run(CHROMIUM, [...flags(dir), '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(file).href], {
    timeout: 120_000,
  });
  const pages =
    readFileSync(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const last = (await run('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-'])).stdout;
  return { pages, last };
}

/** The bundled example quarter's review, as `tierplan review --out` writes it. */
async function exampleReport(): Promise<string> {
  const out = tempDir();
  const usage = readdirSync(join(REPO, 'examples/usage'))
    .filter((f) => /\.(csv|jsonl?)(\.gz)?$/.test(f))
    .map((f) => join(REPO, 'examples/usage', f));
  await run(
    process.execPath,
    [
      join(REPO, 'bin/tierplan.js'),
      'review',
      '--usage',
      ...usage,
      '--inventory',
      join(REPO, 'examples/inventory.yaml'),
      '--policy',
      join(REPO, 'examples/tierplan.policy.yaml'),
      '--quarter',
      '2026-Q3',
      '--as-of',
      '2026-10-05',
      '--fail-on',
      'none',
      '--out',
      out,
    ],
    { timeout: 120_000 },
  );
  return readFileSync(join(out, 'review.html'), 'utf8');
}

const MONEY_HEADS = /^(cost|billed|allocated|fixed \/ month)$/;

/**
 * Every amount the page shows, with where it is: cells of the money columns, the headline's
 * billed and allocated figures, the cost chart's labels, and any number the page's sentences put
 * after `billed`, `allocated`, `costs`, `spent`, `release it (` or before `/month`, or after the
 * ` · ` of a monthly cell.
 */
function amounts(layout: Layout): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const t of layout.tables)
    t.head.forEach((h, i) => {
      if (!MONEY_HEADS.test(h)) return;
      for (const r of t.rows) if (r[i] !== undefined && r[i] !== '–') found.push({ where: `column ${h}`, text: r[i]! });
    });
  for (const k of layout.kpis)
    if (/billed|allocated/.test(k.label)) found.push({ where: `headline ${k.label}`, text: k.value });
  for (const c of layout.charts)
    if (/^Cost/.test(c.caption)) for (const v of c.values) found.push({ where: c.caption, text: v });
  const texts = new Set(layout.boxes.map((b) => b.text));
  for (const t of layout.tables) for (const r of t.rows) for (const c of r) texts.add(c);
  const sentence =
    /(?:billed|allocated|costs|spent|more than|release it \(|evaluate [\w.-]+ \(| · )\s*(-?<?[^\s;,)]*\d[^\s;,)]*)/g;
  for (const text of texts) {
    for (const m of text.matchAll(sentence))
      if (!/^\d+(\.\d+)?[kMBT]$|%$|^\d+$/.test(m[1]!)) found.push({ where: text, text: m[1]! });
    for (const m of text.matchAll(/([^\s(]+)\/month/g))
      if (!/tokens/.test(m[1]!)) found.push({ where: text, text: m[1]! });
  }
  return found;
}

/** Text that runs out of its table cell or off the page: it would print over a neighbour. */
const spills = (layout: Layout): string[] =>
  layout.boxes
    .filter((b) => (b.cellRight !== null && b.x + b.w > b.cellRight + 1) || b.x + b.w > layout.pageWidth + 1)
    .map((b) => b.text);

/** Text of a chart drawn outside the chart's own box. */
const offChart = (layout: Layout): string[] =>
  layout.boxes
    .filter(
      (b) =>
        b.svg !== null &&
        (b.x < b.svg.x - 1 ||
          b.y < b.svg.y - 1 ||
          b.x + b.w > b.svg.x + b.svg.w + 1 ||
          b.y + b.h > b.svg.y + b.svg.h + 1),
    )
    .map((b) => b.text);

function expectCleanLayout(layout: Layout): void {
  expect(layout.boxes.length).toBeGreaterThan(100);
  expect(overlaps(layout.boxes).map(([a, b]) => `"${a.text}" × "${b.text}"`)).toEqual([]);
  expect(spills(layout)).toEqual([]);
  expect(offChart(layout)).toEqual([]);
}

function expectCurrency(layout: Layout, currency: string): void {
  const symbol = currencyLabel(currency).replace(/[$]/g, '\\$');
  const all = amounts(layout);
  expect(all.length).toBeGreaterThan(20);
  const bare = all.filter((a) => !new RegExp(`^-?<?${symbol}(\\u00a0)?\\d`).test(a.text));
  expect(bare).toEqual([]);
  const text = layout.boxes.map((b) => b.text).join('\n');
  expect(text).not.toContain('<1');
}

describe.skipIf(found === null)('the HTML review laid out and printed by Chromium', () => {
  let example: string;
  beforeAll(async () => {
    example = await exampleReport();
  }, 180_000);

  it('the checks are real: overlapping text, a spilled cell, text off its chart and a bare amount are each caught', async () => {
    const html = makeReviewRenderers({ tierOrder: ['api', 'private-cloud', 'on-prem'] }).html(realisticReview(), {
      color: false,
    });
    const fine = await layoutOf(html);
    expectCleanLayout(fine);
    expectCurrency(fine, 'USD');
    // The title pulled down over the line below it.
    const overlapping = await layoutOf(html.replace('<h1>', '<h1 style="margin-bottom:-14pt">'));
    expect(overlaps(overlapping.boxes).length).toBeGreaterThan(0);
    // An amount that cannot wrap in a cell held narrower than it.
    const spilled = await layoutOf(
      html.replace(
        /<td class="num"><b>(\$[\d,.]+)<\/b><\/td>/,
        '<td class="num" style="max-width:1mm;overflow:visible"><b>$1 $1$1$1</b></td>',
      ),
    );
    expect(spills(spilled).length).toBeGreaterThan(0);
    // A chart's label moved past the chart's edge.
    const movedLabel = await layoutOf(html.replace(/(<text x=")([\d.]+)(" y="[\d.]+"[^>]*class="value")/, '$1900$3'));
    expect(offChart(movedLabel).length).toBeGreaterThan(0);
    // An amount without its currency.
    const bare = await layoutOf(html.replace(/(<td class="num">)\$([\d,.]+)(<\/td>)/, '$1$2$3'));
    expectCleanLayout(bare);
    expect(() => expectCurrency(bare, 'USD')).toThrow();
  }, 180_000);

  it('the example quarter (examples/usage): no text overlaps, every amount has its currency', async () => {
    const layout = await layoutOf(example);
    expectCleanLayout(layout);
    expectCurrency(layout, examplePolicy().currency ?? 'USD');
  }, 180_000);

  it('the example quarter prints on two A4 pages or fewer, down to its last line', async () => {
    const { pages, last } = await printedPages(example);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(last).toContain('Generated by tierplan');
  }, 180_000);

  it('a busier quarter (7.9B tokens, $22k billed, triggers and proposals): clean, and on two pages', async () => {
    const html = makeReviewRenderers({ tierOrder: ['api', 'private-cloud', 'on-prem'] }).html(realisticReview(), {
      color: false,
    });
    const layout = await layoutOf(html);
    expectCleanLayout(layout);
    expectCurrency(layout, 'USD');
    expect((await printedPages(html)).pages).toBeLessThanOrEqual(2);
  }, 180_000);

  it('the hostile fixture (an alias full of markup, a last period to compare): no text overlaps', async () => {
    const layout = await layoutOf(makeReviewRenderers().html(fixtureReview(), { color: false }));
    expectCleanLayout(layout);
    expectCurrency(layout, 'USD');
  }, 180_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Plan } from '../../src/core/plan/plan-types.js';
import type { Inventory, PolicyFile } from '../../src/core/policy/types.js';
import { renderHtml } from '../../src/render/matrix/html.js';
import { largeInventory } from './fixtures/large-inventory.js';
import { planOf } from './fixtures/plan.js';
import { browser } from '../support/browser.js';

// The promise of the HTML matrix: its first page is the whole one-page matrix (matrix, split,
// findings) at any portfolio size, and the full lists follow from page 2 on. A real headless
// Chromium prints it to PDF; poppler's pdftotext reads each page back. Without them the tests are
// skipped with one line; CI installs both and requires them (test/support/browser.ts).

const run = promisify(execFile);
const found = browser();
const CHROMIUM = found?.chromium ?? 'chromium';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Printed {
  pages: number;
  /** The text of one page (1-based), as pdftotext reads it. */
  text(page: number): Promise<string>;
}

async function print(plan: Plan, tamper = (html: string): string => html): Promise<Printed> {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-print-'));
  dirs.push(dir);
  const html = join(dir, 'm.html');
  const pdf = join(dir, 'm.pdf');
  writeFileSync(html, tamper(renderHtml(plan, { color: false })));
  await run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(html).href,
    ],
    { timeout: 120_000 },
  );
  return {
    pages: pageCount(readFileSync(pdf).toString('latin1')),
    text: async (page) =>
      (await run('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { maxBuffer: 1 << 26 })).stdout,
  };
}

/** Page objects in the PDF (`/Type /Page`, not `/Type /Pages`). */
function pageCount(pdf: string): number {
  return pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

function examplePlan(): Plan {
  const inventory = parse(readFileSync(new URL('../../examples/inventory.yaml', import.meta.url), 'utf8')) as Inventory;
  const policyFile = parse(
    readFileSync(new URL('../../examples/tierplan.policy.yaml', import.meta.url), 'utf8'),
  ) as PolicyFile;
  return computePlan(inventory, mergePolicy(policyFile, DEFAULT_POLICY), {
    asOf: '2026-11-24',
    generator: 'tierplan test',
  });
}

/**
 * Page 1 holds everything of the one page, down to its last line (the footer); page 2 starts with
 * the use-case table. Page one's part of the document starts a page and is followed by a page
 * break, so had it overflowed, the overflow would open page 2 and push the table to page 3.
 */
async function expectOnePageMatrix(plan: Plan): Promise<Printed> {
  const printed = await print(plan);
  const first = await printed.text(1);
  expect(first).toContain('Portfolio split'.toUpperCase());
  for (const row of plan.levels.sensitivity) expect(first).toContain(row);
  expect(first).toContain('onwards.'); // the last words of the matrix's note
  expect(first).toContain('Details from page 2.');
  expect(printed.pages).toBeGreaterThanOrEqual(2);
  expect((await printed.text(2)).trimStart()).toMatch(new RegExp(`^USE CASES \\(${plan.use_cases.length}\\)`));
  return printed;
}

describe.skipIf(found === null)('HTML matrix printed by Chromium', () => {
  it('counts pages the way the assertions below rely on', () => {
    expect(pageCount('<< /Type /Pages /Count 1 >> << /Type /Page >> << /Type/Page/Parent 1 0 R >>')).toBe(2);
  });

  it.each([40, 400, 4000])(
    '%i use cases: the matrix is page 1, whole; the use cases follow',
    async (n) => {
      const plan = planOf(largeInventory(n));
      expect(plan.use_cases).toHaveLength(n);
      const printed = await expectOnePageMatrix(plan);
      // Every use case is printed, on the following pages.
      if (n === 400) {
        let text = '';
        for (let p = 2; p <= printed.pages; p++) text += await printed.text(p);
        for (const u of plan.use_cases) expect(text).toContain(u.id);
      }
    },
    180_000,
  );

  it('a first page that overflows pushes the use-case table to page 3 (the check is real)', async () => {
    const overfull = (html: string): string => html.replace('<footer>', `${'<p>one more line</p>'.repeat(80)}<footer>`);
    const printed = await print(planOf(largeInventory(40)), overfull);
    expect(await printed.text(1)).not.toContain('Details from page 2.');
    expect((await printed.text(2)).trimStart()).not.toMatch(/^USE CASES/);
  });

  it('the example inventory (examples/): the matrix is page 1, whole', async () => {
    await expectOnePageMatrix(examplePlan());
  });
});

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

// The promise of the HTML matrix: a ~40 use case portfolio prints on ONE landscape page.
// A real headless Chromium prints it; CI installs chromium, so a missing browser fails the
// test. Only TIERPLAN_SKIP_BROWSER opts out (e.g. on a laptop without one).

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function printPages(plan: Plan): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-print-'));
  dirs.push(dir);
  const html = join(dir, 'm.html');
  const pdf = join(dir, 'm.pdf');
  writeFileSync(html, renderHtml(plan, { color: false }));
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
    { timeout: 60_000 },
  );
  return pageCount(readFileSync(pdf).toString('latin1'));
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

describe.skipIf(!!process.env.TIERPLAN_SKIP_BROWSER)('HTML matrix printed by Chromium', () => {
  it('counts pages the way the assertion below relies on', () => {
    expect(pageCount('<< /Type /Pages /Count 1 >> << /Type /Page >> << /Type/Page/Parent 1 0 R >>')).toBe(2);
  });

  it('a 40 use case portfolio prints on one landscape page', async () => {
    const plan = planOf(largeInventory(40));
    expect(plan.use_cases).toHaveLength(40);
    expect(await printPages(plan)).toBe(1);
  });

  it('the example inventory (examples/) prints on one landscape page', async () => {
    expect(await printPages(examplePlan())).toBe(1);
  });

  it('an overfull portfolio does spill onto a second page (the count is real)', async () => {
    expect(await printPages(planOf(largeInventory(80)))).toBeGreaterThan(1);
  });
});

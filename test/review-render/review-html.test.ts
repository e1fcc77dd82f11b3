import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { reviewRenderers } from '../../src/render/review/review-registry.js';
import { fixtureReview, NASTY } from './fixture.js';
import { browser } from '../support/browser.js';

// The HTML review opened by a real headless Chromium (Debian `chromium`): it must load without
// console errors, with its charts in the DOM, and print. Without a browser the tests are skipped
// with one line; CI requires them (test/support/browser.ts).

const run = promisify(execFile);
const found = browser();
const CHROMIUM = found?.chromium ?? 'chromium';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function page(): { dir: string; html: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-'));
  dirs.push(dir);
  const html = join(dir, 'review.html');
  writeFileSync(html, reviewRenderers.html(fixtureReview(), { color: false }));
  return { dir, html };
}

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
];

/**
 * The fixture's charts: volume, cost, split against last period, a sparkline per firing of a
 * trigger whose figures are not all 0 (the idle use case has none), and a utilisation bar per
 * self-hosted deployment over the period.
 */
const EXPECTED_SVGS =
  3 +
  fixtureReview().triggers.filter((t) => t.kind !== 'no_traffic').length +
  new Set(
    fixtureReview()
      .deployments.filter((d) => d.utilisation !== null)
      .map((d) => d.deployment),
  ).size;

async function consoleErrors(dir: string, html: string): Promise<{ dom: string; errors: string[] }> {
  const { stdout, stderr } = await run(
    CHROMIUM,
    [...flags(dir), '--enable-logging=stderr', '--v=0', '--dump-dom', pathToFileURL(html).href],
    { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
  );
  return { dom: stdout, errors: stderr.split('\n').filter((l) => /CONSOLE|Uncaught|SyntaxError|Refused to/i.test(l)) };
}

describe.skipIf(found === null)('HTML review in headless Chromium', () => {
  it('the console check is real: a page that logs an error is caught', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-'));
    dirs.push(dir);
    const html = join(dir, 'bad.html');
    writeFileSync(html, '<!DOCTYPE html><html><body><script>console.error("boom"); missing();</script></body></html>');
    expect((await consoleErrors(dir, html)).errors.join('\n')).toMatch(/boom[\s\S]*Uncaught ReferenceError/);
  });

  it('loads without console errors and the DOM holds every chart and the hostile alias as text', async () => {
    const { dir, html } = page();
    const { dom: stdout, errors } = await consoleErrors(dir, html);
    expect(errors).toEqual([]);
    expect(stdout.match(/<svg\b/g)?.length).toBe(EXPECTED_SVGS);
    expect(stdout.match(/<rect\b/g)?.length ?? 0).toBeGreaterThan(10);
    // The split against last period: the chart with a pale bar per tier for last period, and its numbers as a table.
    expect(stdout).toMatch(/<svg[^>]*class="chart compare"/);
    expect(stdout.match(/<rect class="f-t\d prev"/g)?.length ?? 0).toBeGreaterThan(3);
    expect(stdout).toContain('Portfolio split against last period (2025-10..2025-12)');
    expect(stdout).toMatch(/class="value">5% \(-37\.5 pp\)<\/text>/);
    // Utilisation per self-hosted deployment and month, idle ones included, a bar each for the period.
    expect(stdout).toMatch(/<table class="utilisation">[\s\S]*?vllm-llama-8b[\s\S]*?0\.76%[\s\S]*?vllm-whisper/);
    expect(stdout.match(/<svg[^>]*class="chart ubar"/g)?.length).toBe(4);
    // Billed and allocated apart, with the currency.
    expect(stdout).toMatch(/<b>\$28,879<\/b><span>billed<\/span>/);
    expect(stdout).toMatch(/<b>\$163<\/b><span>fixed cost allocated<\/span>/);
    // Triggers grouped by rule: one table per trigger, not one block per firing.
    expect(stdout.match(/<table class="firings">/g)?.length).toBe(2);
    // The parsed document has no element the alias could have injected.
    expect(stdout).not.toMatch(/<script/i);
    expect(stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(stdout).toContain(NASTY.split('\n')[0]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('prints to a PDF', async () => {
    const { dir, html } = page();
    const pdf = join(dir, 'review.pdf');
    await run(CHROMIUM, [...flags(dir), '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(html).href], {
      timeout: 60_000,
    });
    const text = readFileSync(pdf).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });
});

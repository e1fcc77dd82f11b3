// `tierplan review` on a real pseudo-terminal: the progress bar on stderr shows the bytes read
// of a large export, redrawn in place with carriage returns and cleared at the end — also when
// the read fails midway — and never wider than the terminal. Without a TTY (CI) there is none.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMb } from '../../src/cli/progress.js';
import { loadExample } from '../gateway/example.js';
import { tierplan } from './run-cli.js';
import { spawnOnPty } from './support/pty.js';
import { spendLogs } from './support/spend-logs.js';

const example = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
  '--quarter',
  '2026-Q3',
  '--fail-on',
  'none',
];
const LABEL = 'reading usage';
/** One redraw as the bar writes it: carriage return, the line, erase to its end. */
// eslint-disable-next-line no-control-regex
const DRAW = /\r(reading usage(?: \[[# ]+\])? +(\d+)% ([\d.]+ MB) \/ ([\d.]+ MB))\x1b\[K/g;
const CLEAR = '\r\x1b[2K';

let dir: string;
let csv: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tierplan-review-tty-'));
  const ex = await loadExample();
  // About 40 MB: dozens of 1 MB chunks, so the bar is drawn before the end as well as at 100 %.
  csv = join(dir, 'spend.csv');
  writeFileSync(csv, spendLogs(ex.plan, ex.policy, ['2026-07', '2026-08', '2026-09'], { rowsPerMonth: 2000 }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const draws = (raw: string) =>
  [...raw.matchAll(DRAW)].map((m) => ({ line: m[1]!, pct: Number(m[2]), done: m[3]!, total: m[4]! }));

describe('review progress on a terminal', () => {
  it('draws the bar with its label, percentage and MB, redrawn with carriage returns, and clears it before the report', async () => {
    const size = statSync(csv).size;
    expect(size).toBeGreaterThan(30 * 1048576);
    const session = spawnOnPty(['review', '--usage', csv, ...example, '--out', join(dir, 'out')], { cols: 120 });
    expect(await session.exited).toBe(0);
    const raw = session.raw();
    const seen = draws(raw);
    expect(seen.length, raw.slice(0, 2000)).toBeGreaterThanOrEqual(2);
    expect(seen.every((d) => d.total === formatMb(size))).toBe(true);
    // Drawn while reading (the first chunk) and at the end, never going backwards.
    expect(seen[0]!.pct).toBeLessThan(100);
    expect(seen.at(-1)).toMatchObject({ pct: 100, done: formatMb(size) });
    expect(seen.map((d) => d.pct)).toEqual([...seen.map((d) => d.pct)].sort((a, b) => a - b));
    expect(seen[0]!.line).toMatch(/^reading usage \[#*\s*\] +\d+% /);
    // Cleared after the last draw, before anything else is written.
    const lastDraw = raw.lastIndexOf('\rreading usage');
    const clear = raw.indexOf(CLEAR, lastDraw);
    expect(clear).toBeGreaterThan(lastDraw);
    expect(raw.indexOf('wrote ')).toBeGreaterThan(clear);
    expect(raw.slice(clear)).not.toContain(LABEL);
  }, 60_000);

  it('never draws wider than the terminal: on 40 columns the bar shrinks or goes, the figures stay', async () => {
    const session = spawnOnPty(['review', '--usage', csv, ...example, '--out', join(dir, 'narrow')], { cols: 40 });
    expect(await session.exited).toBe(0);
    const seen = draws(session.raw());
    expect(seen.length).toBeGreaterThanOrEqual(2);
    // One short of the width: writing the last column makes a terminal wrap, and `\r` no longer overwrites.
    for (const d of seen) expect(d.line.length, d.line).toBeLessThanOrEqual(39);
    expect(seen.at(-1)!.line).toContain('100%');
  }, 60_000);

  it('a read that fails midway (a truncated .gz): the bar is cleared and the error starts on a clean line', async () => {
    const gz = gzipSync(readFileSync(csv));
    const broken = join(dir, 'broken.csv.gz');
    writeFileSync(broken, gz.subarray(0, Math.floor(gz.length / 2)));
    const args = ['review', '--usage', broken, ...example, '--out', join(dir, 'broken')];
    const session = spawnOnPty(args, { cols: 120 });
    // The reader reports the rows before the damage and says where it stopped; the exit code is the same as off a TTY.
    expect(await session.exited).toBe(tierplan([...args.slice(0, -1), join(dir, 'broken-ci')]).code);
    const raw = session.raw();
    expect(draws(raw).length, raw.slice(-1500)).toBeGreaterThanOrEqual(1);
    const clear = raw.indexOf(CLEAR, raw.lastIndexOf('\rreading usage'));
    expect(clear, raw.slice(-1500)).toBeGreaterThan(0);
    const after = raw.slice(clear + CLEAR.length);
    expect(after).not.toContain(LABEL);
    // The diagnostic's line begins right after the clear or after a line break, never after bar text.
    const at = after.indexOf(`${broken}:`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at === 0 || after[at - 1] === '\n').toBe(true);
    expect(after).toContain('unreadable-gzip');
  }, 60_000);

  it('Ctrl-C while reading: the bar is cleared, nothing is written, exit 130', async () => {
    // The same export thirty times over (~1.2 GB): long enough to be interrupted mid-read.
    const out = join(dir, 'interrupted');
    const session = spawnOnPty(['review', '--usage', ...Array<string>(30).fill(csv), ...example, '--out', out], {
      cols: 120,
    });
    await session.waitFor(/reading usage.*\d+% /);
    session.write('\x03');
    expect(await session.exited).toBe(130);
    const raw = session.raw();
    const tail = raw.slice(raw.lastIndexOf(CLEAR));
    expect(raw.lastIndexOf(CLEAR)).toBeGreaterThan(raw.lastIndexOf('reading usage ['));
    expect(tail).toContain('interrupted while reading the usage: nothing written');
    expect(() => statSync(out)).toThrow();
  }, 60_000);

  it('the same run without a TTY (CI) prints no bar, and the same report', () => {
    const r = tierplan(['review', '--usage', csv, ...example, '--out', join(dir, 'ci')]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain(LABEL);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('\x1b');
    expect(readFileSync(join(dir, 'ci', 'review.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'out', 'review.json'), 'utf8'),
    );
  }, 60_000);
});

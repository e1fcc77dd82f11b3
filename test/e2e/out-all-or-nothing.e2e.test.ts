// `plan --out` killed at random points of a large write: --out is the old tree or the new one,
// byte for byte, once the next run has finished or undone what the killed one left.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTemp, JOURNAL } from '../../src/io/output/manifest.js';
import { recoverTree } from '../../src/io/output/recover.js';
import { tierplan } from './run-cli.js';
import { rng, writeLargeInventory } from './support/large-inventory.js';

const bin = new URL('../../bin/tierplan.js', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'tierplan-kill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Tree = Map<string, string>;

/** Every file under `dir`, text by relative path with `/`. */
function snapshot(dir: string): Tree {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files
      .map(
        (e) =>
          [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name), 'utf8')] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

const same = (a: Tree, b: Tree): boolean => a.size === b.size && [...a].every(([p, t]) => b.get(p) === t);
const args = (inventory: string, out: string): string[] => [
  'plan',
  '--inventory',
  inventory,
  '--out',
  out,
  '--as-of',
  '2026-11-24',
];

function start(
  inventory: string,
  out: string,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...args(inventory, out)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, stderr })),
  );
  return { child, done };
}

/** Polls `ready` every few milliseconds: the child's progress is seen only on disk. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((res) => setTimeout(res, 3));
}

const invA = join(work, 'a.yaml');
const invB = join(work, 'b.yaml');
const pristineA = join(work, 'tree-a');
let treeA: Tree;
let treeB: Tree;
let runMs = 0;

beforeAll(() => {
  writeLargeInventory(invA, 2000, 1);
  // Fewer use cases, drawn differently: most files change and the last 200 use cases' files go stale.
  writeLargeInventory(invB, 1800, 2);
  expect(tierplan(args(invA, pristineA)).code).toBe(0);
  treeA = snapshot(pristineA);
  const b = join(work, 'tree-b');
  cpSync(pristineA, b, { recursive: true });
  const t0 = performance.now();
  expect(tierplan(args(invB, b)).code).toBe(0);
  runMs = performance.now() - t0;
  treeB = snapshot(b);
  // Written over the old tree, the new one is what a write into an empty folder gives: the stale
  // files of retired use cases are gone, and `gateway --check` finds no drift.
  const fromScratch = join(work, 'tree-b-fresh');
  expect(tierplan(args(invB, fromScratch)).code).toBe(0);
  expect(same(snapshot(fromScratch), treeB)).toBe(true);
  expect(tierplan(['gateway', '--inventory', invB, '--as-of', '2026-11-24', '--out', b, '--check']).code).toBe(0);
  expect(treeA.size).toBeGreaterThan(1000);
  expect([...treeA.keys()].some((p) => !treeB.has(p))).toBe(true);
}, 120_000);

describe('plan --out on 2,000 use cases', () => {
  it('killed (SIGKILL) at 8 seeded random points: old tree or new, byte for byte; the next run yields the new', async () => {
    const r = rng(7);
    const all = new Set([...treeA.keys(), ...treeB.keys()].map((p) => (dirname(p) === '.' ? '' : dirname(p))));
    for (let i = 0; i < 8; i++) {
      const out = join(work, `kill-${i}`);
      cpSync(pristineA, out, { recursive: true });
      const { child, done } = start(invB, out);
      // Half the kills land anywhere in the run; the other half in its short switch, found by its journal.
      const delay = Math.floor(r() * (i % 2 === 0 ? runMs : 30));
      if (i % 2 === 1) await until(() => existsSync(join(out, JOURNAL)) || child.exitCode !== null);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const exit = await done;
      clearTimeout(timer);
      const left = snapshot(out);
      const midSwitch = left.has(JOURNAL);
      // Before any recovery: without a journal the files tierplan owns are all old or all new; with one,
      // every file is the old or the new version of itself (the switch was under way).
      const owned = new Map([...left].filter(([p]) => !isTemp(p.split('/').pop()!)));
      owned.delete(JOURNAL);
      if (!midSwitch) expect(same(owned, treeA) || same(owned, treeB)).toBe(true);
      else for (const [p, t] of owned) expect(t === treeA.get(p) || t === treeB.get(p)).toBe(true);
      if (i < 7) await recoverTree(out, all);
      else expect(tierplan(args(invB, out)).code).toBe(0);
      const after = snapshot(out);
      const isA = same(after, treeA);
      expect(isA || same(after, treeB)).toBe(true);
      if (midSwitch) expect(isA).toBe(false);
      // A run that ended before its kill finished its write: the new tree.
      if (exit.signal === null) expect([exit.code, isA]).toEqual([0, false]);
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it('killed (SIGKILL) writing into an empty folder at 6 seeded points: nothing, or the whole new tree', async () => {
    const r = rng(11);
    const all = new Set([...treeB.keys()].map((p) => (dirname(p) === '.' ? '' : dirname(p))));
    const empty: Tree = new Map();
    for (let i = 0; i < 6; i++) {
      const out = join(work, `fresh-kill-${i}`);
      const { child, done } = start(invB, out);
      // New folders are staged whole and renamed into place: kill before, during and after.
      const delay = Math.floor(r() * (i % 2 === 0 ? runMs : 30));
      if (i % 2 === 1) await until(() => existsSync(join(out, JOURNAL)) || child.exitCode !== null);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await done;
      clearTimeout(timer);
      if (!existsSync(out)) continue;
      const left = snapshot(out);
      // Anything under a temporary name, or inside a temporary folder, is not an output yet.
      const owned = new Map([...left].filter(([p]) => !p.split('/').some(isTemp)));
      owned.delete(JOURNAL);
      if (!left.has(JOURNAL)) expect(same(owned, empty) || same(owned, treeB)).toBe(true);
      else for (const [p, t] of owned) expect(t).toBe(treeB.get(p));
      await recoverTree(out, all);
      const after = snapshot(out);
      expect(same(after, empty) || same(after, treeB)).toBe(true);
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it('SIGINT while the new files are written: exit 130, one line saying nothing changed, the old tree, no temporaries', async () => {
    const out = join(work, 'sigint');
    cpSync(pristineA, out, { recursive: true });
    const { child, done } = start(invB, out);
    const folder = join(out, 'portkey', 'use-cases');
    await until(() => readdirSync(folder).some(isTemp) || child.exitCode !== null);
    const sent = child.exitCode === null && child.kill('SIGINT');
    const exit = await done;
    expect(sent).toBe(true);
    expect(exit.code).toBe(130);
    const lines = exit.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(`interrupted (SIGINT): nothing under ${out} was changed`);
    expect(same(snapshot(out), treeA)).toBe(true);
    expect(existsSync(join(out, JOURNAL))).toBe(false);
  }, 120_000);
});

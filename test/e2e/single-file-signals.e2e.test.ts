// Single-file writes (`init`, `import`, `review --out`, `review --apply`, write-back) interrupted by
// SIGINT/SIGTERM, through the built binary (run `npm run build` first). The write is held at a
// known point — its temporaries created, nothing renamed — by a preloaded module that wraps
// fs.promises.open (support/pause-temp-write.mjs); the binary has no test hook.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const bin = new URL('../../bin/tierplan.js', import.meta.url).pathname;
const preload = new URL('./support/pause-temp-write.mjs', import.meta.url).pathname;

/** Runs `init --yes --dir dir`, held once its first temporary exists, then sent `signal`. */
async function interruptedInit(
  dir: string,
  signal: 'SIGINT' | 'SIGTERM',
): Promise<{ code: number | null; stderr: string }> {
  const paused = join(mkdtempSync(join(tmpdir(), 'tierplan-paused-')), 'paused');
  const child = spawn(process.execPath, ['--import', preload, bin, 'init', '--yes', '--dir', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', CI: 'true', TIERPLAN_TEST_PAUSED: paused },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  while (!existsSync(paused) && child.exitCode === null) await new Promise((res) => setTimeout(res, 5));
  expect(readdirSync(dir).some((n) => n.startsWith('.tierplan-tmp-'))).toBe(true);
  child.kill(signal);
  return { code: await done, stderr };
}

describe('a single-file write interrupted by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, one line saying nothing was changed, no temporaries left', async (signal, code) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tierplan-signal-')), 'project');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), 'mine\n');
    const r = await interruptedInit(dir, signal);
    expect(r.code).toBe(code);
    expect(r.stderr.trim().split('\n')).toEqual([
      `interrupted (${signal}): nothing was changed (${join(dir, 'tierplan.policy.yaml')}, ${join(dir, 'inventory.yaml')})`,
    ]);
    expect(readdirSync(dir)).toEqual(['README.md']);
  });

  it('the next run removes temporaries a killed write left beside its targets, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-leftover-'));
    const left = ['.tierplan-tmp-0123456789ab-inventory.yaml', '.tierplan-tmp-ba9876543210-tierplan.policy.yaml'];
    for (const n of left) writeFileSync(join(dir, n), 'half');
    // Not a temporary of these targets: left alone.
    writeFileSync(join(dir, '.tierplan-tmp-0123456789ab-notes.md'), 'other');
    const r = tierplan(['init', '--yes', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `note: removed 1 temporary file an interrupted earlier write left beside ${join(dir, 'inventory.yaml')}\n`,
    );
    expect(r.stderr).toContain(
      `note: removed 1 temporary file an interrupted earlier write left beside ${join(dir, 'tierplan.policy.yaml')}\n`,
    );
    expect(readdirSync(dir).sort()).toEqual([
      '.tierplan-tmp-0123456789ab-notes.md',
      'inventory.yaml',
      'tierplan.policy.yaml',
    ]);
    expect(readFileSync(join(dir, 'inventory.yaml'), 'utf8')).toMatch(/use_cases:/);
  });
});

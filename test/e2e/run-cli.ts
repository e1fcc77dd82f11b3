import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/tierplan.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a user would, without colour, without a TTY. */
export function tierplan(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const res = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repo,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

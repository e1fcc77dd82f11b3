import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldenText, type RunOutput } from './golden-text.js';
import { FIXTURE_DIR, type Scenario } from './scenario.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin', 'tierplan.js');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Only what the scenario states reaches the binary: a variable set in the developer's shell
 * (FORCE_COLOR, a proxy, a locale) would otherwise change the output from one machine to the next.
 */
function environment(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', CI: 'true', COLUMNS: '80', TZ: 'UTC', ...extra };
}

/** Runs the built binary in a fresh folder holding the scenario's fixture, then removes the folder. */
export function runBinary(scenario: Scenario): RunOutput & { tmp: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-cli-'));
  try {
    if (scenario.fixture !== undefined) cpSync(join(FIXTURE_DIR, scenario.fixture), dir, { recursive: true });
    const res = spawnSync(process.execPath, [BIN, ...scenario.args], {
      cwd: dir,
      encoding: 'utf8',
      env: environment(scenario.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (res.error) throw res.error;
    const tmp = [...new Set([dir, realpathSync(dir)])];
    return { args: scenario.args, stdout: res.stdout, stderr: res.stderr, code: res.status, signal: res.signal, tmp };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The golden text of a scenario's run, with its varying paths and the version as tokens. */
export function runScenario(scenario: Scenario): string {
  const run = runBinary(scenario);
  return goldenText(run, { tmp: run.tmp, repo: REPO, version: VERSION });
}

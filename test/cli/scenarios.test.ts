// Whole-output goldens of the built binary: the command line, stdout, stderr and exit code of
// each scenario in scenarios/, compared byte for byte. They are reviewed like code. After an
// intended change, build, then regenerate and read every changed golden as a user would:
//   npm run build && UPDATE_GOLDENS=1 npx vitest run test/cli && git diff test/cli/golden
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runScenario } from './run-scenario.js';
import { GOLDEN_DIR, goldenNames, loadScenarios } from './scenario.js';

// UPDATE_GOLDEN is the switch the other golden tests of the repository use.
const update = Boolean(process.env.UPDATE_GOLDENS || process.env.UPDATE_GOLDEN);
const scenarios = loadScenarios();

/** Goldens written from a build older than the sources would record behaviour nobody has. */
function refuseStaleBuild(): void {
  const built = join(REPO, 'dist', 'cli', 'main.js');
  const src = join(REPO, 'src');
  const newest = Math.max(
    ...readdirSync(src, { recursive: true, encoding: 'utf8' }).map((f) => statSync(join(src, f)).mtimeMs),
  );
  if (!existsSync(built) || statSync(built).mtimeMs < newest) {
    throw new Error('dist/ is missing or older than src/: run `npm run build` before updating goldens');
  }
}

describe('tierplan CLI scenarios', () => {
  beforeAll(() => {
    if (update) refuseStaleBuild();
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (name, scenario) => {
    const path = join(GOLDEN_DIR, `${name}.golden`);
    const actual = runScenario(scenario);
    if (update) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(path, actual);
      return;
    }
    if (!existsSync(path))
      throw new Error(`no golden for ${name}: run UPDATE_GOLDENS=1 npx vitest run test/cli, then read it`);
    expect(actual, `differs from test/cli/golden/${name}.golden`).toBe(readFileSync(path, 'utf8'));
  });

  it('every golden belongs to a scenario', () => {
    const names = new Set(scenarios.map((s) => s.name));
    expect(
      goldenNames().filter((g) => !names.has(g)),
      'goldens without a scenario: delete them',
    ).toEqual([]);
  });
});

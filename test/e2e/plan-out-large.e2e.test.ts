// `plan --out` of a portfolio large enough that matrix.md and matrix.html are rendered in a second
// thread (pipeline/matrix-files.ts): the files must be byte for byte what `plan --format` renders
// in the main thread, and plan.json what `--format json` prints.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKER_FROM } from '../../src/pipeline/matrix-files.js';
import { largeInventory } from '../render/fixtures/large-inventory.js';
import { repo, tierplan } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tierplan-plan-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plan --out on a large portfolio', () => {
  it('writes the matrix rendered in a second thread byte for byte as --format renders it', { timeout: 120_000 }, () => {
    const inventory = join(dir, 'inventory.yaml');
    writeFileSync(inventory, stringify(largeInventory(WORKER_FROM + 500), { aliasDuplicateObjects: false }));
    const args = ['plan', '--inventory', inventory, '--no-interactive', '--as-of', '2026-11-24', '--fail-on', 'none'];
    const out = join(dir, 'out');
    const written = tierplan([...args, '--out', out]);
    expect(written.code).toBe(0);
    for (const [file, format] of [
      ['matrix.md', 'markdown'],
      ['matrix.html', 'html'],
      ['plan.json', 'json'],
    ] as const) {
      // Megabytes on stdout: into a file, not through a pipe buffer.
      const printed = join(dir, `printed-${file}`);
      const fd = openSync(printed, 'w');
      const r = spawnSync(process.execPath, [join(repo, 'bin/tierplan.js'), ...args, '--format', format], {
        cwd: repo,
        env: { ...process.env, NO_COLOR: '1', CI: 'true' },
        stdio: ['ignore', fd, 'ignore'],
      });
      closeSync(fd);
      expect(r.status).toBe(0);
      expect(readFileSync(join(out, file), 'utf8') === readFileSync(printed, 'utf8'), file).toBe(true);
    }
  });
});

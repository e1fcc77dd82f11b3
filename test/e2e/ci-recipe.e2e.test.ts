// docs/ci.md's recipe on two consecutive days: the generated files carry no date, so `--check`
// finds no drift when nothing but the date changed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const INPUTS = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];

describe('the CI recipe on consecutive days', () => {
  it('gateway --out on one day, gateway --check the next: no drift', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierplan-ci-days-')), 'gateway');
    expect(tierplan(['gateway', ...INPUTS, '--out', out, '--as-of', '2026-11-24']).code).toBe(0);
    const check = tierplan(['gateway', ...INPUTS, '--out', out, '--check', '--as-of', '2026-11-25']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});

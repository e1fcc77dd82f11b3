// plan's findings in CI: the summary names the first ones, and --annotations github prints each as
// a workflow command at the use case in the inventory (GitHub's documented syntax).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const EXAMPLE = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const AS_OF = ['--as-of', '2026-11-24', '--no-interactive'];

describe('plan findings for CI', () => {
  it('the one-line summary names the first findings', () => {
    const r = tierplan(['plan', ...EXAMPLE, ...AS_OF, '--fail-on', 'gap', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '1 finding at --fail-on gap: gap: sanctions-intel-analysis (regulated × frontier): no-capable-deployment',
    );
  });

  it('--annotations github: one command per finding, at file, line and column of the use case id', () => {
    const r = tierplan([
      'plan',
      ...EXAMPLE,
      ...AS_OF,
      '--fail-on',
      'any',
      '--annotations',
      'github',
      '--out',
      mkdtempSync(join(tmpdir(), 'tierplan-annotations-')),
    ]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines)
      expect(l).toMatch(/^::(error|warning) file=examples\/inventory\.yaml,line=\d+,col=\d+,title=plan-[a-z-]+::\S/);
    expect(lines[0]).toMatch(/^::error .*title=plan-gap::gap: sanctions-intel-analysis /);
  });

  it('--annotations with a format that needs stdout is refused (exit 2), saying what to do', () => {
    const r = tierplan(['plan', ...EXAMPLE, ...AS_OF, '--annotations', 'github', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('write the json with --out instead');
  });
});

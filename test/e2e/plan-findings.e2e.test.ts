// plan's findings in CI: the summary names the first ones, and --annotations github prints each as
// a workflow command at the use case in the inventory (GitHub's documented syntax).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('validate and verify print their findings as annotations too, at the place in the file', () => {
    const v = tierplan(['validate', ...EXAMPLE, '--as-of', '2026-12-06', '--annotations', 'github']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^::warning file=examples\/inventory\.yaml,line=\d+,col=\d+,title=override-expired::/m);
    const out = mkdtempSync(join(tmpdir(), 'tierplan-annotations-verify-'));
    expect(tierplan(['gateway', ...EXAMPLE, ...AS_OF.slice(0, 2), '--out', out]).code).toBe(0);
    const config = join(out, 'litellm', 'config.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'http://vllm-large.dc1.internal',
        'http://admin:s3cret@vllm-large.dc1.internal',
      ),
    );
    const r = tierplan(['verify', config, ...EXAMPLE, ...AS_OF.slice(0, 2), '--annotations', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=.*config\.yaml,line=\d+,col=\d+,title=config-problem::url-credentials: /m);
    expect(r.stdout).not.toContain('s3cret');
  });

  it('--annotations with a format that needs stdout is refused (exit 2), saying what to do', () => {
    const r = tierplan(['plan', ...EXAMPLE, ...AS_OF, '--annotations', 'github', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--annotations prints to stdout, which --format json needs for itself');
  });
});

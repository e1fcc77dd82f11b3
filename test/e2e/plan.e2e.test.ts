import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repo, tierplan } from './run-cli.js';

const example = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-e2e-'));

describe('tierplan binary', () => {
  it('prints its version and help', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(tierplan(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = tierplan(['plan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on');
    expect(help.stdout).toContain('Examples:');
  });

  it('exits 2 on a usage error', () => {
    const r = tierplan(['plna']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'plna'/);
    expect(tierplan(['plan', ...example.slice(0, 4), '--as-of', '24/11/2026'])).toMatchObject({ code: 2 });
  });

  it('validates the example; once its override has expired that is a warning, exit 1 only at --fail-on warning', () => {
    const before = tierplan(['validate', ...example.slice(0, 4), '--as-of', '2026-09-01']);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^valid: \d+ use cases in 1 file, policy "/);
    const after = tierplan(['validate', ...example]);
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(
      /^examples\/inventory\.yaml:\d+:\d+: warning override-expired: override to \S+ expired on/m,
    );
    const strict = tierplan(['validate', ...example, '--fail-on', 'warning']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('warning(s) at --fail-on warning');
  });

  it('writes matrix.md, matrix.html, plan.json and the gateway configs, and plan.json follows its schema', () => {
    const out = tmp();
    const r = tierplan(['plan', ...example, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '.tierplan-manifest.json',
      'litellm',
      'matrix.html',
      'matrix.md',
      'plan.json',
      'portkey',
    ]);
    const ajv = new Ajv.default({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(repo, 'schemas/plan.schema.json'), 'utf8')) as object);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as unknown;
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(readFileSync(join(out, 'matrix.html'), 'utf8')).not.toMatch(/<(script|link)\b[^>]*\b(src|href)=/i);
  });

  it('is byte-identical across runs', () => {
    const a = tierplan(['plan', ...example, '--format', 'json']);
    const b = tierplan(['plan', ...example, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('exits 1 with --fail-on gap when the plan has a gap', () => {
    const r = tierplan(['plan', ...example, '--fail-on', 'gap', '--format', 'json']);
    const plan = JSON.parse(r.stdout) as { gaps: string[] };
    expect(plan.gaps.length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^1 finding at --fail-on gap: gap: sanctions-intel-analysis /m);
  });

  it('explains one use case with rule ids, and suggests an id on a typo', () => {
    const r = tierplan(['explain', 'claims-triage', ...example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sens.class.phi');
    expect(r.stdout).toContain('override');
    const typo = tierplan(['explain', 'claims-triag', ...example]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "claims-triage"?');
  });

  it('shows the effective policy as YAML that is itself a valid, complete policy', () => {
    const r = tierplan(['policy', 'show', '--policy', 'examples/tierplan.policy.yaml']);
    expect(r.code).toBe(0);
    const shown = parse(r.stdout) as { extends: string; tiers: unknown[] };
    expect(shown.extends).toBe('none');
    expect(shown.tiers.length).toBeGreaterThan(0);
    const dir = tmp();
    writeFileSync(join(dir, 'p.yaml'), r.stdout);
    const again = tierplan(['policy', 'show', '--policy', join(dir, 'p.yaml'), '--json']);
    const first = tierplan(['policy', 'show', '--policy', 'examples/tierplan.policy.yaml', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
  });
});

describe('bad input', () => {
  it('names file, line and column, exits 2, prints no stack, writes nothing', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'inventory.yaml'),
      'version: 1\nuse_cases:\n  - id: a\n    name: A\n    stauts: production\n',
    );
    const out = join(dir, 'out');
    const r = tierplan(['plan', '--inventory', 'inventory.yaml', '--out', out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inventory\.yaml:5:5/);
    expect(r.stderr).toContain('did you mean "status"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('names a missing inventory file, without a stack trace', () => {
    const dir = tmp();
    const r = tierplan(['plan', '--inventory', join(dir, 'missing.yaml')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.yaml/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('tells what to do when there is no inventory', () => {
    const r = tierplan(['plan'], { cwd: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tierplan init');
  });
});

// `tierplan diff` through the built binary, on plan files and on git revisions of a temporary repo.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, tierplan } from './run-cli.js';

const AS_OF = ['--as-of', '2026-11-24'];
const example = readFileSync(join(repo, 'examples/inventory.yaml'), 'utf8');
const policy = readFileSync(join(repo, 'examples/tierplan.policy.yaml'), 'utf8');
const widened = (): string => {
  // hr-case-triage's employee data declared public instead: its tier becomes more open.
  const at = example.indexOf('id: hr-case-triage');
  const cls = example.indexOf('classes:', at);
  return `${example.slice(0, cls)}classes: [public]${example.slice(example.indexOf('\n', cls))}`;
};

function gitRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-diff-e2e-'));
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'inventory.yaml'), example);
  writeFileSync(join(dir, 'tierplan.policy.yaml'), policy);
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
  return dir;
}

describe('tierplan diff', () => {
  it('--base: a change that makes a use case more open says so first and fails --fail-on widen', () => {
    const dir = gitRepo();
    writeFileSync(join(dir, 'inventory.yaml'), widened());
    const r = tierplan(['diff', '--base', 'HEAD', '--format', 'markdown', '--fail-on', 'widen', ...AS_OF], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '**⚠️ WIDENED: 1 use case may now reach a more open tier: hr-case-triage (private-cloud → api)**',
    );
    expect(r.stderr).toContain('1 widened at --fail-on widen');
  });

  it('--base on an unchanged tree, on two different days: no change, exit 0', () => {
    const dir = gitRepo();
    for (const day of ['2026-11-24', '2026-11-25']) {
      const r = tierplan(['diff', '--base', 'HEAD', '--fail-on', 'any', '--as-of', day], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('No change to any placement.');
    }
  });

  it('two plan.json files, JSON out; bad arguments are exit 2 with what to do', () => {
    const dir = gitRepo();
    const base = join(dir, 'base.json');
    const head = join(dir, 'head.json');
    writeFileSync(base, tierplan(['plan', '--format', 'json', ...AS_OF], { cwd: dir }).stdout);
    writeFileSync(join(dir, 'inventory.yaml'), widened());
    writeFileSync(head, tierplan(['plan', '--format', 'json', ...AS_OF], { cwd: dir }).stdout);
    const r = tierplan(['diff', base, head, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).widened.map((w: { id: string }) => w.id)).toEqual(['hr-case-triage']);
    expect(tierplan(['diff', base]).code).toBe(2);
    const none = tierplan(['diff'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--base REV');
    const rev = tierplan(['diff', '--base', 'no-such-rev'], { cwd: dir });
    expect(rev.code).toBe(2);
    expect(rev.stderr).toContain('no such revision');
  });
});

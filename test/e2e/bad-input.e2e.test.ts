// Every bad input of the io tests, through the real binary: a positioned message, exit 2,
// no stack trace, and no output written.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const fx = (name: string): string => `test/io/fixtures/${name}`;
const position = /^\S+:\d+:\d+: error [a-z0-9-]+: /m;

const cases: [string, string[]][] = [
  ['malformed YAML', ['--inventory', fx('malformed-yaml/inventory.yaml')]],
  ['wrong types', ['--inventory', fx('wrong-types/inventory.yaml')]],
  ['unknown keys', ['--inventory', fx('unknown-keys/inventory.yaml')]],
  ['a missing required key', ['--inventory', fx('missing-key/inventory.yaml')]],
  ['duplicate keys', ['--inventory', fx('duplicate-keys/inventory.yaml')]],
  ['an alias bomb', ['--inventory', fx('alias-bomb/inventory.yaml')]],
  ['a __proto__ key', ['--inventory', fx('proto-key/inventory.yaml')]],
  ['an empty file', ['--inventory', fx('empty-file/inventory.yaml')]],
  ['a comment-only file', ['--inventory', fx('comment-only/inventory.yaml')]],
  ['a binary file', ['--inventory', fx('binary-file/inventory.yaml')]],
  ['invalid UTF-8', ['--inventory', fx('invalid-utf8/inventory.yaml')]],
  ['a missing file', ['--inventory', fx('no-such/inventory.yaml')]],
  ['a folder with one bad file', ['--inventory', fx('folder-one-bad')]],
  ['a secret literal', ['--inventory', fx('secret-literal/inventory.yaml')]],
  ['a bad policy', ['--inventory', fx('valid-file/inventory.yaml'), '--policy', fx('bad-policy/tierplan.policy.yaml')]],
  [
    'a folder given as the policy',
    ['--inventory', fx('valid-file/inventory.yaml'), '--policy', fx('policy-is-directory/tierplan.policy.yaml')],
  ],
];

describe('bad input through the binary', () => {
  it.each(cases)('%s: positioned message, exit 2, nothing written', (_name, args) => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierplan-bad-')), 'out');
    const r = tierplan(['plan', ...args, '--out', out, '--as-of', '2026-11-24']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(position);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('a 50 MB file is refused without being read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-big-'));
    const big = join(dir, 'inventory.yaml');
    writeFileSync(big, `version: 1\nuse_cases: []\n${'#'.repeat(50 * 1024 * 1024)}\n`);
    const r = tierplan(['validate', '--inventory', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inventory\.yaml:1:1: error [a-z-]+: .*(MiB|MB)/);
  });

  it('the valid fixtures plan cleanly', () => {
    expect(tierplan(['plan', '--inventory', fx('valid-folder'), '--as-of', '2026-11-24']).code).toBe(0);
    expect(
      tierplan([
        'plan',
        '--inventory',
        fx('valid-file/inventory.yaml'),
        '--policy',
        fx('valid-policy/tierplan.policy.yaml'),
        '--as-of',
        '2026-11-24',
      ]).code,
    ).toBe(0);
  });
});

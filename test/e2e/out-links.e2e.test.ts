import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const example = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];

describe('--out and links', () => {
  it('refuses a subfolder of --out that is a symbolic link: exit 2, nothing written, the link target untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-links-'));
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'keep.txt'), 'not tierplan’s\n');
    const out = join(dir, 'gateway');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'portkey'));
    const r = tierplan(['gateway', ...example, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${join(out, 'portkey')} is a symbolic link inside --out`);
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);
    expect(readdirSync(out)).toEqual(['portkey']);
  });

  it('follows --out itself when it is a link the user made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-links-'));
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'out'));
    expect(tierplan(['gateway', ...example, '--target', 'litellm', '--out', join(dir, 'out')]).code).toBe(0);
    expect(readdirSync(join(dir, 'real')).sort()).toEqual(['.tierplan-manifest.json', 'litellm']);
  });
});

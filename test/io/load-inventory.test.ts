import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { loadPolicyFile } from '../../src/io/inputs/load-policy.js';
import { toDiagnostics } from '../../src/io/source/locate.js';
import { diagnosticsOf, error, fixture, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('loading an inventory file', () => {
  it('returns the inventory, its file, and a locator for any path in it', async () => {
    const file = fixture('valid-file', 'inventory.yaml');
    const loaded = await loadInventory(file);
    expect(loaded.files).toEqual([file]);
    expect(loaded.inventory.use_cases.map((u) => u.id)).toEqual(['claims-triage', 'marketing-copy']);
    expect(loaded.inventory.use_cases[0]?.override?.expires).toBe('2027-03-31');
    const at = (path: (string | number)[]): unknown => loaded.locator.locate(path);
    expect(at(['use_cases', 0, 'data', 'classes', 1])).toEqual({ file, line: 10, column: 22 });
    expect(at(['use_cases', 1, 'status'])).toEqual({ file, line: 30, column: 13 });
    // A block mapping is shown at its key; a missing key at its nearest existing parent.
    expect(at(['use_cases', 0, 'needs'])).toEqual({ file, line: 13, column: 5 });
    expect(at(['use_cases', 1, 'data', 'classes'])).toEqual({ file, line: 28, column: 5 });
    expect(at(['use_cases', 9])).toEqual({ file, line: 3, column: 1 });
    expect(at([])).toEqual({ file, line: 2, column: 1 });
  });

  it('turns problems found later (in core) into diagnostics, sorted by position', async () => {
    const file = fixture('valid-file', 'inventory.yaml');
    const { locator } = await loadInventory(file);
    expect(
      toDiagnostics(
        [
          {
            code: 'unknown-data-class',
            severity: 'warning',
            message: 'unknown data class "pii"',
            path: ['use_cases', 0, 'data', 'classes', 1],
          },
          {
            code: 'duplicate-id',
            severity: 'error',
            message: 'duplicate id',
            hint: 'ids must be unique',
            path: ['use_cases', 0, 'id'],
          },
        ],
        locator,
      ),
    ).toEqual([
      error(file, 4, 9, 'duplicate-id', 'duplicate id', 'ids must be unique'),
      { ...error(file, 10, 22, 'unknown-data-class', 'unknown data class "pii"'), severity: 'warning' },
    ]);
  });

  it('accepts descriptions that merely mention tokens, passwords and keys', async () => {
    const loaded = await loadInventory(fixture('prose-not-secret', 'inventory.yaml'));
    expect(loaded.inventory.use_cases[0]?.description).toContain('password reset policy');
  });
});

describe('loading an inventory folder', () => {
  it('combines every YAML file, sorted, skipping hidden folders and other files', async () => {
    const dir = fixture('valid-folder');
    const loaded = await loadInventory(dir);
    expect(loaded.files).toEqual([
      join(dir, '01-platform.yaml'),
      join(dir, '02-support-bot.yml'),
      join(dir, 'teams', 'risk', 'fraud-scoring.yaml'),
    ]);
    expect(loaded.inventory.version).toBe(1);
    expect(loaded.inventory.use_cases.map((u) => u.id)).toEqual([
      'claims-triage',
      'marketing-copy',
      'support-bot',
      'fraud-scoring',
    ]);
  });

  it('locates a deep path in the third file, and paths in the others', async () => {
    const dir = fixture('valid-folder');
    const { locator } = await loadInventory(dir);
    const third = join(dir, 'teams', 'risk', 'fraud-scoring.yaml');
    expect(locator.locate(['use_cases', 3, 'data', 'classes', 1])).toEqual({ file: third, line: 8, column: 7 });
    expect(locator.locate(['use_cases', 3, 'data', 'classes'])).toEqual({ file: third, line: 6, column: 3 });
    expect(locator.locate(['use_cases', 3, 'needs', 'task'])).toEqual({ file: third, line: 2, column: 1 });
    expect(locator.locate(['use_cases', 0, 'data', 'classes', 0])).toEqual({
      file: join(dir, '01-platform.yaml'),
      line: 5,
      column: 23,
    });
    expect(locator.locate(['use_cases', 2, 'status'])).toEqual({
      file: join(dir, '02-support-bot.yml'),
      line: 3,
      column: 9,
    });
    expect(locator.locate(['use_cases'])).toEqual({ file: join(dir, '01-platform.yaml'), line: 2, column: 1 });
  });

  it('reports the one bad file among good ones, and still refuses the whole inventory', async () => {
    const dir = fixture('folder-one-bad');
    expect(await diagnosticsOf(loadInventory(dir))).toEqual([
      error(
        join(dir, 'fraud-scoring.yaml'),
        5,
        14,
        'invalid-value',
        'must be one of low, medium, high; found "hihg"',
        'did you mean "high"?',
      ),
    ]);
  });

  it('collects problems from every bad file, sorted by file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.yaml'), 'id: b\nname: B\nstatus: live\n');
    writeFileSync(join(dir, 'a.yaml'), 'id: a\nname: [A\n');
    writeFileSync(join(dir, 'c.yaml'), 'id: c\nname: C\n');
    writeFileSync(join(dir, 'd.yml'), '');
    expect(
      (await diagnosticsOf(loadInventory(dir))).map(
        (d) => `${d.file.slice(dir.length + 1)}:${d.line}:${d.column} ${d.code}`,
      ),
    ).toEqual(['a.yaml:3:1 yaml-syntax', 'b.yaml:3:9 invalid-value', 'd.yml:1:1 empty-file']);
  });

  it('refuses a folder without YAML files', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'x.yaml'), 'id: x\nname: X\n');
    expect(await diagnosticsOf(loadInventory(dir))).toEqual([
      error(
        dir,
        1,
        1,
        'no-input-files',
        `no .yaml or .yml files in the folder ${dir}`,
        'put one use case per file in the folder, or pass an inventory file',
      ),
    ]);
  });
});

describe('loading a policy file', () => {
  it('returns the file as written, its path and a locator', async () => {
    const path = fixture('valid-policy', 'tierplan.policy.yaml');
    const loaded = await loadPolicyFile(path);
    expect(loaded.path).toBe(path);
    expect(loaded.file.tiers?.[0]?.deployments[0]?.credentials).toEqual({ api_key_env: 'AWS_BEARER_TOKEN_BEDROCK' });
    expect(loaded.locator.locate(['tiers', 0, 'deployments', 0, 'model'])).toEqual({
      file: path,
      line: 18,
      column: 16,
    });
  });
});

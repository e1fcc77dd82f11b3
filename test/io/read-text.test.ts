import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { loadPolicyFile } from '../../src/io/inputs/load-policy.js';
import { readText } from '../../src/io/source/read-text.js';
import { diagnosticsOf, error, fixture, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const EMPTY_INVENTORY = 'file is empty: expected an inventory with `version: 1` and `use_cases:`';

describe('reading an input file', () => {
  it('refuses a missing file, and says what to do', async () => {
    const file = fixture('no-such-case', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        1,
        1,
        'file-not-found',
        `file not found: ${file}`,
        'check the path, or run `tierplan init` to create a starter file',
      ),
    ]);
  });

  it('refuses a directory given as the policy file', async () => {
    const dir = fixture('policy-is-directory', 'tierplan.policy.yaml');
    expect(await diagnosticsOf(loadPolicyFile(dir))).toEqual([
      error(dir, 1, 1, 'not-a-file', `${dir} is a directory, expected a YAML file`, 'pass the path of a .yaml file'),
    ]);
  });

  it('refuses an empty file', async () => {
    const file = fixture('empty-file', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([error(file, 1, 1, 'empty-file', EMPTY_INVENTORY)]);
  });

  it('refuses a file of comments and blank lines only', async () => {
    const file = fixture('comment-only', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([error(file, 1, 1, 'empty-file', EMPTY_INVENTORY)]);
  });

  it('refuses a whitespace-only file, and a lone document marker, as empty', async () => {
    const dir = tempDir();
    for (const [name, text] of [
      ['spaces.yaml', '  \n\t\n\r\n'],
      ['marker.yaml', '---\n# nothing\n'],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      expect(await diagnosticsOf(loadInventory(file))).toEqual([error(file, 1, 1, 'empty-file', EMPTY_INVENTORY)]);
    }
  });

  it('refuses a binary file', async () => {
    const file = fixture('binary-file', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        1,
        1,
        'binary-file',
        'this is a binary file (it contains a NUL byte at offset 31), expected YAML text',
        'check the path; spreadsheets must be exported to CSV and imported with `tierplan import`',
      ),
    ]);
  });

  it('refuses text that is not UTF-8, at the offending character', async () => {
    const file = fixture('invalid-utf8', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        4,
        14,
        'invalid-utf8',
        'file is not valid UTF-8 text (byte 0xe9 at offset 48)',
        'save the file as UTF-8',
      ),
    ]);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const file = join(tempDir(), 'bom.yaml');
    writeFileSync(file, '\uFEFFversion: 1\nuse_cases: []\n');
    expect(await readText(file)).toBe('version: 1\nuse_cases: []\n');
    expect((await loadInventory(file)).inventory).toEqual({ version: 1, use_cases: [] });
  });

  it('accepts a file exactly at the size limit and refuses one byte more', async () => {
    const file = join(tempDir(), 'small-limit.yaml');
    writeFileSync(file, 'a: 1\n');
    expect(await readText(file, { maxBytes: 5 })).toBe('a: 1\n');
    expect(await diagnosticsOf(readText(file, { maxBytes: 4 }))).toEqual([
      error(
        file,
        1,
        1,
        'file-too-large',
        'file is too large: 5 bytes, the limit for YAML and JSON inputs is 4 bytes (--max-yaml-size)',
        'split an inventory into a folder of one file per use case; if the file is genuine, raise the limit with --max-yaml-size 1MiB',
      ),
    ]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { parseYaml } from '../../src/io/source/parse-yaml.js';
import { diagnosticsOf, error, fixture, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** Diagnostics of parsing `text` in memory, for the small cases that need no fixture file. */
async function parsed(text: string): Promise<unknown> {
  return diagnosticsOf(Promise.resolve().then(() => parseYaml(text, 'x.yaml')));
}

describe('parsing YAML', () => {
  it('reports malformed YAML where the parser stopped', async () => {
    const file = fixture('malformed-yaml', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        7,
        5,
        'yaml-syntax',
        'Flow sequence in block collection must be sufficiently indented and end with a ]',
      ),
    ]);
  });

  it('refuses a duplicate key, at the second occurrence', async () => {
    const file = fixture('duplicate-keys', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(file, 6, 5, 'duplicate-key', 'duplicate key "name": each key may appear only once in a mapping'),
    ]);
  });

  it('stops an alias bomb at the alias that takes it past the limit, quickly', async () => {
    const file = fixture('alias-bomb', 'inventory.yaml');
    const started = performance.now();
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        6,
        8,
        'alias-limit',
        'aliases expand this document by more than 10000 nodes (an "alias bomb"); it is refused',
        'write the repeated values out, or use fewer nested aliases',
      ),
    ]);
    // A billion laughs expanded would take minutes and gigabytes; refused, it takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('accepts an anchor reused many times, as long as the expansion stays small', () => {
    const text = `std: &s [text]\n${Array.from({ length: 500 }, (_, i) => `u${i}: *s`).join('\n')}\n`;
    const { value } = parseYaml(text, 'x.yaml');
    expect((value as Record<string, unknown>).u499).toEqual(['text']);
  });

  it('refuses a __proto__ key at its position, and no prototype is polluted', async () => {
    const file = fixture('proto-key', 'inventory.yaml');
    expect(await diagnosticsOf(loadInventory(file))).toEqual([
      error(
        file,
        5,
        5,
        'forbidden-key',
        'the key "__proto__" is not allowed: it could alter object prototypes',
        'rename or remove this key',
      ),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses constructor and prototype keys too, in flow mappings as well', async () => {
    expect(await parsed('a: {constructor: 1}\n')).toEqual([
      error(
        'x.yaml',
        1,
        5,
        'forbidden-key',
        'the key "constructor" is not allowed: it could alter object prototypes',
        'rename or remove this key',
      ),
    ]);
    expect(await parsed('a:\n  b:\n    prototype: {}\n')).toEqual([
      error(
        'x.yaml',
        3,
        5,
        'forbidden-key',
        'the key "prototype" is not allowed: it could alter object prototypes',
        'rename or remove this key',
      ),
    ]);
  });

  it('refuses an alias to an anchor that does not exist, or that contains the alias', async () => {
    expect(await parsed('a: *nope\n')).toEqual([
      error('x.yaml', 1, 4, 'yaml-alias', 'unknown alias *nope: define the anchor &nope before using it'),
    ]);
    expect(await parsed('a: &x\n  b: *x\n')).toEqual([
      error('x.yaml', 2, 6, 'yaml-alias', 'alias *x refers to a node that contains it'),
    ]);
  });

  it('refuses a second document and a list used as a key', async () => {
    expect(await parsed('version: 1\n---\nversion: 2\n')).toEqual([
      error(
        'x.yaml',
        2,
        1,
        'yaml-syntax',
        'a file holds one YAML document; this second document (after `---`) is not allowed',
      ),
    ]);
    expect(await parsed('? [a, b]\n: 1\n')).toEqual([
      error('x.yaml', 1, 3, 'yaml-syntax', 'mapping keys must be plain strings, not lists or mappings'),
    ]);
  });

  it('says tabs are not indentation', async () => {
    expect(await parsed('a:\n\tb: 1\n')).toEqual([
      error('x.yaml', 2, 1, 'yaml-syntax', 'Tabs are not allowed as indentation', 'indent YAML with spaces'),
    ]);
  });

  it('reports absurdly deep nesting as bad input, not a crash', async () => {
    const file = join(tempDir(), 'deep.yaml');
    writeFileSync(file, `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    const [first, ...rest] = await diagnosticsOf(loadInventory(file));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      file,
      line: 1,
      column: 101,
      code: 'yaml-too-deep',
      message: 'the document nests lists and mappings more than 100 levels deep here; no tierplan input needs that',
    });
  });

  it('refuses nesting past 100 levels where it happens, also when the parser copes', async () => {
    const file = join(tempDir(), 'deep.yaml');
    writeFileSync(
      file,
      `version: 1
use_cases:
  - id: a
    x: ${'['.repeat(120)}${']'.repeat(120)}
`,
    );
    const [first, ...rest] = await diagnosticsOf(loadInventory(file));
    expect(rest).toEqual([]);
    // Levels: the root, use_cases, the item, then brackets: the 98th bracket is level 101.
    expect(first).toMatchObject({ file, line: 4, column: 8 + 97, code: 'yaml-too-deep' });
  });
});

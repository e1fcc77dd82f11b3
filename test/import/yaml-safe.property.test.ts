// The imported inventory reads back the same in YAML 1.2 (the yaml package, as tierplan reads it)
// and in YAML 1.1 as PyYAML reads it: names and descriptions from all of Unicode, and the plain
// scalars YAML 1.1 resolves to something else than a string.
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { UseCase } from '../../src/core/policy/types.js';
import { renderImportedInventory, renderUseCaseItems } from '../../src/render/import/import-inventory.js';
import { parsePyYaml } from '../gateway/support/pyyaml.js';

const HEADER = { schemaRef: 'schemas/inventory.schema.json', source: 'a.csv', mapping: 'm.yaml', suggested: 0 };

// Scalars YAML 1.1 reads as bools, nulls, numbers, dates or merge keys, and the characters
// readers disagree on.
const SPECIAL = [
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'N',
  'true',
  '~',
  'null',
  '<<',
  '=',
  '0o17',
  '0x1F',
  '017',
  '0b101',
  '1_000',
  '1:30',
  '190:20:30.15',
  '2026-03-01',
  '2001-12-14 21:59:43.10 -5',
  '.inf',
  '-.Inf',
  '.NaN',
  '6.8523015e+5',
  '+12',
  '.5',
  'a\tb',
  '\t',
  'x\u0085y',
  'l\u2028s',
  'p\u2029q',
  '\u0007',
  'del\u007f',
  '\u009b',
  '\ufeffbom',
  '- item',
  '# hash',
  'key: value',
  '"',
  "'",
  '',
  ' lead',
  'trail ',
  'a\nb',
  'a\r\nb',
  '\\',
  '%TAG',
  '@at',
  '!tag',
];

const text = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 4 }),
  fc.string({
    unit: fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c)),
    maxLength: 20,
  }),
);

const useCase = fc
  .record({ name: text, description: text, owner: text })
  .map(({ name, description, owner }): UseCase => ({ id: 'uc', name, description, owner }));

describe('imported YAML reads the same in YAML 1.1 and 1.2', () => {
  it('names, descriptions and owners from all of Unicode', () => {
    fc.assert(
      fc.property(fc.array(useCase, { minLength: 1, maxLength: 4 }), (useCases) => {
        const written = renderImportedInventory({ version: 1, use_cases: useCases }, HEADER);
        const expected = { version: 1, use_cases: useCases };
        expect(parse(written)).toEqual(expected);
        expect(parsePyYaml(written)).toEqual(expected);
        const items = renderUseCaseItems(useCases);
        expect(parse(items)).toEqual(useCases);
        expect(parsePyYaml(items)).toEqual(useCases);
      }),
      { numRuns: 1000, seed: 20261206 },
    );
  });

  it('each special scalar as a name', () => {
    for (const name of SPECIAL) {
      const written = renderUseCaseItems([{ id: 'uc', name }]);
      expect(parsePyYaml(written), JSON.stringify(name)).toEqual([{ id: 'uc', name }]);
      expect(parse(written)).toEqual([{ id: 'uc', name }]);
    }
  });

  it('a TAB in a name is quoted', () => {
    expect(renderUseCaseItems([{ id: 'uc', name: 'Claims\ttriage' }])).toBe('- id: uc\n  name: "Claims\\ttriage"\n');
  });

  it('a file name with a line break in the header comment stays a comment', () => {
    const written = renderImportedInventory(
      { version: 1, use_cases: [] },
      { ...HEADER, source: 'a\u0085version: 2.csv' },
    );
    expect(parsePyYaml(written)).toEqual({ version: 1, use_cases: [] });
  });
});

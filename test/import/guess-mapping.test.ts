import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../src/core/import/compile.js';
import { guessMapping } from '../../src/core/import/guess-mapping.js';
import { renderStarterMapping } from '../../src/render/import/import-mapping.js';
import { parseYaml } from '../../src/io/source/parse-yaml.js';
import { VOCABULARY } from './helpers.js';

describe('guessing a mapping from a header', () => {
  it('common header names', () => {
    const header = [
      'ID',
      'Title',
      'Product owner',
      'Status',
      'Summary',
      'PII?',
      'PHI',
      'Regulations',
      'Region',
      'Budget',
      'Notes',
      'Notes',
      '',
    ];
    const g = guessMapping(header, [['1', 'x', '', 'Live', '', 'Yes', 'Maybe']], VOCABULARY.dataClasses);
    expect(g.mapping.columns).toEqual({
      id: 'ID',
      name: 'Title',
      owner: 'Product owner',
      status: 'Status',
      description: 'Summary',
    });
    expect(g.mapping.data_classes!.map((s) => [s.column, s.values!.yes])).toEqual([
      ['PHI', ['phi']],
      ['PII?', ['pii']],
    ]);
    expect(g.mapping.regimes).toEqual([{ column: 'Regulations' }]);
    expect(g.mapping.residency).toEqual([{ column: 'Region' }]);
    expect(g.unmapped.map((u) => [u.letter, u.ref])).toEqual([
      ['J', 'Budget'],
      ['K', { name: 'Notes', occurrence: 1 }],
      ['L', { name: 'Notes', occurrence: 2 }],
      ['M', { letter: 'M' }],
    ]);
    expect(g.notes.find((n) => n.path.join('.') === 'data_classes.0')!.text).toContain('(seen: "Maybe")');
    // What it guesses is a mapping the importer accepts for that header.
    expect(compileMapping(g.mapping, header, VOCABULARY).problems).toEqual([]);
  });

  it('spreadsheet-style headers: "Use case ID", "Use case", "Business owner", "Stage"; stage values it does not know are listed', () => {
    const header = ['Use case ID', 'Use case', 'Business owner', 'Stage', 'Description'];
    const g = guessMapping(
      header,
      [
        ['a', 'A', '', 'Live', ''],
        ['b', 'B', '', 'On hold', ''],
        ['c', 'C', '', 'Phase 2', ''],
      ],
      VOCABULARY.dataClasses,
    );
    expect(g.mapping.columns).toEqual({
      id: 'Use case ID',
      name: 'Use case',
      owner: 'Business owner',
      status: 'Stage',
      description: 'Description',
    });
    expect(g.notes.find((n) => n.path.join('.') === 'columns.status')!.text).toContain('"On hold", "Phase 2"');
    expect(g.mapping.suggest!.length).toBeGreaterThan(0);
  });

  it('the starter file parses back to the guessed mapping, with its comments', () => {
    const g = guessMapping(['ID', 'Name', 'Notes', 'Notes'], [], VOCABULARY.dataClasses);
    const text = renderStarterMapping(g, '../schemas/import-mapping.schema.json', 'register.csv', 'map.yaml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/import-mapping.schema.json');
    expect(parseYaml(text, 'map.yaml').value).toEqual(g.mapping);
    expect(text).toContain('#   tierplan import register.csv --mapping map.yaml --out inventory.yaml');
    expect(text).toContain('#   D   Notes  (a repeated header: { name: "Notes", occurrence: 2 })');
    expect(text.endsWith('\n')).toBe(true);
  });
});

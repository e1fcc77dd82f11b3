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
    const g = guessMapping(
      header,
      [
        ['1', 'Alpha', '', 'Live', '', 'Yes', 'Maybe'],
        ['2', 'Beta', '', 'Live', '', 'No', 'No'],
      ],
      VOCABULARY.dataClasses,
    );
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
    expect(text).toContain('#   tierplan import register.csv --mapping map.yaml --output-file inventory.yaml');
    expect(text).toContain('#   D   Notes  (a repeated header: { name: "Notes", occurrence: 2 })');
    expect(text.endsWith('\n')).toBe(true);
  });

  describe('values decide with the header (the guesses a real register got wrong)', () => {
    const rows = (n: number, f: (k: number) => string[]) => Array.from({ length: n }, (_, k) => f(k));

    it('a "Justification" column without an override tier column is not an override reason', () => {
      const header = ['ID', 'Name', 'Justification', 'Approved by'];
      const g = guessMapping(
        header,
        rows(20, (k) => [`${k}`, `Case ${k}`, 'Saves time for the team', 'CIO']),
        VOCABULARY.dataClasses,
      );
      expect(g.mapping.columns.override_reason).toBeUndefined();
      expect(g.mapping.columns.override_approved_by).toBeUndefined();
      expect(g.unmapped.map((u) => u.label)).toEqual(expect.arrayContaining(['Justification', 'Approved by']));
    });

    it('an override reason is guessed when the sheet has an override tier column', () => {
      const header = ['ID', 'Name', 'Pinned tier', 'Override reason', 'Exception expires'];
      const g = guessMapping(
        header,
        rows(3, (k) => [`${k}`, `Case ${k}`, '', '', '']),
        VOCABULARY.dataClasses,
      );
      expect(g.mapping.columns).toMatchObject({
        override_tier: 'Pinned tier',
        override_reason: 'Override reason',
        override_expires: 'Exception expires',
      });
    });

    it('data classes only from a column whose values name data classes', () => {
      const header = ['ID', 'Name', 'Data classification', 'Data categories'];
      const g = guessMapping(
        header,
        rows(10, (k) => [
          `${k}`,
          `Case ${k}`,
          k % 2 ? 'Supervised learning' : 'Deep learning',
          k % 2 ? 'PII' : 'pii; phi',
        ]),
        VOCABULARY.dataClasses,
      );
      expect(g.mapping.data_classes).toEqual([{ column: 'Data categories' }]);
    });

    it('a yes/no flag for a data class only when its values are yes/no', () => {
      const header = ['ID', 'Name', 'Health impact', 'PII'];
      const g = guessMapping(
        header,
        rows(10, (k) => [`${k}`, `Case ${k}`, 'Improves patient wait times across the region', k % 2 ? 'Yes' : '']),
        VOCABULARY.dataClasses,
      );
      expect(g.mapping.data_classes!.map((s) => s.column)).toEqual(['PII']);
    });

    it('a column of long free text is the description when no header says so', () => {
      const header = ['ID', 'Name', 'What the system does'];
      const g = guessMapping(
        header,
        rows(5, (k) => [`${k}`, `Case ${k}`, `Reads incoming letters and drafts a first answer for case officer ${k}`]),
        VOCABULARY.dataClasses,
      );
      expect(g.mapping.columns.description).toBe('What the system does');
    });

    it('a yes/no column is not taken for tools unless its values are yes/no, nor for a name', () => {
      const header = ['ID', 'Title', 'Tools', 'Use case name'];
      const g = guessMapping(
        header,
        rows(5, (k) => [`${k}`, k % 2 ? 'Yes' : 'No', 'Copilot, ChatGPT', `Case ${k}`]),
        VOCABULARY.dataClasses,
      );
      expect(g.mapping.columns.name).toBe('Use case name');
      expect(g.mapping.columns.tools).toBeUndefined();
    });
  });
});

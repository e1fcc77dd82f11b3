// Each messy fixture through the io layer (streaming reader + mapping file + importer).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/source/errors.js';
import { importSpreadsheet } from '../../src/io/import/import-file.js';
import { loadImportMapping } from '../../src/io/import/load-mapping.js';
import type { TableOptions } from '../../src/io/import/read-table.js';
import { VOCABULARY } from './helpers.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fx = (name: string): string => join(dir, name);

async function load(csv: string, mapping = 'mapping.yaml', table: TableOptions = { encoding: 'auto' }) {
  return importSpreadsheet(fx(csv), await loadImportMapping(fx(mapping)), VOCABULARY, table);
}

describe('messy CSV fixtures', () => {
  it('UTF-8 with a BOM: the first header is "ID", not "\\uFEFFID"', async () => {
    const { result, info } = await load('bom.csv');
    expect(result.useCases[0]).toMatchObject({
      id: 'claims-triage',
      status: 'production',
      data: { classes: ['pii'] },
      suggested: { data_classes: ['customer_data'] },
    });
    expect(info.source).toBe('CSV, utf8 with BOM, comma-separated');
  });

  it('Windows-1252 is detected and decoded (é, curly quotes, €), and the summary says so', async () => {
    const { result, info } = await load('windows-1252.csv');
    expect(result.useCases[0]).toMatchObject({
      name: 'Café assistant “Crème”',
      owner: 'rémi@example.com',
      description: 'Costs in € for the café’s menu',
      suggested: { task: 'generation' },
    });
    expect(info.encoding).toBe('windows-1252');
    expect(info.source).toMatch(/windows-1252 \(detected: the file is not valid UTF-8\)/);
  });

  it('--encoding utf8 on Windows-1252 bytes: an input error naming the line and the way out', async () => {
    const err = await load('windows-1252.csv', 'mapping.yaml', { encoding: 'utf8' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).diagnostics[0]).toMatchObject({
      code: 'invalid-utf8',
      line: 2,
      hint: expect.stringMatching(/--encoding windows-1252/),
    });
  });

  it('Windows-1252 bytes far past the detection sample still switch the whole file to Windows-1252', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'tierplan-import-'));
    const filler = Array.from(
      { length: 3000 },
      (_, i) => `id-${i},Plain ascii row ${i},o@example.com,Live,${'x'.repeat(20)},No`,
    ).join('\n');
    writeFileSync(
      join(tmp, 'late.csv'),
      Buffer.concat([
        Buffer.from(`ID,Use case,Owner,Stage,Description,Contains PII\n${filler}\n`),
        Buffer.from('late,Caf\xe9 late,o@example.com,Live,,No\n', 'latin1'),
      ]),
    );
    const r = await importSpreadsheet(join(tmp, 'late.csv'), await loadImportMapping(fx('mapping.yaml')), VOCABULARY, {
      encoding: 'auto',
    });
    expect(r.info.encoding).toBe('windows-1252');
    expect(r.result.read).toBe(3001);
    expect(r.result.useCases.at(-1)!.name).toBe('Café late');
  });

  it('CRLF line ends', async () => {
    const { result } = await load('crlf.csv');
    expect(result.useCases.map((u) => [u.id, u.status, u.description])).toEqual([
      ['a-one', 'production', 'One'],
      ['b-two', 'retired', 'Two'],
    ]);
  });

  it('newlines and doubled quotes inside quoted cells', async () => {
    const { result } = await load('quoted.csv');
    expect(result.useCases[0]).toMatchObject({
      name: 'Notes "smart" bot',
      description: 'Line one\nLine two, with a comma\nand "quotes"',
      data: { classes: ['pii'] },
    });
  });

  it('duplicate header names, addressed by occurrence, position and letter', async () => {
    const { result } = await load('duplicate-headers.csv', 'duplicate-headers-mapping.yaml');
    expect(result.useCases[0]).toMatchObject({
      id: 'x-ray',
      name: 'X-ray reader',
      description: 'second note',
      data: { classes: [] },
    });
  });

  it('blank ids: slugs from names (accents folded), a fingerprint when no ASCII is left; no name and no id is skipped', async () => {
    const { result } = await load('blank-ids.csv');
    expect(result.useCases.map((u) => u.id)).toEqual([
      'emiles-cafe-helper',
      'aeroskobing-strasse-tool',
      expect.stringMatching(/^use-case-[0-9a-f]{8}$/),
    ]);
    expect(result.skipped).toEqual([{ line: 3, reason: 'no id and no name ("ID" and "Use case" blank)' }]);
  });

  it('duplicate ids: each row wanting "triage" gets a fingerprint of its own content, never -2 by row order', async () => {
    const { result } = await load('duplicate-ids.csv');
    expect(result.useCases.map((u) => u.id)).toEqual([
      'triage-9d036144',
      'triage-dae4b5a7',
      'triage-ffa74f39',
      'triage-2',
    ]);
    expect(result.warnings.map((w) => w.line)).toEqual([2, 3, 4]);
    expect(result.warnings[0]!.message).toBe(
      '3 rows want the id "triage": each gets a fingerprint of its id, name, owner and description (or map a composite id, e.g. columns: { id: [Agency, ID] })',
    );
  });

  it('free-text dates: ISO, DD/MM/YYYY with date_format, month names, timestamps; clear reasons for the rest', async () => {
    const { result } = await load('dates.csv', 'dates-mapping.yaml');
    expect(result.useCases.map((u) => [u.id, u.override?.expires])).toEqual([
      ['iso', '2027-03-01'],
      ['slash', '2027-03-01'],
      ['words', '2027-03-01'],
      ['us-words', '2027-03-01'],
      ['timestamp', '2027-03-01'],
      ['expired', undefined],
    ]);
    expect(result.skipped.map((s) => [s.line, s.reason])).toEqual([
      [7, 'override expiry in column "Override expires": "soon" is not a date tierplan reads: write it as YYYY-MM-DD'],
      [8, 'override expiry in column "Override expires": "31/02/2027" is not a calendar date'],
      [10, expect.stringMatching(/^incomplete override: .*"Override reason" is blank/)],
    ]);
  });

  it('leading and trailing spaces in headers and cells', async () => {
    const { result } = await load('spaces.csv');
    expect(result.useCases[0]).toEqual({
      id: 'spaced-id',
      name: 'Spaced name',
      owner: 'o@example.com',
      status: 'production',
      description: 'text',
      data: { classes: ['pii'] },
    });
  });

  it('a semicolon-separated export is detected; forcing a comma says what happened', async () => {
    const { result, info } = await load('semicolon.csv');
    expect(info.delimiter).toBe(';');
    expect(result.useCases[0]).toMatchObject({
      id: 'eu-bot',
      description: 'Beschreibung, mit Komma',
      data: { classes: [] },
    });
    const err = (await load('semicolon.csv', 'mapping.yaml', { encoding: 'auto', delimiter: ',' }).catch(
      (e: unknown) => e,
    )) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.diagnostics[0]!.file).toBe(fx('mapping.yaml'));
    expect(err.diagnostics[0]!.hint).toMatch(/read as one single column, but it holds ";": pass --delimiter ';'/);
  });

  it('blank rows are counted and ignored; lines keep counting through them', async () => {
    const { result } = await load('blank-rows.csv');
    expect(result.useCases.map((u) => u.id)).toEqual(['one', 'two']);
    expect(result.blank).toBe(2);
    expect(result.read).toBe(4);
    expect(result.skipped).toEqual([]);
  });

  it('a quote never closed: that record is skipped with its line, the rest before it imported', async () => {
    const { result } = await load('unterminated.csv');
    expect(result.useCases.map((u) => u.id)).toEqual(['ok']);
    expect(result.skipped).toEqual([{ line: 3, reason: expect.stringMatching(/never closed/) }]);
  });
});

describe('the mapping file', () => {
  it('schema problems are positioned, in plain words', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'tierplan-import-'));
    const file = join(tmp, 'map.yaml');
    writeFileSync(
      file,
      'version: 1\ncolumns:\n  name: Title\n  id: { nmae: ID }\n  status: { column: Stage, values: { Live: prod } }\n  ownr: Owner\n',
    );
    const err = (await loadImportMapping(file).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.diagnostics.map((d) => [d.line, d.column, d.message, d.hint])).toEqual([
      [4, 7, expect.stringMatching(/^expected a column: a header name/), expect.any(String)],
      [5, 44, 'must be one of idea, pilot, production, retired; found "prod"', 'did you mean "production"?'],
      [6, 3, 'unknown key "ownr"', 'did you mean "owner"?'],
    ]);
  });
});

// XLSX through exceljs's streaming reader: the workbook is generated here, not committed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/source/errors.js';
import { importSpreadsheet } from '../../src/io/import/import-file.js';
import { loadImportMapping } from '../../src/io/import/load-mapping.js';
import { cellText } from '../../src/io/import/read-xlsx.js';
import { VOCABULARY } from './helpers.js';
import { writeFileSync } from 'node:fs';

async function writeWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Cover');
  cover.addRow(['AI use-case register', 'exported 2026-11-20']);
  const ws = wb.addWorksheet('Inventory');
  ws.addRow([
    'ID',
    'Use case',
    'Owner',
    'Stage',
    'Requests / month',
    'Contains PII',
    'Override tier',
    'Override reason',
    'Override expires',
    'Notes',
    'Notes',
  ]);
  ws.addRow([
    'claims-triage',
    'Claims triage',
    { text: 'claims@example.com', hyperlink: 'mailto:claims@example.com' },
    'Live',
    400000,
    'Yes',
    'on-prem',
    'DSA',
    new Date(Date.UTC(2027, 2, 31)),
    'first',
    'second',
  ]);
  ws.addRow([
    null,
    { richText: [{ text: 'Rich ' }, { font: { bold: true }, text: 'text name' }] },
    'o@example.com',
    'PoC',
    { formula: '1000*12', result: 12000 },
    'No',
    null,
    null,
    null,
    null,
    null,
  ]);
  ws.addRow(['  ', null, ' ']);
  ws.addRow([
    'decimal',
    'Decimal volume',
    'o@example.com',
    'Pilot',
    1234.5,
    'N/A',
    'on-prem',
    'DSA',
    new Date(Date.UTC(2027, 0, 15, 10, 30)),
    null,
    null,
  ]);
  ws.getCell('I2').numFmt = 'yyyy-mm-dd';
  ws.getCell('I5').numFmt = 'yyyy-mm-dd hh:mm';
  await wb.xlsx.writeFile(path);
}

const MAPPING = `version: 1
columns:
  id: ID
  name: Use case
  owner: Owner
  status: Stage
  requests: Requests / month
  override_tier: Override tier
  override_reason: Override reason
  override_expires: Override expires
  description: { name: Notes, occurrence: 2 }
data_classes:
  - column: Contains PII
    values: { "yes": [pii], "no": [], "n/a": [] }
`;

describe('XLSX', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-xlsx-'));
  const book = join(dir, 'register.xlsx');
  await writeWorkbook(book);
  writeFileSync(join(dir, 'map.yaml'), MAPPING);
  const mapping = await loadImportMapping(join(dir, 'map.yaml'));

  it('reads the sheet named by --sheet: dates, numbers, rich text, formulas and links as text', async () => {
    const { result, info } = await importSpreadsheet(book, mapping, VOCABULARY, {
      encoding: 'auto',
      sheet: 'Inventory',
    });
    expect(info).toMatchObject({ source: 'XLSX, sheet "Inventory"', unit: 'row' });
    expect(result.useCases).toEqual([
      {
        id: 'claims-triage',
        name: 'Claims triage',
        owner: 'claims@example.com',
        status: 'production',
        description: 'second',
        data: { classes: ['pii'] },
        volume: { requests: 400000 },
        override: { tier: 'on-prem', reason: 'DSA', expires: '2027-03-31' },
      },
      {
        id: 'rich-text-name',
        name: 'Rich text name',
        owner: 'o@example.com',
        status: 'pilot',
        data: { classes: [] },
        volume: { requests: 12000 },
      },
      {
        id: 'decimal',
        name: 'Decimal volume',
        owner: 'o@example.com',
        status: 'pilot',
        data: { classes: [] },
        volume: { requests: 1234.5 },
        override: { tier: 'on-prem', reason: 'DSA', expires: '2027-01-15' },
      },
    ]);
    expect([result.read, result.blank]).toEqual([4, 1]);
  });

  it('without --sheet, the first sheet; a missing sheet lists the sheets there are', async () => {
    const first = await importSpreadsheet(book, mapping, VOCABULARY, { encoding: 'auto' }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(InputError);
    expect((first as InputError).diagnostics[0]!.message).toBe('no column "ID" in the header');
    const missing = (await importSpreadsheet(book, mapping, VOCABULARY, { encoding: 'auto', sheet: 'Register' }).catch(
      (e: unknown) => e,
    )) as InputError;
    expect(missing.diagnostics[0]).toMatchObject({
      message: 'no sheet named "Register"',
      hint: 'the sheets are: "Cover", "Inventory"',
    });
  });

  it('cell values become text the way a person reads them', () => {
    expect(cellText(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(cellText(new Date(Date.UTC(2026, 2, 1, 10, 0, 5)))).toBe('2026-03-01T10:00:05Z');
    expect(cellText(0.3)).toBe('0.3');
    expect(cellText(1e6)).toBe('1000000');
    expect(cellText(true)).toBe('true');
    expect(cellText({ error: '#N/A' } as never)).toBe('');
    expect(cellText({ formula: 'A1', result: 'x' } as never)).toBe('x');
  });
});

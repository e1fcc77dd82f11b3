// Streams the rows of one sheet of an .xlsx workbook (exceljs's streaming reader: the
// workbook is never unpacked whole). Cells become text the way a person reads them: dates as
// YYYY-MM-DD (or an ISO time when they have one), numbers as written, formulas as their result.
// The file is read once into memory and checked (zip-guard.ts) before exceljs sees the same bytes.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { CellValue, stream } from 'exceljs';
import { InputError } from '../source/errors.js';
import { formatSize } from '../source/read-text.js';
import { type ImportLimits, limitError } from './limits.js';
import { StopReading, type StartRows, type TableInfo } from './table.js';
import { checkDeclared, checkInflated, walkLocalEntries, ZipRefused } from './zip-guard.js';

const require = createRequire(import.meta.url);

/** The workbook's bytes once every limit on unpacking holds; an InputError naming the limit otherwise. */
async function guardedBytes(file: string, size: number, limits: ImportLimits): Promise<Buffer> {
  try {
    if (size > limits.totalBytes) throw new ZipRefused(`the workbook file itself is ${formatSize(size)}`, 'totalBytes');
    const zip = await readFile(file);
    const entries = walkLocalEntries(zip, limits.entries);
    checkDeclared(zip, entries, limits);
    await checkInflated(zip, entries, limits);
    return zip;
  } catch (e) {
    if (!(e instanceof ZipRefused)) throw e;
    if (e.limit) throw limitError(file, e.limit, limits, `the workbook is refused: ${e.message}`);
    throw fail(
      file,
      `cannot read this workbook: ${e.message}`,
      'open it in a spreadsheet program and save it again as .xlsx',
    );
  }
}

export async function readXlsxTable(
  file: string,
  size: number,
  sheet: string | undefined,
  start: StartRows,
  limits: ImportLimits,
): Promise<TableInfo> {
  const zip = await guardedBytes(file, size, limits);
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const reader: stream.xlsx.WorkbookReader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  let used: string | undefined;
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      names.push(name);
      if (used !== undefined || (sheet !== undefined && name !== sheet)) continue;
      used = name;
      let sink: ReturnType<StartRows> | undefined;
      for await (const row of ws) {
        const values = row.values as CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (!sink) {
          if (cells.every((c) => c.trim() === '')) continue;
          sink = start(
            cells.map((c) => c.trim()),
            row.number,
          );
        } else sink.add(cells, row.number);
      }
      if (!sink)
        throw fail(
          file,
          `sheet "${name}" is empty: expected a header row with column names, then one row per use case`,
        );
      if (sheet === undefined) break;
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof StopReading) throw e;
    throw fail(
      file,
      `cannot read this workbook: ${(e as Error).message}`,
      'check that it is an .xlsx file (Excel 2007 or later); save old .xls files as .xlsx or CSV',
    );
  }
  if (used === undefined) {
    throw fail(
      file,
      names.length === 0 ? 'the workbook has no sheets' : `no sheet named "${sheet ?? ''}"`,
      names.length ? `the sheets are: ${names.map((n) => `"${n}"`).join(', ')}` : undefined,
    );
  }
  return { source: `XLSX, sheet "${used}"`, sheet: used, unit: 'row' };
}

function fail(file: string, message: string, hint?: string): InputError {
  return new InputError([
    { code: 'unreadable-workbook', severity: 'error', file, line: 1, column: 1, message, ...(hint ? { hint } : {}) },
  ]);
}

/** A cell as text. Exported for tests. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    // exceljs gives the sheet's wall-clock time as UTC: midnight means a plain date.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as CellValue);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return '';
}

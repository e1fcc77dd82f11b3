// Opens a spreadsheet export and streams its rows: XLSX by its content (a ZIP), CSV otherwise.
import { open, type FileHandle } from 'node:fs/promises';
import type { InputCode } from '../../core/diagnostics/catalog.js';
import { InputError, UsageError } from '../source/errors.js';
import { readCsvTable, type EncodingOption } from './read-csv.js';
import { readXlsxTable } from './read-xlsx.js';
import type { StartRows, TableInfo } from './table.js';

export interface TableOptions {
  encoding: EncodingOption;
  delimiter?: string;
  sheet?: string;
}

export async function readTable(file: string, opts: TableOptions, start: StartRows): Promise<TableInfo> {
  const kind = await sniff(file);
  if (kind === 'xlsx') return readXlsxTable(file, opts.sheet, start);
  if (opts.sheet !== undefined) throw new UsageError(`--sheet is for XLSX workbooks; ${file} is read as CSV`);
  return readCsvTable(
    file,
    { encoding: opts.encoding, ...(opts.delimiter ? { delimiter: opts.delimiter } : {}) },
    start,
  );
}

function fail(file: string, code: InputCode, message: string, hint?: string): InputError {
  return new InputError([{ code, severity: 'error', file, line: 1, column: 1, message, ...(hint ? { hint } : {}) }]);
}

async function sniff(file: string): Promise<'csv' | 'xlsx'> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw fail(file, 'file-not-found', `file not found: ${file}`, 'pass the path of a CSV or XLSX export');
    if (code === 'EISDIR') throw fail(file, 'not-a-file', `${file} is a directory, expected a CSV or XLSX file`);
    throw fail(file, 'unreadable-file', `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw fail(file, 'not-a-file', `${file} is a directory, expected a CSV or XLSX file`);
    if (stats.size === 0)
      throw fail(file, 'empty-file', 'file is empty (0 bytes): expected a CSV or XLSX export with a header row');
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) return 'xlsx';
    if (magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0) {
      throw fail(
        file,
        'unsupported-format',
        'this is an old Excel .xls workbook (or another OLE file), which tierplan does not read',
        'save it as .xlsx (Excel Workbook) or as CSV UTF-8',
      );
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}

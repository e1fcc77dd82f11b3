// Opens a spreadsheet export and streams its rows: XLSX by its content (a ZIP), CSV otherwise.
import { open, type FileHandle } from 'node:fs/promises';
import type { InputCode } from '../../core/diagnostics/catalog.js';
import { InputError, UsageError } from '../source/errors.js';
import { formatSize } from '../source/read-text.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, limitError } from './limits.js';
import { readCsvTable, type EncodingOption } from './read-csv.js';
import { readXlsxTable } from './read-xlsx.js';
import type { StartRows, TableInfo } from './table.js';

export interface TableOptions {
  encoding: EncodingOption;
  delimiter?: string;
  sheet?: string;
  /** Reading limits (docs/import.md#limits); the defaults when left out. */
  limits?: ImportLimits;
}

export async function readTable(file: string, opts: TableOptions, start: StartRows): Promise<TableInfo> {
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  const { kind, size } = await sniff(file);
  const bounded = boundedRows(file, limits, start);
  if (kind === 'xlsx') return readXlsxTable(file, size, opts.sheet, bounded, limits);
  if (opts.sheet !== undefined) throw new UsageError(`--sheet is for XLSX workbooks; ${file} is read as CSV`);
  return readCsvTable(
    file,
    { encoding: opts.encoding, ...(opts.delimiter ? { delimiter: opts.delimiter } : {}), limits },
    bounded,
  );
}

/** `start`, with the number of rows and the size of each row and cell checked before a row goes on. */
function boundedRows(file: string, limits: ImportLimits, start: StartRows): StartRows {
  const checkCells = (cells: readonly string[], line: number): void => {
    let row = 0;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      // UTF-16 length × 3 bounds the UTF-8 size: most cells need no counting.
      const bytes = c.length * 3 <= limits.cellBytes ? c.length : Buffer.byteLength(c);
      if (bytes > limits.cellBytes)
        throw limitError(file, 'cellBytes', limits, `cell ${i + 1} is ${formatSize(bytes)}`, { line, column: 1 });
      row += bytes;
    }
    if (row > limits.rowBytes)
      throw limitError(file, 'rowBytes', limits, `this row is ${formatSize(row)}`, { line, column: 1 });
  };
  return (header, headerLine) => {
    checkCells(header, headerLine);
    const sink = start(header, headerLine);
    let rows = 0;
    const count = (line: number): void => {
      if (++rows > limits.rows)
        throw limitError(file, 'rows', limits, `the file has more than ${limits.rows} data rows`, { line, column: 1 });
    };
    return {
      add: (cells, line, warning) => {
        count(line);
        checkCells(cells, line);
        sink.add(cells, line, warning);
      },
      skip: (line, reason) => {
        count(line);
        sink.skip(line, reason);
      },
    };
  };
}

function fail(file: string, code: InputCode, message: string, hint?: string): InputError {
  return new InputError([{ code, severity: 'error', file, line: 1, column: 1, message, ...(hint ? { hint } : {}) }]);
}

async function sniff(file: string): Promise<{ kind: 'csv' | 'xlsx'; size: number }> {
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
    if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04)
      return { kind: 'xlsx', size: stats.size };
    if (magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0) {
      throw fail(
        file,
        'unsupported-format',
        'this is an old Excel .xls workbook (or another OLE file), which tierplan does not read',
        'save it as .xlsx (Excel Workbook) or as CSV UTF-8',
      );
    }
    return { kind: 'csv', size: stats.size };
  } finally {
    await handle.close();
  }
}

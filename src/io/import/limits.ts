// The bounds `tierplan import` reads a spreadsheet within, their defaults, and the flag that
// raises each. Defaults are generous for real exports (docs/import.md#limits says why): a
// 30,000-row, 20-column inventory sheet measures 2.6 MiB on disk, a 21 MiB sheet entry, 6.5 MiB of
// shared strings and a compression ratio of 10 to 18.
import { InputError } from '../source/errors.js';
import { formatSize } from '../source/read-text.js';
import type { XlsxLimits } from './zip-guard.js';

export interface ImportLimits extends XlsxLimits {
  /** Data rows (the header not counted). */
  rows: number;
  /** Bytes of one CSV record (a row; it may span lines) or of one sheet row's cell texts. */
  rowBytes: number;
  /** Bytes of one cell. */
  cellBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  rows: 100_000,
  rowBytes: 4 * MiB,
  cellBytes: 1 * MiB,
  entryBytes: 256 * MiB,
  totalBytes: 512 * MiB,
  ratio: 200,
  entries: 10_000,
  sharedStringsBytes: 64 * MiB,
  sharedStrings: 1_000_000,
};

/** The `import` flag that raises each limit, and whether its value is a size or a count. */
export const LIMIT_FLAGS: Readonly<Record<keyof ImportLimits, { flag: string; size: boolean }>> = {
  rows: { flag: '--max-rows', size: false },
  rowBytes: { flag: '--max-row-size', size: true },
  cellBytes: { flag: '--max-cell-size', size: true },
  entryBytes: { flag: '--max-xlsx-entry-size', size: true },
  totalBytes: { flag: '--max-xlsx-size', size: true },
  ratio: { flag: '--max-xlsx-ratio', size: false },
  entries: { flag: '--max-xlsx-entries', size: false },
  sharedStringsBytes: { flag: '--max-shared-strings-size', size: true },
  sharedStrings: { flag: '--max-shared-strings', size: false },
};

/** `value` as the user would write it back to the flag: 64MiB, 1GiB, 100000. */
export function flagValue(name: keyof ImportLimits, value: number): string {
  return LIMIT_FLAGS[name].size ? formatSize(value).replace(' ', '') : String(value);
}

/**
 * The exit-2 error for a crossed limit: what was found, the limit and its flag, and what to do:
 * `what` says what crossed it ("the entry "xl/sharedStrings.xml" unpacks to at least 65 MiB").
 */
export function limitError(
  file: string,
  name: keyof ImportLimits,
  limits: ImportLimits,
  what: string,
  at: { line: number; column: number } = { line: 1, column: 1 },
): InputError {
  const { flag, size } = LIMIT_FLAGS[name];
  const limit = size ? formatSize(limits[name]) : String(limits[name]);
  const doubled = flagValue(name, limits[name] * 2);
  return new InputError([
    {
      code: 'input-limit',
      severity: 'error',
      file,
      ...at,
      message: `${what}: over the limit of ${limit} (${flag}); nothing was read further`,
      hint: `if the file is genuine, raise the limit, e.g. ${flag} ${doubled}; see docs/import.md#limits`,
    },
  ]);
}

// The reading-limit flags: their values parsed (sizes as 64MiB, 1GiB, 512KiB or plain bytes;
// counts as integers) and turned into the limits the readers take.
import { InvalidArgumentError } from 'commander';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, LIMIT_FLAGS, flagValue } from '../io/import/limits.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kib: 1024, kb: 1024, m: 1024 ** 2, mib: 1024 ** 2 };
UNITS.mb = UNITS.mib!;
UNITS.g = UNITS.gib = UNITS.gb = 1024 ** 3;

/** `64MiB` → 67108864. Units are binary (KiB, MiB, GiB; K/KB/M/MB/G/GB mean the same). */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new InvalidArgumentError(`expected a size such as 64MiB, 1GiB or 500000 (bytes), got "${value}"`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < 1 || !Number.isSafeInteger(bytes)) throw new InvalidArgumentError(`"${value}" is not a usable size`);
  return bytes;
}

function parseCount(value: string): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return Number(value);
}

/** The import flags' option names as commander spells them in `opts()`, e.g. maxXlsxEntrySize. */
const optionKey = (flag: string): string =>
  flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The import limits: each flag given replaces its default. */
export function importLimits(opts: Record<string, unknown>): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS };
  for (const name of Object.keys(LIMIT_FLAGS) as (keyof ImportLimits)[]) {
    const value = opts[optionKey(LIMIT_FLAGS[name].flag)];
    if (typeof value === 'number') limits[name] = value;
  }
  return limits;
}

/** Help lines for the import limit flags: flag, argument, description with its default. */
export function importLimitOptions(): { flags: string; description: string; parse: (v: string) => number }[] {
  const text: Record<keyof ImportLimits, string> = {
    rows: 'most data rows in the CSV or sheet',
    rowBytes: 'largest row; a CSV record may span lines',
    cellBytes: 'largest cell',
    entryBytes: 'XLSX: largest size one zip entry (a sheet…) may unpack to, as declared or as inflated',
    totalBytes: 'XLSX: largest size all entries may unpack to together, and largest workbook file',
    ratio: 'XLSX: highest unpacked/packed ratio of an entry over 1MiB',
    entries: 'XLSX: most zip entries',
    sharedStringsBytes: 'XLSX: largest size the shared strings may unpack to (they are held in memory)',
    sharedStrings: 'XLSX: most shared strings and rich-text runs (each held in memory)',
  };

  return (Object.keys(LIMIT_FLAGS) as (keyof ImportLimits)[]).map((name) => {
    const { flag, size } = LIMIT_FLAGS[name];
    return {
      flags: `${flag} <${size ? 'size' : 'n'}>`,
      description: `${text[name]} (default: ${flagValue(name, DEFAULT_IMPORT_LIMITS[name])})`,
      parse: size ? parseSize : parseCount,
    };
  });
}

// `tierplan import`'s reading-limit flags (values parsed by sizes.ts), turned into the limits the
// readers take.
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, LIMIT_FLAGS, flagValue } from '../io/import/limits.js';
import { parseBytes, parseCount } from './sizes.js';

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
      parse: size ? parseBytes(flag) : parseCount(flag),
    };
  });
}

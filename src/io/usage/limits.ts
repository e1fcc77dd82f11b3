// The limits a usage export is read within, so a hostile or broken file (a gzip bomb, a record
// that never ends, one field of gigabytes) is refused early with exit 2 instead of exhausting
// memory or running for minutes. Each limit has a flag of `tierplan review` to raise it; the
// defaults and why they fit real exports are in docs/review.md#limits.

import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';

export interface ReadLimits {
  /** Bytes a .gz file may expand to. */
  decompressedBytes: number;
  /** Decompressed bytes per compressed byte read (checked once past RATIO_FLOOR). */
  ratio: number;
  /** Bytes of one record: a CSV record, a JSONL line, an object of a JSON array. */
  recordBytes: number;
  /** Bytes of one CSV field or JSON string. */
  fieldBytes: number;
}

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  decompressedBytes: 64 * GiB,
  ratio: 200,
  recordBytes: 64 * MiB,
  fieldBytes: 32 * MiB,
};

/** Below this many decompressed bytes the ratio is not checked: a small file may compress very well. */
export const RATIO_FLOOR = 16 * MiB;

export type LimitName = keyof ReadLimits;

/** The flag of `tierplan review` that raises each limit. */
const LIMIT_FLAGS: Record<LimitName, string> = {
  decompressedBytes: '--max-decompressed-bytes',
  ratio: '--max-ratio',
  recordBytes: '--max-record-bytes',
  fieldBytes: '--max-field-bytes',
};

/** A limit crossed while reading; `read-part.ts` turns it into an InputError naming the file. */
export class LimitExceeded extends Error {
  override name = 'LimitExceeded';
  constructor(
    readonly limit: LimitName,
    /** What crossed it, e.g. `a CSV field starting at line 3`. */
    readonly what: string,
    readonly line: number,
  ) {
    super(`${what} crossed ${LIMIT_FLAGS[limit]}`);
  }
}

/** Bytes as a reader would say them: 64 MiB, 1.5 GiB, 900 bytes. */
export function humanBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1 && Number.isInteger(v / 1024)) {
    v /= 1024;
    u++;
  }
  if (u === 0 && n >= 1024) return `${n} bytes`;
  return `${v} ${units[u]}`;
}

/** The diagnostic of a crossed limit: the file, the line, the limit and the flag that raises it. */
export function limitDiagnostic(file: string, e: LimitExceeded, limits: ReadLimits): PlacedDiagnostic {
  const value = limits[e.limit];
  const shown = e.limit === 'ratio' ? `${value}:1` : humanBytes(value);
  const flag = LIMIT_FLAGS[e.limit];
  return {
    code: 'usage-limit',
    severity: 'error',
    file,
    line: e.line,
    column: 1,
    message: `${e.what} exceeds ${flag} (${shown}): reading stopped there and nothing was written`,
    hint: `if the file is genuine, raise the limit, e.g. ${flag} ${e.limit === 'ratio' ? value * 4 : humanBytes(value * 4).replace(' ', '')}`,
  };
}

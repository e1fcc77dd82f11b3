// Numbers and instants read straight from a CSV record's bytes, for the LiteLLM fast path: the
// same values the general parsers give, or a sign (-1, undefined) that the cell is not in the
// common shape and the general parser must decide.

import type { CsvRecord } from './csv-scanner.js';

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Buffer, s: number, e: number) => string })
  .latin1Slice;
const latin1: (b: Buffer, s: number, e: number) => string = latin1Slice
  ? (b, s, e) => latin1Slice.call(b, s, e)
  : (b, s, e) => b.toString('latin1', s, e);

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Two ASCII digits at `at` as a number, or -1. */
function two(buf: Buffer, at: number): number {
  const a = buf[at]! - 48;
  const b = buf[at + 1]! - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Set by `instantAt`: the epoch milliseconds of the instant it read, and its month (year × 100 + month).
export let instantMs = 0;
export let instantMonth = 0;
// Days from 1970 to the first of a month, by year × 12 + month, remembered (rows are not in time order).
const MONTH_SLOTS = 4096;
const monthTag = new Int32Array(MONTH_SLOTS).fill(-1);
const monthDays = new Float64Array(MONTH_SLOTS);

function daysToMonth(y: number, mo: number): number {
  const key = y * 12 + mo;
  const slot = key & (MONTH_SLOTS - 1);
  if (monthTag[slot] !== key) {
    monthTag[slot] = key;
    monthDays[slot] = daysFromCivil(y, mo, 1);
  }
  return monthDays[slot]!;
}

/**
 * A PLAIN cell of the shape `YYYY-MM-DD[T ]HH:MM:SS[.f…][Z|+00:00|+0000|+00]`, valid, as ISO 8601
 * UTC with milliseconds (the same string values.parseInstant gives; '' when not `wantText`), its
 * epoch ms in `instantMs`;
 * undefined for any other shape or an impossible date (the general parser decides those).
 */
export function instantAt(r: CsvRecord, i: number, wantText: boolean): string | undefined {
  if (r.flags[i] !== 0) return undefined;
  const buf = r.buf;
  const s = r.starts[i]!;
  const e = r.ends[i]!;
  const n = e - s;
  if (n < 19 || buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 13] !== 58 || buf[s + 16] !== 58) return undefined;
  const t = buf[s + 10];
  if (t !== 84 && t !== 32) return undefined;
  const y1 = two(buf, s);
  const y2 = two(buf, s + 2);
  const y = y1 < 0 || y2 < 0 ? -1 : y1 * 100 + y2;
  const mo = two(buf, s + 5);
  const d = two(buf, s + 8);
  const h = two(buf, s + 11);
  const mi = two(buf, s + 14);
  const sec = two(buf, s + 17);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
    return undefined;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0;
  if (d > DAYS[mo - 1]! + leap) return undefined;
  let k = s + 19;
  let ms = 0;
  let fracDigits = 0;
  if (k < e && buf[k] === 46) {
    k++;
    while (k < e && buf[k]! >= 48 && buf[k]! <= 57) {
      if (fracDigits < 3) ms = ms * 10 + buf[k]! - 48;
      fracDigits++;
      k++;
    }
    if (fracDigits === 0) return undefined;
    for (let f = fracDigits; f < 3; f++) ms *= 10;
  }
  const zone = e - k;
  if (zone === 1) {
    if (buf[k] !== 0x5a) return undefined;
  } else if (zone !== 0) {
    if (buf[k] !== 0x2b || buf[k + 1] !== 48 || buf[k + 2] !== 48) return undefined;
    if (
      !(
        zone === 3 ||
        (zone === 5 && buf[k + 3] === 48 && buf[k + 4] === 48) ||
        (zone === 6 && buf[k + 3] === 58 && buf[k + 4] === 48 && buf[k + 5] === 48)
      )
    )
      return undefined;
  }
  instantMs = (((daysToMonth(y, mo) + d - 1) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
  instantMonth = y * 100 + mo;
  if (!wantText) return '';
  if (n === 24 && t === 84 && fracDigits === 3) return latin1(buf, s, e); // already canonical
  // Written into a scratch buffer and decoded once: a flat string (a joined one is flattened,
  // at a cost, the first time it is read).
  for (let k = 0; k < 19; k++) scratch[k] = buf[s + k]!;
  scratch[10] = 84;
  scratch[19] = 46;
  scratch[20] = 48 + Math.floor(ms / 100);
  scratch[21] = 48 + (Math.floor(ms / 10) % 10);
  scratch[22] = 48 + (ms % 10);
  scratch[23] = 90;
  return latin1(scratch, 0, 24);
}

const scratch = Buffer.alloc(24);

/**
 * A PLAIN cell of ASCII digits with at most one `.` and at most 15 digits, as the same double
 * Number() gives (an integer below 2^53 divided by an exact power of ten rounds once); -1 for
 * anything else.
 */
export function decimalAt(r: CsvRecord, i: number): number {
  if (r.flags[i] !== 0) return -1;
  const buf = r.buf;
  const s = r.starts[i]!;
  const e = r.ends[i]!;
  let v = 0;
  let digits = 0;
  let point = -1;
  for (let k = s; k < e; k++) {
    const c = buf[k]!;
    if (c === 46) {
      if (point >= 0) return -1;
      point = k;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
    digits++;
  }
  if (digits === 0 || digits > 15) return -1;
  return point < 0 ? v : v / POW10[e - point - 1]!;
}

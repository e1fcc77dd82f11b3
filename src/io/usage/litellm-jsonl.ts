// The fast path for LiteLLM spend-log JSONL: a line's top-level keys located in its bytes (no
// JSON.parse, no object per row), then read by the CSV fast path's mapper as if they were CSV
// cells. Only lines without a backslash are taken (so every string is its bytes), with string or
// null values where a text is expected, each key once; anything else — escapes, a number where a
// model name goes, a duplicate key, a malformed line — returns undefined and the line goes through
// JSON.parse and the general mapper, which give the same rows and rejections.

import type { UsageAccumulator } from '../../core/review/aggregate.js';
import type { UsageRow } from '../../core/review/usage-types.js';
import type { CsvRecord } from './csv-scanner.js';
import { litellmColumns } from './formats.js';
import { litellmCsvReader } from './litellm-csv.js';

const QUOTE = 0x22;

// How a key's value was written.
const ABSENT = 0;
const STRING = 1;
const NULL = 2;
const OTHER = 3; // number, true/false, object or array: its raw bytes

const fastUtf8 = (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, s: number, e: number) => string })
  .utf8Slice;
const utf8: (b: Buffer, s: number, e: number) => string = fastUtf8
  ? (b, s, e) => fastUtf8.call(b, s, e)
  : (b, s, e) => b.toString('utf8', s, e);

/** A JSON line's values as cells: string contents without their quotes, other values raw. */
class JsonLineRecord implements CsvRecord {
  line = 0;
  count: number;
  readonly problem = null;
  buf: Buffer = Buffer.alloc(0);
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  readonly kinds: Uint8Array;
  constructor(width: number) {
    this.count = width;
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.flags = new Uint8Array(width);
    this.kinds = new Uint8Array(width);
  }
  field(i: number): string {
    return i < 0 || this.starts[i] === this.ends[i] ? '' : utf8(this.buf, this.starts[i]!, this.ends[i]!);
  }
  isEmpty(i: number): boolean {
    return i < 0 || this.starts[i] === this.ends[i];
  }
  includes(i: number, needle: Buffer): boolean {
    return i >= 0 && this.buf.subarray(this.starts[i], this.ends[i]).indexOf(needle) >= 0;
  }
  digits(i: number): number {
    if (i < 0) return -1;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e || e - s > 15) return -1;
    let v = 0;
    for (let k = s; k < e; k++) {
      const d = this.buf[k]! - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }
}

const BAD = -1;

/** The closing quote of a string starting at `i` (no backslash in the line), or -1 (none, or a control character JSON forbids). */
function stringEnd(buf: Buffer, i: number, e: number): number {
  for (; i < e; i++) {
    const b = buf[i]!;
    if (b === QUOTE) return i;
    if (b < 0x20) return -1;
  }
  return -1;
}

/** NULL for `null`, OTHER for true, false or a number in JSON's grammar, else BAD. */
function scalar(buf: Buffer, s: number, e: number): number {
  const n = e - s;
  const c = buf[s];
  if (c === 0x6e) return n === 4 && buf[s + 1] === 0x75 && buf[s + 2] === 0x6c && buf[s + 3] === 0x6c ? NULL : BAD;
  if (c === 0x74) return n === 4 && buf[s + 1] === 0x72 && buf[s + 2] === 0x75 && buf[s + 3] === 0x65 ? OTHER : BAD;
  if (c === 0x66)
    return n === 5 && buf[s + 1] === 0x61 && buf[s + 2] === 0x6c && buf[s + 3] === 0x73 && buf[s + 4] === 0x65
      ? OTHER
      : BAD;
  let i = s;
  if (buf[i] === 0x2d) i++;
  let k = digitsEnd(buf, i, e);
  if (k === i || (buf[i] === 0x30 && k > i + 1)) return BAD;
  i = k;
  if (i < e && buf[i] === 0x2e) {
    k = digitsEnd(buf, i + 1, e);
    if (k === i + 1) return BAD;
    i = k;
  }
  if (i < e && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < e && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    k = digitsEnd(buf, i, e);
    if (k === i) return BAD;
    i = k;
  }
  return i === e ? OTHER : BAD;
}

function digitsEnd(buf: Buffer, i: number, e: number): number {
  while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
  return i;
}

const SLOTS = 256;

/** Whether bytes are valid JSON, remembered by their bytes (metadata and tags repeat across lines). */
class ValidJson {
  private keys: (Buffer | undefined)[] = new Array<Buffer | undefined>(SLOTS).fill(undefined);
  private size = 0;
  valid(buf: Buffer, s: number, e: number): boolean {
    const len = e - s;
    let h = Math.imul(0x811c9dc5, 0x01000193) ^ len;
    const step = len >> 3;
    for (let k = 0; k < 8; k++) h = Math.imul(h ^ buf[s + k * step]!, 0x01000193);
    h = Math.imul(h ^ buf[e - 1]!, 0x01000193);
    let slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (key.length === len && this.same(slot, buf, s, len)) return true;
      slot = (slot + 1) & (SLOTS - 1);
    }
    try {
      JSON.parse(utf8(buf, s, e));
    } catch {
      return false;
    }
    if (this.size >= SLOTS / 2) {
      this.keys.fill(undefined);
      this.size = 0;
      slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    }
    const key = Buffer.from(buf.subarray(s, e));
    this.keys[slot] = key;
    this.keyViews[slot] = new DataView(key.buffer, key.byteOffset, key.byteLength);
    this.size++;
    return true;
  }

  // Four bytes at a time through DataViews: the line buffer's view is made once per buffer.
  private keyViews: DataView[] = [];
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | null = null;

  private same(slot: number, buf: Buffer, s: number, len: number): boolean {
    if (buf !== this.viewOf) {
      this.viewOf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const key = this.keyViews[slot]!;
    const view = this.view;
    let k = 0;
    for (; k + 4 <= len; k += 4) if (key.getInt32(k) !== view.getInt32(s + k)) return false;
    for (; k < len; k++) if (key.getUint8(k) !== view.getUint8(s + k)) return false;
    return true;
  }
}

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/** A LiteLLM JSONL line (bytes [s, e) of `buf`; `escaped` when they hold a backslash) read as the CSV fast path reads a record. */
type LineReader<T> = (buf: Buffer, s: number, e: number, escaped: boolean, line: number) => T;

/**
 * The JSONL fast path for the lines of `file`: `row` gives the line's UsageRow, `fold` adds it to
 * `acc`; undefined / false for a line the general path must read.
 */
export function litellmJsonlReader(
  names: string[],
  file: string,
  acc?: UsageAccumulator,
): { row: LineReader<UsageRow | undefined>; fold: LineReader<boolean> } {
  const c = litellmColumns(names);
  const keys = names.map((n) => Buffer.from(n, 'utf8'));
  const reader = litellmCsvReader(c, acc);
  const rec = new JsonLineRecord(names.length);
  const nested = new ValidJson();
  // Columns that the general path reads as text: a number or object there is stringified by it, so not ours.
  const textual = [c.start, c.end, c.group, c.modelId, c.model, c.provider, c.apiBase, c.status].filter((i) => i >= 0);

  const isKey = (k: number, buf: Buffer, s: number, len: number): boolean => {
    const key = keys[k]!;
    if (key.length !== len) return false;
    let m = 0;
    while (m < len && key[m] === buf[s + m]) m++;
    return m === len;
  };
  // Exports write the keys in the same order on every line: the key at each position of the
  // previous line is tried first.
  const lastOrder = new Int32Array(64).fill(-1);
  const keyIndex = (position: number, buf: Buffer, s: number, e: number): number => {
    const len = e - s;
    const guess = position < 64 ? lastOrder[position]! : -1;
    if (guess >= 0 && isKey(guess, buf, s, len)) return guess;
    let found = -1;
    for (let k = 0; k < keys.length && found < 0; k++) if (isKey(k, buf, s, len)) found = k;
    if (position < 64) lastOrder[position] = found;
    return found;
  };
  const width = names.length;

  // Finds the line's values (false: not a line for the fast path).
  const locate = (buf: Buffer, s: number, e: number, escaped: boolean, line: number): boolean => {
    if (escaped) return false;
    let i = s;
    while (i < e && isSpace(buf[i])) i++;
    if (buf[i] !== 0x7b) return false;
    i++;
    const { kinds, starts, ends } = rec;
    for (let k = 0; k < width; k++) kinds[k] = starts[k] = ends[k] = 0;
    let position = 0;
    for (;;) {
      while (i < e && isSpace(buf[i])) i++;
      // `{}` and a trailing comma are left to the general path too.
      if (buf[i] !== QUOTE) return false;
      const ks = i + 1;
      const ke = stringEnd(buf, ks, e);
      if (ke < 0) return false;
      i = ke + 1;
      while (i < e && isSpace(buf[i])) i++;
      if (buf[i] !== 0x3a) return false;
      i++;
      while (i < e && isSpace(buf[i])) i++;
      const vs = i;
      let kind: number;
      let from: number;
      let to: number;
      const first = buf[i];
      if (first === QUOTE) {
        const ve = stringEnd(buf, i + 1, e);
        if (ve < 0) return false;
        kind = STRING;
        from = i + 1;
        to = ve;
        i = ve + 1;
      } else if (first === 0x7b || first === 0x5b) {
        let depth = 0;
        for (; i < e; i++) {
          const b = buf[i]!;
          if (b === QUOTE) {
            i = stringEnd(buf, i + 1, e);
            if (i < 0) return false;
          } else if (b === 0x7b || b === 0x5b) depth++;
          else if ((b === 0x7d || b === 0x5d) && --depth === 0) break;
        }
        if (i >= e) return false;
        i++;
        // Brackets balance; whether it is JSON, JSON.parse says (once per distinct value).
        if (!nested.valid(buf, vs, i)) return false;
        kind = OTHER;
        from = vs;
        to = i;
      } else {
        while (i < e && buf[i] !== 0x2c && buf[i] !== 0x7d && !isSpace(buf[i])) i++;
        const literal = scalar(buf, vs, i);
        if (literal === BAD) return false;
        kind = literal === NULL ? NULL : OTHER;
        from = vs;
        to = literal === NULL ? vs : i;
      }
      const k = keyIndex(position++, buf, ks, ke);
      if (k >= 0) {
        if (kinds[k] !== ABSENT) return false;
        kinds[k] = kind;
        starts[k] = from;
        ends[k] = to;
      }
      while (i < e && isSpace(buf[i])) i++;
      if (buf[i] === 0x2c) {
        i++;
        continue;
      }
      if (buf[i] !== 0x7d) return false;
      break;
    }
    i++;
    while (i < e && isSpace(buf[i])) i++;
    if (i !== e) return false;
    for (const t of textual) if (kinds[t] === OTHER) return false;
    rec.buf = buf;
    rec.line = line;
    return true;
  };
  return {
    row: (buf, s, e, escaped, line) => (locate(buf, s, e, escaped, line) ? reader.row(rec, file) : undefined),
    fold: (buf, s, e, escaped, line) => locate(buf, s, e, escaped, line) && reader.fold(rec, file),
  };
}

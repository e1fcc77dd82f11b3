// The fast path for LiteLLM spend-log CSV: a record's bytes turned into a UsageRow without
// decoding most cells. Repeated cells (model_group, model, model_id, provider, api_base, status,
// request_tags) are decoded once and remembered by their raw bytes in small per-column tables;
// numbers and timestamps are read from the bytes. Anything out of the ordinary (a timestamp in
// another shape, a number with a sign or exponent, tierplan text in metadata, NULL durations…)
// returns undefined and the caller reads that row through the general mapper, so both paths give
// the same rows and the same rejections.

import type { UsageRow } from '../../core/review/usage-types.js';
import type { CsvRecord } from './csv-scanner.js';
import { isNullText, tierplanTagsOfText, useCaseFromTags } from './values.js';

export interface LitellmColumns {
  start: number; end: number; group: number; modelId: number; model: number; provider: number; apiBase: number;
  prompt: number; completion: number; spend: number; status: number; tags: number; meta: number; duration: number;
}

type FastMapper = (r: CsvRecord, file: string) => UsageRow | undefined;

const NO_TAGS: readonly string[] = [];
const FAILED = new Set(['failure', 'failed', 'error', 'fail']);

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Buffer, s: number, e: number) => string }).latin1Slice;
const latin1: (b: Buffer, s: number, e: number) => string = latin1Slice ? (b, s, e) => latin1Slice.call(b, s, e) : (b, s, e) => b.toString('latin1', s, e);

const MAX_KEY = 512; // per cell: rows with longer identity cells are decoded every time

function textOf(r: CsvRecord, i: number): string | null {
  if (r.starts[i] === r.ends[i]) return null;
  const t = r.field(i);
  return isNullText(t) ? null : t;
}

/** Whether bytes [s, e) contain ASCII `tierplan`. */
function holdsTierplan(buf: Buffer, s: number, e: number): boolean {
  const last = e - 8;
  for (let k = s; k <= last; k++) {
    if (buf[k] === 0x74 && buf[k + 1] === 0x69 && buf[k + 2] === 0x65 && buf[k + 3] === 0x72 && buf[k + 4] === 0x70 && buf[k + 5] === 0x6c && buf[k + 6] === 0x61 && buf[k + 7] === 0x6e) return true;
  }
  return false;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function num(buf: Buffer, at: number, count: number): number {
  let v = 0;
  for (let k = at; k < at + count; k++) {
    const d = buf[k]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
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

// Set by `instantAt`: the epoch milliseconds of the instant it read.
let instantMs = 0;
// The last date `instantAt` turned into days (as yyyymmdd), and its days since 1970: rows come in time order.
let lastDate = -1;
let lastDays = 0;

/**
 * A PLAIN cell of the shape `YYYY-MM-DD[T ]HH:MM:SS[.f…][Z|+00:00|+0000|+00]`, valid, as ISO 8601
 * UTC with milliseconds (the same string values.parseInstant gives; '' when not `wantText`), its
 * epoch ms in `instantMs`;
 * undefined for any other shape or an impossible date (the general parser decides those).
 */
function instantAt(r: CsvRecord, i: number, wantText: boolean): string | undefined {
  if (r.flags[i] !== 0) return undefined;
  const buf = r.buf;
  const s = r.starts[i]!;
  const e = r.ends[i]!;
  const n = e - s;
  if (n < 19 || buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 13] !== 58 || buf[s + 16] !== 58) return undefined;
  const t = buf[s + 10];
  if (t !== 84 && t !== 32) return undefined;
  const y = num(buf, s, 4);
  const mo = num(buf, s + 5, 2);
  const d = num(buf, s + 8, 2);
  const h = num(buf, s + 11, 2);
  const mi = num(buf, s + 14, 2);
  const sec = num(buf, s + 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
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
    if (!(zone === 3 || (zone === 5 && buf[k + 3] === 48 && buf[k + 4] === 48) || (zone === 6 && buf[k + 3] === 58 && buf[k + 4] === 48 && buf[k + 5] === 48))) return undefined;
  }
  const date = (y * 100 + mo) * 100 + d;
  if (date !== lastDate) {
    lastDate = date;
    lastDays = daysFromCivil(y, mo, d);
  }
  instantMs = ((lastDays * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
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
function decimalAt(r: CsvRecord, i: number): number {
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

/** The cells that name where a row ran and for whom, decoded: the same for many rows. */
interface Identity {
  alias: string | null;
  tags: readonly string[];
  model_id: string | null;
  model: string | null;
  provider: string | null;
  api_base: string | null;
  failed: boolean;
}

const ID_SLOTS = 1024;

/**
 * Identities remembered by the raw bytes (and quoting) of their cells, all looked up at once: a
 * hash of sampled bytes, then every byte compared. Cleared when half full, so a column of unique
 * values costs a decode per row and no more.
 */
class IdentityCache {
  private keys: (Buffer | undefined)[] = new Array<Buffer | undefined>(ID_SLOTS).fill(undefined);
  private lens: Int32Array[] = [];
  private flags: Uint8Array[] = [];
  private values: Identity[] = [];
  private size = 0;
  constructor(private readonly cols: number[], private readonly make: (r: CsvRecord) => Identity) {}

  get(r: CsvRecord): Identity {
    const { buf, starts, ends, flags } = r;
    const cols = this.cols;
    let h = 0x811c9dc5;
    let total = 0;
    for (let j = 0; j < cols.length; j++) {
      const i = cols[j]!;
      if (i < 0) continue;
      const s = starts[i]!;
      const e = ends[i]!;
      const len = e - s;
      total += len;
      h = Math.imul(h ^ (len | (flags[i]! << 24)), 0x01000193);
      if (len > 0) h = Math.imul(h ^ buf[s + (len >> 1)]! ^ (buf[s + (len >> 2)]! << 8) ^ (buf[e - 1]! << 16) ^ (buf[s + ((3 * len) >> 2)]! << 24), 0x01000193);
    }
    if (total > MAX_KEY * 4) return this.make(r);
    let slot = (h ^ (h >>> 15)) & (ID_SLOTS - 1);
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (this.matches(r, slot)) return this.values[slot]!;
      slot = (slot + 1) & (ID_SLOTS - 1);
    }
    const v = this.make(r);
    if (this.size >= ID_SLOTS / 2) {
      this.keys.fill(undefined);
      this.size = 0;
      slot = (h ^ (h >>> 15)) & (ID_SLOTS - 1);
    }
    const key = Buffer.allocUnsafe(total);
    const lens = new Int32Array(cols.length);
    const keyFlags = new Uint8Array(cols.length);
    let at = 0;
    for (let j = 0; j < cols.length; j++) {
      const i = cols[j]!;
      if (i < 0) continue;
      buf.copy(key, at, starts[i]!, ends[i]!);
      at += (lens[j] = ends[i]! - starts[i]!);
      keyFlags[j] = flags[i]!;
    }
    this.keys[slot] = key;
    this.keyViews[slot] = new DataView(key.buffer, key.byteOffset, key.byteLength);
    this.lens[slot] = lens;
    this.flags[slot] = keyFlags;
    this.values[slot] = v;
    this.size++;
    return v;
  }

  // Bytes are compared four at a time through DataViews (the scanner reuses one buffer, so its
  // view is made once); comparing them one by one was most of a lookup.
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | null = null;
  private keyViews: DataView[] = [];

  private matches(r: CsvRecord, slot: number): boolean {
    const { buf, starts, ends, flags } = r;
    if (buf !== this.viewOf) {
      this.viewOf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const view = this.view;
    const key = this.keyViews[slot]!;
    const lens = this.lens[slot]!;
    const keyFlags = this.flags[slot]!;
    const cols = this.cols;
    let at = 0;
    for (let j = 0; j < cols.length; j++) {
      const i = cols[j]!;
      if (i < 0) continue;
      const s = starts[i]!;
      const len = ends[i]! - s;
      if (len !== lens[j] || flags[i] !== keyFlags[j]) return false;
      let k = 0;
      for (; k + 4 <= len; k += 4) if (key.getInt32(at + k) !== view.getInt32(s + k)) return false;
      for (; k < len; k++) if (key.getUint8(at + k) !== view.getUint8(s + k)) return false;
      at += len;
    }
    return true;
  }
}

/** A row mapper for LiteLLM CSV records, or undefined for a row the general mapper must read. */
export function litellmCsvMapper(c: LitellmColumns): FastMapper {
  const text = (r: CsvRecord, i: number): string | null => (i < 0 || r.starts[i] === r.ends[i] ? null : textOf(r, i));
  const identities = new IdentityCache([c.group, c.modelId, c.model, c.provider, c.apiBase, c.status, c.tags], (r) => {
    let tags: readonly string[] = NO_TAGS;
    const t = c.tags;
    if (t >= 0 && r.starts[t] !== r.ends[t] && holdsTierplan(r.buf, r.starts[t]!, r.ends[t]!)) {
      const cell = textOf(r, t);
      if (cell !== null) tags = tierplanTagsOfText(cell);
    }
    const status = text(r, c.status);
    const alias = text(r, c.group);
    return {
      alias: alias ?? useCaseFromTags(tags as string[]), tags,
      model_id: text(r, c.modelId), model: text(r, c.model), provider: text(r, c.provider), api_base: text(r, c.apiBase),
      failed: status !== null && FAILED.has(status.toLowerCase()),
    };
  });

  return (r, file) => {
    const starts = r.starts;
    const ends = r.ends;
    if (c.meta >= 0 && holdsTierplan(r.buf, starts[c.meta]!, ends[c.meta]!)) return undefined;
    const time = instantAt(r, c.start, true);
    if (time === undefined) return undefined;
    const startMs = instantMs;
    const input = starts[c.prompt] === ends[c.prompt] ? 0 : r.digits(c.prompt);
    const output = starts[c.completion] === ends[c.completion] ? 0 : r.digits(c.completion);
    if (input < 0 || output < 0) return undefined;
    let cost: number | null = null;
    if (starts[c.spend] !== ends[c.spend]) {
      cost = decimalAt(r, c.spend);
      if (cost < 0) return undefined;
    }
    let latency: number | null = null;
    if (c.duration >= 0 && starts[c.duration] !== ends[c.duration]) {
      latency = r.digits(c.duration);
      if (latency < 0) return undefined;
    } else if (c.end >= 0 && starts[c.end] !== ends[c.end]) {
      if (instantAt(r, c.end, false) === undefined) return undefined;
      latency = Math.max(0, instantMs - startMs);
    }
    const id = identities.get(r);
    return {
      file, line: r.line, source: 'litellm', time,
      alias: id.alias,
      tags: id.tags.slice(),
      model_id: id.model_id, model: id.model, provider: id.provider, api_base: id.api_base,
      region: null, requests: 1, input_tokens: input, output_tokens: output, cost,
      failed: id.failed, latency_ms: latency,
    };
  };
}

// Runs of adjacent CSV cells that repeat from row to row (a LiteLLM row's model, model_id,
// model_group, provider and api_base; its tags and status), remembered as raw bytes so the
// scanner can recognise them by comparing bytes instead of scanning them cell by cell, and a
// reader can tell a repeated identity by the run's number instead of hashing its cells.
//
// A run is the bytes from the start of its first cell to the delimiter after its last cell
// (or to a LF ending the record) as the scanner read them once: the same bytes at a cell start
// scan to the same cells, so a match stands for the scan. Runs are numbered for good (a number
// always means the same bytes) and looked up by four 32-bit words at offsets 12, 24, 36 and 44
// (model names share their first bytes).

/** A run this short is not remembered: its key would read past it. */
export const MIN_RUN = 48;
const MAX_RUN = 512; // bytes: 4096 runs of a group hold at most 2 MiB
const MAX_RUNS = 4096; // per group; then new runs are scanned as usual
const SLOTS = 1024;
const WAYS = 8;
const TRIAL = 8192; // lookups of a group between two checks that at least half of them hit

export class RunMemo {
  readonly groups: number;
  /** First and last column of each group (ascending, disjoint, not adjacent). */
  readonly first: Int32Array;
  readonly last: Int32Array;
  private readonly slots: Int32Array;
  private readonly bytes: DataView[][] = [];
  private readonly lens: number[][] = [];
  /** Per run: cells as offsets from the run's start, and their flags. */
  readonly starts: Int32Array[][] = [];
  readonly ends: Int32Array[][] = [];
  readonly flags: Uint8Array[][] = [];
  readonly endsRecord: boolean[][] = [];
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | null = null;

  constructor(groups: readonly (readonly [number, number])[]) {
    this.groups = groups.length;
    this.first = Int32Array.from(groups, (g) => g[0]);
    this.last = Int32Array.from(groups, (g) => g[1]);
    this.slots = new Int32Array(groups.length * SLOTS * WAYS).fill(-1);
    this.tries = new Int32Array(groups.length);
    this.hits = new Int32Array(groups.length);
    this.off = new Uint8Array(groups.length);
    for (let g = 0; g < groups.length; g++) {
      this.bytes.push([]);
      this.lens.push([]);
      this.starts.push([]);
      this.ends.push([]);
      this.flags.push([]);
      this.endsRecord.push([]);
    }
  }

  lengthOf(g: number, k: number): number {
    return this.lens[g]![k]!;
  }

  private viewFor(buf: Buffer): DataView {
    if (buf !== this.viewOf) {
      this.viewOf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    return this.view;
  }

  private slotOf(g: number, v: DataView, i: number): number {
    let h = Math.imul(v.getInt32(i + 12, true) ^ 0x2c1b3c6d, 0x297a2d39);
    h = Math.imul(h ^ v.getInt32(i + 24, true), 0x297a2d39);
    h = Math.imul(h ^ v.getInt32(i + 36, true), 0x297a2d39);
    h = Math.imul(h ^ v.getInt32(i + 44, true), 0x297a2d39);
    return (g * SLOTS + ((h ^ (h >>> 16)) & (SLOTS - 1))) * WAYS;
  }

  // A group whose cells seldom repeat (a request id among the tags) is no longer looked up: its
  // misses would each compare a few runs sharing a long prefix, for nothing.
  private readonly tries: Int32Array;
  private readonly hits: Int32Array;
  private readonly off: Uint8Array;

  /** The run of group `g` that buf[i, n) starts with, or -1. */
  match(g: number, buf: Buffer, i: number, n: number): number {
    if (this.off[g] !== 0) return -1;
    const tries = this.tries[g]! + 1;
    this.tries[g] = tries;
    if (tries === TRIAL) {
      if (this.hits[g]! * 2 < TRIAL) this.off[g] = 1;
      this.tries[g] = this.hits[g] = 0;
    }
    const k = this.find(g, buf, i, n);
    if (k >= 0) this.hits[g] = this.hits[g]! + 1;
    return k;
  }

  private find(g: number, buf: Buffer, i: number, n: number): number {
    if (i + MIN_RUN > n) return -1;
    const v = this.viewFor(buf);
    const at = this.slotOf(g, v, i);
    const lens = this.lens[g]!;
    const bytes = this.bytes[g]!;
    for (let w = 0; w < WAYS; w++) {
      const k = this.slots[at + w]!;
      if (k < 0) return -1;
      const len = lens[k]!;
      if (i + len > n) continue;
      const run = bytes[k]!;
      let j = 0;
      for (; j + 4 <= len; j += 4) if (run.getInt32(j, true) !== v.getInt32(i + j, true)) break;
      if (j + 4 <= len) continue;
      for (; j < len; j++) if (run.getUint8(j) !== v.getUint8(i + j)) break;
      if (j === len) return k;
    }
    return -1;
  }

  /**
   * Remembers `run` as a run of group `g`, its cells those from the group's first up to
   * `run.count`: its number, or -1 when it is too short or too long, its slot is full or the
   * group has enough runs.
   */
  store(g: number, run: ScannedRun): number {
    const { buf, from, to, starts, ends, flags, count: c1, endsRecord } = run;
    const c0 = this.first[g]!;
    const len = to - from;
    const lens = this.lens[g]!;
    if (this.off[g] !== 0 || len < MIN_RUN || len > MAX_RUN || lens.length >= MAX_RUNS) return -1;
    const at = this.slotOf(g, this.viewFor(buf), from);
    let w = 0;
    while (w < WAYS && this.slots[at + w]! >= 0) w++;
    if (w === WAYS) return -1;
    const k = lens.length;
    const copy = Buffer.from(buf.subarray(from, to));
    this.bytes[g]!.push(new DataView(copy.buffer, copy.byteOffset, copy.byteLength));
    lens.push(len);
    const s = new Int32Array(c1 - c0);
    const e = new Int32Array(c1 - c0);
    for (let c = c0; c < c1; c++) {
      s[c - c0] = starts[c]! - from;
      e[c - c0] = ends[c]! - from;
    }
    this.starts[g]!.push(s);
    this.ends[g]!.push(e);
    this.flags[g]!.push(flags.slice(c0, c1));
    this.endsRecord[g]!.push(endsRecord);
    this.slots[at + w] = k;
    return k;
  }
}

/** The bytes buf[from, to) the scanner just read as one group's cells, and those cells in its arrays. */
export interface ScannedRun {
  buf: Buffer;
  from: number;
  to: number;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  /** The record's cell count after the group: its cells end here. */
  count: number;
  /** The run ends its record (it includes the line end). */
  endsRecord: boolean;
}

/** Sorted column numbers (negative ones left out) as ranges of adjacent columns. */
export function adjacentRanges(cols: readonly number[]): [number, number][] {
  const sorted = [...new Set(cols.filter((c) => c >= 0))].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const c of sorted) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev[1] === c - 1) prev[1] = c;
    else out.push([c, c]);
  }
  return out;
}

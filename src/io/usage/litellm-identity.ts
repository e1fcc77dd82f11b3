// Where a LiteLLM row ran and for whom (model_group, model_id, model, provider, api_base, status,
// request_tags), decoded once per distinct combination of those cells' bytes.

import type { Route } from '../../core/review/aggregate.js';
import type { CsvRecord } from './csv-scanner.js';

const MAX_KEY = 512; // per cell: rows with longer identity cells are decoded every time

/** The cells that name where a row ran and for whom, decoded: the same for many rows. */
export interface Identity {
  alias: string | null;
  tags: readonly string[];
  model_id: string | null;
  model: string | null;
  provider: string | null;
  api_base: string | null;
  failed: boolean;
  /** Where the accumulator sends rows of this identity, once asked. */
  route: Route | undefined;
}

const ID_SLOTS = 1024;

/**
 * Identities remembered by the raw bytes (and quoting) of their cells, all looked up at once: a
 * hash of sampled bytes, then every byte compared. Cleared when half full, so a column of unique
 * values costs a decode per row and no more.
 */
export class IdentityCache {
  private keys: (Buffer | undefined)[] = new Array<Buffer | undefined>(ID_SLOTS).fill(undefined);
  private lens: Int32Array[] = [];
  private flags: Uint8Array[] = [];
  private values: Identity[] = [];
  private size = 0;
  constructor(
    private readonly cols: number[],
    private readonly make: (r: CsvRecord) => Identity,
  ) {}

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
      if (len > 0)
        h = Math.imul(
          h ^
            buf[s + (len >> 1)]! ^
            (buf[s + (len >> 2)]! << 8) ^
            (buf[e - 1]! << 16) ^
            (buf[s + ((3 * len) >> 2)]! << 24),
          0x01000193,
        );
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
      at += lens[j] = ends[i]! - starts[i]!;
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

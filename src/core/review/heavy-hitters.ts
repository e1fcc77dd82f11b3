// The heaviest keys of a stream in fixed memory (Space-Saving, Metwally et al. 2005): `capacity`
// counters in a min-heap; a new key takes the smallest counter's place and inherits its count as
// its possible over-estimate (`error`). Any key heavier than total / capacity is kept, and a
// kept key's true weight lies in [count − error, count]. Sketches of parts of a stream merge by
// adding one's counters into the other, which keeps the same guarantees.

export interface HeavyHitter {
  key: string;
  /** Upper bound of the key's weight. */
  count: number;
  /** How much of `count` may belong to keys it replaced: the weight is at least count − error. */
  error: number;
}

export class HeavyHitters {
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private readonly errors: number[] = [];
  private readonly at = new Map<string, number>();

  constructor(readonly capacity = 1024) {}

  add(key: string, weight: number): void {
    const i = this.at.get(key);
    if (i !== undefined) {
      this.counts[i]! += weight;
      this.down(i);
      return;
    }
    if (this.keys.length < this.capacity) {
      const n = this.keys.length;
      this.keys.push(key);
      this.counts.push(weight);
      this.errors.push(0);
      this.at.set(key, n);
      this.up(n);
      return;
    }
    // Replace the smallest counter (the heap's root).
    const min = this.counts[0]!;
    this.at.delete(this.keys[0]!);
    this.keys[0] = key;
    this.counts[0] = min + weight;
    this.errors[0] = min;
    this.at.set(key, 0);
    this.down(0);
  }

  /** Adds another sketch's counters (of another part of the stream). */
  merge(other: readonly HeavyHitter[]): void {
    for (const h of other) {
      const before = this.at.has(h.key) || this.keys.length < this.capacity ? 0 : this.counts[0]!;
      this.add(h.key, h.count);
      const i = this.at.get(h.key)!;
      this.errors[i] = Math.max(this.errors[i]!, before) + h.error;
    }
  }

  /** Every counter, heaviest first (ties by key). */
  list(): HeavyHitter[] {
    return this.keys
      .map((key, i) => ({ key, count: this.counts[i]!, error: this.errors[i]! }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private swap(i: number, j: number): void {
    const k = this.keys[i]!;
    const c = this.counts[i]!;
    const e = this.errors[i]!;
    this.keys[i] = this.keys[j]!;
    this.counts[i] = this.counts[j]!;
    this.errors[i] = this.errors[j]!;
    this.keys[j] = k;
    this.counts[j] = c;
    this.errors[j] = e;
    this.at.set(this.keys[i]!, i);
    this.at.set(k, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.counts[p]! <= this.counts[i]!) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.counts[l]! < this.counts[m]!) m = l;
      if (r < n && this.counts[r]! < this.counts[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

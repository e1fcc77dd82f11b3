// Latency as a fixed-resolution log histogram: buckets 5 % wide, so p95 is deterministic and
// within 5 % of the exact value, and histograms of parts of the input add up exactly. Buckets of
// small values are counted in an array (`low`), the rare rest in a map.
/** Each latency bucket is this many times as wide as the one before (the SQL of `review --emit-sql` uses it too). */
export const LATENCY_RATIO = 1.05;
const RATIO = LATENCY_RATIO;
const LOG_RATIO = Math.log(RATIO);
const bucketOf = (ms: number): number => (ms <= 1 ? 0 : Math.ceil(Math.log(ms) / LOG_RATIO));
const bucketValue = (b: number): number => Math.round(RATIO ** b);
// Buckets of whole milliseconds below this, computed once (a logarithm per row was measurable).
const TABLED = 1 << 16;
const BUCKET_OF_MS = Uint16Array.from({ length: TABLED }, (_, ms) => bucketOf(ms));
// Buckets below this are counted in an array per cell (1.05^512 ms is two years); the rest in a map.
const ARRAY_BUCKETS = 512;

/**
 * A cell starts with no array (its few samples go in the map: a cell per rarely seen alias stays
 * small) and gets one after PROMOTE_AT samples (`promoted`).
 */
export const NO_BUCKETS = new Float64Array(0);
export const PROMOTE_AT = 32;

/** `rest`'s buckets moved into a new array: the histogram of a cell that turned out busy. */
export function promoted(rest: Map<number, number>): Float64Array {
  const low = new Float64Array(ARRAY_BUCKETS);
  for (const [b, n] of rest)
    if (b < ARRAY_BUCKETS) {
      low[b] = n;
      rest.delete(b);
    }
  return low;
}

/** The bucket of a latency (milliseconds, finite, ≥ 0): what the SQL of `review --emit-sql` computes too. */
export const latencyBucket = (ms: number): number =>
  ms < TABLED && ms === Math.floor(ms) ? BUCKET_OF_MS[ms]! : bucketOf(ms);

/** Counts one latency (milliseconds, finite, ≥ 0). */
export function record(low: Float64Array, rest: Map<number, number>, ms: number): void {
  const b = latencyBucket(ms);
  if (b < low.length) low[b]!++;
  else rest.set(b, (rest.get(b) ?? 0) + 1);
}

/** Adds [bucket, count] pairs (another histogram's `buckets`). */
export function addBuckets(low: Float64Array, rest: Map<number, number>, pairs: Iterable<[number, number]>): void {
  for (const [b, n] of pairs) {
    if (b < low.length) low[b]! += n;
    else rest.set(b, (rest.get(b) ?? 0) + n);
  }
}

/** A cell's latency histogram as [bucket, count] pairs, by increasing bucket. */
export function buckets(low: Float64Array, rest: Map<number, number>): [number, number][] {
  const out: [number, number][] = [];
  for (let b = 0; b < low.length; b++) if (low[b] !== 0) out.push([b, low[b]!]);
  for (const b of [...rest.keys()].sort((x, y) => x - y)) out.push([b, rest.get(b)!]);
  return out;
}

export function p95(h: [number, number][], n: number): number | null {
  if (n === 0) return null;
  const rank = Math.ceil(0.95 * n);
  let seen = 0;
  for (const [b, count] of h) {
    seen += count;
    if (seen >= rank) return bucketValue(b);
  }
  return null;
}

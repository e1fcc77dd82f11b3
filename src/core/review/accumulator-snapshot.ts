// A cell as plain data and back: what a worker thread sends (`snapshot`), how the receiving
// accumulator adds it to its own cell (`merge`), and the finished cell `result` hands on. Counts
// are integers, costs exact sums, histograms bucket counts, so the fold is exact.
import type { DeploymentMonth, UsageCell } from './aggregate-types.js';
import type { EvidenceGroup } from './evidence.js';
import type { HeavyHitter } from './heavy-hitters.js';
import { addBuckets, buckets, p95 } from './latency-histogram.js';
import type { Cell } from './usage-cells.js';
import type { RejectedRow } from './usage-types.js';

type CellSnapshot = Omit<Cell, 'cost' | 'allocated' | 'latency' | 'latencyRest' | 'deployments'> & {
  cost: number[];
  allocated: number[];
  latency: [number, number][];
  deployments: string[];
};

/** An accumulator's state as plain data (structured-clonable), for `merge`. */
export interface AccumulatorSnapshot {
  rows: number;
  unattributed: number;
  unplaced: number;
  first: RejectedRow[];
  evidence: EvidenceGroup[];
  cells: CellSnapshot[];
  byDeployment: DeploymentMonth[];
  /** Requests folded into the overflow, and its sketch's counters. */
  overflow: { requests: number; top: HeavyHitter[] };
}

export const cellSnapshot = ({ latencyRest, ...c }: Cell): CellSnapshot => ({
  ...c,
  cost: [...c.cost.partials],
  allocated: [...c.allocated.partials],
  latency: buckets(c.latency, latencyRest),
  deployments: [...c.deployments],
});

/** Adds another accumulator's cell of the same use case, month and tier. */
export function mergeCell(c: Cell, o: CellSnapshot): void {
  c.requests += o.requests;
  c.rows_without_requests += o.rows_without_requests;
  c.input_tokens += o.input_tokens;
  c.output_tokens += o.output_tokens;
  c.cost.addAll(o.cost);
  c.allocated.addAll(o.allocated);
  c.failures += o.failures;
  c.latency_samples += o.latency_samples;
  addBuckets(c.latency, c.latencyRest, o.latency);
  for (const d of o.deployments) c.deployments.add(d);
}

// Costs stay unrounded here: totals are summed from them exactly (computeReview), and
// rounding each cell first is how a report's total drifts from the export's.
export const cellResult = ({ latency, latencyRest, deployments, allocated, ...c }: Cell): UsageCell => ({
  ...c,
  cost: c.cost.value(),
  allocated_cost: allocated.value(),
  p95_latency_ms: p95(buckets(latency, latencyRest), c.latency_samples),
  deployments: [...deployments].sort(),
});

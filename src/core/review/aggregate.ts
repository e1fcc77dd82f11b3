// Usage totals per use case × month (UTC) × tier, built one row at a time so a reader can
// stream a multi-gigabyte export through it. Memory grows with the number of cells, not rows:
// latency goes into a fixed-resolution log histogram (≤ ~330 buckets per cell), so p95 is
// deterministic and within 5 % of the exact value. Accumulators of consecutive parts of the input
// (one per worker thread) merge into exactly what one accumulator over the whole input holds:
// counts are integers, costs exact sums, histograms bucket counts.
import type { Deployment, Policy } from '../types.js';
import { makeAttributor, type AttributeResult } from './attribute.js';
import { AttributionMemo } from './attribution-memo.js';
import { ExactSum } from './exact-sum.js';
import { monthOf } from './month-of.js';
import type { RejectedRow, UsageRow } from './usage-types.js';

export { monthOf };

export interface UsageCell {
  use_case: string;
  month: string;
  tier: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** Priced deployments: the row's cost (or the policy price when the row has none); self-hosted: capacity-rate share of the fixed monthly cost. */
  cost: number;
  failures: number;
  /** Null when no row of the cell had a latency. */
  p95_latency_ms: number | null;
  latency_samples: number;
  /** Deployments seen (attributed rows only), sorted. */
  deployments: string[];
}

export interface DeploymentMonth {
  deployment: string;
  tier: string;
  month: string;
  requests: number;
  tokens: number;
  /** Self-hosted only: capacity_tokens_per_month, and tokens / capacity. */
  capacity_tokens: number | null;
  utilisation: number | null;
}

export interface UsageAggregate {
  rows: number;
  cells: UsageCell[];
  deployments: DeploymentMonth[];
  unattributed: number;
  /** The first few unattributed rows, in input order. */
  unattributed_first: RejectedRow[];
}

const RATIO = 1.05;
const LOG_RATIO = Math.log(RATIO);
const bucketOf = (ms: number): number => (ms <= 1 ? 0 : Math.ceil(Math.log(ms) / LOG_RATIO));
const bucketValue = (b: number): number => Math.round(RATIO ** b);

interface Cell extends Omit<UsageCell, 'p95_latency_ms' | 'deployments' | 'cost'> {
  cost: ExactSum;
  latency: Map<number, number>;
  deployments: Set<string>;
}

/** Where a row of a given attribution and month goes. */
interface Target {
  cell: Cell;
  deployment: Deployment | undefined;
  month: DeploymentMonth | undefined;
}

/** An accumulator's state as plain data (structured-clonable), for `merge`. */
export interface AccumulatorSnapshot {
  rows: number;
  unattributed: number;
  first: RejectedRow[];
  cells: (Omit<Cell, 'cost' | 'latency' | 'deployments'> & { cost: number[]; latency: [number, number][]; deployments: string[] })[];
  byDeployment: DeploymentMonth[];
}

export function rowCost(row: UsageRow, d: Deployment | undefined): number {
  if (d?.fixed_cost) return ((row.input_tokens + row.output_tokens) * d.fixed_cost.monthly) / d.fixed_cost.capacity_tokens_per_month;
  if (row.cost !== null) return row.cost;
  if (d?.price) return (row.input_tokens * d.price.input_per_1m + row.output_tokens * d.price.output_per_1m) / 1e6;
  return 0;
}

export class UsageAccumulator {
  private readonly attribute: (row: UsageRow) => AttributeResult;
  private readonly deps: Map<string, Deployment>;
  // Looked up by nested maps of the row's own strings (their hashes are cached) rather than by a
  // joined key string, which cost a new string and its hash per row.
  private readonly cells: Cell[] = [];
  private readonly cellIndex = new Map<string, Map<string, Map<string, Cell>>>();
  private readonly byDeployment: DeploymentMonth[] = [];
  private readonly deploymentIndex = new Map<string, Map<string, DeploymentMonth>>();
  private rows = 0;
  private unattributed = 0;
  private readonly first: RejectedRow[] = [];

  private readonly memo: AttributionMemo<Target>;

  constructor(policy: Policy, private readonly keepRejected = 10) {
    this.attribute = makeAttributor(policy);
    this.memo = new AttributionMemo(this.attribute);
    this.deps = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d] as const)));
  }

  add(row: UsageRow): void {
    this.rows++;
    const month = monthOf(row.time);
    const memo = month === null ? undefined : this.memo.get(row);
    const a: AttributeResult = month === null ? { ok: false, reason: `time "${row.time}" is not an ISO 8601 instant` } : memo?.result ?? this.attribute(row);
    if (!a.ok || month === null) {
      this.unattributed++;
      if (this.first.length < this.keepRejected) this.first.push({ file: row.file, line: row.line, reason: a.ok ? 'no time' : a.reason });
      return;
    }
    const { use_case, tier, deployment } = a.attribution;
    let target = memo?.months.get(month);
    if (target === undefined) {
      const d = deployment === null ? undefined : this.deps.get(deployment);
      target = { cell: this.cell(use_case, month, tier), deployment: d, month: deployment === null ? undefined : this.deploymentMonth(deployment, month, tier, d) };
      memo?.months.set(month, target);
    }
    const c = target.cell;
    const d = target.deployment;
    c.requests += row.requests;
    c.input_tokens += row.input_tokens;
    c.output_tokens += row.output_tokens;
    c.cost.add(rowCost(row, d));
    if (row.failed) c.failures += Math.max(1, row.requests);
    if (row.latency_ms !== null && Number.isFinite(row.latency_ms) && row.latency_ms >= 0) {
      const b = bucketOf(row.latency_ms);
      c.latency.set(b, (c.latency.get(b) ?? 0) + 1);
      c.latency_samples++;
    }
    if (deployment !== null) {
      c.deployments.add(deployment);
      const m = target.month!;
      m.requests += row.requests;
      m.tokens += row.input_tokens + row.output_tokens;
      if (m.capacity_tokens !== null) m.utilisation = m.tokens / m.capacity_tokens;
    }
  }

  private cell(use_case: string, month: string, tier: string): Cell {
    let byMonth = this.cellIndex.get(use_case);
    if (!byMonth) this.cellIndex.set(use_case, (byMonth = new Map()));
    let byTier = byMonth.get(month);
    if (!byTier) byMonth.set(month, (byTier = new Map()));
    let c = byTier.get(tier);
    if (!c) {
      c = { use_case, month, tier, requests: 0, input_tokens: 0, output_tokens: 0, cost: new ExactSum(), failures: 0, latency_samples: 0, latency: new Map(), deployments: new Set() };
      byTier.set(tier, c);
      this.cells.push(c);
    }
    return c;
  }

  private deploymentMonth(deployment: string, month: string, tier: string, d: Deployment | undefined): DeploymentMonth {
    let byMonth = this.deploymentIndex.get(deployment);
    if (!byMonth) this.deploymentIndex.set(deployment, (byMonth = new Map()));
    let m = byMonth.get(month);
    if (!m) {
      const capacity = d?.fixed_cost?.capacity_tokens_per_month ?? null;
      m = { deployment, tier, month, requests: 0, tokens: 0, capacity_tokens: capacity, utilisation: capacity === null ? null : 0 };
      byMonth.set(month, m);
      this.byDeployment.push(m);
    }
    return m;
  }

  /** The state as plain data, to send from a worker thread and `merge` there. */
  snapshot(): AccumulatorSnapshot {
    return {
      rows: this.rows, unattributed: this.unattributed, first: [...this.first],
      cells: this.cells.map((c) => ({ ...c, cost: [...c.cost.partials], latency: [...c.latency], deployments: [...c.deployments] })),
      byDeployment: this.byDeployment.map((m) => ({ ...m })),
    };
  }

  /**
   * Adds the rows of another accumulator's snapshot as if they had been added here after the
   * rows already added (so `other` covers the input that follows this one's).
   */
  merge(other: AccumulatorSnapshot): void {
    this.rows += other.rows;
    this.unattributed += other.unattributed;
    for (const r of other.first) if (this.first.length < this.keepRejected) this.first.push({ ...r });
    for (const o of other.cells) {
      const c = this.cell(o.use_case, o.month, o.tier);
      c.requests += o.requests;
      c.input_tokens += o.input_tokens;
      c.output_tokens += o.output_tokens;
      c.cost.addAll(o.cost);
      c.failures += o.failures;
      c.latency_samples += o.latency_samples;
      for (const [b, n] of o.latency) c.latency.set(b, (c.latency.get(b) ?? 0) + n);
      for (const d of o.deployments) c.deployments.add(d);
    }
    for (const o of other.byDeployment) {
      const m = this.deploymentMonth(o.deployment, o.month, o.tier, this.deps.get(o.deployment));
      m.requests += o.requests;
      m.tokens += o.tokens;
      if (m.capacity_tokens !== null) m.utilisation = m.tokens / m.capacity_tokens;
    }
  }

  result(): UsageAggregate {
    const cells = this.cells.map(({ latency, deployments, ...c }): UsageCell => ({
      ...c,
      cost: round2(c.cost.value()),
      p95_latency_ms: p95(latency, c.latency_samples),
      deployments: [...deployments].sort(),
    }));
    cells.sort((a, b) => cmp(a.use_case, b.use_case) || cmp(a.month, b.month) || cmp(a.tier, b.tier));
    const deployments = this.byDeployment.map((m) => ({ ...m }));
    deployments.sort((a, b) => cmp(a.deployment, b.deployment) || cmp(a.month, b.month));
    return { rows: this.rows, cells, deployments, unattributed: this.unattributed, unattributed_first: [...this.first] };
  }
}

function p95(h: Map<number, number>, n: number): number | null {
  if (n === 0) return null;
  const rank = Math.ceil(0.95 * n);
  let seen = 0;
  for (const b of [...h.keys()].sort((x, y) => x - y)) {
    seen += h.get(b)!;
    if (seen >= rank) return bucketValue(b);
  }
  return null;
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Convenience for tests and small inputs: every row through one accumulator. */
export function aggregate(rows: Iterable<UsageRow>, policy: Policy): UsageAggregate {
  const acc = new UsageAccumulator(policy);
  for (const r of rows) acc.add(r);
  return acc.result();
}

// Usage totals per use case × month (UTC) × tier, built one row at a time so a reader can
// stream a multi-gigabyte export through it. Memory grows with the number of cells, not rows:
// latency goes into a fixed-resolution log histogram (≤ ~330 buckets per cell), so p95 is
// deterministic and within 5 % of the exact value. Accumulators of consecutive parts of the input
// (one per worker thread) merge into exactly what one accumulator over the whole input holds:
// counts are integers, costs exact sums, histograms bucket counts.
import type { Deployment, Policy } from '../policy/types.js';
import type { DeploymentMonth, UsageAggregate, UsageCell } from './aggregate-types.js';
import { makeAttributor, type Attribution, type AttributeResult, type AttributorOptions } from './attribute.js';
import { AttributionMemo, type Remembered } from './attribution-memo.js';
import { EvidenceBook, type EvidenceGroup, type EvidenceKind, type EvidenceMonth } from './evidence.js';
import { ExactSum } from './exact-sum.js';
import { addBuckets, ARRAY_BUCKETS, buckets, p95, record } from './latency-histogram.js';
import { monthOf } from './month-of.js';
import { countsRequests, type RejectedRow, type UsageRow } from './usage-types.js';

export { monthOf };
export type { DeploymentMonth, UsageAggregate, UsageCell } from './aggregate-types.js';

interface Cell extends Omit<UsageCell, 'p95_latency_ms' | 'deployments' | 'cost' | 'allocated_cost'> {
  cost: ExactSum;
  allocated: ExactSum;
  latency: Float64Array;
  latencyRest: Map<number, number>;
  deployments: Set<string>;
}

/** Where a row of a given attribution and month goes. */
interface Target {
  /** Undefined for an unknown deployment: its rows are evidence, kept out of the per-tier figures. */
  cell: Cell | undefined;
  deployment: Deployment | undefined;
  month: DeploymentMonth | undefined;
  /** The evidence groups the rows also count in (none for a row identified without contradiction). */
  evidence: { group: EvidenceGroup; month: EvidenceMonth; seen: string }[];
}

/**
 * Where the rows of one identity (alias, tags, where it ran) go, month by month: what a reader
 * that recognises repeated identities gets once from `route` and hands to `addRouted` per row.
 */
export interface Route {
  readonly result: AttributeResult;
  memo: Remembered<Target> | undefined;
  /** The month (year × 100 + month) of the last row, and its target. */
  ym: number;
  target: Target | undefined;
  byMonth: Map<number, Target>;
}

/** The tokens, outcome and latency of one row or routed request, as a target adds them up. */
interface Consumption {
  input: number;
  output: number;
  failed: boolean;
  latency: number | null;
}

/** One request of a routed identity, as `addRouted` reads it (and keeps none of). */
export interface RoutedRequest extends Consumption {
  /** Year × 100 + month, UTC. */
  ym: number;
  file: string;
  line: number;
  cost: number | null;
}

/** The fields of a row that attribution reads. */
export type RowIdentity = Pick<UsageRow, 'alias' | 'tags' | 'model_id' | 'model' | 'provider' | 'api_base' | 'region'>;

/** An accumulator's state as plain data (structured-clonable), for `merge`. */
export interface AccumulatorSnapshot {
  rows: number;
  unattributed: number;
  unplaced: number;
  first: RejectedRow[];
  evidence: EvidenceGroup[];
  cells: (Omit<Cell, 'cost' | 'allocated' | 'latency' | 'latencyRest' | 'deployments'> & {
    cost: number[];
    allocated: number[];
    latency: [number, number][];
    deployments: string[];
  })[];
  byDeployment: DeploymentMonth[];
}

/** What was billed: the row's own cost, else the deployment's list price, else nothing. */
function billedOf(input: number, output: number, cost: number | null, d: Deployment | undefined): number {
  if (cost !== null) return cost;
  if (d?.price) return (input * d.price.input_per_1m + output * d.price.output_per_1m) / 1e6;
  return 0;
}

/**
 * A self-hosted deployment's fixed cost spread at its capacity rate: kept apart from what was
 * billed so the billed total still matches the export, and labelled as an allocation.
 */
function allocatedOf(input: number, output: number, d: Deployment | undefined): number {
  if (!d?.fixed_cost) return 0;
  return ((input + output) * d.fixed_cost.monthly) / d.fixed_cost.capacity_tokens_per_month;
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
  private unplaced = 0;
  private readonly first: RejectedRow[] = [];
  private readonly evidence: EvidenceBook;

  private readonly memo: AttributionMemo<Target>;

  constructor(
    policy: Policy,
    private readonly keepRejected = 10,
    who: AttributorOptions = {},
  ) {
    this.attribute = makeAttributor(policy, who);
    this.evidence = new EvidenceBook(keepRejected);
    this.memo = new AttributionMemo(this.attribute);
    this.deps = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d] as const)));
  }

  add(row: UsageRow): void {
    this.rows++;
    const month = monthOf(row.time);
    const memo = month === null ? undefined : this.memo.get(row);
    const a: AttributeResult =
      month === null
        ? { ok: false, reason: `time "${row.time}" is not an ISO 8601 instant` }
        : (memo?.result ?? this.attribute(row));
    if (!a.ok || month === null) {
      this.unattributed++;
      if (this.first.length < this.keepRejected)
        this.first.push({ file: row.file, line: row.line, reason: a.ok ? 'no time' : a.reason });
      return;
    }
    let target = memo?.months.get(month);
    if (target === undefined) target = this.target(a.attribution, month, memo);
    if (target.evidence.length > 0)
      this.note(target, row.file, row.line, row.requests, row.input_tokens + row.output_tokens);
    const d = target.deployment;
    this.into(
      target,
      row.requests,
      billedOf(row.input_tokens, row.output_tokens, row.cost, d),
      { input: row.input_tokens, output: row.output_tokens, failed: row.failed, latency: row.latency_ms },
      // FOCUS bills charges, not calls: its request count is a placeholder (see UsageCell).
      !countsRequests(row.source),
    );
  }

  /** Where rows of this identity go: remembered by the caller and passed to `addRouted`. */
  route(id: RowIdentity): Route {
    const row: UsageRow = {
      file: '',
      line: 0,
      source: 'litellm',
      time: '',
      alias: id.alias,
      tags: [...id.tags],
      model_id: id.model_id,
      model: id.model,
      provider: id.provider,
      api_base: id.api_base,
      region: id.region,
      requests: 1,
      input_tokens: 0,
      output_tokens: 0,
      cost: null,
      failed: false,
      latency_ms: null,
    };
    const memo = this.memo.get(row);
    return { result: memo?.result ?? this.attribute(row), memo, ym: -1, target: undefined, byMonth: new Map() };
  }

  /**
   * One request of a routed identity in month `r.ym`: the same as `add` with a row of that
   * identity, one request and a time in that month, without building the row.
   */
  addRouted(route: Route, r: RoutedRequest): void {
    const { ym, file, line } = r;
    this.rows++;
    const a = route.result;
    if (!a.ok) {
      this.unattributed++;
      if (this.first.length < this.keepRejected) this.first.push({ file, line, reason: a.reason });
      return;
    }
    let target = route.ym === ym ? route.target : route.byMonth.get(ym);
    if (target === undefined) {
      const month = `${String(Math.floor(ym / 100)).padStart(4, '0')}-${String(ym % 100).padStart(2, '0')}`;
      target = route.memo?.months.get(month) ?? this.target(a.attribution, month, route.memo);
      route.byMonth.set(ym, target);
    }
    route.ym = ym;
    route.target = target;
    if (target.evidence.length > 0) this.note(target, file, line, 1, r.input + r.output);
    const d = target.deployment;
    // `r` itself, not a copy: the fast paths reuse one record for every row, so nothing is allocated per row.
    this.into(target, 1, billedOf(r.input, r.output, r.cost, d), r, false);
  }

  private target(a: Attribution, month: string, memo: Remembered<Target> | undefined): Target {
    const { use_case, tier, deployment, placement } = a;
    const d = deployment === null ? undefined : this.deps.get(deployment);
    const placed = placement !== 'unknown';
    const evidence: Target['evidence'] = [];
    const witness = (kind: EvidenceKind, names: string[], seen: string): void => {
      const group = this.evidence.group(
        {
          kind,
          use_case,
          tier,
          names,
          placed,
          deployment: kind === 'use-case-mismatch' ? deployment : null,
          candidates: kind === 'ambiguous' ? a.candidates : [],
        },
        seen,
      );
      evidence.push({ group, month: this.evidence.month(group, month), seen });
    };
    if (placement !== 'identified') witness(placement, [], a.seen);
    else if (a.candidates.length > 1) witness('ambiguous', [], a.seen);
    if (a.mismatch !== null) witness('label-mismatch', [], a.mismatch);
    if (a.names.length > 1) witness('use-case-mismatch', a.names, a.seen);
    const target: Target = {
      cell: placed ? this.cell(use_case, month, tier) : undefined,
      deployment: d,
      month: placed && deployment !== null ? this.deploymentMonth(deployment, month, tier, d) : undefined,
      evidence,
    };
    // A target's deployment never changes: the cell learns it with the target's first row.
    if (deployment !== null) target.cell?.deployments.add(deployment);
    memo?.months.set(month, target);
    return target;
  }

  /** Rows that are evidence of a placement finding: counted per group and month, the first few kept. */
  private note(target: Target, file: string, line: number, requests: number, tokens: number): void {
    if (target.cell === undefined) this.unplaced++;
    for (const { group, month, seen } of target.evidence) {
      month.rows++;
      month.requests += requests;
      month.tokens += tokens;
      this.evidence.witness(group, file, line, seen);
    }
  }

  private into(
    target: Target,
    requests: number,
    cost: number,
    { input, output, failed, latency }: Consumption,
    noRequests: boolean,
  ): void {
    const c = target.cell;
    if (c === undefined) return;
    const allocated = allocatedOf(input, output, target.deployment);
    c.requests += requests;
    c.input_tokens += input;
    c.output_tokens += output;
    c.cost.add(cost);
    if (allocated !== 0) c.allocated.add(allocated);
    if (noRequests) c.rows_without_requests++;
    if (failed) c.failures += Math.max(1, requests);
    if (latency !== null && latency >= 0 && latency < Infinity) {
      record(c.latency, c.latencyRest, latency);
      c.latency_samples++;
    }
    const m = target.month;
    if (m !== undefined) {
      m.requests += requests;
      m.tokens += input + output;
    }
  }

  private cell(use_case: string, month: string, tier: string): Cell {
    let byMonth = this.cellIndex.get(use_case);
    if (!byMonth) {
      byMonth = new Map();
      this.cellIndex.set(use_case, byMonth);
    }
    let byTier = byMonth.get(month);
    if (!byTier) {
      byTier = new Map();
      byMonth.set(month, byTier);
    }
    let c = byTier.get(tier);
    if (!c) {
      c = {
        use_case,
        month,
        tier,
        requests: 0,
        rows_without_requests: 0,
        input_tokens: 0,
        output_tokens: 0,
        cost: new ExactSum(),
        allocated: new ExactSum(),
        failures: 0,
        latency_samples: 0,
        latency: new Float64Array(ARRAY_BUCKETS),
        latencyRest: new Map(),
        deployments: new Set(),
      };
      byTier.set(tier, c);
      this.cells.push(c);
    }
    return c;
  }

  private deploymentMonth(deployment: string, month: string, tier: string, d: Deployment | undefined): DeploymentMonth {
    let byMonth = this.deploymentIndex.get(deployment);
    if (!byMonth) {
      byMonth = new Map();
      this.deploymentIndex.set(deployment, byMonth);
    }
    let m = byMonth.get(month);
    if (!m) {
      const capacity = d?.fixed_cost?.capacity_tokens_per_month ?? null;
      m = {
        deployment,
        tier,
        month,
        requests: 0,
        tokens: 0,
        capacity_tokens: capacity,
        utilisation: capacity === null ? null : 0,
        fixed_cost: d?.fixed_cost?.monthly ?? null,
      };
      byMonth.set(month, m);
      this.byDeployment.push(m);
    }
    return m;
  }

  /** The state as plain data, to send from a worker thread and `merge` there. */
  snapshot(): AccumulatorSnapshot {
    return {
      rows: this.rows,
      unattributed: this.unattributed,
      unplaced: this.unplaced,
      first: [...this.first],
      evidence: this.evidence.list(),
      cells: this.cells.map(({ latencyRest, ...c }) => ({
        ...c,
        cost: [...c.cost.partials],
        allocated: [...c.allocated.partials],
        latency: buckets(c.latency, latencyRest),
        deployments: [...c.deployments],
      })),
      byDeployment: this.byDeployment.map(withUtilisation),
    };
  }

  /**
   * Adds the rows of another accumulator's snapshot as if they had been added here after the
   * rows already added (so `other` covers the input that follows this one's).
   */
  merge(other: AccumulatorSnapshot): void {
    this.rows += other.rows;
    this.unattributed += other.unattributed;
    this.unplaced += other.unplaced;
    for (const r of other.first) if (this.first.length < this.keepRejected) this.first.push({ ...r });
    this.evidence.merge(other.evidence);
    for (const o of other.cells) {
      const c = this.cell(o.use_case, o.month, o.tier);
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
    for (const o of other.byDeployment) {
      const m = this.deploymentMonth(o.deployment, o.month, o.tier, this.deps.get(o.deployment));
      m.requests += o.requests;
      m.tokens += o.tokens;
    }
  }

  result(): UsageAggregate {
    const cells = this.cells.map(
      // Costs stay unrounded here: totals are summed from them exactly (computeReview), and
      // rounding each cell first is how a report's total drifts from the export's.
      ({ latency, latencyRest, deployments, allocated, ...c }): UsageCell => ({
        ...c,
        cost: c.cost.value(),
        allocated_cost: allocated.value(),
        p95_latency_ms: p95(buckets(latency, latencyRest), c.latency_samples),
        deployments: [...deployments].sort(),
      }),
    );
    cells.sort((a, b) => cmp(a.use_case, b.use_case) || cmp(a.month, b.month) || cmp(a.tier, b.tier));
    const deployments = this.byDeployment.map(withUtilisation);
    deployments.sort((a, b) => cmp(a.deployment, b.deployment) || cmp(a.month, b.month));
    return {
      rows: this.rows,
      cells,
      deployments,
      unattributed: this.unattributed,
      unattributed_first: [...this.first],
      unplaced: this.unplaced,
      evidence: this.evidence.list(),
    };
  }
}

// Tokens over capacity, worked out when the totals are read rather than per row.
const withUtilisation = (m: DeploymentMonth): DeploymentMonth => ({
  ...m,
  utilisation: m.capacity_tokens === null ? null : m.tokens / m.capacity_tokens,
});

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Convenience for tests and small inputs: every row through one accumulator. */
export function aggregate(rows: Iterable<UsageRow>, policy: Policy, who: AttributorOptions = {}): UsageAggregate {
  const acc = new UsageAccumulator(policy, 10, who);
  for (const r of rows) acc.add(r);
  return acc.result();
}

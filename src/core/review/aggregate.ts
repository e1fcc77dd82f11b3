// Usage totals per use case × month (UTC) × tier, built one row at a time so a reader can
// stream a multi-gigabyte export through it. Memory grows with the number of cells, not rows:
// latency goes into a fixed-resolution log histogram (≤ ~330 buckets per cell), so p95 is
// deterministic and within 5 % of the exact value. Accumulators of consecutive parts of the input
// (one per worker thread) merge into exactly what one accumulator over the whole input holds:
// counts are integers, costs exact sums, histograms bucket counts.
import type { Deployment, Policy } from '../policy/types.js';
import type { UsageAggregate } from './aggregate-types.js';
import {
  identityRow,
  type Consumption,
  type Route,
  type RoutedRequest,
  type RowIdentity,
  type Target,
} from './accumulator-route.js';
import { cellResult, cellSnapshot, mergeCell, type AccumulatorSnapshot } from './accumulator-snapshot.js';
import { newTarget, type TargetPlaces } from './accumulator-target.js';
import { makeAttributor, type Attribution, type AttributeResult, type AttributorOptions } from './attribute.js';
import { AttributionMemo, type Remembered } from './attribution-memo.js';
import { allocatedOf, billedOf } from './cost-rules.js';
import { EvidenceBook } from './evidence.js';
import { HeavyHitters } from './heavy-hitters.js';
import type { UsageGroup } from './aggregate-format.js';
import { addBuckets, PROMOTE_AT, promoted, record } from './latency-histogram.js';
import { monthOf } from './month-of.js';
import { CellIndex, DeploymentMonthIndex, withUtilisation } from './usage-cells.js';
import { countsRequests, type RejectedRow, type UsageRow } from './usage-types.js';

export { monthOf };
export type { DeploymentMonth, IdentityOverflow, UsageAggregate, UsageCell } from './aggregate-types.js';
export type { AccumulatorSnapshot } from './accumulator-snapshot.js';
export type { Route, RoutedRequest, RowIdentity } from './accumulator-route.js';

/**
 * The use case name overflow cells are counted under: no inventory id can take this form.
 * Names beyond the distinct ones held (`AccumulatorLimits.identities`) are folded into it on
 * the tier they ran on, so their traffic still counts and is judged (fail closed).
 */
export const OVERFLOW_USE_CASE = '*overflow*';
const DEFAULT_MAX_IDENTITIES = 10_000;
/** Counters of the overflow's heavy-hitters sketch; the report lists the first few. */
const SKETCH_CAPACITY = 1024;

export interface AccumulatorLimits {
  /** Distinct names that are no use case of the inventory held with cells of their own. */
  identities?: number;
}

export class UsageAccumulator {
  private readonly attribute: (row: UsageRow) => AttributeResult;
  private readonly deps: Map<string, Deployment>;
  private readonly cells = new CellIndex();
  private readonly byDeployment = new DeploymentMonthIndex();
  private rows = 0;
  private unattributed = 0;
  private unplaced = 0;
  private readonly first: RejectedRow[] = [];
  private readonly evidence: EvidenceBook;
  /** The indexes and evidence book a new target is made in. */
  private readonly places: TargetPlaces;

  private readonly memo: AttributionMemo<Target>;

  // Memory grows with the distinct names rows carry: names of the inventory are always held,
  // others up to `maxIdentities`; beyond it their rows go to shared overflow targets.
  private readonly known: ReadonlySet<string>;
  private readonly held = new Set<string>();
  private readonly maxIdentities: number;
  private readonly overflowTargets = new Map<string, Target>();
  private readonly sketch = new HeavyHitters(SKETCH_CAPACITY);
  private overflowRequests = 0;

  constructor(
    policy: Policy,
    private readonly keepRejected = 10,
    who: AttributorOptions = {},
    limits: AccumulatorLimits = {},
  ) {
    this.known = new Set(who.useCases ?? []);
    this.maxIdentities = limits.identities ?? DEFAULT_MAX_IDENTITIES;
    this.attribute = makeAttributor(policy, who);
    this.evidence = new EvidenceBook(keepRejected);
    this.memo = new AttributionMemo(this.attribute);
    this.deps = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d] as const)));
    this.places = { deps: this.deps, cells: this.cells, byDeployment: this.byDeployment, evidence: this.evidence };
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
    if (target.overflow) this.overflowed(a.attribution.use_case, row.requests);
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
    const row = identityRow(id);
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
    if (target.overflow) this.overflowed(a.attribution.use_case, 1);
    const d = target.deployment;
    // `r` itself, not a copy: the fast paths reuse one record for every row, so nothing is allocated per row.
    this.into(target, 1, billedOf(r.input, r.output, r.cost, d), r, false);
  }

  /**
   * A group of rows summed elsewhere (the aggregate format): the same as `add` with each of its
   * rows, which all share the identity, the month and the latency bucket.
   */
  addGroup(g: UsageGroup): void {
    this.rows += g.rows;
    const route = this.route(g.identity);
    const a = route.result;
    if (!a.ok) {
      this.unattributed += g.rows;
      if (this.first.length < this.keepRejected) this.first.push({ file: g.file, line: g.line, reason: a.reason });
      return;
    }
    const target = route.memo?.months.get(g.month) ?? this.target(a.attribution, g.month, route.memo);
    if (target.evidence.length > 0)
      this.note(target, g.file, g.line, g.requests, g.input_tokens + g.output_tokens, g.rows);
    if (target.overflow) this.overflowed(a.attribution.use_case, g.requests);
    const c = target.cell;
    if (c === undefined) return;
    const d = target.deployment;
    c.requests += g.requests;
    c.input_tokens += g.input_tokens;
    c.output_tokens += g.output_tokens;
    c.cost.add(g.cost);
    const priced = billedOf(g.unpriced_input_tokens, g.unpriced_output_tokens, null, d);
    if (priced !== 0) c.cost.add(priced);
    const allocated = allocatedOf(g.input_tokens, g.output_tokens, d);
    if (allocated !== 0) c.allocated.add(allocated);
    if (g.source === 'focus') c.rows_without_requests += g.rows;
    c.failures += g.failures;
    if (g.latency_bucket !== null && g.rows > 0) {
      if (c.latency.length === 0 && c.latency_samples + g.rows >= PROMOTE_AT) c.latency = promoted(c.latencyRest);
      addBuckets(c.latency, c.latencyRest, [[g.latency_bucket, g.rows]]);
      c.latency_samples += g.rows;
    }
    const m = target.month;
    if (m !== undefined) {
      m.requests += g.requests;
      m.tokens += g.input_tokens + g.output_tokens;
    }
  }

  private target(a: Attribution, month: string, memo: Remembered<Target> | undefined): Target {
    const target = this.holds(a.use_case) ? newTarget(a, month, this.places) : this.overflowTarget(a, month);
    memo?.months.set(month, target);
    return target;
  }

  /** Whether `name` has cells of its own: a use case of the inventory, or a name while there is room. */
  private holds(name: string): boolean {
    if (name === OVERFLOW_USE_CASE || this.held.has(name) || this.known.has(name)) return true;
    if (this.held.size >= this.maxIdentities) return false;
    this.held.add(name);
    return true;
  }

  // Shared by every overflowed name with the same month, tier and placement, so overflow cells
  // stay few whatever the number of names.
  private overflowTarget(a: Attribution, month: string): Target {
    const key = `${month}\u0000${a.tier}\u0000${a.deployment ?? ''}\u0000${a.placement}\u0000${a.candidates.join(',')}`;
    let t = this.overflowTargets.get(key);
    if (t === undefined) {
      t = newTarget({ ...a, use_case: OVERFLOW_USE_CASE, names: [], mismatch: null }, month, this.places);
      t.overflow = true;
      this.overflowTargets.set(key, t);
    }
    return t;
  }

  private overflowed(name: string, requests: number): void {
    this.overflowRequests += requests;
    this.sketch.add(name, requests);
  }

  /** Rows that are evidence of a placement finding: counted per group and month, the first few kept. */
  private note(target: Target, file: string, line: number, requests: number, tokens: number, rows = 1): void {
    if (target.cell === undefined) this.unplaced += rows;
    for (const { group, month, seen } of target.evidence) {
      month.rows += rows;
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
      if (c.latency.length === 0 && c.latency_samples >= PROMOTE_AT) c.latency = promoted(c.latencyRest);
    }
    const m = target.month;
    if (m !== undefined) {
      m.requests += requests;
      m.tokens += input + output;
    }
  }

  /** The state as plain data, to send from a worker thread and `merge` there. */
  snapshot(): AccumulatorSnapshot {
    return {
      rows: this.rows,
      unattributed: this.unattributed,
      unplaced: this.unplaced,
      first: [...this.first],
      evidence: this.evidence.list(),
      cells: this.cells.list.map(cellSnapshot),
      byDeployment: this.byDeployment.list.map(withUtilisation),
      overflow: { requests: this.overflowRequests, top: this.sketch.list() },
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
    // The other part's names are held here in the order it met them, while there is room; the
    // rest join this accumulator's overflow (whose sketch takes their requests).
    this.overflowRequests += other.overflow.requests;
    this.sketch.merge(other.overflow.top);
    for (const o of other.cells) {
      if (this.holds(o.use_case)) mergeCell(this.cells.get(o.use_case, o.month, o.tier), o);
      else {
        mergeCell(this.cells.get(OVERFLOW_USE_CASE, o.month, o.tier), o);
        this.overflowed(o.use_case, o.requests);
      }
    }
    this.evidence.merge(
      other.evidence.map((g) => (this.holds(g.use_case) ? g : { ...g, use_case: OVERFLOW_USE_CASE, names: [] })),
    );
    for (const o of other.byDeployment) {
      const m = this.byDeployment.get(o.deployment, o.month, o.tier, this.deps.get(o.deployment));
      m.requests += o.requests;
      m.tokens += o.tokens;
    }
  }

  result(): UsageAggregate {
    const cells = this.cells.list.map(cellResult);
    cells.sort((a, b) => cmp(a.use_case, b.use_case) || cmp(a.month, b.month) || cmp(a.tier, b.tier));
    const deployments = this.byDeployment.list.map(withUtilisation);
    deployments.sort((a, b) => cmp(a.deployment, b.deployment) || cmp(a.month, b.month));
    return {
      rows: this.rows,
      cells,
      deployments,
      unattributed: this.unattributed,
      unattributed_first: [...this.first],
      unplaced: this.unplaced,
      evidence: this.evidence.list(),
      overflow:
        this.overflowRequests === 0 && this.overflowTargets.size === 0 && !this.cells.has(OVERFLOW_USE_CASE)
          ? null
          : { limit: this.maxIdentities, requests: this.overflowRequests, top: this.sketch.list() },
    };
  }
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Convenience for tests and small inputs: every row through one accumulator. */
export function aggregate(
  rows: Iterable<UsageRow>,
  policy: Policy,
  who: AttributorOptions = {},
  limits: AccumulatorLimits = {},
): UsageAggregate {
  const acc = new UsageAccumulator(policy, 10, who, limits);
  for (const r of rows) acc.add(r);
  return acc.result();
}

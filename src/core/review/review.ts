// computeReview: usage aggregated per use case × month × tier, read against the plan, the
// inventory and the policy's triggers. Pure and deterministic: the period and the plan's
// as_of are inputs; nothing reads the clock.
import type { Plan } from '../plan/plan-types.js';
import type { Inventory, Policy } from '../policy/types.js';
import type { UsageAggregate, UsageCell } from './aggregate.js';
import type { EvidenceGroup } from './evidence.js';
import { computeFindings } from './findings.js';
import { inPeriod as inPeriodEvidence } from './placement-findings.js';
import { monthRange } from './months.js';
import { computeProposals } from './proposals.js';
import { periodTotals, roundedCell, withIdleDeployments } from './period-totals.js';
import { computeSplit } from './split.js';
import { REVIEW_SCHEMA_VERSION, type Review, type Streak } from './review-types.js';
import { evaluateTriggers } from './triggers.js';
import { markUnjudged, unplacedRows } from './unjudged.js';
import { isBreach } from './unregistered.js';
import type { ReadCounts, RejectedRow } from './usage-types.js';

export interface ReviewInput {
  plan: Plan;
  inventory: Inventory;
  policy: Policy;
  aggregate: UsageAggregate;
  /** What the usage readers counted, and the first rows they could not read. */
  counts: ReadCounts;
  rejected: RejectedRow[];
  /** Months, YYYY-MM, inclusive. */
  period: { from: string; to: string };
  /**
   * The previous review: its streaks, so a condition's run continues across reviews, and its
   * usage, for the split against last period when the exports do not cover it.
   */
  previous?: { period: { from: string; to: string }; streaks: Streak[]; usage: UsageCell[] } | undefined;
}

export function computeReview(input: ReviewInput): Review {
  const { plan, inventory, policy, aggregate } = input;
  const months = monthRange(input.period.from, input.period.to);
  if (months.length === 0)
    throw new RangeError(
      `the review period ${input.period.from}..${input.period.to} is not a range of months (YYYY-MM..YYYY-MM)`,
    );
  const inPeriod = new Set(months);
  const cells = aggregate.cells.filter((c) => inPeriod.has(c.month));
  const deployments = withIdleDeployments(
    aggregate.deployments.filter((d) => inPeriod.has(d.month)),
    policy,
    months,
  );
  const evidence = inPeriodEvidence(aggregate.evidence, inPeriod);
  const named = namedByMonth(cells, evidence);

  const { firings: fired, streaks } = evaluateTriggers({
    plan,
    inventory,
    policy,
    months,
    cells,
    deployments,
    named,
    previous: input.previous ? { to: input.previous.period.to, streaks: input.previous.streaks } : undefined,
  });
  const firings = markUnjudged(fired, unplacedRows(evidence));
  const split = computeSplit({ months, cells: aggregate.cells, previous: input.previous });
  const previousMonths = new Set(split.previous_period.months);
  const findings = computeFindings({
    plan,
    policy,
    months,
    cells,
    unreadable: { count: input.counts.rejected, first: input.rejected },
    unattributed: { count: aggregate.unattributed, first: aggregate.unattributed_first },
    evidence,
    overflow: aggregate.overflow ?? null,
  });
  const breaches = findings.filter(isBreach);
  return {
    schema_version: REVIEW_SCHEMA_VERSION,
    as_of: plan.as_of,
    policy: plan.policy,
    currency: policy.currency ?? 'USD',
    totals: periodTotals(cells),
    period: { from: input.period.from, to: input.period.to, months },
    // The headline first: breaches, then the rows that could not be attributed or placed.
    counts: {
      breaches: breaches.length,
      breach_use_cases: [...new Set(breaches.map((f) => f.use_case ?? ''))].sort(),
      unattributed: aggregate.unattributed,
      unplaced: aggregate.unplaced,
      read: input.counts.read,
      unreadable: input.counts.rejected,
      aggregated: aggregate.rows - aggregate.unattributed - aggregate.unplaced,
      outside_period_cells: aggregate.cells.length - cells.length,
      previous_period_cells: aggregate.cells.filter((c) => previousMonths.has(c.month)).length,
    },
    // Findings before the usage cells, so a breach is named in the first lines of the JSON.
    findings,
    usage: cells.map(roundedCell),
    deployments,
    triggers: firings,
    proposals: computeProposals(firings, plan, inventory, policy, input.period.to, named),
    streaks,
    split,
  };
}

/** Use case → months in which some row names it (placed, unplaced or only named): never idle then. */
function namedByMonth(cells: UsageCell[], evidence: EvidenceGroup[]): Map<string, Set<string>> {
  const named = new Map<string, Set<string>>();
  const add = (u: string, m: string): void => {
    const s = named.get(u);
    if (s) s.add(m);
    else named.set(u, new Set([m]));
  };
  for (const c of cells) add(c.use_case, c.month);
  for (const e of evidence) for (const m of e.months) for (const u of [e.use_case, ...e.names]) add(u, m.month);
  return named;
}

// computeReview: usage aggregated per use case × month × tier, read against the plan, the
// inventory and the policy's triggers. Pure and deterministic: the period and the plan's
// as_of are inputs; nothing reads the clock.
import type { Plan } from '../plan/plan-types.js';
import type { Inventory, Policy } from '../policy/types.js';
import type { UsageAggregate, UsageCell } from './aggregate.js';
import { computeFindings } from './findings.js';
import { monthRange } from './months.js';
import { computeProposals } from './proposals.js';
import { periodTotals, roundedCell, withIdleDeployments } from './period-totals.js';
import { computeSplit } from './split.js';
import { REVIEW_SCHEMA_VERSION, type Review, type Streak } from './review-types.js';
import { evaluateTriggers } from './triggers.js';
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

  const { firings, streaks } = evaluateTriggers({
    plan,
    inventory,
    policy,
    months,
    cells,
    deployments,
    previous: input.previous ? { to: input.previous.period.to, streaks: input.previous.streaks } : undefined,
  });
  const split = computeSplit({ months, cells: aggregate.cells, previous: input.previous });
  const previousMonths = new Set(split.previous_period.months);
  const findings = computeFindings({
    plan,
    policy,
    months,
    cells,
    unreadable: { count: input.counts.rejected, first: input.rejected },
    unattributed: { count: aggregate.unattributed, first: aggregate.unattributed_first },
  });
  return {
    schema_version: REVIEW_SCHEMA_VERSION,
    as_of: plan.as_of,
    policy: plan.policy,
    currency: policy.currency ?? 'USD',
    totals: periodTotals(cells),
    period: { from: input.period.from, to: input.period.to, months },
    counts: {
      read: input.counts.read,
      unreadable: input.counts.rejected,
      aggregated: aggregate.rows - aggregate.unattributed,
      unattributed: aggregate.unattributed,
      outside_period_cells: aggregate.cells.length - cells.length,
      previous_period_cells: aggregate.cells.filter((c) => previousMonths.has(c.month)).length,
    },
    usage: cells.map(roundedCell),
    deployments,
    triggers: firings,
    findings,
    proposals: computeProposals(firings, plan, inventory, policy, input.period.to),
    streaks,
    split,
  };
}

import type { Review } from '../../core/review/review-types.js';
import { breachCount, notPlacedSentence, rowCounts, type RowCounts } from './review-view-counts.js';
import { deploymentViews, type DeploymentView } from './review-view-deployments.js';
import { findingSections, rejectedRows, type FindingView, type RejectedView } from './review-view-findings.js';
import {
  monthlyViews,
  useCaseTotals,
  usageLines,
  type Money,
  type MonthView,
  type UsageLine,
  type UseCaseTotal,
} from './review-view-money.js';
import { splitViews, type SplitChangeView, type SplitView } from './review-view-split.js';
import {
  firingIndex,
  firingView,
  proposalView,
  triggerGroups,
  type FiringView,
  type ProposalView,
  type TriggerGroupView,
} from './review-view-triggers.js';
import { cmp } from '../../core/review/aggregate.js';

// The review report as plain data, shared by the terminal, Markdown and HTML renderers so the
// formats cannot disagree. Strings here are raw: each renderer escapes for its own format. Each
// section is built in the review-view-*.ts file named for it.

const PALETTE_SIZE = 6;

export interface ReviewViewOptions {
  /**
   * Tier ids in the policy's preference order (the plan's `tiers`), so each tier gets the
   * matrix's colour. The review itself does not carry that order; without it, tiers are sorted.
   */
  tierOrder?: readonly string[];
}

export interface ReviewView {
  title: string;
  policy: string;
  asOf: string;
  from: string;
  to: string;
  months: string[];
  schemaVersion: number;
  /** ISO 4217 code printed with every amount. */
  currency: string;
  tiers: { tier: string; cls: string }[];
  monthly: MonthView[];
  /** The review's exact totals (never the sum of rounded cells). */
  totals: Money & { requests: number; tokens: number };
  /** Self-hosted deployments, each month's tokens against capacity. */
  deployments: DeploymentView[];
  /** Every cell (use case × month × tier), by use case, for the detail tables. */
  usage: UsageLine[];
  /** Every use case with traffic, most expensive to run first. */
  useCases: UseCaseTotal[];
  /** This period's split; tiers with traffic in this period or the previous one, in tier order. */
  split: SplitView[];
  /** Last period's split, same tiers in the same order; null when the review has no previous figures. */
  previousSplit: SplitView[] | null;
  splitChange: SplitChangeView[] | null;
  /** `2025-10..2025-12`: the period the split is compared with. */
  previousPeriod: string;
  /** Where last period's figures came from, or why there are none and how to provide them. */
  splitNote: string;
  retired: FindingView[];
  /** Breaches of clearance, and rows on an unidentified deployment judged as the most open tier. */
  breaches: FindingView[];
  /** `2 breaches (claims-triage, clinical-notes-coding)`: the headline names who breached. */
  breachCount: string;
  /** The headline line under the breaches: rows that could not be attributed or placed. */
  notPlaced: string;
  unregistered: FindingView[];
  otherFindings: FindingView[];
  firings: FiringView[];
  /** The same firings, one group per trigger. */
  triggerGroups: TriggerGroupView[];
  proposals: ProposalView[];
  counts: RowCounts;
  rejected: RejectedView[];
}

function tierOrderOf(review: Review, order: readonly string[] = []): string[] {
  const seen = new Set<string>();
  for (const c of review.usage) seen.add(c.tier);
  for (const d of review.deployments) seen.add(d.tier);
  for (const f of review.findings) if (f.tier !== null) seen.add(f.tier);
  for (const t of review.split.tiers) seen.add(t.tier);
  for (const t of review.triggers) {
    if (t.tier !== null) seen.add(t.tier);
    if (t.move.tier !== null) seen.add(t.move.tier);
  }
  const known = order.filter((t) => seen.has(t));
  return [...known, ...[...seen].filter((t) => !order.includes(t)).sort(cmp)];
}

export function buildReviewView(review: Review, opts: ReviewViewOptions = {}): ReviewView {
  const tiers = tierOrderOf(review, opts.tierOrder);
  const cls = (t: string | null): string => {
    if (t === null) return 'gap';
    const i = tiers.indexOf(t);
    return i < 0 ? 't-other' : `t${i % PALETTE_SIZE}`;
  };
  const t = review.totals;
  const currency = review.currency;
  const { split, previousSplit, splitChange } = splitViews(review, tiers, cls);
  const prev = review.split.previous_period;
  const sections = findingSections(review, cls);
  const c = review.counts;
  const firings = review.triggers.map((f) => firingView(f, cls, currency));
  const byFiring = firingIndex(review.triggers);
  return {
    title: 'Usage review',
    policy: review.policy,
    asOf: review.as_of,
    from: review.period.from,
    to: review.period.to,
    months: [...review.period.months],
    schemaVersion: review.schema_version,
    currency,
    tiers: tiers.map((tier) => ({ tier, cls: cls(tier) })),
    monthly: monthlyViews(review, tiers, cls),
    totals: { requests: t.requests, tokens: t.tokens, billed: t.billed_cost, allocated: t.allocated_cost },
    deployments: deploymentViews(review, cls),
    usage: usageLines(review, cls),
    useCases: useCaseTotals(review, tiers, cls),
    split,
    previousSplit,
    splitChange,
    previousPeriod: prev.from === prev.to ? prev.from : `${prev.from}..${prev.to}`,
    splitNote: review.split.note,
    breaches: sections.breaches,
    breachCount: breachCount(sections.breaches),
    notPlaced: notPlacedSentence(c.unattributed, c.unplaced),
    unregistered: sections.unregistered,
    retired: sections.retired,
    otherFindings: sections.otherFindings,
    firings,
    triggerGroups: triggerGroups(review.triggers, firings),
    proposals: review.proposals.map((p) => proposalView(p, byFiring)),
    counts: rowCounts(c),
    rejected: rejectedRows(review),
  };
}

// The versioned review: what `tierplan review` computed from usage. Renderers and the YAML
// patch writer start from this. Mirrors schemas/review.schema.json (test/schema-alignment.test.ts).
import type { ReviewCode, Severity } from '../diagnostics/catalog.js';
import type { TriggerKind } from '../policy/types.js';
import type { DeploymentMonth, UsageCell } from './aggregate.js';
import type { RejectedRow } from './usage-types.js';

// 2: the portfolio split against the previous period, and traffic to retired use cases.
// 3: a usage cell's `cost` is billed spend only, the self-hosted fixed cost is `allocated_cost`;
//    exact `totals` and the `currency`; every self-hosted deployment each month, idle ones at 0.
// 4: counts.unplaced (no longer in `aggregated`), counts.breaches and the placement findings.
export const REVIEW_SCHEMA_VERSION = 5;

export interface ReviewPeriod {
  /** First and last month, YYYY-MM, inclusive. */
  from: string;
  to: string;
  months: string[];
}

export interface ReviewCounts {
  /** Breach, unverified-deployment and unregistered-breach findings: the headline. */
  breaches: number;
  /** The use cases they name, sorted. */
  breach_use_cases: string[];
  read: number;
  /** Rows a reader could not read (bad number, missing column…). */
  unreadable: number;
  aggregated: number;
  /** Read, but no use case could be told. */
  unattributed: number;
  /** Rows of a use case on a deployment that could not be identified (judged as the most open tier). */
  unplaced: number;
  /** Attributed usage in months outside the period (ignored by triggers and findings). */
  outside_period_cells: number;
  /** Of those, cells in the period just before: the previous split when the exports cover it. */
  previous_period_cells: number;
}

export type MoveAction = 'move' | 'retire' | 'evaluate' | 'plan-capacity';

export interface ProposedMove {
  action: MoveAction;
  /** The tier to move to or evaluate; always cleared for the use case's data. Null when none qualifies. */
  tier: string | null;
  note: string;
}

export interface TriggerFigure {
  month: string;
  value: number;
  threshold: number;
}

export interface TriggerFiring {
  trigger: string;
  kind: TriggerKind;
  use_case: string | null;
  /** The tier watched (for no_traffic: the use case's planned tier). */
  tier: string | null;
  deployment: string | null;
  metric: 'tokens' | 'cost' | 'requests' | 'utilisation';
  /** Months of this period, oldest first, in which the condition held (the trailing run). */
  months: string[];
  /** Consecutive months including those carried over from the previous review. */
  consecutive: number;
  required: number;
  figures: TriggerFigure[];
  /** Deployment triggers: the use cases that ran on the deployment in the period, sorted. */
  use_cases: string[];
  /** Why the figures are not on the rule's own measure (requests the export does not report), else null. */
  note: string | null;
  move: ProposedMove;
  summary: string;
}

/** What a review finding is about; each kind is described in core/diagnostics/catalog-review.ts. */
export type ReviewFindingKind = ReviewCode;

export type { Severity };

/** A finding as review.json holds it (schemas/review.schema.json); `reviewDiagnostic` converts it. */
export interface ReviewFinding {
  kind: ReviewFindingKind;
  severity: Severity;
  /** The use case id, or the unregistered alias; null for row counts. */
  use_case: string | null;
  tier: string | null;
  months: string[];
  requests: number;
  tokens: number;
  cost: number;
  /** Rows concerned (unreadable / unattributed), with the first few. */
  rows: number;
  first_rows: RejectedRow[];
  message: string;
}

export interface ProposalChange {
  /** Path inside the use case's inventory entry, e.g. ["status"] or ["override"]. */
  path: string[];
  from: unknown;
  to: unknown;
}

export interface Proposal {
  use_case: string;
  action: 'move' | 'retire';
  change: ProposalChange;
  reason: string;
  trigger: string;
}

/** How long each condition has held at the end of the period: carried into the next review. */
export interface Streak {
  trigger: string;
  /** `<use case>` or `<deployment>` the condition is about. */
  subject: string;
  months: number;
}

export interface SplitTotals {
  requests: number;
  tokens: number;
  cost: number;
}

/** One tier's figures in one period, with its share (0..1) of the period's totals. */
export interface TierFigures extends SplitTotals {
  share_requests: number;
  share_tokens: number;
  share_cost: number;
}

export interface ShareChange {
  requests: number;
  tokens: number;
  cost: number;
}

export interface SplitTier {
  tier: string;
  current: TierFigures;
  /** Null when there are no figures for the previous period. */
  previous: TierFigures | null;
  /** Current share − previous share, in percentage points; null without a previous period. */
  change_pp: ShareChange | null;
}

/** Where the previous period's figures came from: rows of the usage exports, or the `--previous` review.json. */
export type SplitSource = 'usage' | 'previous-review';

export interface PortfolioSplit {
  /** The period just before the review's, of the same length. */
  previous_period: { from: string; to: string; months: string[] };
  previous_source: SplitSource | null;
  /** Months of the previous period the source has figures for. */
  previous_months: string[];
  /** Where the previous figures came from, or why there are none and how to provide them. */
  note: string;
  totals: { current: SplitTotals; previous: SplitTotals | null };
  /** Tiers with traffic in either period, sorted by id. */
  tiers: SplitTier[];
}

/** The period's totals, summed exactly from the rows (never from rounded cells). */
export interface ReviewTotals {
  requests: number;
  tokens: number;
  /** What the exports say was charged (the policy's price for rows without a cost). */
  billed_cost: number;
  /** Self-hosted fixed cost allocated over the tokens served, at the capacity rate. */
  allocated_cost: number;
}

export interface Review {
  schema_version: number;
  as_of: string;
  policy: string;
  /** ISO 4217 code of every amount (the policy's `currency`). */
  currency: string;
  totals: ReviewTotals;
  period: ReviewPeriod;
  counts: ReviewCounts;
  findings: ReviewFinding[];
  usage: UsageCell[];
  deployments: DeploymentMonth[];
  triggers: TriggerFiring[];
  proposals: Proposal[];
  streaks: Streak[];
  split: PortfolioSplit;
}

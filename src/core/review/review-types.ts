// The versioned review: what `tierplan review` computed from usage. Renderers and the YAML
// patch writer start from this. Mirrors schemas/review.schema.json (test/schema-alignment.test.ts).
import type { TriggerKind } from '../types.js';
import type { DeploymentMonth, UsageCell } from './aggregate.js';
import type { RejectedRow } from './usage-types.js';

export const REVIEW_SCHEMA_VERSION = 1;

export interface ReviewPeriod {
  /** First and last month, YYYY-MM, inclusive. */
  from: string;
  to: string;
  months: string[];
}

export interface ReviewCounts {
  read: number;
  /** Rows a reader could not read (bad number, missing column…). */
  unreadable: number;
  aggregated: number;
  /** Read, but no use case or tier could be told. */
  unattributed: number;
  /** Attributed usage in months outside the period (ignored by triggers and findings). */
  outside_period_cells: number;
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
  move: ProposedMove;
  summary: string;
}

export type FindingKind =
  | 'breach'
  | 'drift'
  | 'unregistered'
  | 'idle-production'
  | 'override-expired'
  | 'override-expiring'
  | 'unreadable'
  | 'unattributed';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  kind: FindingKind;
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

export interface Review {
  schema_version: number;
  as_of: string;
  policy: string;
  period: ReviewPeriod;
  counts: ReviewCounts;
  usage: UsageCell[];
  deployments: DeploymentMonth[];
  triggers: TriggerFiring[];
  findings: Finding[];
  proposals: Proposal[];
  streaks: Streak[];
}

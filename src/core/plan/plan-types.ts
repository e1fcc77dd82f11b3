// The versioned plan: the interchange format every renderer starts from.
// Mirrors schemas/plan.schema.json (checked by test/schema-alignment.test.ts).

export const PLAN_SCHEMA_VERSION = 2;

export interface Reason {
  /** Stable id of the rule that produced this step, e.g. `sens.class.phi`. */
  rule: string;
  text: string;
}

export type DecidedBy = 'preference' | 'matrix' | 'override' | 'exception' | 'gap' | 'retired';

type GapCause = 'no-cleared-tier' | 'no-capable-deployment';

export interface Gap {
  cause: GapCause;
  detail: string;
  remedies: string[];
}

type OverrideState = 'honoured' | 'exception' | 'expired' | 'refused';

export interface OverrideOutcome {
  tier: string;
  state: OverrideState;
  reason: string;
  approved_by: string | null;
  expires: string;
  days_left: number;
  note: string;
}

export interface Estimate {
  tokens_per_month: number;
  cost_per_month: number;
}

export interface PlannedUseCase {
  id: string;
  name: string;
  owner: string | null;
  status: string;
  sensitivity: string;
  capability: string;
  regimes: string[];
  residency: string[];
  /** The top sensitivity comes only from regimes, so certification for them admits the data. */
  regime_backed: boolean;
  unclassified: string[];
  /** Suggested data classes applied fail-closed until confirmed or dismissed. */
  pending_suggestion: string[];
  tier: string | null;
  deployment: string | null;
  decided_by: DecidedBy;
  /** Tiers cleared for this use case's data, in preference order. */
  cleared: string[];
  /** Cleared tiers that also offer a deployment meeting the needs. */
  candidates: string[];
  summary: string;
  rationale: Reason[];
  gap: Gap | null;
  override: OverrideOutcome | null;
  estimate: Estimate;
}

export interface PlanCell {
  sensitivity: string;
  capability: string;
  /** The tier a use case with no regimes, residency or override would get here. */
  tier: string | null;
  use_cases: string[];
}

export interface SplitEntry {
  tier: string;
  count: number;
  tokens_per_month: number;
  cost_per_month: number;
  share_count: number;
  share_tokens: number;
  share_cost: number;
  reference: number | null;
}

export interface PlanTier {
  id: string;
  name: string;
  clearance: string;
  regimes: string[];
  regions: string[];
}

export interface Plan {
  schema_version: number;
  generator: string;
  as_of: string;
  policy: string;
  /** ISO 4217 code of every cost in the plan: the policy's currency. Absent in plans written before it was recorded. */
  currency?: string;
  levels: { sensitivity: string[]; capability: string[] };
  tiers: PlanTier[];
  cells: PlanCell[];
  use_cases: PlannedUseCase[];
  split: SplitEntry[];
  gaps: string[];
  overrides: string[];
  expiring: string[];
  unclassified: string[];
  /** Use cases placed by a pending suggestion (applied fail-closed). */
  pending: string[];
}

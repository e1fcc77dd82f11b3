// What the usage accumulator hands to the review: totals per use case × month × tier, and per
// self-hosted deployment × month.
import type { EvidenceGroup } from './evidence.js';
import type { HeavyHitter } from './heavy-hitters.js';
import type { RejectedRow } from './usage-types.js';

export interface UsageCell {
  use_case: string;
  month: string;
  tier: string;
  requests: number;
  /**
   * Rows of the cell from a source that counts no requests (FinOps FOCUS charges): `requests`
   * leaves them out, so when this is above 0 a request figure under-counts and a volume check
   * should use tokens or cost instead.
   */
  rows_without_requests: number;
  input_tokens: number;
  output_tokens: number;
  /**
   * Billed spend, in the export's currency: the rows' own cost (the policy's price when a row has
   * none). Never includes self-hosted fixed cost, so it adds up to what the export says was charged.
   */
  cost: number;
  /** Self-hosted deployments: the fixed monthly cost allocated at the capacity rate over the tokens served. */
  allocated_cost: number;
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
  /** Self-hosted only: the fixed monthly cost, whatever the traffic (what `allocated_cost` spreads). */
  fixed_cost: number | null;
}

export interface UsageAggregate {
  rows: number;
  cells: UsageCell[];
  deployments: DeploymentMonth[];
  unattributed: number;
  /** The first few unattributed rows, in input order. */
  unattributed_first: RejectedRow[];
  /** Rows of a use case on a deployment that could not be identified: not in `cells`, judged from `evidence`. */
  unplaced: number;
  /** Unknown and inferred placements, contradicting labels, rows naming several use cases. */
  evidence: EvidenceGroup[];
  /** Traffic of names beyond the distinct ones the accumulator holds (see aggregate.ts), or null when none overflowed. */
  overflow: IdentityOverflow | null;
}

/** Names that are no use case of the inventory, beyond `limit` distinct ones: their cells are under OVERFLOW_USE_CASE. */
export interface IdentityOverflow {
  limit: number;
  /** Requests folded into the overflow cells. */
  requests: number;
  /** The heaviest overflowed names by requests (upper bounds, with how much of each may belong to others). */
  top: HeavyHitter[];
}

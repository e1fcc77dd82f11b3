// Where the accumulator sends a row: the target of an attribution and month, and the route a
// reader that recognises repeated identities asks for once and hands back with every request.
import type { Deployment } from '../policy/types.js';
import type { DeploymentMonth } from './aggregate-types.js';
import type { AttributeResult } from './attribute.js';
import type { Remembered } from './attribution-memo.js';
import type { EvidenceGroup, EvidenceMonth } from './evidence.js';
import type { Cell } from './usage-cells.js';
import type { UsageRow } from './usage-types.js';

/** Where a row of a given attribution and month goes. */
export interface Target {
  /** Undefined for an unknown deployment: its rows are evidence, kept out of the per-tier figures. */
  cell: Cell | undefined;
  deployment: Deployment | undefined;
  month: DeploymentMonth | undefined;
  /** The evidence groups the rows also count in (none for a row identified without contradiction). */
  evidence: { group: EvidenceGroup; month: EvidenceMonth; seen: string }[];
  /** True for a target of the overflow (a name beyond the distinct ones held): its rows feed the heavy-hitters sketch. */
  overflow: boolean;
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
export interface Consumption {
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

/** A row of that identity with nothing in it, for attribution and its memo. */
export const identityRow = (id: RowIdentity): UsageRow => ({
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
});

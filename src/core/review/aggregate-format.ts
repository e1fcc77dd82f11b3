// The aggregate format: usage already summed where it lives (a database, a warehouse) per
// identity × month × latency bucket, as `review --emit-sql` computes it and `review --usage-format
// aggregate` or `review --usage postgresql://…` reads it back. One record is a `UsageGroup`; the
// accumulator adds it as it would add each of the rows it sums (aggregate.ts `addGroup`), so a
// review from the aggregate and from the raw rows is the same. Mirrors
// schemas/usage-aggregate.schema.json (test/schema-alignment.test.ts).
import type { RowIdentity } from './accumulator-route.js';

/** Bumped when a column changes meaning or a required one is added; readers refuse other versions. */
export const AGGREGATE_FORMAT_VERSION = 1;

/** The columns of an aggregate record, in the order the generated SQL selects them. */
export const AGGREGATE_COLUMNS = [
  'tierplan_aggregate',
  'source',
  'month',
  'rejected',
  'model_group',
  'model_id',
  'model',
  'provider',
  'api_base',
  'region',
  'tags',
  'metadata_tags',
  'latency_bucket',
  'rows',
  'requests',
  'input_tokens',
  'output_tokens',
  'cost',
  'unpriced_input_tokens',
  'unpriced_output_tokens',
  'failures',
  'example',
  'focus',
  'quantity',
] as const;

export type AggregateColumn = (typeof AGGREGATE_COLUMNS)[number];

/** Whether the rows counted requests (LiteLLM) or are charges that do not (FOCUS). */
export type AggregateSource = 'litellm' | 'focus';

/**
 * One aggregate record as the schema describes it, null for an empty or NULL cell; the optional
 * columns default to null (identity, tags, example) or 0 (unpriced tokens).
 */
export interface AggregateRecord {
  tierplan_aggregate: number;
  source: AggregateSource;
  /** YYYY-MM (UTC); null for a group of rejected rows without a readable time. */
  month: string | null;
  /** Why the rows were refused, for a group of rows that failed validation in SQL; else null. */
  rejected: string | null;
  model_group?: string | null;
  model_id?: string | null;
  model?: string | null;
  provider?: string | null;
  api_base?: string | null;
  region?: string | null;
  /** The rows' tags as JSON text (LiteLLM request_tags, FOCUS Tags), read for tierplan tags. */
  tags?: string | null;
  /** JSON text of the parts of LiteLLM's metadata that can hold tierplan keys. */
  metadata_tags?: string | null;
  /** tierplan's latency bucket (latency-histogram.ts) of every row of the group; null: no latency. */
  latency_bucket: number | null;
  rows: number;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** Sum of the rows' own cost (rows without one are left out and priced from their tokens). */
  cost: number;
  unpriced_input_tokens?: number;
  unpriced_output_tokens?: number;
  /** Failed rows, each counted as max(1, its requests). */
  failures: number;
  /** A reference to one row of the group (a request id), for the report's examples. */
  example?: string | null;
  /** FOCUS only: the cells the FOCUS reader reads of the group's charges, as a JSON object. */
  focus?: string | null;
  /** FOCUS only: the sum of the charges' ConsumedQuantity. */
  quantity?: number;
}

/** A checked aggregate record, as the accumulator adds it. */
export interface UsageGroup {
  /** Where it came from, for messages: the aggregate file (or database) and the record's line. */
  file: string;
  line: number;
  source: AggregateSource;
  month: string;
  identity: RowIdentity;
  rows: number;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  unpriced_input_tokens: number;
  unpriced_output_tokens: number;
  failures: number;
  latency_bucket: number | null;
}

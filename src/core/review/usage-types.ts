// One normalised usage record, whatever export it came from (LiteLLM spend logs, FinOps FOCUS,
// any CSV/JSONL through a mapping). Readers in src/io/usage produce these; the review core
// aggregates them. Fields a source does not carry are null, never guessed.

type UsageSource = 'litellm' | 'focus' | 'mapped';

/**
 * Whether a source's rows count requests. A FOCUS row is a charge (tokens and cost over a charge
 * period), not a request: its `requests` is 0 because the bill does not say, not because none ran.
 */
export const countsRequests = (source: UsageSource): boolean => source !== 'focus';

export interface UsageRow {
  /** Where it came from, for messages: file and 1-based line (a CSV record may span lines: its first). */
  file: string;
  line: number;
  source: UsageSource;
  /** ISO 8601 instant (UTC) of the request or of the charge period's start. */
  time: string;
  /** The use case alias as the gateway saw it (LiteLLM model_group, a tierplan-uc tag, a mapped column). */
  alias: string | null;
  /** tierplan tags or labels found on the row (`tierplan-tier:…`, `tierplan-uc:…`), for attribution. */
  tags: string[];
  /** Identifiers of where it ran, for matching a policy deployment. */
  model_id: string | null;
  model: string | null;
  provider: string | null;
  api_base: string | null;
  region: string | null;
  /** 0 for sources that count no requests (`countsRequests`). */
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** In the export's currency; null when the source has no cost (on-prem rows often report 0). */
  cost: number | null;
  failed: boolean;
  /** Request latency in ms when the source has start and end times. */
  latency_ms: number | null;
}

/** A row that could not be read or attributed: counted, and the first few reported with their line. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

export interface ReadCounts {
  read: number;
  accepted: number;
  rejected: number;
}

// What "traffic" is measured in for a use case. Requests when the exports count them; a FinOps
// FOCUS export bills charges, not calls, so its rows carry no request count (0 would read as
// "idle"): a use case with such rows is judged on tokens instead, or on billed cost when the
// charges carry no token quantity either. The figures then say which measure they are in.
import type { UsageCell } from './aggregate-types.js';

type TrafficBasis = 'requests' | 'tokens' | 'cost';

export interface TrafficMeasure {
  basis: TrafficBasis;
  value: (c: UsageCell) => number;
  /** Why the measure is not requests, for the firing's evidence; null when it is. */
  note: string | null;
}

const REQUESTS: TrafficMeasure = { basis: 'requests', value: (c) => c.requests, note: null };

/** The measure for one use case's cells (all tiers, all months of the period). */
export function trafficMeasure(cells: readonly UsageCell[]): TrafficMeasure {
  if (!cells.some((c) => c.rows_without_requests > 0)) return REQUESTS;
  if (cells.some((c) => c.input_tokens + c.output_tokens > 0))
    return {
      basis: 'tokens',
      value: (c) => c.input_tokens + c.output_tokens,
      note: 'requests not reported by this export (FOCUS); judged on tokens',
    };
  return {
    basis: 'cost',
    value: (c) => c.cost,
    note: 'requests not reported by this export (FOCUS), nor tokens; judged on billed cost',
  };
}

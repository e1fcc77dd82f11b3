// What a review takes from last quarter's review.json (`--previous`): its period, its streaks
// (trigger conditions carried over) and its usage cells (the split against last period). Any
// schema version that carries those is accepted — version 1 files, written before the split
// existed, have all three; in version 1 and 2 files a cell's `cost` includes the self-hosted
// allocation and `allocated_cost` is absent (the split reads both ways alike). Problems come back
// with the path they are at, for file:line.
import type { Problem } from '../diagnostics/problems.js';
import type { UsageCell } from './aggregate.js';
import { isMonth } from './months.js';
import { REVIEW_SCHEMA_VERSION, type Streak } from './review-types.js';

export interface PreviousReview {
  period: { from: string; to: string };
  streaks: Streak[];
  usage: UsageCell[];
}

const HINT = 'pass the review.json that `tierplan review --out` wrote for last quarter';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function previousReviewOf(
  value: unknown,
): { previous: PreviousReview; problems: [] } | { previous: null; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: (string | number)[], message: string): void =>
    void problems.push({ code: 'previous-review', severity: 'error', message, hint: HINT, path });
  if (!isObject(value)) {
    fail([], 'not a review: expected a JSON object');
    return { previous: null, problems };
  }
  const version = value.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > REVIEW_SCHEMA_VERSION) {
    fail(
      ['schema_version'],
      `schema_version ${JSON.stringify(version)} is not a review version this tierplan reads (1..${REVIEW_SCHEMA_VERSION})`,
    );
  }
  const period = value.period;
  if (
    !isObject(period) ||
    typeof period.from !== 'string' ||
    typeof period.to !== 'string' ||
    !isMonth(period.from) ||
    !isMonth(period.to)
  ) {
    fail(['period'], 'period must have from and to as months (YYYY-MM)');
  }
  const usage = value.usage;
  if (!Array.isArray(usage)) fail(['usage'], 'usage must be the list of usage cells');
  else {
    const bad = usage.findIndex(
      (c) =>
        !isObject(c) ||
        typeof c.tier !== 'string' ||
        typeof c.month !== 'string' ||
        !isCount(c.requests) ||
        !isCount(c.input_tokens) ||
        !isCount(c.output_tokens) ||
        typeof c.cost !== 'number' ||
        !Number.isFinite(c.cost),
    );
    if (bad >= 0)
      fail(['usage', bad], 'a usage cell needs tier, month, requests, input_tokens, output_tokens and cost');
  }
  const streaks = value.streaks;
  if (!Array.isArray(streaks)) fail(['streaks'], 'streaks must be a list');
  else {
    const bad = streaks.findIndex(
      (s) =>
        !isObject(s) || typeof s.trigger !== 'string' || typeof s.subject !== 'string' || !Number.isInteger(s.months),
    );
    if (bad >= 0) fail(['streaks', bad], 'a streak needs trigger, subject and months');
  }
  if (problems.length > 0) return { previous: null, problems };
  const p = period as { from: string; to: string };
  return {
    previous: {
      period: { from: p.from, to: p.to },
      streaks: streaks as Streak[],
      // Files written before rows_without_requests existed do not say which rows had no request count.
      usage: (usage as UsageCell[]).map((c) => ({ ...c, rows_without_requests: c.rows_without_requests ?? 0 })),
    },
    problems: [],
  };
}

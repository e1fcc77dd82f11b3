import type { Review, TierFigures } from '../../core/review/review-types.js';

// The portfolio split as the review report shows it: each tier's share of tokens, cost and
// requests this period and last, and the change in percentage points.

export interface SplitView {
  tier: string;
  cls: string;
  shareTokens: number;
  shareCost: number;
  shareRequests: number;
}
/** Change of a tier's share against last period, formatted (`+4.5 pp`). */
export interface SplitChangeView {
  tier: string;
  cls: string;
  tokens: string;
  cost: string;
  requests: string;
}

/** A change in percentage points, signed: `+4.5 pp`, `-12.0 pp`, `0.0 pp`. */
function formatPp(pp: number): string {
  const v = Math.round(pp * 10) / 10;
  return `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(1)} pp`;
}

const shares = (tier: string, cls: string, f: TierFigures): SplitView => ({
  tier,
  cls,
  shareTokens: f.share_tokens,
  shareCost: f.share_cost,
  shareRequests: f.share_requests,
});

export function splitViews(
  review: Review,
  tiers: string[],
  cls: (t: string | null) => string,
): { split: SplitView[]; previousSplit: SplitView[] | null; splitChange: SplitChangeView[] | null } {
  const splitTiers = [...review.split.tiers].sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier));
  const split = splitTiers.map((t) => shares(t.tier, cls(t.tier), t.current));
  const hasPrevious = review.split.previous_source !== null;
  const previousSplit = hasPrevious ? splitTiers.map((t) => shares(t.tier, cls(t.tier), t.previous!)) : null;
  const splitChange = hasPrevious
    ? splitTiers.map((t) => ({
        tier: t.tier,
        cls: cls(t.tier),
        tokens: formatPp(t.change_pp!.tokens),
        cost: formatPp(t.change_pp!.cost),
        requests: formatPp(t.change_pp!.requests),
      }))
    : null;
  return { split, previousSplit, splitChange };
}

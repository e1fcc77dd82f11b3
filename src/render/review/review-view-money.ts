import { formatInt, formatMoney, formatTokens } from '../text/format.js';
import { ExactSum } from '../../core/review/exact-sum.js';
import type { Review } from '../../core/review/review-types.js';
import type { ReviewView } from './review-view.js';
import { cmp } from '../../core/review/aggregate.js';

// The review report's money and traffic: per month and tier, per cell, and the use cases that
// cost most. Money is kept in two measures everywhere: what was billed, and self-hosted fixed
// cost allocated; the two are never added except to rank use cases.

const TOP_USE_CASES = 8;

export interface Money {
  billed: number;
  allocated: number;
}
interface TierTotal extends Money {
  tier: string;
  cls: string;
  requests: number;
  tokens: number;
}
export interface MonthView extends Money {
  month: string;
  tiers: TierTotal[];
  requests: number;
  tokens: number;
}
export interface UsageLine {
  useCase: string;
  month: string;
  tier: string;
  cls: string;
  requests: string;
  tokens: string;
  billed: string;
  allocated: string;
  failures: string;
  p95: string;
  deployments: string;
}
export interface UseCaseTotal extends Money {
  useCase: string;
  requests: number;
  tokens: number;
  /** Billed + allocated: what the use case costs to run, for ranking and the chart. */
  cost: number;
  /** Where it ran, in tier order. */
  tiers: { tier: string; cls: string; tokens: number; cost: number }[];
}

// Sums of money are exact sums (no drift from adding many small amounts in some order).
const exact = (xs: number[]): number => {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s.value();
};

export function monthlyViews(review: Review, tiers: string[], cls: (t: string | null) => string): MonthView[] {
  return review.period.months.map((month) => {
    const cells = review.usage.filter((c) => c.month === month);
    const byTier = tiers.map((tier): TierTotal => {
      const mine = cells.filter((c) => c.tier === tier);
      return {
        tier,
        cls: cls(tier),
        requests: mine.reduce((a, c) => a + c.requests, 0),
        tokens: mine.reduce((a, c) => a + c.input_tokens + c.output_tokens, 0),
        billed: exact(mine.map((c) => c.cost)),
        allocated: exact(mine.map((c) => c.allocated_cost)),
      };
    });
    return {
      month,
      tiers: byTier,
      requests: byTier.reduce((a, t) => a + t.requests, 0),
      tokens: byTier.reduce((a, t) => a + t.tokens, 0),
      billed: exact(cells.map((c) => c.cost)),
      allocated: exact(cells.map((c) => c.allocated_cost)),
    };
  });
}

export function usageLines(review: Review, cls: (t: string | null) => string): UsageLine[] {
  return [...review.usage]
    .sort((a, b) => cmp(a.use_case, b.use_case) || cmp(a.month, b.month) || cmp(a.tier, b.tier))
    .map(
      (c): UsageLine => ({
        useCase: c.use_case,
        month: c.month,
        tier: c.tier,
        cls: cls(c.tier),
        requests: formatInt(c.requests),
        tokens: formatTokens(c.input_tokens + c.output_tokens),
        billed: formatMoney(c.cost),
        allocated: c.allocated_cost === 0 ? '–' : formatMoney(c.allocated_cost),
        failures: formatInt(c.failures),
        p95: c.p95_latency_ms === null ? '–' : `${formatInt(c.p95_latency_ms)} ms`,
        deployments: c.deployments.join(', '),
      }),
    );
}

/** The use cases that cost most to run (billed + allocated), each with where it ran. */
export function topUseCases(review: Review, tiers: string[], cls: (t: string | null) => string): UseCaseTotal[] {
  const byUseCase = new Map<string, UseCaseTotal>();
  for (const c of review.usage) {
    let u = byUseCase.get(c.use_case);
    if (!u) {
      u = { useCase: c.use_case, requests: 0, tokens: 0, cost: 0, billed: 0, allocated: 0, tiers: [] };
      byUseCase.set(c.use_case, u);
    }
    u.requests += c.requests;
    u.tokens += c.input_tokens + c.output_tokens;
    u.billed += c.cost;
    u.allocated += c.allocated_cost;
    u.cost += c.cost + c.allocated_cost;
    let t = u.tiers.find((x) => x.tier === c.tier);
    if (!t) {
      t = { tier: c.tier, cls: cls(c.tier), tokens: 0, cost: 0 };
      u.tiers.push(t);
    }
    t.tokens += c.input_tokens + c.output_tokens;
    t.cost += c.cost + c.allocated_cost;
  }
  return [...byUseCase.values()]
    .map((u) => ({ ...u, tiers: [...u.tiers].sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier)) }))
    .sort((a, b) => b.cost - a.cost || b.tokens - a.tokens || cmp(a.useCase, b.useCase))
    .slice(0, TOP_USE_CASES);
}

/** `billed USD 20.52; self-hosted fixed cost allocated over tokens USD 1,800.00`: the two never added. */
export function moneySentence(v: ReviewView): string {
  return `billed ${v.currency} ${formatMoney(v.totals.billed)}; self-hosted fixed cost allocated over tokens ${v.currency} ${formatMoney(v.totals.allocated)}`;
}

/** A tier's month: `5M · 9,000.00`, with the allocated fixed cost apart: `300M · 0.00 + 90.00 alloc.` */
export function tierMonthText(t: { requests: number; tokens: number; billed: number; allocated: number }): string {
  if (t.requests === 0 && t.tokens === 0 && t.billed === 0 && t.allocated === 0) return '–';
  const alloc = t.allocated > 0 ? ` + ${formatMoney(t.allocated)} alloc.` : '';
  return `${formatTokens(t.tokens)} · ${formatMoney(t.billed)}${alloc}`;
}

/** What the monthly table's cells hold, and in which currency. */
export const monthlyLegend = (v: ReviewView): string =>
  `Each cell: tokens · billed (${v.currency}); + the self-hosted fixed cost allocated over the tokens served (alloc.), never added to what was billed. Totals are exact sums, not sums of the rounded cells.`;

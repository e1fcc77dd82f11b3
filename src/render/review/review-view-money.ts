import { formatInt, formatTokens } from '../text/format.js';
import { ExactSum } from '../../core/review/exact-sum.js';
import { formatAmount } from '../../core/review/money.js';
import type { Review } from '../../core/review/review-types.js';
import type { ReviewView } from './review-view.js';
import { cmp } from '../../core/review/aggregate.js';

// The review report's money and traffic: per month and tier, per use case, per cell. Money is
// kept in two measures everywhere: what was billed, and self-hosted fixed cost allocated; the
// two are added only into a use case's cost to run, which ranks the use cases, and is said so.

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
  failures: number;
  /** The highest monthly p95 latency of any tier it ran on, or null when no row had one. */
  p95: number | null;
  /** Billed + allocated: what the use case costs to run; the ranking follows it. */
  cost: number;
  /** Its cost as a share of the most expensive use case's (0..1), for the bar beside it. */
  scale: number;
  /** Where it ran, in tier order, each with its share of the use case's cost (0..1). */
  tiers: { tier: string; cls: string; tokens: number; cost: number; share: number }[];
  deployments: string[];
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
  const money = (n: number): string => formatAmount(n, review.currency);
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
        billed: money(c.cost),
        allocated: c.allocated_cost === 0 ? '–' : money(c.allocated_cost),
        failures: formatInt(c.failures),
        p95: c.p95_latency_ms === null ? '–' : `${formatInt(c.p95_latency_ms)} ms`,
        deployments: c.deployments.join(', '),
      }),
    );
}

/**
 * Every use case with traffic in the period, most expensive to run first (billed + allocated;
 * ties by tokens, then id, so the order never depends on the rows'), each with where it ran.
 */
export function useCaseTotals(review: Review, tiers: string[], cls: (t: string | null) => string): UseCaseTotal[] {
  interface Acc {
    requests: number;
    tokens: number;
    failures: number;
    p95: number | null;
    billed: number[];
    allocated: number[];
    tiers: Map<string, { tokens: number; cost: number[] }>;
    deployments: Set<string>;
  }
  const byUseCase = new Map<string, Acc>();
  for (const c of review.usage) {
    let u = byUseCase.get(c.use_case);
    if (!u) {
      u = {
        requests: 0,
        tokens: 0,
        failures: 0,
        p95: null,
        billed: [],
        allocated: [],
        tiers: new Map(),
        deployments: new Set(),
      };
      byUseCase.set(c.use_case, u);
    }
    const tokens = c.input_tokens + c.output_tokens;
    u.requests += c.requests;
    u.tokens += tokens;
    u.failures += c.failures;
    if (c.p95_latency_ms !== null) u.p95 = Math.max(u.p95 ?? 0, c.p95_latency_ms);
    u.billed.push(c.cost);
    u.allocated.push(c.allocated_cost);
    const t = u.tiers.get(c.tier) ?? { tokens: 0, cost: [] };
    t.tokens += tokens;
    t.cost.push(c.cost, c.allocated_cost);
    u.tiers.set(c.tier, t);
    for (const d of c.deployments) u.deployments.add(d);
  }
  const rank = (t: string): number => (tiers.includes(t) ? tiers.indexOf(t) : tiers.length);
  const totals = [...byUseCase].map(([useCase, u]) => {
    const billed = exact(u.billed);
    const allocated = exact(u.allocated);
    const cost = exact([...u.billed, ...u.allocated]);
    return {
      useCase,
      requests: u.requests,
      tokens: u.tokens,
      failures: u.failures,
      p95: u.p95,
      billed,
      allocated,
      cost,
      scale: 0,
      tiers: [...u.tiers]
        .sort(([a], [b]) => rank(a) - rank(b) || cmp(a, b))
        .map(([tier, t]) => {
          const c = exact(t.cost);
          return { tier, cls: cls(tier), tokens: t.tokens, cost: c, share: cost > 0 ? c / cost : 0 };
        }),
      deployments: [...u.deployments].sort(cmp),
    };
  });
  totals.sort((a, b) => b.cost - a.cost || b.tokens - a.tokens || cmp(a.useCase, b.useCase));
  const top = totals[0]?.cost ?? 0;
  return totals.map((u) => ({ ...u, scale: top > 0 ? u.cost / top : 0 }));
}

/** `billed $20.52; self-hosted fixed cost allocated over tokens $1,800`: the two never added. */
export function moneySentence(v: ReviewView): string {
  return `billed ${formatAmount(v.totals.billed, v.currency)}; self-hosted fixed cost allocated over tokens ${formatAmount(v.totals.allocated, v.currency)}`;
}

/** A tier's month: `5M · $9,000`, with the allocated fixed cost apart: `300M · $0 + $90.00 alloc.` */
export function tierMonthText(
  t: { requests: number; tokens: number; billed: number; allocated: number },
  currency: string,
): string {
  if (t.requests === 0 && t.tokens === 0 && t.billed === 0 && t.allocated === 0) return '–';
  const alloc = t.allocated > 0 ? ` + ${formatAmount(t.allocated, currency)} alloc.` : '';
  return `${formatTokens(t.tokens)} · ${formatAmount(t.billed, currency)}${alloc}`;
}

/** What the monthly table's cells hold. */
export const MONTHLY_LEGEND =
  'Each cell: tokens · billed, + the self-hosted fixed cost allocated over the tokens served (alloc.), never added to the bill. Totals are exact sums of the rows.';

/** Under the use-case table: what its cost is, and why it ranks by it. */
export const useCaseLegend = (v: ReviewView, bar: boolean): string =>
  `Ranked by cost to run: billed + self-hosted fixed cost allocated over the tokens served${bar ? ' (the bar, by tier)' : ''}; ties by tokens, then id. Every use case with traffic in ${v.from}..${v.to}.`;

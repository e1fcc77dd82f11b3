// The portfolio split — each tier's share of requests, tokens and cost — of the review period
// beside the period of the same length just before it ("last quarter"). The previous figures
// come, in order, from rows of the usage exports that fall in that period (exports often span
// more than a quarter), from last review's review.json, or from nowhere, which the note says
// plainly with how to provide them. A partial export is used only when nothing better exists.
import { cmp, round2, type UsageCell } from './aggregate.js';
import { roundAmount } from './period-totals.js';
import { monthsBefore } from './months.js';
import type { PortfolioSplit, SplitSource, SplitTotals, SplitTier, TierFigures } from './review-types.js';

export interface SplitInput {
  /** The review period's months, oldest first. */
  months: string[];
  /** Every attributed cell of the exports, whatever its month. */
  cells: UsageCell[];
  /** The `--previous` review: its period and usage cells (review.json carries both). */
  previous?: { period: { from: string; to: string }; usage: UsageCell[] } | undefined;
}

type Sums = Map<string, SplitTotals>;

function sums(cells: UsageCell[], months: ReadonlySet<string>): Sums {
  const out: Sums = new Map();
  for (const c of cells) {
    if (!months.has(c.month)) continue;
    let t = out.get(c.tier);
    if (!t) {
      t = { requests: 0, tokens: 0, cost: 0 };
      out.set(c.tier, t);
    }
    t.requests += c.requests;
    t.tokens += c.input_tokens + c.output_tokens;
    // A tier's cost share counts what it costs to run: billed spend and the allocated fixed cost
    // (review.json before version 3 had both in `cost` and no `allocated_cost`). Each amount as
    // review.json rounds it, so a split from the rows equals one from last quarter's file.
    t.cost += roundAmount(c.cost) + roundAmount(c.allocated_cost ?? 0);
  }
  return out;
}

function total(s: Sums): SplitTotals {
  let requests = 0,
    tokens = 0,
    cost = 0;
  for (const t of s.values()) {
    requests += t.requests;
    tokens += t.tokens;
    cost += t.cost;
  }
  // Unrounded: shares divide by it (a rounded whole could make a share exceed 1); rounded on output.
  return { requests, tokens, cost };
}

// Six decimals keep the JSON readable and stable; a percentage point needs four.
const ratio = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : 0);
// `+ 0` turns a change that rounds to -0 into 0.
const pp = (a: number, b: number): number => Math.round((a - b) * 1e4) / 100 + 0;

function figures(t: SplitTotals | undefined, whole: SplitTotals): TierFigures {
  const x = t ?? { requests: 0, tokens: 0, cost: 0 };
  return {
    requests: x.requests,
    tokens: x.tokens,
    cost: round2(x.cost),
    share_requests: ratio(x.requests, whole.requests),
    share_tokens: ratio(x.tokens, whole.tokens),
    share_cost: ratio(x.cost, whole.cost),
  };
}

const range = (months: string[]): string =>
  months.length === 1 ? months[0]! : `${months[0]}..${months[months.length - 1]}`;

export function computeSplit(input: SplitInput): PortfolioSplit {
  const { months } = input;
  const prevMonths = monthsBefore(months[0]!, months.length);
  const prev = { from: prevMonths[0]!, to: prevMonths[prevMonths.length - 1]!, months: prevMonths };
  const current = sums(input.cells, new Set(months));
  const fromUsage = sums(input.cells, new Set(prevMonths));
  const covered = prevMonths.filter((m) => input.cells.some((c) => c.month === m));
  const p = input.previous;
  const reviewFits = p !== undefined && p.period.from === prev.from && p.period.to === prev.to;
  const mismatch =
    p !== undefined && !reviewFits
      ? ` The --previous review covers ${p.period.from}..${p.period.to}, not ${range(prevMonths)}, so it is not compared.`
      : '';

  let source: SplitSource | null = null;
  let previous: Sums | null = null;
  let previousMonths: string[] = [];
  let note: string;
  if (covered.length === prevMonths.length) {
    [source, previous, previousMonths] = ['usage', fromUsage, covered];
    note = `Last period (${range(prevMonths)}) from the rows of the usage exports that fall in it.`;
  } else if (reviewFits) {
    [source, previous, previousMonths] = ['previous-review', sums(p.usage, new Set(prevMonths)), prevMonths];
    note =
      `Last period (${range(prevMonths)}) from the previous review (--previous).` +
      (covered.length > 0 ? ` The usage exports cover only ${covered.join(', ')} of it.` : '');
  } else if (covered.length > 0) {
    [source, previous, previousMonths] = ['usage', fromUsage, covered];
    note =
      `Last period (${range(prevMonths)}) only in part: the usage exports cover ${covered.join(', ')} of it. ` +
      `Pass last quarter's review.json with --previous, or exports from ${prev.from} on, for the whole period.${mismatch}`;
  } else {
    note =
      `No figures for last period (${range(prevMonths)}): the usage exports have no rows in it and no previous review was given. ` +
      `Pass last quarter's review.json with --previous, or include usage from ${prev.from} on, to compare.${mismatch}`;
  }

  const wholeNow = total(current);
  const wholePrev = previous ? total(previous) : null;
  const tiers = [...new Set([...current.keys(), ...(previous?.keys() ?? [])])].sort(cmp);
  const rows = tiers.map((tier): SplitTier => {
    const now = figures(current.get(tier), wholeNow);
    const before = previous && wholePrev ? figures(previous.get(tier), wholePrev) : null;
    return {
      tier,
      current: now,
      previous: before,
      change_pp: before
        ? {
            requests: pp(now.share_requests, before.share_requests),
            tokens: pp(now.share_tokens, before.share_tokens),
            cost: pp(now.share_cost, before.share_cost),
          }
        : null,
    };
  });
  return {
    previous_period: prev,
    previous_source: source,
    previous_months: previousMonths,
    note,
    totals: {
      current: { ...wholeNow, cost: round2(wholeNow.cost) },
      previous: wholePrev && { ...wholePrev, cost: round2(wholePrev.cost) },
    },
    tiers: rows,
  };
}

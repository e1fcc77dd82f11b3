import { formatInt, formatMoney, formatTokens, formatUtilisation } from '../text/format.js';
import { ExactSum } from '../../core/review/exact-sum.js';
import { BREACH_KINDS } from '../../core/review/unregistered.js';
import type { ReviewFinding, Review, TierFigures, TriggerFiring } from '../../core/review/review-types.js';
import { deploymentViews, type DeploymentView } from './review-view-deployments.js';

// The review report as plain data, shared by the terminal, Markdown and HTML renderers so the
// formats cannot disagree. Strings here are raw: each renderer escapes for its own format.

const PALETTE_SIZE = 6;
const TOP_USE_CASES = 8;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Findings with a section of their own; the rest go under "Other findings". */
const OWN_SECTION: ReadonlySet<string> = new Set([
  'breach',
  'unverified-deployment',
  'unregistered-breach',
  'unregistered',
  'retired-traffic',
  'unreadable',
  'unattributed',
]);

export interface ReviewViewOptions {
  /**
   * Tier ids in the policy's preference order (the plan's `tiers`), so each tier gets the
   * matrix's colour. The review itself does not carry that order; without it, tiers are sorted.
   */
  tierOrder?: readonly string[];
}

/** Money is kept in two measures everywhere: what was billed, and self-hosted fixed cost allocated. */
interface Money {
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
interface UsageLine {
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
interface SplitView {
  tier: string;
  cls: string;
  shareTokens: number;
  shareCost: number;
  shareRequests: number;
}
/** Change of a tier's share against last period, formatted (`+4.5 pp`). */
interface SplitChangeView {
  tier: string;
  cls: string;
  tokens: string;
  cost: string;
  requests: string;
}
export interface FiringView {
  trigger: string;
  kind: string;
  subject: string;
  tier: string;
  cls: string;
  metric: string;
  months: string;
  run: string;
  summary: string;
  /** Why the figures are not on the rule's own measure (e.g. a FOCUS export counts no requests), or ''. */
  note: string;
  /** Deployment triggers: the use cases on it, or ''. */
  useCases: string;
  move: string;
  figures: { month: string; value: number; threshold: number; label: string }[];
}
interface ProposalView {
  useCase: string;
  action: string;
  path: string;
  from: string;
  to: string;
  reason: string;
}
export interface FindingView {
  kind: string;
  severity: string;
  subject: string;
  tier: string;
  cls: string;
  months: string;
  traffic: string;
  message: string;
}
interface RejectedView {
  kind: string;
  file: string;
  line: number;
  reason: string;
}
export interface RowCounts {
  read: number;
  aggregated: number;
  unattributed: number;
  /** Rows of a use case on a deployment that could not be identified. */
  unplaced: number;
  unreadable: number;
  /** read = aggregated + unattributed + unplaced + unreadable; anything else is reported, never hidden. */
  adds: boolean;
  outsidePeriodCells: number;
  /** Of the cells outside the period, those of the previous period (used for the split only). */
  previousPeriodCells: number;
}

export interface ReviewView {
  title: string;
  policy: string;
  asOf: string;
  from: string;
  to: string;
  months: string[];
  schemaVersion: number;
  /** ISO 4217 code printed with every amount. */
  currency: string;
  tiers: { tier: string; cls: string }[];
  monthly: MonthView[];
  /** The review's exact totals (never the sum of rounded cells). */
  totals: Money & { requests: number; tokens: number };
  /** Self-hosted deployments, each month's tokens against capacity. */
  deployments: DeploymentView[];
  usage: UsageLine[];
  top: UseCaseTotal[];
  /** This period's split; tiers with traffic in this period or the previous one, in tier order. */
  split: SplitView[];
  /** Last period's split, same tiers in the same order; null when the review has no previous figures. */
  previousSplit: SplitView[] | null;
  splitChange: SplitChangeView[] | null;
  /** `2025-10..2025-12`: the period the split is compared with. */
  previousPeriod: string;
  /** Where last period's figures came from, or why there are none and how to provide them. */
  splitNote: string;
  retired: FindingView[];
  /** Breaches of clearance, and rows on an unidentified deployment judged as the most open tier. */
  breaches: FindingView[];
  /** `2 breaches (claims-triage, clinical-notes-coding)`: the headline names who breached. */
  breachCount: string;
  /** The headline line under the breaches: rows that could not be attributed or placed. */
  notPlaced: string;
  unregistered: FindingView[];
  otherFindings: FindingView[];
  firings: FiringView[];
  proposals: ProposalView[];
  counts: RowCounts;
  rejected: RejectedView[];
}

function tierOrderOf(review: Review, order: readonly string[] = []): string[] {
  const seen = new Set<string>();
  for (const c of review.usage) seen.add(c.tier);
  for (const d of review.deployments) seen.add(d.tier);
  for (const f of review.findings) if (f.tier !== null) seen.add(f.tier);
  for (const t of review.split.tiers) seen.add(t.tier);
  for (const t of review.triggers) {
    if (t.tier !== null) seen.add(t.tier);
    if (t.move.tier !== null) seen.add(t.move.tier);
  }
  const known = order.filter((t) => seen.has(t));
  return [...known, ...[...seen].filter((t) => !order.includes(t)).sort(cmp)];
}

/** JSON of a proposal's `from`/`to`, short: these are inventory values (a status, an override). */
const valueText = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

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

function findingView(f: ReviewFinding, cls: (t: string | null) => string, currency: string): FindingView {
  const traffic =
    f.requests > 0 || f.tokens > 0
      ? `${formatInt(f.requests)} req · ${formatTokens(f.tokens)} tok · billed ${currency} ${formatMoney(f.cost)}`
      : '';
  return {
    kind: f.kind,
    severity: f.severity,
    subject: f.use_case ?? '',
    tier: f.tier ?? '',
    cls: cls(f.tier),
    months: f.months.join(', '),
    traffic,
    message: f.message,
  };
}

function firingView(t: TriggerFiring, cls: (t: string | null) => string, currency: string): FiringView {
  const fmt = (n: number): string =>
    t.metric === 'cost'
      ? `${currency} ${formatMoney(n)}`
      : t.metric === 'utilisation'
        ? formatUtilisation(n)
        : t.metric === 'requests'
          ? formatInt(n)
          : formatTokens(n);
  const move = `${t.move.action}${t.move.tier === null ? '' : ` → ${t.move.tier}`}: ${t.move.note}`;
  return {
    trigger: t.trigger,
    kind: t.kind,
    subject: t.use_case ?? t.deployment ?? '',
    tier: t.tier ?? '',
    cls: cls(t.tier),
    metric: t.metric,
    months: t.months.join(', '),
    run: `${t.consecutive}/${t.required}`,
    summary: t.summary,
    note: t.note ?? '',
    useCases: t.deployment !== null && t.use_case === null ? t.use_cases.join(', ') : '',
    move,
    figures: t.figures.map((f) => ({ ...f, label: `${f.month}: ${fmt(f.value)} (threshold ${fmt(f.threshold)})` })),
  };
}

export function buildReviewView(review: Review, opts: ReviewViewOptions = {}): ReviewView {
  const tiers = tierOrderOf(review, opts.tierOrder);
  const cls = (t: string | null): string => {
    if (t === null) return 'gap';
    const i = tiers.indexOf(t);
    return i < 0 ? 't-other' : `t${i % PALETTE_SIZE}`;
  };

  // Sums of money are exact sums (no drift from adding many small amounts in some order).
  const exact = (xs: number[]): number => {
    const s = new ExactSum();
    for (const x of xs) s.add(x);
    return s.value();
  };
  const monthly: MonthView[] = review.period.months.map((month) => {
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
  const t = review.totals;
  const totals = { requests: t.requests, tokens: t.tokens, billed: t.billed_cost, allocated: t.allocated_cost };
  const currency = review.currency;

  const usage = [...review.usage]
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
  const top = [...byUseCase.values()]
    .map((u) => ({ ...u, tiers: [...u.tiers].sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier)) }))
    .sort((a, b) => b.cost - a.cost || b.tokens - a.tokens || cmp(a.useCase, b.useCase))
    .slice(0, TOP_USE_CASES);

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
  const prev = review.split.previous_period;

  const findings = review.findings.map((f) => findingView(f, cls, currency));
  const c = review.counts;
  return {
    title: 'Usage review',
    policy: review.policy,
    asOf: review.as_of,
    from: review.period.from,
    to: review.period.to,
    months: [...review.period.months],
    schemaVersion: review.schema_version,
    currency,
    tiers: tiers.map((tier) => ({ tier, cls: cls(tier) })),
    monthly,
    totals,
    deployments: deploymentViews(review, cls),
    usage,
    top,
    split,
    previousSplit,
    splitChange,
    previousPeriod: prev.from === prev.to ? prev.from : `${prev.from}..${prev.to}`,
    splitNote: review.split.note,
    breaches: findings.filter((f) => BREACH_KINDS.has(f.kind)),
    breachCount: breachCount(findings.filter((f) => BREACH_KINDS.has(f.kind))),
    notPlaced: notPlacedSentence(c.unattributed, c.unplaced),
    // Every alias the inventory lacks, those judged a breach included: the meeting registers them all.
    unregistered: findings.filter((f) => f.kind === 'unregistered' || f.kind === 'unregistered-breach'),
    retired: findings.filter((f) => f.kind === 'retired-traffic'),
    otherFindings: findings.filter((f) => !OWN_SECTION.has(f.kind)),
    firings: review.triggers.map((f) => firingView(f, cls, currency)),
    proposals: review.proposals.map((p) => ({
      useCase: p.use_case,
      action: p.action,
      path: p.change.path.join('.'),
      from: valueText(p.change.from),
      to: valueText(p.change.to),
      reason: p.reason,
    })),
    counts: {
      read: c.read,
      aggregated: c.aggregated,
      unattributed: c.unattributed,
      unplaced: c.unplaced,
      unreadable: c.unreadable,
      adds: c.read === c.aggregated + c.unattributed + c.unplaced + c.unreadable,
      outsidePeriodCells: c.outside_period_cells,
      previousPeriodCells: c.previous_period_cells,
    },
    rejected: review.findings
      .filter((f) => f.kind === 'unreadable' || (f.kind === 'unattributed' && f.use_case === null))
      .flatMap((f) => f.first_rows.map((r) => ({ kind: f.kind, file: r.file, line: r.line, reason: r.reason }))),
  };
}

const NAMED_IN_HEADLINE = 5;

function breachCount(breaches: FindingView[]): string {
  const n = breaches.length;
  if (n === 0) return '0 breaches';
  const names = [...new Set(breaches.map((b) => b.subject))];
  const shown = names.slice(0, NAMED_IN_HEADLINE).join(', ') + (names.length > NAMED_IN_HEADLINE ? ', …' : '');
  return `${n} ${n === 1 ? 'breach' : 'breaches'} (${shown})`;
}

/** The headline's second line: every row that could not be attributed or placed, counted. */
function notPlacedSentence(unattributed: number, unplaced: number): string {
  const rows = (n: number): string => `${formatInt(n)} ${n === 1 ? 'row' : 'rows'}`;
  return (
    `${rows(unattributed)} could not be attributed to a use case; ` +
    `${rows(unplaced)} of use cases ran on a deployment that could not be identified (judged as the most open tier).`
  );
}

/** `read 25 = 20 aggregated + 2 unattributed + 3 unreadable`, or says by how much it does not add up. */
export function countsSentence(c: RowCounts): string {
  const parts = `${formatInt(c.aggregated)} attributed + ${formatInt(c.unattributed)} unattributed + ${formatInt(c.unplaced)} on an unidentified deployment + ${formatInt(c.unreadable)} unreadable`;
  const sum = c.aggregated + c.unattributed + c.unplaced + c.unreadable;
  return c.adds
    ? `${formatInt(c.read)} rows read = ${parts}.`
    : `${formatInt(c.read)} rows read, but ${parts} = ${formatInt(sum)}: ${formatInt(Math.abs(c.read - sum))} rows unaccounted for.`;
}

/** `3 attributed cells outside the period ignored (2 of them last period, used for the split only).` */
export function outsideSentence(c: RowCounts): string {
  if (c.outsidePeriodCells === 0) return '';
  const cells = `${formatInt(c.outsidePeriodCells)} attributed ${c.outsidePeriodCells === 1 ? 'cell' : 'cells'} outside the period ignored`;
  return c.previousPeriodCells > 0
    ? `${cells} (${formatInt(c.previousPeriodCells)} of them last period, used for the split only).`
    : `${cells}.`;
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

/** Under the self-hosted utilisation table. */
export const deploymentsLegend = (v: ReviewView): string =>
  `Tokens served against each self-hosted deployment's capacity_tokens_per_month; the fixed cost (${v.currency}/month) is paid whatever the traffic. Deployments nothing ran on show at 0%.`;

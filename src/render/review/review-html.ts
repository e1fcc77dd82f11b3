import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { countOf, formatInt, formatPct, formatTokens } from '../text/format.js';
import { formatAmount } from '../../core/review/money.js';
import type { RenderContext } from '../matrix/registry.js';
import { splitCompareSvg, stackedColumnsSvg, triggerSparkSvg, type ComparePanel } from './review-svg.js';
import { utilisationBarSvg } from './review-svg-utilisation.js';
import { buildReviewView, type ReviewView, type ReviewViewOptions } from './review-view.js';
import { countsSentence, outsideSentence } from './review-view-counts.js';
import { DEPLOYMENTS_LEGEND, type DeploymentView } from './review-view-deployments.js';
import { MONTHLY_LEGEND, useCaseLegend, type MonthView } from './review-view-money.js';
import type { FiringView } from './review-view-triggers.js';
import type { Review } from '../../core/review/review-types.js';

// The review as one self-contained page: inline CSS and inline SVG, no scripts, no external
// assets, printable on two A4 pages for a quarter of a realistic portfolio. Every input string
// reaches the page through `{{ }}`, through the `id` helper (escaped, then a break opportunity
// after each hyphen), or, inside a chart, through escapeXml; the chart helpers take view data,
// never markup, so a template cannot smuggle an input string past escaping.

// src/render/ and dist/render/ both sit two levels below the package root.
const TEMPLATES_DIR = new URL('../../../templates/', import.meta.url);

type Metric = 'tokens' | 'cost';
/** The cost chart stacks billed and allocated (what a tier costs to run); its titles keep them apart. */
const value = (metric: Metric, m: { tokens: number; billed: number; allocated: number }): number =>
  metric === 'cost' ? m.billed + m.allocated : m.tokens;

function monthlyChart(months: MonthView[], metric: Metric, currency: string): string {
  const money = (n: number): string => formatAmount(n, currency);
  const label = (m: { tokens: number; billed: number; allocated: number }): string =>
    metric === 'cost' ? `billed ${money(m.billed)} + allocated ${money(m.allocated)}` : formatTokens(m.tokens);
  return stackedColumnsSvg(
    metric === 'cost' ? 'Cost per month and tier: billed + allocated' : 'Tokens per month and tier',
    months.map((m) => ({
      label: m.month,
      total: metric === 'cost' ? money(value(metric, m)) : formatTokens(m.tokens),
      segments: m.tiers.map((t) => ({
        cls: t.cls,
        value: value(metric, t),
        title: `${m.month} · ${t.tier}: ${label(t)}`,
      })),
    })),
    100,
  );
}

function utilisationBar(d: DeploymentView): string {
  return utilisationBarSvg(`${d.deployment}, ${d.period}: ${d.utilisation} of capacity`, d.share, d.cls);
}

function splitChart(v: ReviewView): string {
  const now = `${v.from}..${v.to}`;
  const panel = (
    label: string,
    key: 'shareTokens' | 'shareCost' | 'shareRequests',
    change: 'tokens' | 'cost' | 'requests',
  ): ComparePanel => ({
    label,
    rows: v.split.map((s, i) => {
      const before = v.previousSplit?.[i];
      const delta = v.splitChange?.[i]?.[change];
      return {
        tier: s.tier,
        cls: s.cls,
        now: {
          share: s[key],
          label: `${formatPct(s[key])}${delta ? ` (${delta})` : ''}`,
          title: `${s.tier}, ${now}: ${formatPct(s[key])} of ${label}`,
        },
        before: before
          ? {
              share: before[key],
              label: formatPct(before[key]),
              title: `${s.tier}, ${v.previousPeriod}: ${formatPct(before[key])} of ${label}`,
            }
          : null,
      };
    }),
  });
  return splitCompareSvg(
    v.previousSplit ? `Portfolio split, ${now} against ${v.previousPeriod}` : `Portfolio split, ${now}`,
    [
      panel('tokens', 'shareTokens', 'tokens'),
      panel('cost', 'shareCost', 'cost'),
      panel('requests', 'shareRequests', 'requests'),
    ],
    {
      tiers: v.split.map((s) => ({ tier: s.tier, cls: s.cls })),
      now: `solid: ${now}`,
      before: v.previousSplit ? `pale: ${v.previousPeriod}` : null,
    },
  );
}

function triggerChart(f: FiringView): string {
  return triggerSparkSvg(
    `${f.trigger}: ${f.subject}; ${f.figures.map((x) => x.label).join('; ')}`,
    f.figures,
    f.figures.filter((x) => x.held).map((x) => x.month),
    f.cls,
    f.threshold,
  );
}

const HELPERS = {
  plural: (n: unknown, one: unknown, many: unknown): unknown => (n === 1 ? one : many),
};

let compiled: Handlebars.TemplateDelegate | undefined;

function reviewTemplate(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  const hb = handlebars.create();
  const svg = (markup: string): Handlebars.SafeString => new hb.SafeString(markup);
  const charts = {
    volumeChart: (v: ReviewView) => svg(monthlyChart(v.monthly, 'tokens', v.currency)),
    costChart: (v: ReviewView) => svg(monthlyChart(v.monthly, 'cost', v.currency)),
    utilisationBar: (d: DeploymentView) => svg(utilisationBar(d)),
    splitChart: (v: ReviewView) => svg(splitChart(v)),
    triggerChart: (f: FiringView) => svg(triggerChart(f)),
    // An id or alias, escaped, with a break opportunity after each hyphen: a long id wraps at
    // its hyphens, never mid-word, and is never cut.
    id: (s: unknown) => svg(hb.escapeExpression(String(s)).replace(/-/g, '-<wbr>')),
  };
  const helpers = { ...HELPERS, ...charts };
  hb.registerHelper(helpers);
  hb.registerPartial('styles', readFileSync(new URL('review-styles.css.hbs', TEMPLATES_DIR), 'utf8'));
  compiled = hb.compile(readFileSync(new URL('review.html.hbs', TEMPLATES_DIR), 'utf8'), {
    strict: true,
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])),
    knownHelpersOnly: true,
  });
  return compiled;
}

/** Control characters would pass `{{ }}` unchanged; they become U+FFFD (newlines and tabs stay). */
function withoutControls<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd') as T;
  if (Array.isArray(value)) return value.map(withoutControls) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, withoutControls(x)])) as T;
  return value;
}

/** The sections with nothing in them, said in one line instead of a heading each. */
function quietSections(v: ReviewView): string[] {
  return [
    ...(v.unregistered.length ? [] : ['All traffic came from aliases in the inventory.']),
    ...(v.retired.length ? [] : ['No traffic to retired use cases.']),
    ...(v.otherFindings.length ? [] : ['No other findings.']),
  ];
}

export function renderReviewHtml(review: Review, _ctx: RenderContext, opts: ReviewViewOptions = {}): string {
  const v = withoutControls(buildReviewView(review, opts));
  const money = (n: number): string => formatAmount(n, v.currency);
  const dash = (n: number): string => (n === 0 ? '–' : money(n));
  return reviewTemplate()({
    v,
    countsText: `${countsSentence(v.counts)}${v.counts.outsidePeriodCells ? ` ${outsideSentence(v.counts)}` : ''}`,
    kpis: [
      { label: 'requests', value: formatInt(v.totals.requests), alert: false },
      { label: 'tokens', value: formatTokens(v.totals.tokens), alert: false },
      { label: 'billed', value: money(v.totals.billed), alert: false },
      { label: 'fixed cost allocated', value: money(v.totals.allocated), alert: false },
      {
        label: v.breaches.length === 1 ? 'breach' : 'breaches',
        value: String(v.breaches.length),
        alert: v.breaches.length > 0,
      },
      {
        label: v.firings.length === 1 ? 'trigger fired' : 'triggers fired',
        value: String(v.firings.length),
        alert: false,
      },
      {
        label: v.proposals.length === 1 ? 'proposed change' : 'proposed changes',
        value: String(v.proposals.length),
        alert: false,
      },
      {
        label: v.unregistered.length === 1 ? 'unregistered alias' : 'unregistered aliases',
        value: String(v.unregistered.length),
        alert: v.unregistered.length > 0,
      },
    ],
    totals: {
      tokens: formatTokens(v.totals.tokens),
      billed: money(v.totals.billed),
      allocated: dash(v.totals.allocated),
    },
    monthlyRows: v.monthly.map((m) => ({
      month: m.month,
      tiers: m.tiers.map((t) => ({
        tokens: t.tokens > 0 || t.billed > 0 ? formatTokens(t.tokens) : '–',
        billed: t.tokens > 0 || t.billed > 0 ? money(t.billed) : '',
        allocated: t.allocated > 0 ? money(t.allocated) : '',
      })),
      tokens: formatTokens(m.tokens),
      billed: money(m.billed),
      allocated: dash(m.allocated),
    })),
    monthlyLegend: MONTHLY_LEGEND,
    deploymentsLegend: DEPLOYMENTS_LEGEND,
    useCaseRows: v.useCases.map((u, i) => ({
      rank: i + 1,
      useCase: u.useCase,
      // Bar segments as percentages of the column, one per tier it ran on.
      bars: u.tiers
        .filter((t) => t.share > 0)
        .map((t) => ({
          cls: t.cls,
          width: (Math.round(u.scale * t.share * 1000) / 10).toFixed(1),
          title: `${t.tier}: ${money(t.cost)}`,
        })),
      cost: money(u.cost),
      billed: money(u.billed),
      allocated: dash(u.allocated),
      tokens: formatTokens(u.tokens),
      requests: formatInt(u.requests),
      p95: u.p95 === null ? '–' : `${formatInt(u.p95)} ms`,
      tiers: u.tiers,
    })),
    useCaseLegend: useCaseLegend(v, true),
    triggerGroups: v.triggerGroups.map((g) => ({
      ...g,
      count: countOf(g.firings.length, 'subject', 'subjects'),
      months: v.months,
    })),
    quiet: quietSections(v),
  });
}

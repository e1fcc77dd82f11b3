import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatInt, formatMoney, formatPct, formatTokens } from '../text/format.js';
import type { RenderContext } from '../matrix/registry.js';
import { barChartSvg, splitCompareSvg, stackedColumnsSvg, triggerSparkSvg, type ComparePanel } from './review-svg.js';
import { utilisationBarSvg } from './review-svg-utilisation.js';
import { buildReviewView, type ReviewView, type ReviewViewOptions } from './review-view.js';
import { countsSentence, outsideSentence } from './review-view-counts.js';
import { deploymentsLegend, type DeploymentMonthView, type DeploymentView } from './review-view-deployments.js';
import { moneySentence, monthlyLegend, type MonthView, type UseCaseTotal } from './review-view-money.js';
import type { FiringView } from './review-view-triggers.js';
import type { Review } from '../../core/review/review-types.js';

// The review as one self-contained page: inline CSS and inline SVG, no scripts, no external
// assets, printable. Every input string reaches the page through `{{ }}` or, inside a chart,
// through escapeXml; the chart helpers take view data, never markup, so a template cannot
// smuggle an input string past escaping.

// src/render/ and dist/render/ both sit two levels below the package root.
const TEMPLATES_DIR = new URL('../../../templates/', import.meta.url);

type Metric = 'tokens' | 'cost';
/** The cost chart stacks billed and allocated (what a tier costs to run); its titles keep them apart. */
const value = (metric: Metric, m: { tokens: number; billed: number; allocated: number }): number =>
  metric === 'cost' ? m.billed + m.allocated : m.tokens;

function monthlyChart(months: MonthView[], metric: Metric, currency: string): string {
  const label = (m: { tokens: number; billed: number; allocated: number }): string =>
    metric === 'cost'
      ? `billed ${currency} ${formatMoney(m.billed)} + allocated ${formatMoney(m.allocated)}`
      : formatTokens(m.tokens);
  return stackedColumnsSvg(
    metric === 'cost' ? `Cost (${currency}) per month and tier: billed + allocated` : 'Tokens per month and tier',
    months.map((m) => ({
      label: m.month,
      total: metric === 'cost' ? formatMoney(value(metric, m)) : formatTokens(m.tokens),
      segments: m.tiers.map((t) => ({
        cls: t.cls,
        value: value(metric, t),
        title: `${m.month} · ${t.tier}: ${label(t)}`,
      })),
    })),
  );
}

function topChart(top: UseCaseTotal[], currency: string): string {
  return barChartSvg(
    `Top use cases by cost (${currency}): billed + allocated`,
    top.map((u) => ({
      label: u.useCase,
      value: u.cost,
      valueLabel: `${formatMoney(u.cost)} · ${formatTokens(u.tokens)} tok`,
      segments: u.tiers.map((t) => ({
        cls: t.cls,
        value: t.cost,
        title: `${u.useCase} on ${t.tier}: ${currency} ${formatMoney(t.cost)} (billed + allocated), ${formatTokens(t.tokens)} tokens`,
      })),
    })),
  );
}

function utilisationBar(d: DeploymentView, m: DeploymentMonthView): string {
  return utilisationBarSvg(`${d.deployment}, ${m.month}: ${m.utilisation} of capacity`, m.share, d.cls);
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
    { now: `this period (${now})`, before: v.previousSplit ? `last period (${v.previousPeriod})` : null },
  );
}

function triggerChart(f: FiringView): string {
  return triggerSparkSvg(`${f.trigger}: ${f.subject}`, f.figures, f.months.split(', '), f.cls);
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
    topChart: (v: ReviewView) => svg(topChart(v.top, v.currency)),
    utilisationBar: (d: DeploymentView, m: DeploymentMonthView) => svg(utilisationBar(d, m)),
    splitChart: (v: ReviewView) => svg(splitChart(v)),
    triggerChart: (f: FiringView) => svg(triggerChart(f)),
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

export function renderReviewHtml(review: Review, _ctx: RenderContext, opts: ReviewViewOptions = {}): string {
  const v = withoutControls(buildReviewView(review, opts));
  return reviewTemplate()({
    v,
    countsText: `${countsSentence(v.counts)}${v.counts.outsidePeriodCells ? ` ${outsideSentence(v.counts)}` : ''}`,
    splitRows: v.split.map((s, i) => {
      const before = v.previousSplit?.[i];
      const change = v.splitChange?.[i];
      const cell = (key: 'shareTokens' | 'shareCost' | 'shareRequests', c: 'tokens' | 'cost' | 'requests') => ({
        now: formatPct(s[key]),
        before: before ? formatPct(before[key]) : '',
        change: change?.[c] ?? '',
      });
      return {
        tier: s.tier,
        cls: s.cls,
        tokens: cell('shareTokens', 'tokens'),
        cost: cell('shareCost', 'cost'),
        requests: cell('shareRequests', 'requests'),
      };
    }),
    totals: {
      requests: formatInt(v.totals.requests),
      tokens: formatTokens(v.totals.tokens),
      money: moneySentence(v),
      billed: formatMoney(v.totals.billed),
      allocated: formatMoney(v.totals.allocated),
    },
    monthlyRows: v.monthly.map((m) => ({
      month: m.month,
      tiers: m.tiers.map((t) => ({
        tokens: t.tokens > 0 || t.billed > 0 ? formatTokens(t.tokens) : '–',
        billed: t.tokens > 0 || t.billed > 0 ? formatMoney(t.billed) : '',
        allocated: t.allocated > 0 ? formatMoney(t.allocated) : '',
      })),
      tokens: formatTokens(m.tokens),
      billed: formatMoney(m.billed),
      allocated: formatMoney(m.allocated),
    })),
    monthlyLegend: monthlyLegend(v),
    deploymentsLegend: deploymentsLegend(v),
  });
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatCost, formatInt, formatPct, formatTokens } from '../text/format.js';
import type { RenderContext } from '../matrix/registry.js';
import { barChartSvg, splitCompareSvg, stackedColumnsSvg, triggerSparkSvg, type ComparePanel } from './review-svg.js';
import {
  buildReviewView,
  countsSentence,
  outsideSentence,
  type FiringView,
  type MonthView,
  type ReviewView,
  type ReviewViewOptions,
  type UseCaseTotal,
} from './review-view.js';
import type { Review } from '../../core/review/review-types.js';

// The review as one self-contained page: inline CSS and inline SVG, no scripts, no external
// assets, printable. Every input string reaches the page through `{{ }}` or, inside a chart,
// through escapeXml; the chart helpers take view data, never markup, so a template cannot
// smuggle an input string past escaping.

// src/render/ and dist/render/ both sit two levels below the package root.
const TEMPLATES_DIR = new URL('../../../templates/', import.meta.url);

type Metric = 'tokens' | 'cost';
const fmt = (m: Metric, v: number): string => (m === 'cost' ? formatCost(v) : formatTokens(v));

function monthlyChart(months: MonthView[], metric: Metric): string {
  const what = metric === 'cost' ? 'Cost' : 'Tokens';
  return stackedColumnsSvg(
    `${what} per month and tier`,
    months.map((m) => ({
      label: m.month,
      total: fmt(metric, m[metric]),
      segments: m.tiers.map((t) => ({
        cls: t.cls,
        value: t[metric],
        title: `${m.month} · ${t.tier}: ${fmt(metric, t[metric])}`,
      })),
    })),
  );
}

function topChart(top: UseCaseTotal[]): string {
  return barChartSvg(
    'Top use cases by cost',
    top.map((u) => ({
      label: u.useCase,
      value: u.cost,
      valueLabel: `${formatCost(u.cost)} · ${formatTokens(u.tokens)} tok`,
      segments: u.tiers.map((t) => ({
        cls: t.cls,
        value: t.cost,
        title: `${u.useCase} on ${t.tier}: cost ${formatCost(t.cost)}, ${formatTokens(t.tokens)} tokens`,
      })),
    })),
  );
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
    volumeChart: (v: ReviewView) => svg(monthlyChart(v.monthly, 'tokens')),
    costChart: (v: ReviewView) => svg(monthlyChart(v.monthly, 'cost')),
    topChart: (v: ReviewView) => svg(topChart(v.top)),
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
      cost: formatCost(v.totals.cost),
    },
  });
}

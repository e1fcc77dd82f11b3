import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import { countOf, formatMoney, formatPct, formatTokens } from '../text/format.js';
import type { RenderContext } from '../matrix/registry.js';
import { buildReviewView, type ReviewView, type ReviewViewOptions } from './review-view.js';
import { countsSentence, outsideSentence } from './review-view-counts.js';
import { deploymentsLegend } from './review-view-deployments.js';
import type { FindingView } from './review-view-findings.js';
import { moneySentence, monthlyLegend, tierMonthText } from './review-view-money.js';
import { sanitizeTerminal as clean, terminalStyle, wrapPlain, type TerminalStyle } from '../text/terminal-style.js';
import type { Review } from '../../core/review/review-types.js';

// The review summary for a terminal. Readable without colour (colour only repeats the text);
// column widths are fixed from ctx.width (default 120) so the output is stable and fits.

let tableClass: typeof CliTable3 | undefined;
const Table = (): typeof CliTable3 => (tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof CliTable3);

const DEFAULT_WIDTH = 120;
const MIN_WIDTH = 80;

/**
 * Widths including padding; the last column takes what is left so borders land on `width`.
 * Fixed columns are sized for 120 columns and shrink proportionally on narrower terminals.
 */
function fit(width: number, fixedAt120: number[]): number[] {
  const fixed = fixedAt120.map((f) =>
    width >= DEFAULT_WIDTH ? f : Math.max(6, Math.floor((f * width) / DEFAULT_WIDTH)),
  );
  const used = fixed.reduce((a, b) => a + b, 0) + fixed.length + 2;
  return [...fixed, Math.max(12, width - used)];
}

function grid(
  s: TerminalStyle,
  head: string[],
  colWidths: number[],
  rows: string[][],
  align?: ('left' | 'right')[],
): string {
  const t = new (Table())({
    head: head.map((h) => s.c.bold(h)),
    colWidths,
    wordWrap: true,
    ...(align ? { colAligns: align } : {}),
    style: { head: [], border: [], compact: true },
  });
  // cli-table3 truncates a word longer than its column with `…`: a long alias or a JSON value
  // would lose text. Such words are hard-broken onto lines of their own instead.
  t.push(...rows.map((r) => r.map((c, i) => breakLongWords(c, (colWidths[i] ?? 12) - 2))));
  return t.toString();
}

/** Splits runs without whitespace longer than `max` characters; coloured cells are left to cli-table3. */
function breakLongWords(cell: string, max: number): string {
  if (cell.includes('\u001b') || max < 1) return cell;
  return cell
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((word) => {
          const chars = [...word];
          if (chars.length <= max) return word;
          const parts: string[] = [];
          for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''));
          return parts.join('\n');
        })
        .join(' '),
    )
    .join('\n');
}

const heading = (s: TerminalStyle, text: string): string => s.c.bold.underline(text);

function findings(s: TerminalStyle, fs: FindingView[], width: number, red: boolean): string {
  const rows = fs.map((f) => [
    s.c.bold(clean(f.subject)),
    s.tier(clean(f.tier), f.cls),
    clean(f.months),
    clean(f.traffic),
    red ? s.c.red(clean(f.message)) : clean(f.message),
  ]);
  return grid(s, ['subject', 'ran on', 'months', 'traffic', 'finding'], fit(width, [22, 15, 18, 30]), rows);
}

function monthly(v: ReviewView, s: TerminalStyle, width: number): string {
  const money = (m: { tokens: number; billed: number; allocated: number }): string[] => [
    formatTokens(m.tokens),
    formatMoney(m.billed),
    formatMoney(m.allocated),
  ];
  const rows = [
    ...v.monthly.map((m) => [m.month, ...m.tiers.map(tierMonthText), ...money(m)]),
    [s.c.bold('total'), ...v.tiers.map(() => ''), ...money(v.totals).map((x) => s.c.bold(x))],
  ];
  const c = clean(v.currency);
  const head = ['month', ...v.tiers.map((t) => s.tier(clean(t.tier), t.cls)), 'tokens', `billed ${c}`, `alloc. ${c}`];
  const col = Math.max(8, Math.min(24, Math.floor((width - 10 - 3 * 12 - head.length - 1) / v.tiers.length)));
  const table = grid(
    s,
    head,
    head.map((_, i) => (i === 0 ? 9 : i > v.tiers.length ? 12 : col)),
    rows,
    head.map((_, i) => (i === 0 ? 'left' : 'right')),
  );
  return [table, ...wrapPlain(monthlyLegend(v), width).map((l) => s.c.dim(l))].join('\n');
}

function deployments(v: ReviewView, s: TerminalStyle, width: number): string {
  if (v.deployments.length === 0) return 'The policy has no self-hosted deployment (fixed_cost and capacity).';
  const rows = v.deployments.flatMap((d) =>
    d.months.map((m, i) => [
      i === 0 ? `${s.c.bold(clean(d.deployment))}\n${s.tier(clean(d.tier), d.cls)}` : '',
      m.month,
      m.tokens,
      m.capacity,
      m.utilisation,
      m.fixed,
      clean(m.useCases),
    ]),
  );
  const head = ['deployment', 'month', 'tokens', 'capacity', 'used', `fixed ${clean(v.currency)}/mo`, 'use cases'];
  const table = grid(s, head, fit(width, [20, 9, 8, 10, 11, 15]), rows, [
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'left',
  ]);
  return [table, ...wrapPlain(deploymentsLegend(v), width).map((l) => s.c.dim(l))].join('\n');
}

/** Each tier's share now; with a previous period, `now ← last (change)` per measure. */
function split(v: ReviewView, s: TerminalStyle, width: number): string {
  const before = v.previousSplit;
  const change = v.splitChange;
  const cell = (
    now: number,
    i: number,
    key: 'shareTokens' | 'shareCost' | 'shareRequests',
    c: 'tokens' | 'cost' | 'requests',
  ): string =>
    before && change ? `${formatPct(now)} ← ${formatPct(before[i]![key])} (${change[i]![c]})` : formatPct(now);
  const rows = v.split.map((x, i) => [
    s.tier(clean(x.tier), x.cls),
    cell(x.shareTokens, i, 'shareTokens', 'tokens'),
    cell(x.shareCost, i, 'shareCost', 'cost'),
    cell(x.shareRequests, i, 'shareRequests', 'requests'),
  ]);
  const note = wrapPlain(v.splitNote, width).map((l) => s.c.dim(l));
  if (rows.length === 0) return ['No traffic in either period.', ...note].join('\n');
  const w = fit(width, before ? [18, 28, 28] : [18, 12, 12]);
  const legend = before ? [`now ← last period ${clean(v.previousPeriod)} (change in percentage points)`] : [];
  return [
    grid(s, ['tier', 'tokens', 'cost', 'requests'], before ? w : [20, 12, 12, 12], rows, [
      'left',
      'right',
      'right',
      'right',
    ]),
    ...legend,
    ...note,
  ].join('\n');
}

function usage(v: ReviewView, s: TerminalStyle, width: number): string {
  const rows = v.usage.map((u) => [
    s.c.bold(clean(u.useCase)),
    u.month,
    s.tier(clean(u.tier), u.cls),
    u.requests,
    u.tokens,
    u.billed,
    u.allocated,
    u.p95,
    clean(u.deployments),
  ]);
  const w = fit(width, [20, 9, 15, 10, 8, 11, 10, 9]);
  const c = clean(v.currency);
  const head = [
    'use case',
    'month',
    'ran on',
    'requests',
    'tokens',
    `billed ${c}`,
    `alloc. ${c}`,
    'p95',
    'deployments',
  ];
  return grid(s, head, w, rows, ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left']);
}

const before = (v: ReviewView): string =>
  v.previousSplit ? `Portfolio split against last period (${clean(v.previousPeriod)})` : 'Portfolio split';

export function renderReviewTable(review: Review, ctx: RenderContext, opts: ReviewViewOptions = {}): string {
  const s = terminalStyle(ctx);
  const width = Math.max(MIN_WIDTH, ctx.width ?? DEFAULT_WIDTH);
  const v = buildReviewView(review, opts);
  const title = `${s.c.bold(`${v.title}: ${clean(v.policy)}`)}, ${clean(v.from)}..${clean(v.to)}, as of ${clean(v.asOf)}`;
  const summary =
    `${clean(v.breachCount)}, ${countOf(v.firings.length, 'trigger fired', 'triggers fired')}, ` +
    `${countOf(v.proposals.length, 'proposed change', 'proposed changes')}, ${countOf(v.unregistered.length, 'unregistered alias', 'unregistered aliases')}; ` +
    `${formatTokens(v.totals.tokens)} tokens; ${clean(moneySentence(v))}`;
  const firings = v.firings.map((f) => [
    s.c.bold(clean(f.trigger)),
    `${clean(f.subject)}\n${s.tier(clean(f.tier), f.cls)}`,
    f.run,
    [
      ...f.figures.map((x) => clean(x.label)),
      ...(f.note ? [s.c.dim(clean(f.note))] : []),
      ...(f.useCases ? [`use cases: ${clean(f.useCases)}`] : []),
    ].join('\n'),
    clean(f.move),
  ]);
  const proposals = v.proposals.map((p) => [
    s.c.bold(clean(p.useCase)),
    clean(p.action),
    `${clean(p.path)}: ${clean(p.from)} → ${clean(p.to)}`,
    clean(p.reason),
  ]);
  const others = v.otherFindings.map((f) => [
    f.severity === 'error' ? s.c.red(f.severity) : f.severity === 'warning' ? s.c.yellow(f.severity) : f.severity,
    clean(f.kind),
    s.c.bold(clean(f.subject)),
    clean(f.message),
  ]);
  const rejected = v.rejected.map((r) => [clean(r.kind), `${clean(r.file)}:${r.line}`, clean(r.reason)]);
  const parts = [
    `${title}\n${wrapPlain(summary, width).join('\n')}\n${wrapPlain(v.notPlaced, width).join('\n')}`,
    `${heading(s, `Breaches: traffic on a tier not cleared for its data (${v.breaches.length})`)}\n${v.breaches.length ? findings(s, v.breaches, width, true) : 'None.'}`,
    `${heading(s, 'Monthly tokens · billed per tier')}\n${monthly(v, s, width)}`,
    `${heading(s, `Self-hosted utilisation (${v.deployments.length})`)}\n${deployments(v, s, width)}`,
    `${heading(s, before(v))}\n${split(v, s, width)}`,
    `${heading(s, 'Top use cases by cost')}\n${grid(
      s,
      ['use case', 'tokens', `billed ${clean(v.currency)}`, `alloc. ${clean(v.currency)}`, 'ran on'],
      fit(width, [30, 10, 14, 14]),
      v.top.map((u) => [
        s.c.bold(clean(u.useCase)),
        formatTokens(u.tokens),
        formatMoney(u.billed),
        formatMoney(u.allocated),
        u.tiers.map((t) => s.tier(clean(t.tier), t.cls)).join(', '),
      ]),
    )}`,
    `${heading(s, `Triggers fired (${v.firings.length})`)}\n${firings.length ? grid(s, ['trigger', 'subject', 'run', 'evidence', 'proposed move'], fit(width, [20, 22, 7, 40]), firings) : 'None.'}`,
    `${heading(s, `Proposed inventory changes (${v.proposals.length})`)}\n${proposals.length ? grid(s, ['use case', 'action', 'change', 'reason'], fit(width, [22, 8, 36]), proposals) : 'None.'}`,
    `${heading(s, `Aliases not in the inventory (${v.unregistered.length})`)}\n${v.unregistered.length ? findings(s, v.unregistered, width, false) : 'None.'}`,
    `${heading(s, `Traffic to retired use cases (${v.retired.length})`)}\n${v.retired.length ? findings(s, v.retired, width, false) : 'None.'}`,
    `${heading(s, `Other findings (${v.otherFindings.length})`)}\n${others.length ? grid(s, ['severity', 'kind', 'subject', 'message'], fit(width, [10, 20, 22]), others) : 'None.'}`,
    `${heading(s, 'Usage per use case and month')}\n${v.usage.length ? usage(v, s, width) : 'No attributed traffic in the period.'}`,
    `${heading(s, 'Rows')}\n${wrapPlain(`${countsSentence(v.counts)}${v.counts.outsidePeriodCells ? ` ${outsideSentence(v.counts)}` : ''}`, width).join('\n')}${rejected.length ? `\n${grid(s, ['rejected', 'where', 'reason'], fit(width, [14, 24]), rejected)}` : ''}`,
  ];
  return `${parts.join('\n\n')}\n`;
}

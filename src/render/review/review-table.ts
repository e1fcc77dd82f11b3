import { countOf, formatPct, formatTokens } from '../text/format.js';
import { formatAmount } from '../../core/review/money.js';
import type { RenderContext } from '../matrix/registry.js';
import { buildReviewView, type ReviewView, type ReviewViewOptions } from './review-view.js';
import { countsSentence, outsideSentence } from './review-view-counts.js';
import { DEPLOYMENTS_LEGEND } from './review-view-deployments.js';
import type { FindingView } from './review-view-findings.js';
import { MONTHLY_LEGEND, moneySentence, tierMonthText, useCaseLegend } from './review-view-money.js';
import type { TriggerGroupView } from './review-view-triggers.js';
import { fitToContent } from '../text/columns.js';
import { drawTable } from '../text/text-table.js';
import { sanitizeTerminal as clean, terminalStyle, wrapPlain, type TerminalStyle } from '../text/terminal-style.js';
import type { Review } from '../../core/review/review-types.js';

// The review summary for a terminal. Readable without colour (colour only repeats the text);
// column widths follow the content and fit ctx.width (default 80, as for the plan; at least 80),
// so the output is stable and no line runs past the terminal.

const DEFAULT_WIDTH = 80;
const MIN_WIDTH = 80;

type Align = 'left' | 'right';

/**
 * A table sized to its content and to `width`: the `prose` columns wrap (at spaces, ids at their
 * hyphens), the others keep their width. A word longer than its column is broken onto lines of
 * its own rather than cut.
 */
function grid(
  s: TerminalStyle,
  width: number,
  head: string[],
  rows: string[][],
  opts: { align?: Align[]; prose: boolean[] },
): string {
  const widths = fitToContent(width, head, rows, opts.prose);
  return drawTable({
    head: head.map((h) => s.c.bold(h)),
    rows: rows.map((r) => r.map((c, i) => breakLongWords(c, (widths[i] ?? 12) - 2))),
    widths,
    ...(opts.align ? { align: opts.align } : {}),
    compact: true,
  });
}

/** Splits a hyphen-free run longer than `max` characters; coloured cells are left to drawTable. */
function breakLongWords(cell: string, max: number): string {
  if (cell.includes('\u001b') || max < 1) return cell;
  const chunk = (part: string): string => {
    const chars = [...part];
    if (chars.length <= max) return part;
    const parts: string[] = [];
    for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''));
    return parts.join('\n');
  };
  return cell
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((word) =>
          word
            .split(/(?<=-)/)
            .map(chunk)
            .join(''),
        )
        .join(' '),
    )
    .join('\n');
}

const heading = (s: TerminalStyle, text: string): string => s.c.bold.underline(text);

function findings(s: TerminalStyle, fs: FindingView[], width: number, red: boolean): string {
  const rows = fs.map((f) => [
    s.c.bold(clean(f.subject)),
    s.tier(clean(f.tier), f.cls),
    // One month a line: a month (2026-07) must not wrap at its hyphen.
    clean(f.months).split(', ').join('\n'),
    clean(f.traffic),
    red ? s.c.red(clean(f.message)) : clean(f.message),
  ]);
  return grid(s, width, ['subject', 'ran on', 'months', 'traffic', 'finding'], rows, {
    prose: [true, false, false, true, true],
  });
}

function monthly(v: ReviewView, s: TerminalStyle, width: number): string {
  const money = (n: number): string => formatAmount(n, v.currency);
  const sums = (m: { tokens: number; billed: number; allocated: number }): string[] => [
    formatTokens(m.tokens),
    money(m.billed),
    m.allocated === 0 ? '–' : money(m.allocated),
  ];
  const rows = [
    ...v.monthly.map((m) => [m.month, ...m.tiers.map((t) => tierMonthText(t, v.currency)), ...sums(m)]),
    [s.c.bold('total'), ...v.tiers.map(() => ''), ...sums(v.totals).map((x) => s.c.bold(x))],
  ];
  const head = ['month', ...v.tiers.map((t) => s.tier(clean(t.tier), t.cls)), 'tokens', 'billed', 'alloc.'];
  const table = grid(s, width, head, rows, {
    align: head.map((_, i) => (i === 0 ? 'left' : 'right')),
    prose: head.map((_, i) => i > 0 && i <= v.tiers.length),
  });
  return [table, ...wrapPlain(MONTHLY_LEGEND, width).map((l) => s.c.dim(l))].join('\n');
}

function deployments(v: ReviewView, s: TerminalStyle, width: number): string {
  if (v.deployments.length === 0) return 'The policy has no self-hosted deployment (fixed_cost and capacity).';
  // Below 110 columns a column of use cases would break their ids mid-word: they go under the
  // deployment's name instead, as the triggers' subjects do.
  const inline = width < 110;
  const onIt = (d: ReviewView['deployments'][number]): string =>
    d.useCases.length ? clean(d.useCases.join(', ')) : 'none';
  const rows = v.deployments.map((d) => [
    [s.c.bold(clean(d.deployment)), s.tier(clean(d.tier), d.cls), ...(inline ? [`on it: ${onIt(d)}`] : [])].join('\n'),
    clean(d.fixed),
    ...v.months.map((month) => d.months.find((m) => m.month === month)?.utilisation ?? '–'),
    s.c.bold(d.utilisation),
    ...(inline ? [] : [onIt(d)]),
  ]);
  const head = ['deployment', 'fixed/mo', ...v.months, 'period', ...(inline ? [] : ['use cases on it'])];
  const last = inline ? -1 : head.length - 1;
  const table = grid(s, width, head, rows, {
    align: head.map((_, i) => (i === 0 || i === last ? 'left' : 'right')),
    prose: head.map((_, i) => i === 0 || i === last),
  });
  return [table, ...wrapPlain(DEPLOYMENTS_LEGEND, width).map((l) => s.c.dim(l))].join('\n');
}

function useCases(v: ReviewView, s: TerminalStyle, width: number): string {
  if (v.useCases.length === 0) return 'No traffic in the period.';
  const money = (n: number): string => formatAmount(n, v.currency);
  const rows = v.useCases.map((u, i) => [
    String(i + 1),
    s.c.bold(clean(u.useCase)),
    s.c.bold(money(u.cost)),
    money(u.billed),
    u.allocated === 0 ? '–' : money(u.allocated),
    formatTokens(u.tokens),
    u.tiers.map((t) => s.tier(clean(t.tier), t.cls)).join('\n'),
  ]);
  const table = grid(s, width, ['#', 'use case', 'cost', 'billed', 'alloc.', 'tokens', 'ran on'], rows, {
    align: ['right', 'left', 'right', 'right', 'right', 'right', 'left'],
    prose: [false, true, false, false, false, false, false],
  });
  return [table, ...wrapPlain(useCaseLegend(v, false), width).map((l) => s.c.dim(l))].join('\n');
}

function triggers(v: ReviewView, s: TerminalStyle, width: number): string {
  if (v.triggerGroups.length === 0) return 'None.';
  // Below 110 columns a move column would be a narrow strip of broken words: each row's move is
  // then said under the table, at the full width.
  const below = width < 110;
  const group = (g: TriggerGroupView): string => {
    const moveColumn = g.move === '' && !below;
    const rows = g.firings.map((f) => [
      [
        s.c.bold(clean(f.subject)),
        s.tier(clean(f.tier), f.cls),
        ...(f.useCases ? [`on it: ${clean(f.useCases)}`] : []),
        ...(f.note ? [s.c.dim(clean(f.note))] : []),
      ].join('\n'),
      ...f.figures.map((x) => (x.held ? s.c.bold(clean(x.text)) : clean(x.text))),
      f.run,
      ...(moveColumn ? [clean(f.move)] : []),
    ]);
    const head = ['subject', ...v.months, 'held', ...(moveColumn ? ['proposed move'] : [])];
    const title = `${clean(g.trigger)}: ${clean(g.rule)} (${countOf(g.firings.length, 'subject', 'subjects')})`;
    const [first = '', ...rest] = wrapPlain(title, width);
    const moves =
      g.move === '' && below
        ? g.firings.flatMap((f) =>
            wrapPlain(`${clean(f.subject)}: ${clean(f.move)}`, width - 2).map((l, i) =>
              i === 0 ? `- ${l}` : `  ${l}`,
            ),
          )
        : [];
    return [
      s.c.bold(first),
      ...rest,
      ...(g.move ? wrapPlain(`Proposed: ${clean(g.move)}`, width) : []),
      grid(s, width, head, rows, {
        align: head.map((_, i) => (i > 0 && i <= v.months.length + 1 ? 'right' : 'left')),
        prose: head.map((_, i) => i === 0 || i > v.months.length + 1),
      }),
      ...(moves.length ? ['Proposed:', ...moves] : []),
    ].join('\n');
  };
  return [
    ...wrapPlain(
      'Bold figures: the months the condition held; held: consecutive months, with those carried over from last quarter.',
      width,
    ).map((l) => s.c.dim(l)),
    ...v.triggerGroups.map(group),
  ].join('\n');
}

function proposals(v: ReviewView, s: TerminalStyle, width: number): string {
  if (v.proposals.length === 0) return 'None.';
  return v.proposals
    .map((p) =>
      [
        ...wrapPlain(`${clean(p.sentence)}: ${clean(p.reason)} (${clean(p.origin)})`, width).map((l, i) =>
          i === 0 ? s.c.bold(l) : l,
        ),
        // The YAML keeps its indentation; only a line too long for the terminal is wrapped.
        ...p.patch.flatMap((l) => {
          const line = `${l.sign} ${clean(l.text)}`;
          const lines = [...line].length <= width - 4 ? [line] : wrapPlain(line, width - 4);
          return lines.map((x) => `    ${l.sign === '-' ? s.c.red(x) : s.c.green(x)}`);
        }),
      ].join('\n'),
    )
    .join('\n');
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
  const legend = before ? [`now ← last period ${clean(v.previousPeriod)} (change in percentage points)`] : [];
  return [
    grid(s, width, ['tier', 'tokens', 'cost', 'requests'], rows, {
      align: ['left', 'right', 'right', 'right'],
      prose: [true, true, true, true],
    }),
    ...legend,
    ...note,
  ].join('\n');
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
    `${heading(s, `Triggers fired (${v.firings.length})`)}\n${triggers(v, s, width)}`,
    `${heading(s, `Proposed inventory changes (${v.proposals.length})`)}\n${proposals(v, s, width)}`,
    `${heading(s, `Use cases by cost (${v.useCases.length})`)}\n${useCases(v, s, width)}`,
    `${heading(s, before(v))}\n${split(v, s, width)}`,
    `${heading(s, `Self-hosted utilisation (${v.deployments.length})`)}\n${deployments(v, s, width)}`,
    `${heading(s, 'Monthly tokens and cost per tier')}\n${monthly(v, s, width)}`,
    `${heading(s, `Aliases not in the inventory (${v.unregistered.length})`)}\n${v.unregistered.length ? findings(s, v.unregistered, width, false) : 'None.'}`,
    `${heading(s, `Traffic to retired use cases (${v.retired.length})`)}\n${v.retired.length ? findings(s, v.retired, width, false) : 'None.'}`,
    `${heading(s, `Other findings (${v.otherFindings.length})`)}\n${others.length ? grid(s, width, ['severity', 'kind', 'subject', 'message'], others, { prose: [false, true, true, true] }) : 'None.'}`,
    `${heading(s, 'Rows')}\n${wrapPlain(`${countsSentence(v.counts)}${v.counts.outsidePeriodCells ? ` ${outsideSentence(v.counts)}` : ''}`, width).join('\n')}${rejected.length ? `\n${grid(s, width, ['rejected', 'where', 'reason'], rejected, { prose: [false, true, true] })}` : ''}`,
  ];
  return `${parts.join('\n\n')}\n`;
}

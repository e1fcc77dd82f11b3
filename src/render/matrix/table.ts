import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import { countOf } from '../text/format.js';
import { buildMatrixView, type MatrixView } from './matrix-view.js';
import type { RenderContext } from './registry.js';
import { sanitizeTerminal as clean, terminalStyle, wrapPlain, type TerminalStyle } from '../text/terminal-style.js';
import type { Plan } from '../../core/plan/plan-types.js';

// The terminal page. It must read well without colour (pipes, NO_COLOR, CI logs), so colour
// only repeats what the text already says; widths are fixed from `ctx.width` for stable output.

let tableClass: typeof CliTable3 | undefined;
/** Loaded on first use so importing the renderer registry stays cheap. */
const Table = (): typeof CliTable3 => (tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof CliTable3);

const DEFAULT_WIDTH = 120;
const MIN_WIDTH = 80;
const CELL_ITEMS = 12;

/**
 * Column widths (including padding) that add up, with borders, to `width`. The fixed columns
 * are sized for 120 columns and shrink proportionally on narrower terminals.
 */
function widths(width: number, fixedAt120: number[], flexible: number): number[] {
  const fixed = fixedAt120.map((f) =>
    width >= DEFAULT_WIDTH ? f : Math.max(8, Math.floor((f * width) / DEFAULT_WIDTH)),
  );
  const borders = fixed.length + flexible + 1;
  const rest = Math.max(flexible * 12, width - borders - fixed.reduce((a, b) => a + b, 0));
  const each = Math.floor(rest / flexible);
  const flex = Array.from({ length: flexible }, (_, i) => (i === flexible - 1 ? rest - each * (flexible - 1) : each));
  return [...fixed, ...flex];
}

function grid(s: TerminalStyle, head: string[], colWidths: number[], rows: string[][], compact = false): string {
  const t = new (Table())({
    head: head.map((h) => s.c.bold(h)),
    colWidths,
    wordWrap: true,
    // cli-table3 colours headers and borders itself unless told not to; colour is ours to decide.
    style: { head: [], border: [], compact },
  });
  t.push(...rows);
  return t.toString();
}

const heading = (s: TerminalStyle, text: string): string => s.c.bold.underline(text);

function matrix(v: MatrixView, s: TerminalStyle, width: number): string {
  const rows = v.rows.map((r) => [
    s.c.bold(clean(r.sensitivity)),
    ...r.cells.map((cell) => {
      // A cell lists its first use cases and counts the rest: a terminal page stays readable, and
      // cli-table3's per-cell measuring (quadratic in a cell's length) stays small at any size.
      const shown = cell.items.slice(0, CELL_ITEMS);
      const more = cell.items.length - shown.length;
      const items = shown.map((i) => {
        const mark = i.mark === null ? '' : ` → ${s.tier(clean(i.mark), i.markCls)}`;
        return `${clean(i.id)}${i.unclassified ? '?' : ''}${mark}`;
      });
      if (more > 0) items.push(s.c.dim(`+${more} more`));
      return [s.c.bold(s.tier(clean(cell.tier), cell.cls)), ...items].join('\n');
    }),
  ]);
  const head = ['sensitivity', ...v.capabilities.map(clean)];
  const legend = wrapPlain(
    '→ tier: placed elsewhere (regimes, residency, override) · ?: unclassified, placed fail-closed',
    width,
  );
  return [grid(s, head, widths(width, [15], v.capabilities.length), rows), ...legend.map((l) => s.c.dim(l))].join('\n');
}

function split(v: MatrixView, s: TerminalStyle, width: number): string {
  const rows = v.split.map((x) => [
    s.tier(clean(x.tier), x.cls),
    `${x.count} (${x.shareCount})`,
    `${x.tokens} (${x.shareTokens})`,
    `${x.cost} (${x.shareCost})`,
    x.reference,
  ]);
  const t = new (Table())({
    head: ['tier', 'use cases', 'tokens / month', 'est. cost / month', 'reference'].map((h) => s.c.bold(h)),
    colAligns: ['left', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  t.push(...rows);
  const order = v.split.map((x) => clean(x.tier)).join(' / ');
  const sum = v.splitSummary;
  const summary = `Split ${order}: count ${sum.count} · tokens ${sum.tokens} · cost ${sum.cost} · reference ${sum.reference}`;
  return [
    t.toString(),
    ...wrapPlain(summary, width),
    s.c.dim('Gaps and retired use cases are not placed and not counted.'),
  ].join('\n');
}

function gaps(v: MatrixView, s: TerminalStyle, width: number): string {
  if (v.gaps.length === 0) return 'No gaps.';
  const rows = v.gaps.map((g) => [
    s.c.bold(clean(g.id)),
    clean(g.cell),
    `${s.tier(clean(g.cause), 'gap')}: ${clean(g.detail)}`,
    g.remedies.map((r) => `- ${clean(r)}`).join('\n'),
  ]);
  return grid(s, ['use case', 'cell', 'cause', 'remedies'], widths(width, [24, 15], 2), rows);
}

function overrides(v: MatrixView, s: TerminalStyle, width: number): string {
  const expiring = wrapPlain(
    v.expiring.length
      ? `Expiring within 90 days: ${v.expiring.map((o) => `${clean(o.id)} (${clean(o.status)})`).join(', ')}`
      : 'No override expires within 90 days.',
    width,
  ).join('\n');
  if (v.overrides.length === 0) return `No overrides.\n${expiring}`;
  const state = (st: string): string =>
    st === 'expired' || st === 'refused' ? s.c.red(st) : st === 'exception' ? s.c.yellow(st) : st;
  const rows = v.overrides.map((o) => [
    s.c.bold(clean(o.id)),
    s.tier(clean(o.tier), o.cls),
    state(clean(o.state)),
    `${clean(o.expires)} ${o.expiring ? s.c.yellow(`(${o.daysLeft})`) : `(${o.daysLeft})`}`,
    `${clean(o.reason)} (${clean(o.approvedBy)})`,
  ]);
  return `${grid(s, ['use case', 'pinned', 'state', 'expires', 'reason (approved by)'], widths(width, [24, 15, 11, 23], 1), rows)}\n${expiring}`;
}

function unclassified(v: MatrixView, s: TerminalStyle, width: number): string {
  if (v.unclassified.length === 0) return 'No unclassified use cases.';
  const rows = v.unclassified.map((u) => [
    s.c.bold(clean(u.id)),
    clean(u.name),
    clean(u.lacks),
    `${clean(u.placed)} → ${s.tier(clean(u.tier), u.cls)}`,
  ]);
  return grid(s, ['use case', 'name', 'lacks', 'placed fail-closed'], widths(width, [24], 3), rows);
}

function rationale(v: MatrixView, s: TerminalStyle, width: number): string {
  const rows = v.rationale.map((r) => [
    s.c.bold(clean(r.id)),
    clean(r.name),
    s.tier(clean(r.tier), r.cls),
    clean(r.summary),
  ]);
  const w = widths(width, [24, 15], 2);
  // The rationale gets the larger share of the flexible width.
  const [id = 24, tier = 15, name = 20, why = 40] = [w[0], w[1], w[2], w[3]];
  const nameW = Math.max(14, Math.floor((name + why) * 0.35));
  return grid(s, ['use case', 'name', 'tier', 'rationale'], [id, nameW, tier, name + why - nameW], rows, true);
}

export function renderTable(plan: Plan, ctx: RenderContext): string {
  const s = terminalStyle(ctx);
  const width = Math.max(MIN_WIDTH, ctx.width ?? DEFAULT_WIDTH);
  const v = buildMatrixView(plan);
  const c = v.counts;
  const title = `${s.c.bold(`${v.title}: ${clean(v.policy)}`)}, as of ${clean(v.asOf)}`;
  const summary = `${countOf(c.total, 'use case', 'use cases')}: ${c.placed} placed, ${countOf(c.gaps, 'gap', 'gaps')}, ${c.retired} retired`;
  const parts = [
    `${title}\n${summary}`,
    matrix(v, s, width),
    `${heading(s, 'Portfolio split')}\n${split(v, s, width)}`,
    `${heading(s, `Gaps (${v.gaps.length})`)}\n${gaps(v, s, width)}`,
    `${heading(s, `Overrides (${v.overrides.length})`)}\n${overrides(v, s, width)}`,
    `${heading(s, `Unclassified (${v.unclassified.length})`)}\n${unclassified(v, s, width)}`,
    `${heading(s, 'Use cases')}\n${rationale(v, s, width)}`,
  ];
  return `${parts.join('\n\n')}\n`;
}

import { countOf } from '../text/format.js';
import { displayWidth } from '../text/display-width.js';
import { evenly, fitColumns, widest } from '../text/columns.js';
import { drawTable } from '../text/text-table.js';
import { buildMatrixView, type MatrixView } from './matrix-view.js';
import type { RenderContext } from './registry.js';
import { sanitizeTerminal as clean, terminalStyle, wrapPlain, type TerminalStyle } from '../text/terminal-style.js';
import type { Plan } from '../../core/plan/plan-types.js';

// The terminal page. It must read well without colour (pipes, NO_COLOR, CI logs), so colour
// only repeats what the text already says. The width is the caller's (`--width`, COLUMNS, the
// terminal's; 80 in a pipe), every table fits it, and layout is linear in the use cases.

/** Without a width from the caller: what a pipe, a CI log or a pager shows unwrapped. */
const DEFAULT_WIDTH = 80;
/** Narrower than this the matrix's four columns cannot hold a tier name. */
const MIN_WIDTH = 60;

/** An id column takes at most 30 % of the width; longer ids wrap after their hyphens. */
const idCap = (width: number): number => Math.floor(width * 0.3);

/** The use-case column of a findings table: as wide as its longest id, at most 30 % of the width. */
const idColumn = (ids: readonly string[], width: number): { natural: number; min: number } => ({
  natural: Math.min(
    widest(
      ids.map((id) => clean(id)),
      8,
    ),
    idCap(width),
  ),
  min: 12,
});

const heading = (s: TerminalStyle, text: string): string => s.c.bold.underline(text);

function matrix(v: MatrixView, s: TerminalStyle, width: number): string {
  const rows = v.rows.map((r) => [
    s.c.bold(clean(r.sensitivity)),
    ...r.cells.map((cell) => {
      const items = cell.items.map((i) => {
        const mark = i.mark === null ? '' : ` →\u00a0${s.tier(clean(i.mark), i.markCls)}`;
        return `${clean(i.id)}${i.unclassified ? '?' : ''}${i.pending ? '!' : ''}${mark}`;
      });
      if (cell.more > 0) items.push(s.c.dim(`+${cell.more} more`));
      const head = s.c.bold(s.tier(clean(cell.tier), cell.cls));
      return [head, s.c.dim(`${cell.count} (${cell.share})`), ...items].join('\n');
    }),
  ]);
  const first = widest(
    v.rows.map((r) => clean(r.sensitivity)),
    'sensitivity'.length,
  );
  const colWidths = [first, ...evenly(width - first - 1, v.capabilities.length)];
  const legend = wrapPlain(
    'Each cell: its tier, its use cases and their share of the matrix, the largest by volume first. ' +
      '→ tier: placed elsewhere (regimes, residency, override) · ?: unclassified, placed fail-closed · !: pending suggestion applied',
    width,
  );
  return [
    drawTable({ head: ['sensitivity', ...v.capabilities.map(clean)].map((h) => s.c.bold(h)), rows, widths: colWidths }),
    ...legend.map((l) => s.c.dim(l)),
  ].join('\n');
}

function split(v: MatrixView, s: TerminalStyle, width: number): string {
  const rows = v.split.map((x) => [
    s.tier(clean(x.tier), x.cls),
    `${x.count} (${x.shareCount})`,
    `${x.tokens} (${x.shareTokens})`,
    `${x.cost} (${x.shareCost})`,
    x.reference,
  ]);
  const head = ['tier', 'use cases', 'tokens / month', 'est. cost / month', 'reference'].map((h) => s.c.bold(h));
  const natural = drawTable({ head, rows, align: ['left', 'right', 'right', 'right', 'right'], compact: true });
  const order = v.split.map((x) => clean(x.tier)).join(' / ');
  const sum = v.splitSummary;
  const summary = `Split ${order}: count ${sum.count} · tokens ${sum.tokens} · cost ${sum.cost} · reference ${sum.reference}`;
  // Natural widths fit 80 columns with the default tiers; a policy's long tier names get wrapped.
  const fitted =
    displayWidth(natural.slice(0, natural.indexOf('\n'))) <= width
      ? natural
      : drawTable({
          head,
          rows,
          align: ['left', 'right', 'right', 'right', 'right'],
          compact: true,
          widths: fitColumns(
            width,
            [
              {
                natural: widest(
                  v.split.map((x) => clean(x.tier)),
                  4,
                ),
                min: 10,
              },
            ],
            4,
            8,
          ),
        });
  return [
    fitted,
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
  const head = ['use case', 'cell', 'cause', 'remedies'].map((h) => s.c.bold(h));
  const cols = [
    idColumn(
      v.gaps.map((g) => g.id),
      width,
    ),
    // `regulated ×` / `frontier`: a cell on two lines leaves the room to the cause and remedies.
    {
      natural: Math.min(
        widest(
          v.gaps.map((g) => clean(g.cell)),
          4,
        ),
        14,
      ),
      min: 14,
    },
  ];
  return drawTable({ head, rows, widths: fitColumns(width, cols, 2) });
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
    `${clean(o.expires)}\n${o.expiring ? s.c.yellow(`(${o.daysLeft})`) : `(${o.daysLeft})`}`,
    `${clean(o.reason)} (${clean(o.approvedBy)})`,
  ]);
  const head = ['use case', 'pinned', 'state', 'expires', 'reason (approved by)'].map((h) => s.c.bold(h));
  const cols = [
    idColumn(
      v.overrides.map((o) => o.id),
      width,
    ),
    {
      natural: widest(
        v.overrides.map((o) => clean(o.tier)),
        6,
      ),
      min: 10,
    },
    {
      natural: widest(
        v.overrides.map((o) => clean(o.state)),
        5,
      ),
      min: 11,
    },
    // The date, and how far off it is on a second line.
    { natural: 12, min: 12 },
  ];
  return `${drawTable({ head, rows, widths: fitColumns(width, cols, 1, 18) })}\n${expiring}`;
}

function unclassified(v: MatrixView, s: TerminalStyle, width: number): string {
  if (v.unclassified.length === 0) return 'No unclassified use cases.';
  const rows = v.unclassified.map((u) => [
    s.c.bold(clean(u.id)),
    clean(u.name),
    clean(u.lacks),
    `${clean(u.placed)} → ${s.tier(clean(u.tier), u.cls)}`,
  ]);
  const head = ['use case', 'name', 'lacks', 'placed fail-closed'].map((h) => s.c.bold(h));
  const cols = [
    idColumn(
      v.unclassified.map((u) => u.id),
      width,
    ),
  ];
  return drawTable({ head, rows, widths: fitColumns(width, cols, 3) });
}

/** One row per use case. Below 100 columns the name is left out: id, tier and rationale need the room. */
function rationale(v: MatrixView, s: TerminalStyle, width: number): string {
  const withName = width >= 100;
  const id = Math.min(
    widest(
      v.rationale.map((r) => clean(r.id)),
      'use case'.length,
    ),
    idCap(width),
  );
  const tier = widest(
    v.rationale.map((r) => clean(r.tier)),
    'tier'.length,
  );
  const room = width - id - tier - 4;
  const [name, why] = withName ? [Math.floor((room - 1) * 0.35), room - 1 - Math.floor((room - 1) * 0.35)] : [0, room];
  const rows = v.rationale.map((r) => [
    s.c.bold(clean(r.id)),
    ...(withName ? [clean(r.name)] : []),
    s.tier(clean(r.tier), r.cls),
    clean(r.summary),
  ]);
  const head = ['use case', ...(withName ? ['name'] : []), 'tier', 'rationale'].map((h) => s.c.bold(h));
  return drawTable({ head, rows, widths: [id, ...(withName ? [name] : []), tier, why], compact: true });
}

export function renderTable(plan: Plan, ctx: RenderContext): string {
  const s = terminalStyle(ctx);
  const width = Math.max(MIN_WIDTH, ctx.width ?? DEFAULT_WIDTH);
  const v = buildMatrixView(plan);
  const c = v.counts;
  const title = `${s.c.bold(`${v.title}: ${clean(v.policy)}`)}, as of ${clean(v.asOf)}`;
  const summary = `${countOf(c.total, 'use case', 'use cases')}: ${c.placed} placed, ${countOf(c.gaps, 'gap', 'gaps')}, ${c.retired} retired`;
  const parts = [
    [title, ...wrapPlain(summary, width)].join('\n'),
    matrix(v, s, width),
    `${heading(s, 'Portfolio split')}\n${split(v, s, width)}`,
    `${heading(s, `Gaps (${v.gaps.length})`)}\n${gaps(v, s, width)}`,
    `${heading(s, `Overrides (${v.overrides.length})`)}\n${overrides(v, s, width)}`,
    `${heading(s, `Unclassified or pending (${v.unclassified.length})`)}\n${unclassified(v, s, width)}`,
    `${heading(s, 'Use cases')}\n${rationale(v, s, width)}`,
  ];
  return `${parts.join('\n\n')}\n`;
}

import { countOf } from '../text/format.js';
import { buildMatrixView, CELL_SHOWN, type MatrixView } from './matrix-view.js';
import { escapeMarkdownCell as esc, joinMarkdown } from '../text/markdown-escape.js';
import type { RenderContext } from './registry.js';
import type { Plan } from '../../core/plan/plan-types.js';

// GitHub-flavoured Markdown for PR comments and wikis. Every table cell is either our own
// literal text or an escaped input string, so row and column counts depend only on the plan's shape.

type Align = 'left' | 'right';

function table(headers: string[], rows: string[][], align: Align[] = []): string[] {
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(rule), ...rows.map(line)];
}

const none = (what: string): string[] => [`_No ${what}._`];

function matrixSection(v: MatrixView): string[] {
  const rows = v.rows.map((r) => [
    `**${esc(r.sensitivity)}**`,
    ...r.cells.map((c) => {
      const items = c.items.map(
        (i) =>
          `${esc(i.id)}${i.unclassified ? '?' : ''}${i.pending ? '!' : ''}${i.mark === null ? '' : ` → ${esc(i.mark)}`}`,
      );
      if (c.more > 0) items.push(`_+${c.more} more_`);
      return [`**${esc(c.tier)}** · ${c.count} (${c.share})`, ...items].join('<br>');
    }),
  ]);
  return [
    '## Matrix',
    '',
    ...table(['sensitivity ╲ capability', ...v.capabilities.map(esc)], rows),
    '',
    'Each cell: the tier a use case with only that sensitivity and capability gets, how many use cases the cell ' +
      `holds and their share of the matrix, then its largest use cases by volume (at most ${CELL_SHOWN}; every use case ` +
      'is in the use-case table below). `→ tier`: placed elsewhere (regimes, residency, override); `?`: unclassified, ' +
      'placed fail-closed; `!`: a pending suggestion applied until confirmed.',
  ];
}

function splitSection(v: MatrixView): string[] {
  const rows = v.split.map((s) => [
    `${esc(s.tier)} (${esc(s.name)})`,
    `${s.count} (${s.shareCount})`,
    `${s.tokens} (${s.shareTokens})`,
    `${s.cost} (${s.shareCost})`,
    s.reference,
  ]);
  const order = v.split.map((s) => esc(s.tier)).join(' / ');
  return [
    '## Portfolio split',
    '',
    ...table(['tier', 'use cases', 'tokens / month', 'est. cost / month', 'reference'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
    ]),
    '',
    `${order}: by count **${v.splitSummary.count}**, by tokens **${v.splitSummary.tokens}**, ` +
      `by cost **${v.splitSummary.cost}** against the reference **${v.splitSummary.reference}**. ` +
      'Gaps and retired use cases are not placed and not counted.',
  ];
}

function gapsSection(v: MatrixView): string[] {
  const rows = v.gaps.map((g) => [
    `**${esc(g.id)}** ${esc(g.name)}`,
    esc(g.cell),
    `${esc(g.cause)}: ${esc(g.detail)}`,
    joinMarkdown(g.remedies, '<br>'),
  ]);
  return [
    `## Gaps (${v.gaps.length})`,
    '',
    ...(rows.length ? table(['use case', 'cell', 'cause', 'remedies'], rows) : none('gaps')),
  ];
}

function overridesSection(v: MatrixView): string[] {
  const rows = v.overrides.map((o) => [
    `**${esc(o.id)}**`,
    esc(o.tier),
    esc(o.state),
    `${esc(o.expires)} (${esc(o.daysLeft)})${o.expiring ? ' ⏳' : ''}`,
    esc(o.reason),
    esc(o.approvedBy),
  ]);
  const expiring = v.expiring.length
    ? `⏳ Expiring within 90 days: ${v.expiring.map((o) => `**${esc(o.id)}** (${esc(o.status)})`).join(', ')}.`
    : 'No override expires within 90 days.';
  return [
    `## Overrides (${v.overrides.length})`,
    '',
    ...(rows.length
      ? table(['use case', 'pinned tier', 'state', 'expires', 'reason', 'approved by'], rows)
      : none('overrides')),
    '',
    expiring,
  ];
}

function unclassifiedSection(v: MatrixView): string[] {
  const rows = v.unclassified.map((u) => [`**${esc(u.id)}** ${esc(u.name)}`, esc(u.lacks), esc(u.placed), esc(u.tier)]);
  return [
    `## Unclassified or pending (${v.unclassified.length})`,
    '',
    ...(rows.length
      ? table(['use case', 'lacks', 'placed fail-closed at', 'tier'], rows)
      : none('unclassified use cases')),
  ];
}

function rationaleSection(v: MatrixView): string[] {
  const rows = v.rationale.map((r) => [`**${esc(r.id)}**`, esc(r.name), esc(r.tier), esc(r.summary)]);
  return ['## Use cases', '', ...table(['use case', 'name', 'tier', 'rationale'], rows)];
}

export function renderMarkdown(plan: Plan, _ctx: RenderContext): string {
  const v = buildMatrixView(plan);
  const c = v.counts;
  const sections = [
    [
      `# ${v.title}: ${esc(v.policy)}, as of ${esc(v.asOf)}`,
      '',
      `${countOf(c.total, 'use case', 'use cases')}: ${c.placed} placed, ${countOf(c.gaps, 'gap', 'gaps')}, ${c.retired} retired.`,
    ],
    matrixSection(v),
    splitSection(v),
    gapsSection(v),
    overridesSection(v),
    unclassifiedSection(v),
    rationaleSection(v),
    [`<sub>Generated by ${esc(v.generator)} from plan schema ${plan.schema_version}.</sub>`],
  ];
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}

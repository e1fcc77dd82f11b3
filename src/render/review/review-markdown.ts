import { countOf, formatInt, formatPct, formatTokens } from '../text/format.js';
import { formatAmount } from '../../core/review/money.js';
import { escapeMarkdownCell as esc } from '../text/markdown-escape.js';
import type { RenderContext } from '../matrix/registry.js';
import { buildReviewView, type ReviewView, type ReviewViewOptions } from './review-view.js';
import { countsSentence, outsideSentence } from './review-view-counts.js';
import { DEPLOYMENTS_LEGEND } from './review-view-deployments.js';
import type { FindingView } from './review-view-findings.js';
import { MONTHLY_LEGEND, moneySentence, tierMonthText, useCaseLegend } from './review-view-money.js';
import type { ProposalView, TriggerGroupView } from './review-view-triggers.js';
import type { Review } from '../../core/review/review-types.js';

// The review as GitHub-flavoured Markdown (a PR comment, a wiki page). Every cell is our own
// literal text or an escaped input string, so the shape depends only on the review's shape.

type Align = 'left' | 'right';

function table(headers: string[], rows: string[][], align: Align[] = []): string[] {
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(rule), ...rows.map(line)];
}

const section = (title: string, rows: string[][], headers: string[], empty: string, align: Align[] = []): string[] => [
  `## ${title}`,
  '',
  ...(rows.length ? table(headers, rows, align) : [`_${empty}_`]),
];

/** A table folded away (GitHub renders `<details>`): the full detail, out of the meeting's way. */
function details(summary: string, rows: string[][], headers: string[], empty: string, align: Align[] = []): string[] {
  if (rows.length === 0) return [`_${empty}_`];
  return [`<details><summary>${esc(summary)}</summary>`, '', ...table(headers, rows, align), '', '</details>'];
}

const findingRows = (fs: FindingView[]): string[][] =>
  fs.map((f) => [`**${esc(f.subject)}**`, esc(f.tier), esc(f.months), esc(f.traffic), esc(f.message)]);

function monthlySection(v: ReviewView): string[] {
  // Amounts are escaped like any cell: two `$` in one line would open GitHub's inline maths.
  const money = (n: number): string => esc(formatAmount(n, v.currency));
  const sums = (m: { tokens: number; billed: number; allocated: number }): string[] => [
    formatTokens(m.tokens),
    money(m.billed),
    m.allocated === 0 ? '–' : money(m.allocated),
  ];
  const rows = [
    ...v.monthly.map((m) => [esc(m.month), ...m.tiers.map((t) => esc(tierMonthText(t, v.currency))), ...sums(m)]),
    ['**total**', ...v.tiers.map(() => ''), ...sums(v.totals).map((x) => `**${x}**`)],
  ];
  const headers = ['month', ...v.tiers.map((t) => esc(t.tier)), 'tokens', 'billed', 'allocated'];
  return [
    '## Monthly tokens and cost per tier',
    '',
    ...table(
      headers,
      rows,
      headers.map((_, i) => (i === 0 ? 'left' : 'right')),
    ),
    '',
    esc(MONTHLY_LEGEND),
  ];
}

function deploymentsSection(v: ReviewView): string[] {
  const rows = v.deployments.map((d) => [
    `**${esc(d.deployment)}**`,
    esc(d.tier),
    esc(d.fixed),
    ...v.months.map((month) => {
      const m = d.months.find((x) => x.month === month);
      return m ? `${m.utilisation} (${m.tokens})` : '–';
    }),
    `**${d.utilisation}**`,
    d.useCases.length ? d.useCases.map(esc).join(', ') : '_none_',
  ]);
  const headers = ['deployment', 'tier', 'fixed / month', ...v.months.map(esc), 'period', 'use cases on it'];
  return [
    ...section(
      `Self-hosted utilisation (${v.deployments.length})`,
      rows,
      headers,
      'The policy has no self-hosted deployment (fixed_cost and capacity).',
      headers.map((_, i) => (i >= 2 && i < headers.length - 1 ? 'right' : 'left')),
    ),
    ...(rows.length ? ['', esc(DEPLOYMENTS_LEGEND)] : []),
  ];
}

function useCasesSection(v: ReviewView): string[] {
  const money = (n: number): string => esc(formatAmount(n, v.currency));
  const rows = v.useCases.map((u, i) => [
    String(i + 1),
    `**${esc(u.useCase)}**`,
    u.tiers.map((t) => esc(t.tier)).join(', '),
    `**${money(u.cost)}**`,
    money(u.billed),
    u.allocated === 0 ? '–' : money(u.allocated),
    formatTokens(u.tokens),
    formatInt(u.requests),
    u.p95 === null ? '–' : `${formatInt(u.p95)} ms`,
  ]);
  return [
    ...section(
      `Use cases by cost (${v.useCases.length})`,
      rows,
      ['#', 'use case', 'ran on', 'cost', 'billed', 'allocated', 'tokens', 'requests', 'p95'],
      'No traffic in the period.',
      ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    ...(rows.length ? ['', esc(useCaseLegend(v, false))] : []),
  ];
}

function triggersSection(v: ReviewView): string[] {
  const group = (g: TriggerGroupView): string[] => {
    const headers = ['subject', 'tier', ...v.months.map(esc), 'months held', ...(g.move ? [] : ['proposed move'])];
    const rows = g.firings.map((f) => [
      [
        `**${esc(f.subject)}**`,
        ...(f.useCases ? [`on it: ${esc(f.useCases)}`] : []),
        ...(f.note ? [`_${esc(f.note)}_`] : []),
      ].join('<br>'),
      esc(f.tier),
      ...f.figures.map((x) => (x.held ? `**${figure(x.text)}**` : figure(x.text))),
      f.run,
      ...(g.move ? [] : [esc(f.move)]),
    ]);
    return [
      `### ${esc(g.trigger)}: ${esc(g.rule)} (${countOf(g.firings.length, 'subject', 'subjects')})`,
      '',
      ...(g.move ? [`Proposed: ${esc(g.move)}`, ''] : []),
      ...table(
        headers,
        rows,
        headers.map((_, i) => (i >= 2 && i < 3 + v.months.length ? 'right' : 'left')),
      ),
    ];
  };
  return [
    `## Triggers fired (${v.firings.length})`,
    '',
    ...(v.triggerGroups.length
      ? [
          'Figures in bold: the months the condition held; months held counts consecutive months, with those carried over from last quarter.',
          ...v.triggerGroups.flatMap((g) => ['', ...group(g)]),
        ]
      : ['_No trigger fired._']),
  ];
}

/**
 * A figure of our own (`0.22%`, `$6,000`, `1.2M`): only `$` needs a backslash (two would open
 * GitHub's inline maths); the full escaping would print `0\\.22%` in the raw text.
 */
const figure = (text: string): string => text.replace(/\$/g, '\\$');

/** A fence longer than any run of backticks inside, so no input line can close it. */
function fenced(lang: string, lines: string[]): string[] {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, ...lines, fence];
}

function proposalsSection(v: ReviewView): string[] {
  const item = (p: ProposalView): string[] => [
    `- **${esc(p.sentence)}**: ${esc(p.reason)} (${esc(p.origin)})`,
    '',
    ...fenced(
      'diff',
      p.patch.map((l) => `${l.sign} ${l.text.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}`),
    ).map((l) => `  ${l}`),
  ];
  return [
    `## Proposed inventory changes (${v.proposals.length})`,
    '',
    ...(v.proposals.length
      ? [
          "Each change to the use case's inventory entry: `-` what it holds now, `+` what it will hold. `--propose FILE` writes them as a patch to review; `--apply FILE` applies it, keeping every comment.",
          '',
          ...v.proposals.flatMap((p, i) => [...(i ? [''] : []), ...item(p)]),
        ]
      : ['_No changes proposed._']),
  ];
}

function splitSection(v: ReviewView): string[] {
  const before = v.previousSplit;
  const change = v.splitChange;
  if (!before || !change) {
    const rows = v.split.map((s) => [
      esc(s.tier),
      formatPct(s.shareTokens),
      formatPct(s.shareCost),
      formatPct(s.shareRequests),
    ]);
    return [
      ...section('Portfolio split', rows, ['tier', 'tokens', 'cost', 'requests'], 'No traffic in the period.', [
        'left',
        'right',
        'right',
        'right',
      ]),
      '',
      esc(v.splitNote),
    ];
  }
  // Share now, share last period, change in percentage points, for each measure.
  const rows = v.split.map((s, i) => {
    const b = before[i]!;
    const c = change[i]!;
    return [
      esc(s.tier),
      formatPct(s.shareTokens),
      formatPct(b.shareTokens),
      c.tokens,
      formatPct(s.shareCost),
      formatPct(b.shareCost),
      c.cost,
      formatPct(s.shareRequests),
      formatPct(b.shareRequests),
      c.requests,
    ];
  });
  const headers = ['tier', 'tokens', `last`, 'change', 'cost', 'last', 'change', 'requests', 'last', 'change'];
  return [
    ...section(
      `Portfolio split against last period (${esc(v.previousPeriod)})`,
      rows,
      headers,
      'No traffic in either period.',
      headers.map((_, i) => (i === 0 ? 'left' : 'right')),
    ),
    '',
    `Shares of ${esc(v.from)}..${esc(v.to)}, of ${esc(v.previousPeriod)} (last), and the change in percentage points. ${esc(v.splitNote)}`,
  ];
}

export function renderReviewMarkdown(review: Review, _ctx: RenderContext, opts: ReviewViewOptions = {}): string {
  const v = buildReviewView(review, opts);
  const sections: string[][] = [
    [
      `# ${v.title}: ${esc(v.policy)}, ${esc(v.from)}..${esc(v.to)}, as of ${esc(v.asOf)}`,
      '',
      `${esc(v.breachCount)}, ${countOf(v.firings.length, 'trigger fired', 'triggers fired')}, ` +
        `${countOf(v.proposals.length, 'proposed change', 'proposed changes')}, ${countOf(v.unregistered.length, 'unregistered alias', 'unregistered aliases')}. ` +
        `${formatTokens(v.totals.tokens)} tokens; ${esc(moneySentence(v))}.`,
      '',
      esc(v.notPlaced),
    ],
    section(
      `Breaches: traffic on a tier not cleared for its data (${v.breaches.length})`,
      findingRows(v.breaches),
      ['use case', 'ran on', 'months', 'traffic', 'why'],
      'No traffic ran on a tier not cleared for its data.',
    ),
    triggersSection(v),
    proposalsSection(v),
    useCasesSection(v),
    splitSection(v),
    deploymentsSection(v),
    monthlySection(v),
    section(
      `Aliases not in the inventory (${v.unregistered.length})`,
      findingRows(v.unregistered),
      ['alias', 'ran on', 'months', 'traffic', 'finding'],
      'All traffic came from aliases in the inventory.',
    ),
    section(
      `Traffic to retired use cases (${v.retired.length})`,
      findingRows(v.retired),
      ['use case', 'ran on', 'months', 'traffic', 'finding'],
      'No traffic to retired use cases.',
    ),
    section(
      `Other findings (${v.otherFindings.length})`,
      v.otherFindings.map((f) => [esc(f.severity), esc(f.kind), `**${esc(f.subject)}**`, esc(f.message)]),
      ['severity', 'kind', 'subject', 'message'],
      'No other findings.',
    ),
    [
      '## Usage per use case, month and tier',
      '',
      ...details(
        `${v.usage.length} ${v.usage.length === 1 ? 'cell' : 'cells'}: requests, tokens, cost, failures, p95 latency and deployments`,
        v.usage.map((u) => [
          `**${esc(u.useCase)}**`,
          esc(u.month),
          esc(u.tier),
          u.requests,
          u.tokens,
          esc(u.billed),
          esc(u.allocated),
          u.failures,
          u.p95,
          esc(u.deployments),
        ]),
        ['use case', 'month', 'ran on', 'requests', 'tokens', 'billed', 'allocated', 'failures', 'p95', 'deployments'],
        'No attributed traffic in the period.',
        ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
    ],
    [
      '## Rows',
      '',
      countsSentence(v.counts) + (v.counts.outsidePeriodCells ? ` ${outsideSentence(v.counts)}` : ''),
      ...(v.rejected.length
        ? [
            '',
            ...table(
              ['rejected', 'where', 'reason'],
              v.rejected.map((r) => [esc(r.kind), `${esc(r.file)}:${r.line}`, esc(r.reason)]),
            ),
          ]
        : []),
    ],
    [`<sub>Generated by tierplan from review schema ${v.schemaVersion}.</sub>`],
  ];
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}

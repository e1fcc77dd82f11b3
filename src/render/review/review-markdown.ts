import { countOf, formatMoney, formatPct, formatTokens } from '../text/format.js';
import { escapeMarkdownCell as esc } from '../text/markdown-escape.js';
import type { RenderContext } from '../matrix/registry.js';
import { buildReviewView, type ReviewView, type ReviewViewOptions } from './review-view.js';
import { countsSentence, outsideSentence } from './review-view-counts.js';
import { deploymentsLegend } from './review-view-deployments.js';
import type { FindingView } from './review-view-findings.js';
import { moneySentence, monthlyLegend, tierMonthText } from './review-view-money.js';
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

const findingRows = (fs: FindingView[]): string[][] =>
  fs.map((f) => [`**${esc(f.subject)}**`, esc(f.tier), esc(f.months), esc(f.traffic), esc(f.message)]);

function monthlySection(v: ReviewView): string[] {
  const money = (m: { tokens: number; billed: number; allocated: number }): string[] => [
    formatTokens(m.tokens),
    formatMoney(m.billed),
    formatMoney(m.allocated),
  ];
  const rows = [
    ...v.monthly.map((m) => [esc(m.month), ...m.tiers.map(tierMonthText), ...money(m)]),
    ['**total**', ...v.tiers.map(() => ''), ...money(v.totals).map((x) => `**${x}**`)],
  ];
  const c = esc(v.currency);
  const headers = ['month', ...v.tiers.map((t) => esc(t.tier)), 'tokens', `billed (${c})`, `allocated (${c})`];
  return [
    '## Monthly volume and cost per tier',
    '',
    ...table(
      headers,
      rows,
      headers.map((_, i) => (i === 0 ? 'left' : 'right')),
    ),
    '',
    esc(monthlyLegend(v)),
  ];
}

function deploymentsSection(v: ReviewView): string[] {
  const rows = v.deployments.flatMap((d) =>
    d.months.map((m) => [
      `**${esc(d.deployment)}**`,
      esc(d.tier),
      esc(m.month),
      m.tokens,
      m.capacity,
      m.utilisation,
      m.fixed,
      esc(m.useCases),
    ]),
  );
  const headers = [
    'deployment',
    'tier',
    'month',
    'tokens',
    'capacity',
    'utilisation',
    `fixed (${esc(v.currency)}/month)`,
    'use cases',
  ];
  return [
    ...section(
      `Self-hosted utilisation (${v.deployments.length})`,
      rows,
      headers,
      'The policy has no self-hosted deployment (fixed_cost and capacity).',
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
    ),
    ...(rows.length ? ['', esc(deploymentsLegend(v))] : []),
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
    monthlySection(v),
    deploymentsSection(v),
    section(
      'Top use cases by cost',
      v.top.map((u) => [
        `**${esc(u.useCase)}**`,
        formatTokens(u.tokens),
        formatMoney(u.billed),
        formatMoney(u.allocated),
        u.tiers.map((t) => esc(t.tier)).join(', '),
      ]),
      ['use case', 'tokens', `billed (${esc(v.currency)})`, `allocated (${esc(v.currency)})`, 'ran on'],
      'No traffic in the period.',
      ['left', 'right', 'right', 'right', 'left'],
    ),
    splitSection(v),
    section(
      `Triggers fired (${v.firings.length})`,
      v.firings.map((f) => [
        `**${esc(f.trigger)}**`,
        esc(f.subject),
        esc(f.tier),
        f.run,
        [
          ...f.figures.map((x) => esc(x.label)),
          ...(f.note ? [`_${esc(f.note)}_`] : []),
          ...(f.useCases ? [`use cases: ${esc(f.useCases)}`] : []),
        ].join('<br>'),
        esc(f.move),
      ]),
      ['trigger', 'subject', 'tier', 'run', 'evidence', 'proposed move'],
      'No trigger fired.',
    ),
    section(
      `Proposed inventory changes (${v.proposals.length})`,
      v.proposals.map((p) => [
        `**${esc(p.useCase)}**`,
        esc(p.action),
        `${esc(p.path)}: ${esc(p.from)} → ${esc(p.to)}`,
        esc(p.reason),
      ]),
      ['use case', 'action', 'change', 'reason'],
      'No changes proposed.',
    ),
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
    section(
      'Usage per use case and month',
      v.usage.map((u) => [
        `**${esc(u.useCase)}**`,
        esc(u.month),
        esc(u.tier),
        u.requests,
        u.tokens,
        u.billed,
        u.allocated,
        u.failures,
        u.p95,
        esc(u.deployments),
      ]),
      [
        'use case',
        'month',
        'ran on',
        'requests',
        'tokens',
        `billed (${esc(v.currency)})`,
        `allocated (${esc(v.currency)})`,
        'failures',
        'p95',
        'deployments',
      ],
      'No attributed traffic in the period.',
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
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

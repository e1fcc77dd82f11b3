import type { PlanDiff } from '../../core/diff/plan-diff.js';
import { escapeMarkdownCell } from '../text/markdown-escape.js';
import { sanitizeTerminal as clean } from '../text/terminal-style.js';
import { headline, sections, splitSection, type Section } from './diff-lines.js';

/** Rows shown before a Markdown section folds the rest into `<details>`. */
const OPEN_ROWS = 10;

export function renderDiffText(d: PlanDiff): string {
  const lines = [clean(headline(d)), `base: ${clean(describe(d.base))}`, `head: ${clean(describe(d.head))}`];
  for (const s of [...sections(d), splitSection(d)]) {
    lines.push('', `${s.title} (${s.rows.length})`);
    for (const r of s.rows) lines.push(`  ${r.map(clean).join('  ·  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderDiffMarkdown(d: PlanDiff): string {
  const head = headline(d);
  const out = [
    d.widened.length > 0 ? `**⚠️ ${escapeMarkdownCell(head)}**` : `**${escapeMarkdownCell(head)}**`,
    '',
    `<sub>base: ${escapeMarkdownCell(describe(d.base))} · head: ${escapeMarkdownCell(describe(d.head))}</sub>`,
  ];
  for (const s of [...sections(d), splitSection(d)]) out.push('', ...markdownSection(s));
  return `${out.join('\n')}\n`;
}

function markdownSection(s: Section): string[] {
  const table = (rows: string[][]): string[] => [
    `| ${s.head.join(' | ')} |`,
    `| ${s.head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(escapeMarkdownCell).join(' | ')} |`),
  ];
  const lines = [`### ${s.title} (${s.rows.length})`, '', ...table(s.rows.slice(0, OPEN_ROWS))];
  if (s.rows.length > OPEN_ROWS)
    lines.push(
      '',
      '<details>',
      `<summary>${s.rows.length - OPEN_ROWS} more</summary>`,
      '',
      ...table(s.rows.slice(OPEN_ROWS)),
      '',
      '</details>',
    );
  return lines;
}

export function renderDiffJson(d: PlanDiff): string {
  return `${JSON.stringify({ schema_version: 1, headline: headline(d), ...d }, null, 2)}\n`;
}

const describe = (p: PlanDiff['base']): string => `${p.use_cases} use cases, policy ${p.policy}, as of ${p.as_of}`;

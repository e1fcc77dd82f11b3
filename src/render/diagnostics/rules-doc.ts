// docs/rules.md, generated from the catalog so every code a user can see is documented where
// the help anchors of JSON and SARIF output point. `npm run docs:rules` writes it; a test fails
// when the file and the catalog disagree.
import { AREAS, CATALOG, type Category, type DiagnosticCode } from '../../core/diagnostics/catalog.js';

const CATEGORY_TITLE: Record<Category, string> = {
  input: 'Input problems',
  plan: 'Plan findings (tierplan plan)',
  verify: 'Gateway config checks (tierplan verify)',
  review: 'Usage review (tierplan review)',
};

const CATEGORY_INTRO: Record<Category, string> = {
  input:
    'Reported with file:line:column when an input cannot be read or says something tierplan cannot accept. Any error stops the command with exit code 2 before anything is written.',
  plan: 'Reported by `tierplan plan` at the use case in the inventory, as diagnostics (`--annotations github` prints them as workflow commands; plan.json lists the same use cases under `gaps`, `unclassified`, `pending` and `overrides`). They make it exit 1 only at the `--fail-on` level that counts them: gap (`plan-gap`), unclassified, suggestion, any.',
  verify:
    'Reported by `tierplan verify` for a LiteLLM or Portkey config. An error finding makes it exit 1. Problems inside the config itself are reported as `config-problem`, their own code first in the message.',
  review:
    'Reported by `tierplan review` in review.json and the report, per use case and tier, with the figures behind them.',
};

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

/**
 * Catalog text as Markdown: outside `code spans`, characters Markdown would read as emphasis, a
 * link, an HTML tag (`metadata.<key>` would vanish) or math (GitHub's `$…$`) are escaped; an underscore inside a word
 * (model_info) is not emphasis and stays as written.
 */
export function markdownText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/[\\*<>[\]$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`),
    )
    .join('');
}

export function renderRulesDoc(): string {
  const out: string[] = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from src/core/diagnostics/catalog*.ts by `npm run docs:rules`: edit the catalog, not this file. -->',
    '',
    'Every problem and finding tierplan reports carries one of these codes, in every output form: the',
    'text form (`file:line:column: severity code: message`), JSON (`help` links here), SARIF (one rule',
    'per code) and GitHub annotations (the code is the title). The severity given is the usual one;',
    'the message says when a situation raises or lowers it.',
    '',
  ];
  const categories = [...new Set(AREAS.map((a) => a.category))];
  for (const category of categories) out.push(`- [${CATEGORY_TITLE[category]}](#${slug(CATEGORY_TITLE[category])})`);
  for (const category of categories) {
    out.push('', `## ${CATEGORY_TITLE[category]}`, '', markdownText(CATEGORY_INTRO[category]));
    for (const area of AREAS.filter((a) => a.category === category)) {
      out.push('', `### ${area.title}`);
      for (const code of Object.keys(area.rules) as DiagnosticCode[]) {
        const e = CATALOG[code];
        out.push('', `#### ${code}`, '', `*${e.severity}* — ${markdownText(e.description)}`, '', markdownText(e.help));
      }
    }
  }
  return `${out.join('\n')}\n`;
}

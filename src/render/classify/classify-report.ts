import type { SuggestionGroup } from '../../core/classify/groups.js';
import { sanitizeTerminal as clean } from '../text/terminal-style.js';

export interface ClassifyReport {
  action: 'list' | 'accept' | 'dismiss';
  /** Why, for a dismissal. */
  reason: string | null;
  dry_run: boolean;
  grouped_by: 'owner' | 'suggestion';
  groups: SuggestionGroup[];
  /** Use cases changed (or that would be, on a dry run). */
  changed: number;
  files: string[];
}

const SHOWN = 8;
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The groups as a reader decides them: size, what is suggested, the reasons, the first ids. */
export function renderClassifyText(r: ClassifyReport): string {
  const total = r.groups.reduce((n, g) => n + g.use_cases.length, 0);
  if (total === 0) return 'No pending suggestions match: nothing to decide.\n';
  const lines: string[] = [];
  for (const g of r.groups) {
    const classes = g.classes.map((c) => `${clean(c.name)} ×${c.count}`).join(', ') || 'no class';
    lines.push(`${clean(g.key)} — ${plural(g.use_cases.length, 'use case')}; suggested ${classes}`);
    for (const b of g.because.slice(0, 3)) lines.push(`    because ${clean(b.text)} (${b.count})`);
    if (g.because.length > 3) lines.push(`    … ${plural(g.because.length - 3, 'more reason')}`);
    const ids = g.use_cases.slice(0, SHOWN).map(clean).join(', ');
    lines.push(`    ${ids}${g.use_cases.length > SHOWN ? `, +${g.use_cases.length - SHOWN} more` : ''}`);
  }
  lines.push('', summary(r, total));
  return `${lines.join('\n')}\n`;
}

function summary(r: ClassifyReport, total: number): string {
  const groups = plural(r.groups.length, 'group');
  if (r.action === 'list')
    return `${plural(total, 'use case')} with pending suggestions in ${groups}, applied fail-closed until decided. Accept with --accept-suggestions, or dismiss with --dismiss-suggestions "<who, why>"; narrow with --where.`;
  const verb = r.action === 'accept' ? 'accepted' : 'dismissed';
  if (r.dry_run) return `dry run: would have ${verb} the suggestions of ${plural(total, 'use case')}; nothing written.`;
  return `${verb} the suggestions of ${plural(r.changed, 'use case')} in ${groups}; wrote ${r.files.map(clean).join(', ')}.`;
}

export function renderClassifyJson(r: ClassifyReport): string {
  return `${JSON.stringify({ schema_version: 1, ...r }, null, 2)}\n`;
}

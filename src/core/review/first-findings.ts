// The --fail-on summary line of `review`: its first findings named, so a CI log says what failed.
import { terminalText } from '../diagnostics/terminal-text.js';
import type { Review } from './review-types.js';

/** The first findings (most severe first, breaches leading), named so a CI log says what failed. */
export function firstFindings(r: Review, shown = 3): string {
  const named = r.findings.filter((f) => f.severity !== 'info');
  const text = named
    .slice(0, shown)
    .map((f) => {
      const who = f.use_case === null ? '' : ` ${terminalText(f.use_case)}`;
      const where = f.tier === null ? '' : ` on ${f.tier}`;
      const when = f.months.length > 0 ? ` (${f.months.join(', ')})` : '';
      return `${f.kind}:${who}${where}${when}`;
    })
    .concat(r.triggers.length > 0 && named.length < shown ? [`${r.triggers.length} trigger(s) fired`] : []);
  return `${text.join('; ')}${named.length > shown ? `; +${named.length - shown} more` : ''}`;
}

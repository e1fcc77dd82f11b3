// The --fail-on summary line of `review`: how many findings count at the level, and the first of
// those named, so a CI log says what failed — the names are always among the ones counted.
import { terminalText } from '../diagnostics/terminal-text.js';
import type { Review, ReviewFinding } from './review-types.js';
import { isBreach } from './unregistered.js';

export type ReviewFailOn = 'none' | 'breach' | 'drift' | 'trigger' | 'any';

// Traffic to a retired use case is traffic where the plan puts none: the drift level, with
// unregistered aliases and labels that contradict where the rows ran.
const DRIFT_KINDS: ReadonlySet<string> = new Set([
  'drift',
  'unregistered',
  'retired-traffic',
  'label-mismatch',
  'use-case-mismatch',
]);

/** The findings that count at `level`, breaches first, then fired triggers' count. */
function counted(r: Review, level: ReviewFailOn): { findings: ReviewFinding[]; triggers: number } {
  if (level === 'none') return { findings: [], triggers: 0 };
  // Rows on a deployment nobody can identify are judged as the most open tier: a breach when it is not cleared.
  const breaches = r.findings.filter(isBreach);
  if (level === 'breach') return { findings: breaches, triggers: 0 };
  const drift = r.findings.filter((f) => !isBreach(f) && DRIFT_KINDS.has(f.kind));
  if (level === 'drift') return { findings: [...breaches, ...drift], triggers: 0 };
  if (level === 'trigger') return { findings: [...breaches, ...drift], triggers: r.triggers.length };
  const rest = r.findings.filter((f) => f.severity !== 'info' && !isBreach(f) && !DRIFT_KINDS.has(f.kind));
  return { findings: [...breaches, ...drift, ...rest], triggers: r.triggers.length };
}

/** The summary line at `level`, or null when nothing counts there. */
export function failOnSummary(r: Review, level: ReviewFailOn, shown = 3): string | null {
  const { findings, triggers } = counted(r, level);
  const found = findings.length + triggers;
  if (found === 0) return null;
  const named = findings.slice(0, shown).map((f) => {
    const who = f.use_case === null ? '' : ` ${terminalText(f.use_case)}`;
    const where = f.tier === null ? '' : ` on ${f.tier}`;
    const when = f.months.length > 0 ? ` (${f.months.join(', ')})` : '';
    return `${f.kind}:${who}${where}${when}`;
  });
  const more = findings.length - named.length;
  const parts = [
    ...named,
    ...(more > 0 ? [`+${more} more`] : []),
    ...(triggers > 0 ? [`${triggers} trigger${triggers === 1 ? '' : 's'} fired`] : []),
  ];
  return `${found} finding${found === 1 ? '' : 's'} at --fail-on ${level}: ${parts.join('; ')}`;
}

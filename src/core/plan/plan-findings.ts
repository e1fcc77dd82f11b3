// What `plan --fail-on` counts, one diagnostic-shaped record per use case and kind, in the order a
// reader fixes them: gaps first. Positions are the caller's: the core knows ids, not files.
import type { PlanCode } from '../diagnostics/catalog.js';
import type { Plan } from './plan-types.js';

export type FailOn = 'none' | 'gap' | 'unclassified' | 'suggestion' | 'any';

export interface PlanFinding {
  code: PlanCode;
  severity: 'error' | 'warning';
  use_case: string;
  message: string;
}

const COUNTED: Record<FailOn, readonly PlanCode[]> = {
  none: [],
  gap: ['plan-gap'],
  unclassified: ['plan-unclassified'],
  suggestion: ['plan-pending-suggestion'],
  any: ['plan-gap', 'plan-unclassified', 'plan-pending-suggestion', 'plan-override-not-honoured'],
};

export function planFindings(plan: Plan): PlanFinding[] {
  const out: PlanFinding[] = [];
  const live = plan.use_cases.filter((u) => u.decided_by !== 'retired');
  for (const u of live)
    if (u.gap)
      out.push({
        code: 'plan-gap',
        severity: 'error',
        use_case: u.id,
        message: `gap: ${u.id} (${u.sensitivity} × ${u.capability}): ${u.gap.cause}`,
      });
  for (const u of live)
    if (u.unclassified.length > 0)
      out.push({
        code: 'plan-unclassified',
        severity: 'warning',
        use_case: u.id,
        message: `unclassified: ${u.id} lacks ${u.unclassified.join(', ')}, placed fail-closed on ${u.tier ?? 'no tier'}`,
      });
  for (const u of live)
    if (u.pending_suggestion.length > 0)
      out.push({
        code: 'plan-pending-suggestion',
        severity: 'warning',
        use_case: u.id,
        message: `suggestion: ${u.id} placed on ${u.tier ?? 'no tier'} by suggested ${u.pending_suggestion.join(', ')}, pending confirmation`,
      });
  for (const u of live)
    if (u.override && (u.override.state === 'refused' || u.override.state === 'expired'))
      out.push({
        code: 'plan-override-not-honoured',
        severity: 'warning',
        use_case: u.id,
        message: `override: ${u.id}'s override to ${u.override.tier} is ${u.override.state}`,
      });
  return out;
}

/** The findings `--fail-on` counts. */
export function countedFindings(findings: readonly PlanFinding[], failOn: FailOn): PlanFinding[] {
  const codes = COUNTED[failOn];
  return findings.filter((f) => codes.includes(f.code));
}

/** `2 findings at --fail-on any: gap: a (…); unclassified: b …; +3 more` — names the first ones. */
export function findingsSummary(counted: readonly PlanFinding[], failOn: FailOn, shown = 3): string {
  const n = counted.length;
  const first = counted
    .slice(0, shown)
    .map((f) => f.message)
    .join('; ');
  return `${n} finding${n === 1 ? '' : 's'} at --fail-on ${failOn}: ${first}${n > shown ? `; +${n - shown} more` : ''}`;
}

// What `plan --fail-on` counts, one diagnostic-shaped record per use case and kind, in the order a
// reader fixes them: gaps first. Positions are the caller's: the core knows ids, not files.
import type { PlanCode } from '../diagnostics/catalog.js';
import type { Plan, PlannedUseCase } from './plan-types.js';

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

interface Kind {
  code: PlanCode;
  severity: PlanFinding['severity'];
  holds: (u: PlannedUseCase) => boolean;
  message: (u: PlannedUseCase) => string;
}

const tierOf = (u: PlannedUseCase): string => u.tier ?? 'no tier';

/** In the order a reader fixes them: gaps first. */
const KINDS: readonly Kind[] = [
  {
    code: 'plan-gap',
    severity: 'error',
    holds: (u) => u.gap !== null,
    message: (u) => `gap: ${u.id} (${u.sensitivity} × ${u.capability}): ${u.gap?.cause}`,
  },
  {
    code: 'plan-unclassified',
    severity: 'warning',
    holds: (u) => u.unclassified.length > 0,
    message: (u) => `unclassified: ${u.id} lacks ${u.unclassified.join(', ')}, placed fail-closed on ${tierOf(u)}`,
  },
  {
    code: 'plan-pending-suggestion',
    severity: 'warning',
    holds: (u) => u.pending_suggestion.length > 0,
    message: (u) =>
      `suggestion: ${u.id} placed on ${tierOf(u)} by suggested ${u.pending_suggestion.join(', ')}, pending confirmation`,
  },
  {
    code: 'plan-override-not-honoured',
    severity: 'warning',
    holds: (u) => u.override?.state === 'refused' || u.override?.state === 'expired',
    message: (u) => `override: ${u.id}'s override to ${u.override?.tier} is ${u.override?.state}`,
  },
];

export function planFindings(plan: Plan): PlanFinding[] {
  const live = plan.use_cases.filter((u) => u.decided_by !== 'retired');
  return KINDS.flatMap((k) =>
    live.filter(k.holds).map((u) => ({ code: k.code, severity: k.severity, use_case: u.id, message: k.message(u) })),
  );
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

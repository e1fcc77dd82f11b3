// What the usage says about the inventory and the plan: findings from the cells
// (usage-findings.ts), from placement evidence (placement-findings.ts), from the inventory and
// the rows that could not be read or attributed (inventory-findings.ts) — counted, never
// dropped — merged one breach per use case and tier and listed most severe first.
import type { EvidenceGroup } from './evidence.js';
import { placementFindings } from './placement-findings.js';
import type { Plan } from '../plan/plan-types.js';
import type { Policy } from '../policy/types.js';
import { cmp, round2, type IdentityOverflow, type UsageCell } from './aggregate.js';
import { KIND, SEVERITY } from './finding-order.js';
import { inventoryFindings, rowsFinding } from './inventory-findings.js';
import type { ReviewFinding } from './review-types.js';
import type { RejectedRow } from './usage-types.js';
import { BREACH_KINDS } from './unregistered.js';
import { usageFindings } from './usage-findings.js';

export interface FindingsInput {
  plan: Plan;
  policy: Policy;
  months: string[];
  cells: UsageCell[];
  unreadable: { count: number; first: RejectedRow[] };
  unattributed: { count: number; first: RejectedRow[] };
  /** Placement evidence inside the period (unknown and inferred deployments, contradicting labels). */
  evidence: EvidenceGroup[];
  /** Names beyond the distinct ones the accumulator held, folded into the overflow; null when none. */
  overflow?: IdentityOverflow | null;
  /** How many of the first rows to list. */
  keep?: number;
}

export function computeFindings(input: FindingsInput): ReviewFinding[] {
  const { plan, policy, cells } = input;
  const keep = input.keep ?? 10;
  const out: ReviewFinding[] = usageFindings(plan, policy, cells, input.evidence, keep, input.overflow ?? null);
  out.push(...placementFindings(input.evidence, plan, policy, keep));
  out.push(...inventoryFindings(plan, input.months, cells, input.evidence));
  out.push(...rowsFinding('unreadable', input.unreadable, 'could not be read', keep));
  out.push(...rowsFinding('unattributed', input.unattributed, 'could not be attributed to a use case', keep));

  return mergeBreaches(out, keep).sort(
    (a, b) =>
      SEVERITY[a.severity] - SEVERITY[b.severity] ||
      KIND.indexOf(a.kind) - KIND.indexOf(b.kind) ||
      cmp(a.use_case ?? '', b.use_case ?? '') ||
      cmp(a.tier ?? '', b.tier ?? ''),
  );
}

/** One breach per use case and tier: rows judged for a use case they also named join its own. */
function mergeBreaches(findings: ReviewFinding[], keep: number): ReviewFinding[] {
  const seen = new Map<string, ReviewFinding>();
  const out: ReviewFinding[] = [];
  for (const f of findings) {
    const key = `${f.kind}\u0000${f.use_case ?? ''}\u0000${f.tier ?? ''}`;
    const had = BREACH_KINDS.has(f.kind) ? seen.get(key) : undefined;
    if (!had) {
      seen.set(key, f);
      out.push(f);
      continue;
    }
    had.months = [...new Set([...had.months, ...f.months])].sort();
    had.requests += f.requests;
    had.tokens += f.tokens;
    had.cost = round2(had.cost + f.cost);
    had.rows += f.rows;
    had.first_rows = [...had.first_rows, ...f.first_rows].slice(0, keep);
    had.message += `; and ${f.message}`;
  }
  return out;
}

// Where a group's use cases land now, and would land if its suggestions were accepted or dismissed:
// the same decision `plan` makes, on the members alone, so the architect sees the effect before
// deciding. Linear in the group's size.
import { applyChanges, type Change } from '../interactive/answers.js';
import { computePlan, type PlanOptions } from '../plan/plan.js';
import type { Policy, UseCase } from '../policy/types.js';
import { acceptChanges, dismissChanges, hasPendingSuggestion } from './decide.js';

export interface Placement {
  /** Use cases per tier, in the policy's tier order; `tier: null` counts the gaps, last. */
  tiers: { tier: string | null; count: number }[];
  /** Of those, placed fail-closed because data or needs are still unknown. */
  unclassified: number;
}

export interface GroupEffect {
  /** Members with a pending suggestion: what accepting or dismissing changes. */
  deciding: number;
  now: Placement;
  accepted: Placement;
  dismissed: Placement;
}

export function placementOf(useCases: readonly UseCase[], policy: Policy, opts: PlanOptions): Placement {
  if (useCases.length === 0) return { tiers: [], unclassified: 0 };
  const plan = computePlan({ version: 1, use_cases: [...useCases] }, policy, opts);
  const counts = new Map<string | null, number>();
  for (const u of plan.use_cases) counts.set(u.tier, (counts.get(u.tier) ?? 0) + 1);
  const order = [...policy.tiers.map((t): string | null => t.id), null];
  return {
    tiers: order.filter((t) => counts.has(t)).map((tier) => ({ tier, count: counts.get(tier)! })),
    unclassified: plan.unclassified.length,
  };
}

export function groupEffect(members: readonly UseCase[], policy: Policy, opts: PlanOptions): GroupEffect {
  const deciding = members.filter(hasPendingSuggestion);
  const after = (changes: (uc: UseCase) => Change[]): Placement =>
    placementOf(
      deciding.map((u) => applyChanges(u, changes(u))),
      policy,
      opts,
    );
  return {
    deciding: deciding.length,
    now: placementOf(deciding, policy, opts),
    accepted: after(acceptChanges),
    dismissed: after((u) => dismissChanges(u, 'dismissed')),
  };
}

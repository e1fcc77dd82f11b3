// Where a trigger may propose to move a use case. Every tier proposed here is cleared for the
// use case's data (clearTier on its sensitivity, regimes and residency) and offers a deployment
// meeting its needs; when none qualifies the move names no tier and says why.
import { orderedTiers } from '../plan/assign.js';
import { rank } from '../plan/classify.js';
import { clearTier, describeFailure, suitableDeployments } from '../plan/clearance.js';
import type { PlannedUseCase } from '../plan/plan-types.js';
import { dataProfile } from '../gateway/routing.js';
import type { Deployment, Needs, Policy, Tier } from '../policy/types.js';

/** Tiers cleared for the use case and able to serve it, in preference order. */
export function servingTiers(u: PlannedUseCase, needs: Needs | undefined, policy: Policy): Tier[] {
  const data = dataProfile(u);
  return orderedTiers(policy).filter(
    (t) =>
      clearTier(t, data, policy).cleared && suitableDeployments(t, u.capability, needs, u.residency, policy).length > 0,
  );
}

export function isCleared(u: PlannedUseCase, tierId: string, policy: Policy): boolean {
  const t = policy.tiers.find((x) => x.id === tierId);
  return t !== undefined && clearTier(t, dataProfile(u), policy).cleared;
}

export function whyNotCleared(u: PlannedUseCase, tierId: string, policy: Policy): string {
  const t = policy.tiers.find((x) => x.id === tierId);
  if (!t) return `no tier ${tierId} in the policy`;
  return clearTier(t, dataProfile(u), policy).failures.map(describeFailure).join('; ');
}

/** The next more open tier (lower clearance, closest first, then preference) cleared for the use case. */
export function nextOpenTier(
  u: PlannedUseCase,
  fromTier: string,
  needs: Needs | undefined,
  policy: Policy,
): Tier | null {
  const levels = policy.sensitivity.levels;
  const from = policy.tiers.find((t) => t.id === fromTier);
  if (!from) return null;
  const floor = rank(levels, from.clearance);
  const open = servingTiers(u, needs, policy).filter((t) => t.id !== fromTier && rank(levels, t.clearance) < floor);
  // Stable sort: among equally open tiers, preference order stays.
  return open.sort((a, b) => rank(levels, b.clearance) - rank(levels, a.clearance))[0] ?? null;
}

/** Self-hosted deployments that could carry the use case, cheapest first (then id). */
export function selfHostedOptions(
  u: PlannedUseCase,
  needs: Needs | undefined,
  policy: Policy,
  except: string | null,
): { tier: Tier; deployment: Deployment }[] {
  return servingTiers(u, needs, policy)
    .filter((t) => t.id !== except)
    .flatMap((tier) =>
      suitableDeployments(tier, u.capability, needs, u.residency, policy)
        .filter((d) => d.fixed_cost)
        .map((deployment) => ({ tier, deployment })),
    )
    .sort(
      (a, b) =>
        a.deployment.fixed_cost!.monthly - b.deployment.fixed_cost!.monthly ||
        (a.deployment.id < b.deployment.id ? -1 : 1),
    );
}

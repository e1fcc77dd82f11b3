import { orderedTiers } from '../plan/assign.js';
import { rank } from '../plan/classify.js';
import { clearTier, suitableDeployments, type DataProfile } from '../plan/clearance.js';
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import {
  DEFAULT_FALLBACK_STATUS_CODES,
  type RouteTarget,
  type RoutingModel,
  type UseCaseRoute,
} from './routing-types.js';
import type { Deployment, Inventory, Needs, Policy, Tier } from '../policy/types.js';

export const dataProfile = (u: PlannedUseCase): DataProfile => ({
  sensitivity: u.sensitivity,
  regimes: u.regimes,
  residency: u.residency,
  regimeBacked: u.regime_backed,
});

/**
 * The tiers a use case's traffic may ever reach: its assigned tier, and the tiers cleared for
 * its data whose clearance is at least the assigned tier's (a fallback goes sideways or toward
 * a more restrictive tier, never toward a more open one).
 */
export function allowedTiers(u: PlannedUseCase, policy: Policy): Tier[] {
  const levels = policy.sensitivity.levels;
  const assigned = policy.tiers.find((t) => t.id === u.tier);
  if (!assigned) return [];
  const floor = rank(levels, assigned.clearance);
  const data = dataProfile(u);
  const others = orderedTiers(policy)
    .filter((t) => t.id !== assigned.id && clearTier(t, data, policy).cleared && rank(levels, t.clearance) >= floor)
    // Closest in restrictiveness first, then preference order (stable sort keeps it).
    .sort((a, b) => rank(levels, a.clearance) - rank(levels, b.clearance));
  return [assigned, ...others];
}

export function compileRoutes(plan: Plan, inventory: Inventory, policy: Policy): RoutingModel {
  const needsOf = new Map(inventory.use_cases.map((uc) => [uc.id, uc.needs]));
  const aliasesOf = new Map(inventory.use_cases.map((uc) => [uc.id, uc.aliases ?? []]));
  const routes: UseCaseRoute[] = [];
  const unrouted: RoutingModel['unrouted'] = [];
  for (const u of plan.use_cases) {
    if (u.tier === null || u.deployment === null) {
      unrouted.push({
        alias: u.id,
        reason: u.decided_by === 'retired' ? 'retired' : `gap: ${u.gap?.detail ?? 'no tier qualifies'}`,
      });
      continue;
    }
    routes.push({ ...routeFor(u, needsOf.get(u.id), policy), aliases: [...(aliasesOf.get(u.id) ?? [])].sort() });
  }
  return {
    generator: plan.generator,
    as_of: plan.as_of,
    policy: plan.policy,
    fallback_status_codes: policy.gateway?.fallback_status_codes ?? DEFAULT_FALLBACK_STATUS_CODES,
    routes,
    unrouted,
  };
}

function routeFor(u: PlannedUseCase, needs: Needs | undefined, policy: Policy): Omit<UseCaseRoute, 'aliases'> {
  const levels = policy.capability.levels;
  const target = (d: Deployment, tier: Tier): RouteTarget => ({
    id: `${u.id}.${d.id}`,
    deployment: d.id,
    tier: tier.id,
    weight: 1,
  });
  const tiers = allowedTiers(u, policy);
  const assigned = tiers[0]!;
  const chosen = assigned.deployments.find((d) => d.id === u.deployment)!;
  const fitting = (t: Tier): Deployment[] =>
    suitableDeployments(t, u.capability, needs, u.residency, policy)
      .slice()
      .sort((a, b) => rank(levels, a.capability) - rank(levels, b.capability));

  const sameTier = fitting(assigned);
  const primary = [chosen, ...sameTier.filter((d) => d.id !== chosen.id && d.capability === chosen.capability)];
  const used = new Set(primary.map((d) => d.id));
  const fallbacks: RouteTarget[] = [];
  for (const t of tiers) {
    for (const d of t === assigned ? sameTier : fitting(t)) {
      if (!used.has(d.id)) {
        used.add(d.id);
        fallbacks.push(target(d, t));
      }
    }
  }
  const window = Math.max(...primary.map((d) => d.context_tokens ?? 0));
  const context = policy.gateway?.context_window_fallbacks
    ? tiers
        .flatMap((t) =>
          fitting(t)
            .filter((d) => (d.context_tokens ?? 0) > window)
            .map((d) => target(d, t)),
        )
        .sort((a, b) => contextOf(policy, a) - contextOf(policy, b))
    : [];
  return {
    alias: u.id,
    name: u.name,
    tier: assigned.id,
    sensitivity: u.sensitivity,
    allowed_tiers: tiers.map((t) => t.id),
    primary: primary.map((d) => target(d, assigned)),
    fallbacks,
    context_window_fallbacks: context,
  };
}

function contextOf(policy: Policy, t: RouteTarget): number {
  return policy.tiers.find((x) => x.id === t.tier)?.deployments.find((d) => d.id === t.deployment)?.context_tokens ?? 0;
}

/** Every deployment of the policy, by id, with its tier. */
export function deploymentIndex(policy: Policy): Map<string, { deployment: Deployment; tier: Tier }> {
  return new Map(
    policy.tiers.flatMap((tier) =>
      tier.deployments.map((deployment) => [deployment.id, { deployment, tier }] as const),
    ),
  );
}

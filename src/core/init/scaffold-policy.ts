import type { DataClass, Policy, Regime, Tier, TriggerRule } from '../policy/types.js';
import { keptDeployments, providerName, type InitAnswers } from './answers.js';

/** What the answers removed from the base policy, so the written file can say so. */
export interface LeftOut {
  tiers: string[];
  deployments: string[];
  regimes: string[];
  /** Data classes that imply a regime that was left out (e.g. phi without hipaa). */
  data_classes: string[];
  triggers: string[];
}

export interface ScaffoldedPolicy {
  policy: Policy;
  leftOut: LeftOut;
}

const SCAFFOLD_POLICY_NAME = 'Our AI deployment policy';

/**
 * The policy `tierplan init` writes: the base policy cut down to the answers. It is written
 * whole (`extends: none`) because merging over the default can add or replace tiers but never
 * remove one, and a reader learns more from the complete model than from a diff.
 * Answers are assumed checked (checkAnswers): every chosen tier keeps a deployment.
 */
export function scaffoldPolicy(base: Policy, a: InitAnswers): ScaffoldedPolicy {
  const tiers: Tier[] = base.tiers.filter((t) => a.tiers.includes(t.id)).map((t) => cutTier(t, a));
  const tierIds = tiers.map((t) => t.id);
  const regimes = pick(base.sensitivity.regimes, (id) => a.regimes.includes(id));
  const dataClasses = pick(base.sensitivity.data_classes, (_, dc: DataClass) =>
    (dc.implies_regimes ?? []).every((r) => a.regimes.includes(r)),
  );
  const triggers = (base.triggers ?? []).filter((t) => triggerApplies(t, tiers));
  const policy: Policy = {
    version: 1,
    name: SCAFFOLD_POLICY_NAME,
    sensitivity: { ...base.sensitivity, data_classes: dataClasses, regimes },
    capability: base.capability,
    tiers,
    preference: base.preference.filter((id) => tierIds.includes(id)),
    ...(base.matrix ? { matrix: base.matrix.filter((m) => tierIds.includes(m.tier)) } : {}),
    ...(base.reference_split ? { reference_split: renormalised(base.reference_split, tierIds) } : {}),
    ...(base.gateway ? { gateway: base.gateway } : {}),
    ...(base.triggers ? { triggers } : {}),
    ...(base.review ? { review: base.review } : {}),
  };
  const keptDeploymentIds = new Set(tiers.flatMap((t) => t.deployments.map((d) => d.id)));
  return {
    policy,
    leftOut: {
      tiers: base.tiers.filter((t) => !tierIds.includes(t.id)).map((t) => t.id),
      deployments: base.tiers
        .filter((t) => tierIds.includes(t.id))
        .flatMap((t) => t.deployments.filter((d) => !keptDeploymentIds.has(d.id)).map((d) => d.id)),
      regimes: Object.keys(base.sensitivity.regimes).filter((id) => !(id in regimes)),
      data_classes: Object.keys(base.sensitivity.data_classes).filter((id) => !(id in dataClasses)),
      triggers: (base.triggers ?? []).filter((t) => !triggers.includes(t)).map((t) => t.id),
    },
  };
}

function cutTier(t: Tier, a: InitAnswers): Tier {
  const cut: Tier = {
    ...t,
    regimes: t.regimes.filter((r) => a.regimes.includes(r)),
    regions: t.regions.filter((r) => a.regions.includes(r)),
    deployments: keptDeployments(t.deployments, a),
  };
  const whole =
    cut.regimes.length === t.regimes.length &&
    cut.regions.length === t.regions.length &&
    cut.deployments.length === t.deployments.length;
  // The default's words name providers and certifications the answers may have removed.
  return whole ? cut : { ...cut, description: describeCut(cut) };
}

function describeCut(t: Tier): string {
  const providers = [...new Set(t.deployments.map((d) => providerName(d.provider)))].join(', ');
  const certified =
    t.regimes.length > 0 ? `certified for ${t.regimes.join(', ')}` : 'certified for no regulatory regime';
  return `${t.name}: ${providers} in ${t.regions.join(', ')}; ${certified}.`;
}

// A trigger about a tier that is gone, or about self-hosted capacity nobody has, would only
// ever be reported as "never fires": it is left out instead.
function triggerApplies(t: TriggerRule, tiers: Tier[]): boolean {
  const ids = tiers.map((x) => x.id);
  if (t.tier !== undefined && !ids.includes(t.tier)) return false;
  if (t.target_tier !== undefined && !ids.includes(t.target_tier)) return false;
  const selfHosted = (id: string | undefined): boolean =>
    tiers.some((x) => (id === undefined || x.id === id) && x.deployments.some((d) => d.fixed_cost));
  if (t.kind === 'capacity_above' || t.kind === 'capacity_below') return selfHosted(t.tier);
  if (t.kind === 'break_even') return selfHosted(undefined);
  return true;
}

/** The reference shares of the tiers kept, scaled so they still add up to 1 (two decimals). */
function renormalised(split: Record<string, number>, tierIds: string[]): Record<string, number> {
  const kept = Object.entries(split).filter(([id]) => tierIds.includes(id));
  const total = kept.reduce((s, [, v]) => s + v, 0);
  if (total <= 0) return Object.fromEntries(kept);
  return Object.fromEntries(kept.map(([id, v]) => [id, Math.round((v / total) * 100) / 100]));
}

function pick<V extends DataClass | Regime>(
  map: Record<string, V>,
  keep: (id: string, v: V) => boolean,
): Record<string, V> {
  return Object.fromEntries(Object.entries(map).filter(([id, v]) => keep(id, v)));
}

import { classifyCapability, classifySensitivity, rank, sensitivityKey } from './classify.js';
import {
  clearTier,
  describeFailure,
  suitableDeployments,
  type ClearanceResult,
  type DataProfile,
} from './clearance.js';
import { daysBetween } from './dates.js';
import { estimate } from './estimate.js';
import { gapFor } from './gaps.js';
import type { DecidedBy, OverrideOutcome, PlannedUseCase, Reason } from './plan-types.js';
import type { Deployment, Policy, Tier, UseCase } from '../policy/types.js';

/** Tiers in preference order, then any the preference list leaves out, in policy order. */
export function orderedTiers(policy: Policy): Tier[] {
  const byId = new Map(policy.tiers.map((t) => [t.id, t]));
  const first = policy.preference.flatMap((id) => byId.get(id) ?? []);
  return [...first, ...policy.tiers.filter((t) => !policy.preference.includes(t.id))];
}

interface TierVerdict {
  tier: Tier;
  clearance: ClearanceResult;
  deployments: Deployment[];
}

/**
 * Results shared between use cases with the same data, needs or tier question. A portfolio has
 * far fewer distinct answers than use cases; sharing them (and their reason strings) keeps a
 * plan of 10,000 use cases fast. Pass one memo per policy; the results are identical without it.
 */
export interface DecisionMemo {
  sensitivity: Map<string, ReturnType<typeof classifySensitivity>>;
  capability: Map<string, ReturnType<typeof classifyCapability>>;
  tiers: Map<string, { verdicts: TierVerdict[]; reasons: Reason[] }>;
}

export const newMemo = (): DecisionMemo => ({ sensitivity: new Map(), capability: new Map(), tiers: new Map() });

function cached<V>(map: Map<string, V>, key: string, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** The decision for one use case: classification, clearance, choice, with every step explained. */
export function assign(uc: UseCase, policy: Policy, asOf: string, memo: DecisionMemo = newMemo()): PlannedUseCase {
  const dataKey = sensitivityKey(uc);
  const s = cached(memo.sensitivity, dataKey, () => classifySensitivity(uc, policy));
  const k = cached(memo.capability, JSON.stringify(uc.needs ?? null), () => classifyCapability(uc.needs, policy));
  const c = {
    sensitivity: s.sensitivity,
    regimes: s.regimes,
    regimeBacked: s.regimeBacked,
    capability: k.capability,
    unclassified: [...s.unclassified, ...k.unclassified],
  };
  const reasons: Reason[] = [...s.reasons, ...k.reasons];
  const residency = uc.data?.residency ?? [];
  const data: DataProfile = { sensitivity: c.sensitivity, regimes: c.regimes, residency, regimeBacked: c.regimeBacked };
  // One object literal per outcome, never spreads: spreading 20 fields per use case was the
  // single largest cost of planning 10,000 use cases.
  const decided = (
    o: Pick<
      PlannedUseCase,
      'tier' | 'deployment' | 'decided_by' | 'cleared' | 'candidates' | 'summary' | 'gap' | 'override' | 'estimate'
    >,
  ): PlannedUseCase => ({
    id: uc.id,
    name: uc.name,
    owner: uc.owner ?? null,
    status: uc.status ?? 'idea',
    sensitivity: c.sensitivity,
    capability: c.capability,
    regimes: c.regimes,
    residency,
    regime_backed: c.regimeBacked,
    unclassified: c.unclassified,
    pending_suggestion: s.pending,
    tier: o.tier,
    deployment: o.deployment,
    decided_by: o.decided_by,
    cleared: o.cleared,
    candidates: o.candidates,
    summary: o.summary,
    rationale: reasons,
    gap: o.gap,
    override: o.override,
    estimate: o.estimate,
  });

  if (uc.status === 'retired') {
    reasons.push({ rule: 'status.retired', text: 'retired: not placed' });
    return decided({
      tier: null,
      deployment: null,
      decided_by: 'retired',
      cleared: [],
      candidates: [],
      summary: 'retired',
      gap: null,
      override: null,
      estimate: estimate(undefined, undefined),
    });
  }

  const n = uc.needs;
  const tiersKey = `${dataKey}|${c.capability}|${n?.context_tokens ?? ''}|${n?.modalities?.join(',') ?? ''}|${n?.tools ?? ''}`;
  const judged = cached(memo.tiers, tiersKey, () => {
    const tierReasons: Reason[] = [];
    const verdicts = orderedTiers(policy).map((tier): TierVerdict => {
      const clearance = clearTier(tier, data, policy);
      const deployments = clearance.cleared ? suitableDeployments(tier, c.capability, n, residency, policy) : [];
      tierReasons.push(tierReason(tier, clearance, deployments, c.capability));
      return { tier, clearance, deployments };
    });
    return { verdicts, reasons: tierReasons };
  });
  const verdicts = judged.verdicts;
  reasons.push(...judged.reasons);
  const cleared = verdicts.filter((v) => v.clearance.cleared);
  const candidates = cleared.filter((v) => v.deployments.length > 0);

  let chosen: { tier: Tier; deployment: Deployment | undefined; by: DecidedBy; summary: string } | undefined;
  const override = uc.override ? judgeOverride(uc, verdicts, asOf, reasons) : null;
  if (override && (override.state === 'honoured' || override.state === 'exception')) {
    const v = verdicts.find((x) => x.tier.id === override.tier);
    if (v) {
      // An exception pins a tier that is not cleared, so its deployments were never matched to the needs.
      const fitting = suitableDeployments(v.tier, c.capability, uc.needs, residency, policy);
      const deployment = fitting[0] ?? bestEffortDeployment(v.tier, policy, residency);
      if (!fitting[0]) {
        reasons.push({
          rule: 'override.shortfall',
          text: `${v.tier.id} offers no deployment meeting every need; pinned to ${deployment?.id ?? 'none'}`,
        });
      }
      const by = override.state === 'exception' ? 'exception' : 'override';
      chosen = {
        tier: v.tier,
        deployment,
        by,
        summary: `${by === 'exception' ? 'approved exception' : 'override'}: ${uc.override?.reason ?? ''}`,
      };
    }
  }
  if (!chosen) {
    const cell = policy.matrix?.find((m) => m.sensitivity === c.sensitivity && m.capability === c.capability);
    const fromCell = cell && candidates.find((v) => v.tier.id === cell.tier);
    if (cell && fromCell) {
      reasons.push({
        rule: 'choose.matrix',
        text: `${cell.tier} chosen: matrix cell ${c.sensitivity} × ${c.capability}`,
      });
      chosen = {
        tier: fromCell.tier,
        deployment: fromCell.deployments[0],
        by: 'matrix',
        summary: `matrix cell ${c.sensitivity} × ${c.capability}`,
      };
    } else if (cell) {
      reasons.push({ rule: 'choose.matrix.ignored', text: `matrix cell names ${cell.tier}, which is not a candidate` });
    }
  }
  if (!chosen && candidates[0]) {
    const first = candidates[0];
    const why = describeChoice(first, c.capability, c.regimes, residency);
    reasons.push({ rule: 'choose.preference', text: `${first.tier.id} chosen: ${why}` });
    chosen = { tier: first.tier, deployment: first.deployments[0], by: 'preference', summary: why };
  }

  if (!chosen) {
    const gap = gapFor(c.capability, uc.needs, data, verdicts, policy);
    reasons.push({ rule: `gap.${gap.cause}`, text: gap.detail });
    return decided({
      tier: null,
      deployment: null,
      decided_by: 'gap',
      cleared: cleared.map((v) => v.tier.id),
      candidates: [],
      summary: `gap: ${gap.detail}`,
      gap,
      override,
      estimate: estimate(uc.volume, undefined),
    });
  }
  if (chosen.deployment)
    reasons.push({
      rule: 'deployment',
      text: `deployment ${chosen.deployment.id} (${chosen.deployment.provider} ${chosen.deployment.model})`,
    });
  return decided({
    tier: chosen.tier.id,
    deployment: chosen.deployment?.id ?? null,
    decided_by: chosen.by,
    cleared: cleared.map((v) => v.tier.id),
    candidates: candidates.map((v) => v.tier.id),
    summary: chosen.summary,
    gap: null,
    override,
    estimate: estimate(uc.volume, chosen.deployment),
  });
}

function tierReason(tier: Tier, cl: ClearanceResult, deployments: Deployment[], capability: string): Reason {
  if (!cl.cleared) {
    return {
      rule: `tier.excluded.${cl.failures[0]?.kind ?? 'clearance'}`,
      text: `${tier.id} excluded: ${cl.failures.map(describeFailure).join('; ')}`,
    };
  }
  const via = cl.viaRegimes ? ' (regulated data admitted: certified for every regime)' : '';
  if (deployments.length === 0) {
    return {
      rule: 'tier.incapable',
      text: `${tier.id} cleared${via} but offers no deployment meeting ${capability} and the other needs`,
    };
  }
  return {
    rule: 'tier.candidate',
    text: `${tier.id} cleared${via}; offers ${deployments.map((d) => d.id).join(', ')}`,
  };
}

function describeChoice(v: TierVerdict, capability: string, regimes: string[], residency: string[]): string {
  let s = `first in preference order offering ${capability}`;
  if (regimes.length > 0) s += `, certified ${regimes.join(', ')}`;
  if (residency.length > 0) s += `, in ${residency.join('/')}`;
  return v.clearance.viaRegimes ? `${s} (regulated data under regime certification)` : s;
}

function bestEffortDeployment(tier: Tier, policy: Policy, residency: string[]): Deployment | undefined {
  const levels = policy.capability.levels;
  const inRegion = tier.deployments.filter((d) => residency.length === 0 || residency.includes(d.region));
  return [...inRegion].sort((a, b) => rank(levels, b.capability) - rank(levels, a.capability))[0];
}

function judgeOverride(uc: UseCase, verdicts: TierVerdict[], asOf: string, reasons: Reason[]): OverrideOutcome {
  const o = uc.override!;
  const daysLeft = daysBetween(asOf, o.expires);
  const out = (state: OverrideOutcome['state'], note: string): OverrideOutcome => ({
    tier: o.tier,
    state,
    reason: o.reason,
    approved_by: o.approved_by ?? null,
    expires: o.expires,
    days_left: daysLeft,
    note,
  });
  if (daysLeft < 0) {
    reasons.push({ rule: 'override.expired', text: `override to ${o.tier} expired on ${o.expires}: ignored` });
    return out('expired', `expired ${-daysLeft} days ago; renew it or remove it`);
  }
  const v = verdicts.find((x) => x.tier.id === o.tier);
  if (!v) {
    reasons.push({ rule: 'override.refused', text: `override names unknown tier ${o.tier}: ignored` });
    return out('refused', `unknown tier ${o.tier}`);
  }
  if (v.clearance.cleared) {
    reasons.push({ rule: 'override.honoured', text: `override pins ${o.tier} until ${o.expires}: ${o.reason}` });
    return out('honoured', `pinned until ${o.expires}`);
  }
  const why = v.clearance.failures.map(describeFailure).join('; ');
  if (o.exception === true && o.approved_by) {
    reasons.push({
      rule: 'override.exception',
      text: `approved exception by ${o.approved_by} pins ${o.tier} although ${why}`,
    });
    return out('exception', `approved exception: ${why}`);
  }
  reasons.push({
    rule: 'override.refused',
    text: `override to ${o.tier} refused: ${why}; an accepted risk needs exception: true and approved_by`,
  });
  return out('refused', `refused: ${why}`);
}

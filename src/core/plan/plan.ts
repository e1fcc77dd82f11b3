import { assign, newMemo, orderedTiers } from './assign.js';
import { clearTier, suitableDeployments } from './clearance.js';
import { round2 } from './estimate.js';
import { PLAN_SCHEMA_VERSION, type Plan, type PlanCell, type PlannedUseCase, type SplitEntry } from './plan-types.js';
import type { Inventory, Policy } from '../policy/types.js';

export interface PlanOptions {
  /** ISO date the plan is made on; overrides expire relative to it. */
  asOf: string;
  /** e.g. `tierplan 0.1.0`; an input so the core never reads package metadata. */
  generator: string;
}

const EXPIRING_WITHIN_DAYS = 90;

export function computePlan(inventory: Inventory, policy: Policy, opts: PlanOptions): Plan {
  const memo = newMemo();
  const useCases = [...inventory.use_cases]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((uc) => assign(uc, policy, opts.asOf, memo));
  const ids = (pred: (u: PlannedUseCase) => boolean): string[] => useCases.filter(pred).map((u) => u.id);
  return {
    schema_version: PLAN_SCHEMA_VERSION,
    generator: opts.generator,
    as_of: opts.asOf,
    policy: policy.name,
    currency: policy.currency ?? 'USD',
    levels: { sensitivity: [...policy.sensitivity.levels], capability: [...policy.capability.levels] },
    tiers: orderedTiers(policy).map((t) => ({
      id: t.id,
      name: t.name,
      clearance: t.clearance,
      regimes: [...t.regimes],
      regions: [...t.regions],
    })),
    cells: cells(useCases, policy),
    use_cases: useCases,
    split: split(useCases, policy),
    gaps: ids((u) => u.decided_by === 'gap'),
    overrides: ids((u) => u.override !== null),
    expiring: ids(
      (u) =>
        (u.override?.state === 'honoured' || u.override?.state === 'exception') &&
        u.override.days_left <= EXPIRING_WITHIN_DAYS,
    ),
    unclassified: ids((u) => u.unclassified.length > 0 && u.decided_by !== 'retired'),
    pending: ids((u) => u.pending_suggestion.length > 0 && u.decided_by !== 'retired'),
  };
}

/** The tier a use case with only this sensitivity and capability (no regimes, residency or override) gets. */
export function cellTier(sensitivity: string, capability: string, policy: Policy): string | null {
  const data = { sensitivity, regimes: [], residency: [], regimeBacked: false };
  const ok = (id: string): boolean => {
    const t = policy.tiers.find((x) => x.id === id);
    return (
      !!t && clearTier(t, data, policy).cleared && suitableDeployments(t, capability, undefined, [], policy).length > 0
    );
  };
  const cell = policy.matrix?.find((m) => m.sensitivity === sensitivity && m.capability === capability);
  if (cell && ok(cell.tier)) return cell.tier;
  return orderedTiers(policy).find((t) => ok(t.id))?.id ?? null;
}

function cells(useCases: PlannedUseCase[], policy: Policy): PlanCell[] {
  const byCell = new Map<string, string[]>();
  for (const u of useCases) {
    if (u.decided_by === 'retired') continue;
    const key = `${u.sensitivity}\u0000${u.capability}`;
    const list = byCell.get(key);
    if (list) list.push(u.id);
    else byCell.set(key, [u.id]);
  }
  const out: PlanCell[] = [];
  for (const sensitivity of [...policy.sensitivity.levels].reverse()) {
    for (const capability of policy.capability.levels) {
      const tier = cellTier(sensitivity, capability, policy);
      out.push({ sensitivity, capability, tier, use_cases: byCell.get(`${sensitivity}\u0000${capability}`) ?? [] });
    }
  }
  return out;
}

const share = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0);

function split(useCases: PlannedUseCase[], policy: Policy): SplitEntry[] {
  const placed = useCases.filter((u) => u.tier !== null);
  const total = {
    count: placed.length,
    tokens: placed.reduce((s, u) => s + u.estimate.tokens_per_month, 0),
    cost: placed.reduce((s, u) => s + u.estimate.cost_per_month, 0),
  };
  return orderedTiers(policy).map((t) => {
    const mine = placed.filter((u) => u.tier === t.id);
    const tokens = mine.reduce((s, u) => s + u.estimate.tokens_per_month, 0);
    const cost = round2(mine.reduce((s, u) => s + u.estimate.cost_per_month, 0));
    return {
      tier: t.id,
      count: mine.length,
      tokens_per_month: tokens,
      cost_per_month: cost,
      share_count: share(mine.length, total.count),
      share_tokens: share(tokens, total.tokens),
      share_cost: share(cost, total.cost),
      reference: policy.reference_split?.[t.id] ?? null,
    };
  });
}

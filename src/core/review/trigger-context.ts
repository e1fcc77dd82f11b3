// What every trigger rule reads: the period's usage indexed by use case, tier and month, the
// deployments' utilisation, the live use cases, and the subject a rule's figures make.
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import type { Inventory, Needs, Policy } from '../policy/types.js';
import { round2, type DeploymentMonth, type UsageCell } from './aggregate.js';
import type { ProposedMove, Streak, TriggerFigure, TriggerFiring } from './review-types.js';

export interface TriggerInput {
  plan: Plan;
  inventory: Inventory;
  policy: Policy;
  months: string[];
  /** Usage inside the period. */
  cells: UsageCell[];
  deployments: DeploymentMonth[];
  /** Use case → months some row names it (placed or not): a named month is never a month without traffic. */
  named?: Map<string, Set<string>>;
  previous?: { to: string; streaks: Streak[] } | undefined;
}

export interface TriggerContext {
  policy: Policy;
  months: string[];
  /** Every amount in a note or summary names its currency. */
  cur: string;
  needs: Map<string, Needs | undefined>;
  /** use case → tier → month → cell */
  usage: Map<string, Map<string, Map<string, UsageCell>>>;
  /** deployment NUL month → utilisation */
  utilisation: Map<string, number>;
  /** Use cases that ran on each deployment in the period, for a deployment's evidence. */
  onDeployment: Map<string, Set<string>>;
  live: PlannedUseCase[];
  named: Map<string, Set<string>> | undefined;
}

export interface Subject {
  key: string;
  use_case: PlannedUseCase | null;
  tier: string | null;
  deployment: string | null;
  figures: TriggerFigure[];
  holds: boolean[];
  move: ProposedMove;
  /** Deployment subjects: the use cases that ran on it in the period. */
  use_cases?: string[];
  /** When the measure is not the rule's own (see traffic-basis.ts). */
  metric?: TriggerFiring['metric'];
  note?: string | null;
}

/** A use case's figures per month against a threshold (one, or one a month), and the test each month must pass. */
interface Measured {
  values: number[];
  threshold: number | number[];
  holds: (v: number, i: number) => boolean;
  move: ProposedMove;
  /** The tier the subject is on; the rule's tier by default. */
  tier?: string | null;
  metric?: TriggerFiring['metric'];
  note?: string | null;
}

export const fmt = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function triggerContext(input: TriggerInput): TriggerContext {
  const { plan, inventory, policy, months, cells, deployments } = input;
  const usage = new Map<string, Map<string, Map<string, UsageCell>>>();
  for (const c of cells) {
    const byTier = usage.get(c.use_case) ?? new Map<string, Map<string, UsageCell>>();
    usage.set(c.use_case, byTier);
    const byMonth = byTier.get(c.tier) ?? new Map<string, UsageCell>();
    byTier.set(c.tier, byMonth);
    byMonth.set(c.month, c);
  }
  const onDeployment = new Map<string, Set<string>>();
  for (const c of cells)
    for (const d of c.deployments) onDeployment.set(d, (onDeployment.get(d) ?? new Set()).add(c.use_case));
  return {
    policy,
    months,
    cur: policy.currency ?? 'USD',
    needs: new Map<string, Needs | undefined>(inventory.use_cases.map((u) => [u.id, u.needs])),
    usage,
    utilisation: new Map(deployments.map((d) => [`${d.deployment}\u0000${d.month}`, d.utilisation ?? 0])),
    onDeployment,
    live: plan.use_cases.filter((u) => u.status !== 'retired'),
    named: input.named,
  };
}

/** A use case's figure per month on one tier, or summed over every tier (tier null). */
export function perMonth(
  ctx: TriggerContext,
  u: PlannedUseCase,
  tier: string | null,
  value: (c: UsageCell) => number,
): number[] {
  return ctx.months.map((m) => {
    if (tier !== null) {
      const c = ctx.usage.get(u.id)?.get(tier)?.get(m);
      return c ? value(c) : 0;
    }
    let sum = 0;
    for (const byMonth of ctx.usage.get(u.id)?.values() ?? []) {
      const c = byMonth.get(m);
      if (c) sum += value(c);
    }
    return sum;
  });
}

export function usesTier(ctx: TriggerContext, u: PlannedUseCase, tier: string): boolean {
  return u.tier === tier || ctx.usage.get(u.id)?.has(tier) === true;
}

/** A use case as a rule's subject; `tier` is the rule's, unless the measure names its own. */
export function ucSubject(
  ctx: TriggerContext,
  tier: string | null,
  u: PlannedUseCase,
  { values, threshold, holds, move, tier: t = tier, metric, note }: Measured,
): Subject {
  return {
    key: u.id,
    use_case: u,
    tier: t,
    deployment: null,
    figures: values.map((v, i) => ({
      month: ctx.months[i]!,
      value: round2(v),
      threshold: typeof threshold === 'number' ? threshold : threshold[i]!,
    })),
    holds: values.map(holds),
    move,
    ...(metric ? { metric } : {}),
    ...(note ? { note } : {}),
  };
}

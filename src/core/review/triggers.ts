// Consolidation triggers: each policy rule is evaluated month by month over the period; it
// fires when its condition held for the last `months` consecutive months (hysteresis: one
// spike or one quiet month never fires a rule needing two). A run that reaches the start of
// the period continues the previous review's streak when that review ended the month before.
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import type { Inventory, Needs, Policy, TriggerRule } from '../policy/types.js';
import { cmp, round2, type DeploymentMonth, type UsageCell } from './aggregate.js';
import { nextMonth } from './months.js';
import { isCleared, nextOpenTier, selfHostedOptions, servingTiers, whyNotCleared } from './moves.js';
import type { ProposedMove, Streak, TriggerFigure, TriggerFiring } from './review-types.js';
import { trafficMeasure } from './traffic-basis.js';

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

interface Subject {
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

const fmt = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function evaluateTriggers(input: TriggerInput): { firings: TriggerFiring[]; streaks: Streak[] } {
  const { plan, inventory, policy, months, cells, deployments } = input;
  // Every amount in a note or summary names its currency.
  const cur = policy.currency ?? 'USD';
  const needs = new Map<string, Needs | undefined>(inventory.use_cases.map((u) => [u.id, u.needs]));
  // use case → tier → month → cell
  const usage = new Map<string, Map<string, Map<string, UsageCell>>>();
  for (const c of cells) {
    const byTier = usage.get(c.use_case) ?? new Map<string, Map<string, UsageCell>>();
    usage.set(c.use_case, byTier);
    const byMonth = byTier.get(c.tier) ?? new Map<string, UsageCell>();
    byTier.set(c.tier, byMonth);
    byMonth.set(c.month, c);
  }
  const utilisation = new Map(deployments.map((d) => [`${d.deployment}\u0000${d.month}`, d.utilisation ?? 0]));
  const cell = (u: string, tier: string, m: string): UsageCell | undefined => usage.get(u)?.get(tier)?.get(m);
  const live = plan.use_cases.filter((u) => u.status !== 'retired');
  // Use cases that ran on each deployment in the period, for a deployment's evidence.
  const onDeployment = new Map<string, Set<string>>();
  for (const c of cells)
    for (const d of c.deployments) onDeployment.set(d, (onDeployment.get(d) ?? new Set()).add(c.use_case));
  const carried = new Map<string, number>();
  if (input.previous && months[0] !== undefined && nextMonth(input.previous.to) === months[0]) {
    for (const s of input.previous.streaks) carried.set(`${s.trigger}\u0000${s.subject}`, s.months);
  }

  const firings: TriggerFiring[] = [];
  const streaks: Streak[] = [];
  for (const rule of policy.triggers ?? []) {
    const subjects = subjectsOf(rule);
    for (const s of subjects) {
      let run = 0;
      for (let i = s.holds.length - 1; i >= 0 && s.holds[i]; i--) run++;
      if (run === months.length) run += carried.get(`${rule.id}\u0000${s.key}`) ?? 0;
      if (run > 0) streaks.push({ trigger: rule.id, subject: s.key, months: run });
      if (run < rule.months) continue;
      const inPeriod = months.slice(months.length - Math.min(run, months.length));
      firings.push({
        trigger: rule.id,
        kind: rule.kind,
        use_case: s.use_case?.id ?? null,
        tier: s.tier,
        deployment: s.deployment,
        metric: s.metric ?? metricOf(rule),
        months: inPeriod,
        consecutive: run,
        required: rule.months,
        figures: s.figures,
        use_cases: s.use_cases ?? [],
        note: s.note ?? null,
        move: s.move,
        summary: summary(rule, s, run, cur),
      });
    }
  }
  return { firings, streaks: streaks.sort((a, b) => cmp(a.trigger, b.trigger) || cmp(a.subject, b.subject)) };

  function perMonth(u: PlannedUseCase, tier: string | null, value: (c: UsageCell) => number): number[] {
    return months.map((m) => {
      if (tier !== null) {
        const c = cell(u.id, tier, m);
        return c ? value(c) : 0;
      }
      let sum = 0;
      for (const byMonth of usage.get(u.id)?.values() ?? []) {
        const c = byMonth.get(m);
        if (c) sum += value(c);
      }
      return sum;
    });
  }
  function usesTier(u: PlannedUseCase, tier: string): boolean {
    return u.tier === tier || usage.get(u.id)?.has(tier) === true;
  }

  function subjectsOf(rule: TriggerRule): Subject[] {
    const tier = rule.tier ?? null;
    const ucSubject = (
      u: PlannedUseCase,
      { values, threshold, holds, move, tier: t = tier, metric, note }: Measured,
    ): Subject => ({
      key: u.id,
      use_case: u,
      tier: t,
      deployment: null,
      figures: values.map((v, i) => ({
        month: months[i]!,
        value: round2(v),
        threshold: typeof threshold === 'number' ? threshold : threshold[i]!,
      })),
      holds: values.map(holds),
      move,
      ...(metric ? { metric } : {}),
      ...(note ? { note } : {}),
    });
    switch (rule.kind) {
      case 'volume_below': {
        const limit = rule.tokens_per_month ?? 0;
        // Never an idea, nor a pilot that sent nothing to the tier: a use case that was never in
        // production has no workload there to judge (no_traffic is the rule for idle ones).
        return live
          .filter((u) => tier !== null && u.tier === tier)
          .filter((u) => u.status === 'production' || (u.status === 'pilot' && usage.get(u.id)?.has(tier!) === true))
          .map((u) => {
            const target = nextOpenTier(u, tier!, needs.get(u.id), policy);
            const move: ProposedMove = target
              ? {
                  action: 'move',
                  tier: target.id,
                  note: `${target.id} is the next more open tier cleared for its data`,
                }
              : {
                  action: 'move',
                  tier: null,
                  note: 'no more open tier is cleared for its data and able to serve it: keep it, or pool it with other on-tier work',
                };
            return ucSubject(u, {
              values: perMonth(u, tier, (c) => c.input_tokens + c.output_tokens),
              threshold: limit,
              holds: (v) => v < limit,
              move,
            });
          });
      }
      case 'tokens_above':
      case 'spend_above': {
        const limit = (rule.kind === 'tokens_above' ? rule.tokens_per_month : rule.cost_per_month) ?? 0;
        const value =
          rule.kind === 'tokens_above'
            ? (c: UsageCell): number => c.input_tokens + c.output_tokens
            : (c: UsageCell): number => c.cost;
        return live
          .filter((u) => tier !== null && usesTier(u, tier))
          .map((u) =>
            ucSubject(u, {
              values: perMonth(u, tier, value),
              threshold: limit,
              holds: (v) => v > limit,
              move: evaluateMove(u, rule),
            }),
          );
      }
      case 'no_traffic':
        return live
          .filter((u) => u.status === 'production' || u.status === 'pilot')
          .map((u) => {
            // Requests, or tokens / cost when the export does not count requests (FOCUS).
            const measure = trafficMeasure([...(usage.get(u.id)?.values() ?? [])].flatMap((m) => [...m.values()]));
            return ucSubject(u, {
              values: perMonth(u, null, measure.value),
              threshold: 0,
              holds: (v, i) => v === 0 && input.named?.get(u.id)?.has(months[i]!) !== true,
              move: { action: 'retire', tier: null, note: 'set status: retired, or explain why it is idle' },
              tier: u.tier,
              metric: measure.basis,
              note: measure.note,
            });
          });
      case 'capacity_above':
      case 'capacity_below': {
        const above = rule.kind === 'capacity_above';
        const limit = rule.utilisation ?? (above ? 1 : 0);
        const t = policy.tiers.find((x) => x.id === tier);
        return (t?.deployments ?? [])
          .filter((d) => d.fixed_cost)
          .map((d): Subject => {
            // The deployment's real traffic, whichever use cases sent it and whatever their status.
            const values = months.map((m) => utilisation.get(`${d.id}\u0000${m}`) ?? 0);
            const ran = [...(onDeployment.get(d.id) ?? [])].sort(cmp);
            const fixed = d.fixed_cost!;
            return {
              key: d.id,
              use_case: null,
              tier,
              deployment: d.id,
              figures: values.map((v, i) => ({ month: months[i]!, value: roundShare(v), threshold: limit })),
              holds: values.map((v) => (above ? v > limit : v < limit)),
              use_cases: ran,
              move: above
                ? {
                    action: 'plan-capacity',
                    tier,
                    note: `add capacity to ${d.id} or move work off it before it saturates`,
                  }
                : {
                    action: 'plan-capacity',
                    tier,
                    note:
                      ran.length === 0
                        ? `nothing ran on ${d.id}: release it (${cur} ${fmt(fixed.monthly)}/month) or route planned work to it`
                        : `consolidate ${d.id}'s work onto other self-hosted capacity, or release it (${cur} ${fmt(fixed.monthly)}/month)`,
                  },
            };
          });
      }
      case 'break_even': {
        const out: Subject[] = [];
        for (const u of live.filter((x) => tier !== null && usage.get(x.id)?.has(tier) === true)) {
          const option = selfHostedOptions(u, needs.get(u.id), policy, tier)[0];
          if (!option) continue; // nothing cleared to break even against
          const fixed = option.deployment.fixed_cost!;
          const tokens = perMonth(u, tier, (c) => c.input_tokens + c.output_tokens);
          const cost = perMonth(u, tier, (c) => c.cost);
          const move: ProposedMove = {
            action: 'evaluate',
            tier: option.tier.id,
            note: `${option.deployment.id} costs ${cur} ${fmt(fixed.monthly)}/month for up to ${fmt(fixed.capacity_tokens_per_month)} tokens`,
          };
          const s = ucSubject(u, {
            values: cost,
            threshold: fixed.monthly,
            holds: (v, i) => v > fixed.monthly && tokens[i]! <= fixed.capacity_tokens_per_month,
            move,
          });
          out.push({ ...s, deployment: option.deployment.id });
        }
        return out;
      }
    }
  }

  function evaluateMove(u: PlannedUseCase, rule: TriggerRule): ProposedMove {
    const n = needs.get(u.id);
    if (rule.target_tier !== undefined) {
      if (!isCleared(u, rule.target_tier, policy))
        return {
          action: 'evaluate',
          tier: null,
          note: `${rule.target_tier} is not cleared for its data: ${whyNotCleared(u, rule.target_tier, policy)}`,
        };
      if (!servingTiers(u, n, policy).some((t) => t.id === rule.target_tier))
        return { action: 'evaluate', tier: null, note: `${rule.target_tier} has no deployment that meets its needs` };
      return { action: 'evaluate', tier: rule.target_tier, note: `evaluate ${rule.target_tier}` };
    }
    const option = selfHostedOptions(u, n, policy, rule.tier ?? null)[0];
    return option
      ? {
          action: 'evaluate',
          tier: option.tier.id,
          note: `evaluate ${option.deployment.id} (${cur} ${fmt(option.deployment.fixed_cost!.monthly)}/month)`,
        }
      : {
          action: 'evaluate',
          tier: null,
          note: 'no self-hosted deployment is cleared for its data and able to serve it',
        };
  }
}

/** A share of capacity to 4 significant digits: 0.00008 % stays 8e-7 rather than rounding to 0 or 1e-6. */
const roundShare = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(4)));

function metricOf(rule: TriggerRule): TriggerFiring['metric'] {
  switch (rule.kind) {
    case 'volume_below':
    case 'tokens_above':
      return 'tokens';
    case 'spend_above':
    case 'break_even':
      return 'cost';
    case 'no_traffic':
      return 'requests';
    case 'capacity_above':
    case 'capacity_below':
      return 'utilisation';
  }
}

function summary(rule: TriggerRule, s: Subject, run: number, cur: string): string {
  const who = s.use_case?.id ?? s.deployment ?? '?';
  const span = `${run} consecutive month${run === 1 ? '' : 's'} (needs ${rule.months})`;
  const threshold = s.figures[0]?.threshold ?? 0;
  switch (rule.kind) {
    case 'volume_below':
      return `${who}: fewer than ${fmt(threshold)} tokens/month on ${s.tier} for ${span}`;
    case 'tokens_above':
      return `${who}: more than ${fmt(threshold)} tokens/month on ${s.tier} for ${span}`;
    case 'spend_above':
      return `${who}: more than ${cur} ${fmt(threshold)}/month spent on ${s.tier} for ${span}`;
    case 'no_traffic':
      return `${who}: no traffic for ${span}${s.note ? ` (${s.note})` : ''}`;
    case 'capacity_above':
      return `${who}: above ${fmt(threshold * 100)} % of capacity for ${span}`;
    case 'capacity_below': {
      const ran = s.use_cases ?? [];
      const on = ran.length === 0 ? 'no use case ran on it' : `use cases on it: ${ran.join(', ')}`;
      return `${who}: below ${fmt(threshold * 100)} % of capacity for ${span}; ${on}`;
    }
    case 'break_even':
      return `${who}: spend on ${s.tier} above the ${cur} ${fmt(threshold)}/month of ${s.deployment} (past its break-even) for ${span}`;
  }
}

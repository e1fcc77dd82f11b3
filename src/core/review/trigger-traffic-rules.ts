// The subjects of the rules on a use case's own traffic: too little for its tier
// (volume_below), more tokens or spend than the tier is meant for (tokens_above, spend_above),
// none at all (no_traffic).
import type { PlannedUseCase } from '../plan/plan-types.js';
import type { TriggerRule } from '../policy/types.js';
import type { UsageCell } from './aggregate.js';
import { isCleared, nextOpenTier, selfHostedOptions, servingTiers, whyNotCleared } from './moves.js';
import type { ProposedMove } from './review-types.js';
import { perMonth, ucSubject, usesTier, type Subject, type TriggerContext } from './trigger-context.js';
import { trafficMeasure } from './traffic-basis.js';
import { formatAmount } from './money.js';

export function volumeBelow(ctx: TriggerContext, rule: TriggerRule): Subject[] {
  const tier = rule.tier ?? null;
  const limit = rule.tokens_per_month ?? 0;
  // Never an idea, nor a pilot that sent nothing to the tier: a use case that was never in
  // production has no workload there to judge (no_traffic is the rule for idle ones).
  return ctx.live
    .filter((u) => tier !== null && u.tier === tier)
    .filter((u) => u.status === 'production' || (u.status === 'pilot' && ctx.usage.get(u.id)?.has(tier!) === true))
    .map((u) => {
      const target = nextOpenTier(u, tier!, ctx.needs.get(u.id), ctx.policy);
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
      return ucSubject(ctx, tier, u, {
        values: perMonth(ctx, u, tier, (c) => c.input_tokens + c.output_tokens),
        threshold: limit,
        holds: (v) => v < limit,
        move,
      });
    });
}

export function amountAbove(ctx: TriggerContext, rule: TriggerRule): Subject[] {
  const tier = rule.tier ?? null;
  const limit = (rule.kind === 'tokens_above' ? rule.tokens_per_month : rule.cost_per_month) ?? 0;
  const value =
    rule.kind === 'tokens_above'
      ? (c: UsageCell): number => c.input_tokens + c.output_tokens
      : (c: UsageCell): number => c.cost;
  return ctx.live
    .filter((u) => tier !== null && usesTier(ctx, u, tier))
    .map((u) =>
      ucSubject(ctx, tier, u, {
        values: perMonth(ctx, u, tier, value),
        threshold: limit,
        holds: (v) => v > limit,
        move: evaluateMove(ctx, u, rule),
      }),
    );
}

export function noTraffic(ctx: TriggerContext, rule: TriggerRule): Subject[] {
  const { months } = ctx;
  return ctx.live
    .filter((u) => u.status === 'production' || u.status === 'pilot')
    .map((u) => {
      // Requests, or tokens / cost when the export does not count requests (FOCUS).
      const measure = trafficMeasure([...(ctx.usage.get(u.id)?.values() ?? [])].flatMap((m) => [...m.values()]));
      return ucSubject(ctx, rule.tier ?? null, u, {
        values: perMonth(ctx, u, null, measure.value),
        threshold: 0,
        holds: (v, i) => v === 0 && ctx.named?.get(u.id)?.has(months[i]!) !== true,
        move: { action: 'retire', tier: null, note: 'set status: retired, or explain why it is idle' },
        tier: u.tier,
        metric: measure.basis,
        note: measure.note,
      });
    });
}

function evaluateMove(ctx: TriggerContext, u: PlannedUseCase, rule: TriggerRule): ProposedMove {
  const { policy, cur } = ctx;
  const n = ctx.needs.get(u.id);
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
        note: `evaluate ${option.deployment.id} (${formatAmount(option.deployment.fixed_cost!.monthly, cur)}/month)`,
      }
    : {
        action: 'evaluate',
        tier: null,
        note: 'no self-hosted deployment is cleared for its data and able to serve it',
      };
}

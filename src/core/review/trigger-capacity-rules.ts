// The subjects of the rules on self-hosted capacity: a deployment running too full or too empty
// (capacity_above, capacity_below), and a use case whose spend on a tier passed what a cleared
// self-hosted deployment costs a month (break_even).
import type { TriggerRule } from '../policy/types.js';
import { cmp } from './aggregate.js';
import { selfHostedOptions } from './moves.js';
import type { ProposedMove } from './review-types.js';
import { fmt, perMonth, ucSubject, type Subject, type TriggerContext } from './trigger-context.js';
import { formatAmount } from './money.js';

/** A share of capacity to 4 significant digits: 0.00008 % stays 8e-7 rather than rounding to 0 or 1e-6. */
const roundShare = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(4)));

export function capacity(ctx: TriggerContext, rule: TriggerRule): Subject[] {
  const { months, cur } = ctx;
  const tier = rule.tier ?? null;
  const above = rule.kind === 'capacity_above';
  const limit = rule.utilisation ?? (above ? 1 : 0);
  const t = ctx.policy.tiers.find((x) => x.id === tier);
  return (t?.deployments ?? [])
    .filter((d) => d.fixed_cost)
    .map((d): Subject => {
      // The deployment's real traffic, whichever use cases sent it and whatever their status.
      const values = months.map((m) => ctx.utilisation.get(`${d.id}\u0000${m}`) ?? 0);
      const ran = [...(ctx.onDeployment.get(d.id) ?? [])].sort(cmp);
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
                  ? `nothing ran on ${d.id}: release it (${formatAmount(fixed.monthly, cur)}/month) or route planned work to it`
                  : `consolidate ${d.id}'s work onto other self-hosted capacity, or release it (${formatAmount(fixed.monthly, cur)}/month)`,
            },
      };
    });
}

export function breakEven(ctx: TriggerContext, rule: TriggerRule): Subject[] {
  const tier = rule.tier ?? null;
  const out: Subject[] = [];
  for (const u of ctx.live.filter((x) => tier !== null && ctx.usage.get(x.id)?.has(tier) === true)) {
    const option = selfHostedOptions(u, ctx.needs.get(u.id), ctx.policy, tier)[0];
    if (!option) continue; // nothing cleared to break even against
    const fixed = option.deployment.fixed_cost!;
    const tokens = perMonth(ctx, u, tier, (c) => c.input_tokens + c.output_tokens);
    const cost = perMonth(ctx, u, tier, (c) => c.cost);
    const move: ProposedMove = {
      action: 'evaluate',
      tier: option.tier.id,
      note: `${option.deployment.id} costs ${formatAmount(fixed.monthly, ctx.cur)}/month for up to ${fmt(fixed.capacity_tokens_per_month)} tokens`,
    };
    const s = ucSubject(ctx, tier, u, {
      values: cost,
      threshold: fixed.monthly,
      holds: (v, i) => v > fixed.monthly && tokens[i]! <= fixed.capacity_tokens_per_month,
      move,
    });
    out.push({ ...s, deployment: option.deployment.id });
  }
  return out;
}

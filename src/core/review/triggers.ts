// Consolidation triggers: each policy rule is evaluated month by month over the period; it
// fires when its condition held for the last `months` consecutive months (hysteresis: one
// spike or one quiet month never fires a rule needing two). A run that reaches the start of
// the period continues the previous review's streak when that review ended the month before.
// Each kind's subjects are in trigger-traffic-rules.ts and trigger-capacity-rules.ts.
import type { TriggerRule } from '../policy/types.js';
import { cmp } from './aggregate.js';
import { nextMonth } from './months.js';
import type { Streak, TriggerFiring } from './review-types.js';
import { breakEven, capacity } from './trigger-capacity-rules.js';
import { triggerContext, type Subject, type TriggerContext, type TriggerInput } from './trigger-context.js';
import { metricOf, summary } from './trigger-summary.js';
import { amountAbove, noTraffic, volumeBelow } from './trigger-traffic-rules.js';

export function evaluateTriggers(input: TriggerInput): { firings: TriggerFiring[]; streaks: Streak[] } {
  const { policy, months } = input;
  const ctx = triggerContext(input);
  const carried = new Map<string, number>();
  if (input.previous && months[0] !== undefined && nextMonth(input.previous.to) === months[0]) {
    for (const s of input.previous.streaks) carried.set(`${s.trigger}\u0000${s.subject}`, s.months);
  }

  const firings: TriggerFiring[] = [];
  const streaks: Streak[] = [];
  for (const rule of policy.triggers ?? []) {
    const subjects = subjectsOf(ctx, rule);
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
        summary: summary(rule, s, run, ctx.cur),
      });
    }
  }
  return { firings, streaks: streaks.sort((a, b) => cmp(a.trigger, b.trigger) || cmp(a.subject, b.subject)) };
}

function subjectsOf(ctx: TriggerContext, rule: TriggerRule): Subject[] {
  switch (rule.kind) {
    case 'volume_below':
      return volumeBelow(ctx, rule);
    case 'tokens_above':
    case 'spend_above':
      return amountAbove(ctx, rule);
    case 'no_traffic':
      return noTraffic(ctx, rule);
    case 'capacity_above':
    case 'capacity_below':
      return capacity(ctx, rule);
    case 'break_even':
      return breakEven(ctx, rule);
  }
}

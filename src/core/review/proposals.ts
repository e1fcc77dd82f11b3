// Proposals: the inventory changes the fired triggers suggest, as data (path inside the use
// case's entry, from, to) for a YAML patch writer that keeps the architect's comments. Only
// moves that name a cleared tier and retirements become changes; "evaluate" and capacity
// planning stay in the triggers section, since they need a person's judgement first. An
// override past its date is proposed for removal too: the plan already ignores it.
import type { Plan } from '../plan/plan-types.js';
import type { Inventory, Override, Policy } from '../policy/types.js';
import { cmp } from './aggregate.js';
import { endOfMonthPlusYears } from './months.js';
import { isCleared, servingTiers } from './moves.js';
import type { Proposal, TriggerFiring } from './review-types.js';

/** The `trigger` of a proposal no trigger made: the removal of an override that has expired. */
export const EXPIRED_OVERRIDE = 'override-expired';

export function computeProposals(
  firings: TriggerFiring[],
  plan: Plan,
  inventory: Inventory,
  policy: Policy,
  periodTo: string,
  /** Use cases some row names: never proposed for retirement, whatever a trigger says. */
  named: ReadonlyMap<string, unknown> = new Map(),
): Proposal[] {
  const planned = new Map(plan.use_cases.map((u) => [u.id, u]));
  const entries = new Map(inventory.use_cases.map((u) => [u.id, u]));
  const byUseCase = new Map<string, Proposal>();
  const offer = (p: Proposal): void => {
    const had = byUseCase.get(p.use_case);
    // Retirement supersedes a move; otherwise the first trigger in policy order wins.
    if (!had || (had.action === 'move' && p.action === 'retire')) byUseCase.set(p.use_case, p);
  };
  for (const f of firings) {
    if (f.use_case === null) continue;
    const u = planned.get(f.use_case);
    const entry = entries.get(f.use_case);
    if (!u || !entry) continue;
    // An override is a decision with a reason: a proposal that touches it says so, for the meeting to confirm.
    const pinned = entry.override
      ? `; it is pinned by an override until ${entry.override.expires} ("${entry.override.reason}"): confirm that no longer applies`
      : '';
    const evidence = `${f.summary} (${f.months.join(', ')})${pinned}`;
    if (f.move.action === 'retire') {
      if (named.has(u.id)) continue;
      offer({
        use_case: u.id,
        action: 'retire',
        change: { path: ['status'], from: entry.status ?? null, to: 'retired' },
        reason: evidence,
        trigger: f.trigger,
      });
    } else if (f.move.action === 'move' && f.move.tier !== null) {
      const to = f.move.tier;
      // Belt and braces: a proposal never crosses clearance, whatever produced the move.
      if (!isCleared(u, to, policy)) continue;
      const from: Override | null = entry.override ?? null;
      const preferred = servingTiers(u, entry.needs, policy)[0]?.id;
      if (from && preferred === to && u.decided_by !== 'matrix') {
        offer({
          use_case: u.id,
          action: 'move',
          change: { path: ['override'], from, to: null },
          reason: `${evidence}; without its override it is placed on ${to}`,
          trigger: f.trigger,
        });
      } else {
        const override: Override = {
          tier: to,
          reason: `Consolidation (${f.trigger}): ${f.summary}.`,
          expires: endOfMonthPlusYears(periodTo, 1),
        };
        offer({
          use_case: u.id,
          action: 'move',
          change: { path: ['override'], from, to: override },
          reason: evidence,
          trigger: f.trigger,
        });
      }
    }
  }
  // A trigger's proposal for the same use case (a retirement, a new override) comes first.
  for (const u of plan.use_cases) {
    const entry = entries.get(u.id);
    if (u.override?.state !== 'expired' || !entry?.override || byUseCase.has(u.id)) continue;
    const placed = u.tier === null ? 'the policy finds no tier for it' : `the policy places it on ${u.tier}`;
    // The sentence says what the change does; the reason, only why.
    offer({
      use_case: u.id,
      action: 'move',
      change: { path: ['override'], from: entry.override, to: null },
      reason: `it expired on ${u.override.expires} and is already ignored: ${placed}`,
      trigger: EXPIRED_OVERRIDE,
    });
  }
  return [...byUseCase.values()].sort((a, b) => cmp(a.use_case, b.use_case));
}

// The change between two plans, as data. "More open" is judged by clearance: a tier whose
// clearance ranks lower on the sensitivity scale takes less sensitive data, so reaching it is a
// widening — the change a reviewer must see first.
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';

interface TierMove {
  id: string;
  /** The tier before (null: a gap, or retired when `was_retired`). */
  from: string | null;
  was_retired: boolean;
  to: string | null;
  /** The new tier is more open than the old one. */
  widened: boolean;
  /** Rule ids the old rationale had and the new one lacks, and the reverse. */
  rules_removed: string[];
  rules_added: string[];
}

interface Widening {
  id: string;
  /** Tiers cleared for the use case now that were not before, more open than any cleared before. */
  tiers: string[];
  /** The assigned tier, before → after. */
  from: string | null;
  to: string | null;
}

interface SplitChange {
  tier: string;
  count_before: number;
  count_after: number;
  share_before: number;
  share_after: number;
}

export interface PlanDiff {
  base: { as_of: string; policy: string; use_cases: number };
  head: { as_of: string; policy: string; use_cases: number };
  /** Listed first: use cases (kept ones) that may now reach a more open tier. */
  widened: Widening[];
  added: { id: string; tier: string | null }[];
  removed: { id: string; tier: string | null }[];
  moved: TierMove[];
  gaps_opened: string[];
  gaps_closed: string[];
  overrides_added: string[];
  overrides_removed: string[];
  /** Honoured overrides expiring within the plan's window that were not expiring before. */
  overrides_expiring: string[];
  split: SplitChange[];
}

const byId = (p: Plan): Map<string, PlannedUseCase> => new Map(p.use_cases.map((u) => [u.id, u]));
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

export function diffPlans(base: Plan, head: Plan): PlanDiff {
  const before = byId(base);
  const after = byId(head);
  const levels = head.levels.sensitivity;
  const clearance = new Map<string, number>();
  for (const t of [...base.tiers, ...head.tiers]) clearance.set(t.id, levels.indexOf(t.clearance));
  // A tier no plan describes counts as the most open: fail closed.
  const openness = (tier: string | null): number => (tier === null ? Infinity : (clearance.get(tier) ?? -1));
  const mostOpen = (tiers: readonly string[]): number => Math.min(Infinity, ...tiers.map((t) => openness(t)));

  const added = sorted([...after.keys()].filter((id) => !before.has(id))).map((id) => ({
    id,
    tier: after.get(id)!.tier,
  }));
  const removed = sorted([...before.keys()].filter((id) => !after.has(id))).map((id) => ({
    id,
    tier: before.get(id)!.tier,
  }));
  const moved: TierMove[] = [];
  const widened: Widening[] = [];
  for (const id of sorted(after.keys())) {
    const b = before.get(id);
    const a = after.get(id)!;
    if (b === undefined || a.decided_by === 'retired') continue;
    const wasRetired = b.decided_by === 'retired';
    const floor = wasRetired ? Infinity : mostOpen(b.cleared);
    const opened = a.cleared.filter((t) => !b.cleared.includes(t) && openness(t) < floor);
    // A gap had no tier: the new one widens when it is more open than any tier cleared before.
    const was = wasRetired ? Infinity : b.tier === null ? floor : openness(b.tier);
    const tierWidened = a.tier !== null && openness(a.tier) < was;
    if (!wasRetired && (opened.length > 0 || tierWidened))
      widened.push({ id, tiers: sorted(opened), from: b.tier, to: a.tier });
    if (a.tier !== b.tier || wasRetired) {
      const rb = new Set(b.rationale.map((r) => r.rule));
      const ra = new Set(a.rationale.map((r) => r.rule));
      moved.push({
        id,
        from: wasRetired ? null : b.tier,
        was_retired: wasRetired,
        to: a.tier,
        widened: !wasRetired && tierWidened,
        rules_removed: sorted([...rb].filter((r) => !ra.has(r))),
        rules_added: sorted([...ra].filter((r) => !rb.has(r))),
      });
    }
  }
  const set = (xs: readonly string[]): Set<string> => new Set(xs);
  const minus = (a: readonly string[], b: readonly string[]): string[] => sorted(a.filter((x) => !set(b).has(x)));
  const splitTiers = [...new Set([...base.split.map((s) => s.tier), ...head.split.map((s) => s.tier)])];
  return {
    base: { as_of: base.as_of, policy: base.policy, use_cases: base.use_cases.length },
    head: { as_of: head.as_of, policy: head.policy, use_cases: head.use_cases.length },
    widened,
    added,
    removed,
    moved,
    gaps_opened: minus(head.gaps, base.gaps),
    gaps_closed: minus(base.gaps, head.gaps),
    overrides_added: minus(head.overrides, base.overrides),
    overrides_removed: minus(base.overrides, head.overrides),
    overrides_expiring: minus(head.expiring, base.expiring),
    split: splitTiers.map((tier) => {
      const b = base.split.find((s) => s.tier === tier);
      const a = head.split.find((s) => s.tier === tier);
      return {
        tier,
        count_before: b?.count ?? 0,
        count_after: a?.count ?? 0,
        share_before: b?.share_count ?? 0,
        share_after: a?.share_count ?? 0,
      };
    }),
  };
}

/** True when nothing a reviewer would read changed. */
export function isEmptyDiff(d: PlanDiff): boolean {
  return (
    d.widened.length +
      d.added.length +
      d.removed.length +
      d.moved.length +
      d.gaps_opened.length +
      d.gaps_closed.length +
      d.overrides_added.length +
      d.overrides_removed.length +
      d.overrides_expiring.length ===
    0
  );
}

// What each section of a plan diff says, as plain lines; text and Markdown dress them differently.
import type { PlanDiff } from '../../core/diff/plan-diff.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const tier = (t: string | null): string => t ?? 'gap';
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** The headline: widening first, otherwise a count of what changed. */
export function headline(d: PlanDiff): string {
  if (d.widened.length > 0) {
    const first = d.widened
      .slice(0, 3)
      .map(
        (w) =>
          `${w.id} (${w.from === w.to ? `may now reach ${w.tiers.join(', ')}` : `${tier(w.from)} → ${tier(w.to)}`})`,
      )
      .join(', ');
    const more = d.widened.length > 3 ? `, +${d.widened.length - 3} more` : '';
    return `WIDENED: ${plural(d.widened.length, 'use case')} may now reach a more open tier: ${first}${more}`;
  }
  const parts = [
    d.moved.length ? `${plural(d.moved.length, 'use case')} moved` : '',
    d.added.length ? `${d.added.length} added` : '',
    d.removed.length ? `${d.removed.length} removed` : '',
    d.gaps_opened.length ? `${plural(d.gaps_opened.length, 'gap')} opened` : '',
    d.gaps_closed.length ? `${plural(d.gaps_closed.length, 'gap')} closed` : '',
    d.overrides_added.length + d.overrides_removed.length
      ? `${plural(d.overrides_added.length + d.overrides_removed.length, 'override')} changed`
      : '',
    d.overrides_expiring.length ? `${plural(d.overrides_expiring.length, 'override')} now expiring` : '',
  ].filter(Boolean);
  return parts.length === 0
    ? 'No change to any placement.'
    : `No use case may reach a more open tier. ${parts.join(', ')}.`;
}

export interface Section {
  title: string;
  head: string[];
  rows: string[][];
}

export function sections(d: PlanDiff): Section[] {
  const out: Section[] = [
    {
      title: 'May now reach a more open tier',
      head: ['use case', 'tier before → after', 'newly cleared'],
      rows: d.widened.map((w) => [w.id, `${tier(w.from)} → ${tier(w.to)}`, w.tiers.join(', ') || '—']),
    },
    {
      title: 'Moved',
      head: ['use case', 'tier before → after', 'rules no longer applying', 'rules now applying'],
      rows: d.moved.map((m) => [
        m.id,
        `${m.was_retired ? 'retired' : tier(m.from)} → ${tier(m.to)}`,
        m.rules_removed.join(', ') || '—',
        m.rules_added.join(', ') || '—',
      ]),
    },
    { title: 'Added', head: ['use case', 'tier'], rows: d.added.map((a) => [a.id, tier(a.tier)]) },
    { title: 'Removed', head: ['use case', 'tier it had'], rows: d.removed.map((r) => [r.id, tier(r.tier)]) },
    {
      title: 'Gaps',
      head: ['use case', 'change'],
      rows: [...d.gaps_opened.map((id) => [id, 'opened']), ...d.gaps_closed.map((id) => [id, 'closed'])],
    },
    {
      title: 'Overrides',
      head: ['use case', 'change'],
      rows: [
        ...d.overrides_added.map((id) => [id, 'added']),
        ...d.overrides_removed.map((id) => [id, 'removed']),
        ...d.overrides_expiring.map((id) => [id, 'now expiring within 90 days']),
      ],
    },
  ];
  return out.filter((s) => s.rows.length > 0);
}

export function splitSection(d: PlanDiff): Section {
  return {
    title: 'Portfolio split (use cases)',
    head: ['tier', 'before', 'after'],
    rows: d.split.map((s) => [
      s.tier,
      `${s.count_before} (${pct(s.share_before)})`,
      `${s.count_after} (${pct(s.share_after)})`,
    ]),
  };
}

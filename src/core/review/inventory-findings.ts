// What the inventory says that the usage does not bear out: production use cases no row names,
// and overrides expired or expiring; and the rows that could not be read or attributed.
import type { EvidenceGroup } from './evidence.js';
import type { Plan } from '../plan/plan-types.js';
import type { UsageCell } from './aggregate.js';
import type { ReviewFinding } from './review-types.js';
import type { RejectedRow } from './usage-types.js';

const empty = (): Pick<ReviewFinding, 'months' | 'requests' | 'tokens' | 'cost' | 'rows' | 'first_rows'> => ({
  months: [],
  requests: 0,
  tokens: 0,
  cost: 0,
  rows: 0,
  first_rows: [],
});

export function inventoryFindings(
  plan: Plan,
  months: string[],
  cells: UsageCell[],
  evidence: EvidenceGroup[],
): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  // Any row naming a use case — placed or not, with a request count or only tokens — is traffic.
  const named = namedUseCases(cells, evidence);
  for (const u of plan.use_cases) {
    if (u.status === 'production' && !named.has(u.id)) {
      out.push({
        kind: 'idle-production',
        severity: 'warning',
        use_case: u.id,
        tier: u.tier,
        ...empty(),
        message: `${u.id} is in production but no row names it in ${months[0] ?? '?'}..${months[months.length - 1] ?? '?'}`,
      });
    }
    const o = u.override;
    if (o?.state === 'expired') {
      out.push({
        kind: 'override-expired',
        severity: 'warning',
        use_case: u.id,
        tier: o.tier,
        ...empty(),
        message: `${u.id}: override to ${o.tier} expired on ${o.expires}; renew it or remove it`,
      });
    } else if (o && plan.expiring.includes(u.id)) {
      out.push({
        kind: 'override-expiring',
        severity: 'info',
        use_case: u.id,
        tier: o.tier,
        ...empty(),
        message: `${u.id}: override to ${o.tier} expires on ${o.expires} (${o.days_left} days)`,
      });
    }
  }
  return out;
}

/** Rows that could not be read or attributed: counted, the first few listed, never dropped. */
export function rowsFinding(
  kind: 'unreadable' | 'unattributed',
  r: { count: number; first: RejectedRow[] },
  what: string,
  keep: number,
): ReviewFinding[] {
  if (r.count === 0) return [];
  const first = r.first.slice(0, keep);
  const where = first.map((x) => `${x.file}:${x.line}`).join(', ');
  return [
    {
      kind,
      severity: 'warning',
      use_case: null,
      tier: null,
      ...empty(),
      rows: r.count,
      first_rows: first,
      message: `${r.count} row${r.count === 1 ? '' : 's'} ${what}${where ? ` (first: ${where})` : ''}`,
    },
  ];
}

/** Use cases some row names: counted in a cell, or in placement evidence (for any name it carries). */
function namedUseCases(cells: UsageCell[], evidence: EvidenceGroup[]): Set<string> {
  const named = new Set(cells.map((c) => c.use_case));
  for (const e of evidence) {
    named.add(e.use_case);
    for (const n of e.names) named.add(n);
  }
  return named;
}

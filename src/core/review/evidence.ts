// The evidence behind review's placement findings, kept while rows stream through the
// accumulator: rows on an unknown deployment, rows placed by inference from a public provider,
// labels that contradict the connection, rows naming several use cases. Per group: rows,
// requests and tokens per month, the first rows (file:line) and what the rows showed. Memory
// grows with groups and months, never with rows; groups of consecutive parts merge exactly.
import type { RejectedRow } from './usage-types.js';

export type EvidenceKind = 'unknown' | 'inferred' | 'ambiguous' | 'label-mismatch' | 'use-case-mismatch';

export interface EvidenceMonth {
  month: string;
  rows: number;
  requests: number;
  tokens: number;
}

export interface EvidenceGroup {
  kind: EvidenceKind;
  use_case: string;
  /** The tier the rows are judged on (the most open tier for an unknown deployment). */
  tier: string;
  /** use-case-mismatch: every use case the rows name. */
  names: string[];
  /** False when the rows ran on a deployment that could not be identified. */
  placed: boolean;
  /** use-case-mismatch: the deployment identified, for the residency of each use case named. */
  deployment: string | null;
  /** ambiguous: the deployments of the tier the rows match, sorted. */
  candidates: string[];
  /** What the rows showed (connection, labels, contradiction), distinct, the first few. */
  seen: string[];
  months: EvidenceMonth[];
  first: RejectedRow[];
}

const MAX_SEEN = 5;

type GroupKey = Pick<EvidenceGroup, 'kind' | 'use_case' | 'tier' | 'names' | 'placed' | 'deployment' | 'candidates'>;

const evidenceKey = (g: GroupKey): string =>
  `${g.kind}\u0000${g.use_case}\u0000${g.tier}\u0000${g.names.join(',')}\u0000${g.placed ? 1 : 0}\u0000${g.deployment ?? ''}\u0000${g.candidates.join(',')}`;

/** Evidence groups by key; `month` gives the per-month record a target adds its rows to. */
export class EvidenceBook {
  private readonly groups = new Map<string, EvidenceGroup>();
  constructor(private readonly keep: number) {}

  group(at: GroupKey, seen: string): EvidenceGroup {
    const key = evidenceKey(at);
    let g = this.groups.get(key);
    if (!g) {
      const { kind, use_case, tier, names, placed, deployment, candidates } = at;
      g = {
        kind,
        use_case,
        tier,
        names: [...names],
        placed,
        deployment,
        candidates: [...candidates],
        seen: [],
        months: [],
        first: [],
      };
      this.groups.set(key, g);
    }
    if (g.seen.length < MAX_SEEN && !g.seen.includes(seen)) g.seen.push(seen);
    return g;
  }

  month(g: EvidenceGroup, month: string): EvidenceMonth {
    let m = g.months.find((x) => x.month === month);
    if (!m) {
      m = { month, rows: 0, requests: 0, tokens: 0 };
      g.months.push(m);
    }
    return m;
  }

  witness(g: EvidenceGroup, file: string, line: number, seen: string): void {
    if (g.first.length < this.keep) g.first.push({ file, line, reason: seen });
  }

  /** Adds another book's groups (of the input that follows this one's). */
  merge(other: EvidenceGroup[]): void {
    for (const o of other) {
      const g = this.group(o, o.seen[0] ?? '');
      for (const s of o.seen) if (g.seen.length < MAX_SEEN && !g.seen.includes(s)) g.seen.push(s);
      for (const om of o.months) {
        const m = this.month(g, om.month);
        m.rows += om.rows;
        m.requests += om.requests;
        m.tokens += om.tokens;
      }
      for (const r of o.first) if (g.first.length < this.keep) g.first.push({ ...r });
    }
  }

  /** Plain copies, months sorted; sorted by kind, use case, tier. */
  list(): EvidenceGroup[] {
    const out = [...this.groups.values()].map((g) => ({
      ...g,
      names: [...g.names],
      candidates: [...g.candidates],
      seen: [...g.seen],
      months: g.months.map((m) => ({ ...m })).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)),
      first: g.first.map((r) => ({ ...r })),
    }));
    return out.sort((a, b) => (evidenceKey(a) < evidenceKey(b) ? -1 : evidenceKey(a) > evidenceKey(b) ? 1 : 0));
  }
}

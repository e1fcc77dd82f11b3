// What the usage says about the inventory and the plan: traffic on a tier not cleared for its
// data (breach, the most severe) or on a deployment nobody can identify (placement-findings.ts),
// on another tier than planned (drift), aliases nobody registered, traffic to a use case the
// inventory retired (a gateway still routes it), production use cases no row names, overrides
// expired or expiring, and rows that could not be read or attributed — counted, never dropped.
import type { EvidenceGroup } from './evidence.js';
import { evidenceRows, inferenceNote, placementFindings } from './placement-findings.js';
import { clearTier, describeFailure } from '../plan/clearance.js';
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import { allowedTiers, dataProfile } from '../gateway/routing.js';
import type { Policy } from '../policy/types.js';
import { cmp, round2, type UsageCell } from './aggregate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ReviewFinding, ReviewFindingKind, Severity } from './review-types.js';
import type { RejectedRow } from './usage-types.js';
import { BREACH_KINDS, failClosedNote, judgeUnregistered } from './unregistered.js';

export interface FindingsInput {
  plan: Plan;
  policy: Policy;
  months: string[];
  cells: UsageCell[];
  unreadable: { count: number; first: RejectedRow[] };
  unattributed: { count: number; first: RejectedRow[] };
  /** Placement evidence inside the period (unknown and inferred deployments, contradicting labels). */
  evidence: EvidenceGroup[];
  /** How many of the first rows to list. */
  keep?: number;
}

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const KIND: ReviewFindingKind[] = [
  'breach',
  'unverified-deployment',
  'label-mismatch',
  'use-case-mismatch',
  'unregistered-breach',
  'unregistered',
  'retired-traffic',
  'drift',
  'idle-production',
  'override-expired',
  'override-expiring',
  'unreadable',
  'unattributed',
];

interface Group {
  kind: ReviewFindingKind;
  severity: Severity;
  use_case: string;
  tier: string;
  months: Set<string>;
  /** Requests per month: the evidence a retired use case's message lists. */
  perMonth: Map<string, number>;
  requests: number;
  tokens: number;
  cost: number;
  message: string;
}

export function computeFindings(input: FindingsInput): ReviewFinding[] {
  const { plan, policy, cells } = input;
  const keep = input.keep ?? 10;
  const planned = new Map(plan.use_cases.map((u) => [u.id, u]));
  const tiers = new Map(policy.tiers.map((t) => [t.id, t]));
  const regionOf = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d.region] as const)));
  const groups = new Map<string, Group>();
  const verdicts = new Map<string, { kind: ReviewFindingKind; severity: Severity; message: string } | null>();

  const verdict = (
    u: PlannedUseCase,
    c: UsageCell,
  ): { kind: ReviewFindingKind; severity: Severity; message: string } | null => {
    const tier = tiers.get(c.tier);
    const exempt = u.override?.state === 'exception' && u.override.tier === c.tier;
    if (tier && !exempt) {
      const clear = clearTier(tier, dataProfile(u), policy);
      if (!clear.cleared) {
        return {
          kind: 'breach',
          severity: 'error',
          message: `${u.id} (${u.sensitivity}) ran on ${c.tier}, which is not cleared for its data: ${clear.failures.map(describeFailure).join('; ')}`,
        };
      }
      const outside =
        u.residency.length === 0 ? [] : c.deployments.filter((d) => !u.residency.includes(regionOf.get(d) ?? ''));
      if (outside.length > 0) {
        return {
          kind: 'breach',
          severity: 'error',
          message: `${u.id} ran on ${outside.join(', ')} outside its residency ${u.residency.join(', ')}`,
        };
      }
    }
    // Retired use cases have no tier in the plan and no route in the generated gateway config:
    // traffic means a stale gateway, or an application calling past it.
    if (u.decided_by === 'retired') return { kind: 'retired-traffic', severity: 'warning', message: '' };
    if (c.tier === u.tier) return null;
    if (u.tier === null)
      return {
        kind: 'drift',
        severity: 'warning',
        message: `${u.id} has no tier in the plan (gap) but ran on ${c.tier}`,
      };
    const fallback = allowedTiers(u, policy).some((t) => t.id === c.tier);
    return fallback
      ? {
          kind: 'drift',
          severity: 'info',
          message: `${u.id} is planned on ${u.tier} and ran on ${c.tier}, a cleared fallback`,
        }
      : { kind: 'drift', severity: 'warning', message: `${u.id} is planned on ${u.tier} but ran on ${c.tier}` };
  };

  for (const c of cells) {
    const u = planned.get(c.use_case);
    let v: { kind: ReviewFindingKind; severity: Severity; message: string } | null;
    if (!u) {
      const j = judgeUnregistered(c.tier, policy);
      v = {
        kind: j.kind,
        severity: j.severity,
        message:
          j.why === null
            ? `alias ${c.use_case} carried traffic on ${c.tier} but is not in the inventory`
            : `alias ${c.use_case} carried traffic on ${c.tier}; it is ${failClosedNote(policy, j.why)}`,
      };
    } else {
      // Residency depends on the deployments seen, so the verdict is per cell, cached by its shape.
      const vk = `${c.use_case}\u0000${c.tier}\u0000${c.deployments.join(',')}`;
      if (!verdicts.has(vk)) verdicts.set(vk, verdict(u, c));
      v = verdicts.get(vk)!;
    }
    if (!v) continue;
    const key = `${v.kind}\u0000${c.use_case}\u0000${c.tier}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        ...v,
        use_case: c.use_case,
        tier: c.tier,
        months: new Set(),
        perMonth: new Map(),
        requests: 0,
        tokens: 0,
        cost: 0,
      };
      groups.set(key, g);
    } else if (SEVERITY[v.severity] < SEVERITY[g.severity]) Object.assign(g, v);
    g.months.add(c.month);
    g.perMonth.set(c.month, (g.perMonth.get(c.month) ?? 0) + c.requests);
    g.requests += c.requests;
    g.tokens += c.input_tokens + c.output_tokens;
    g.cost += c.cost;
  }

  const inferred = new Map(
    input.evidence.filter((e) => e.kind === 'inferred').map((e) => [`${e.use_case}\u0000${e.tier}`, e]),
  );
  const out: ReviewFinding[] = [...groups.values()].map((g) => {
    // A breach on a tier told by inference says so, with the rows that show it.
    const guess = g.kind === 'breach' ? inferred.get(`${g.use_case}\u0000${g.tier}`) : undefined;
    return {
      kind: g.kind,
      severity: g.severity,
      use_case: g.use_case,
      tier: g.tier,
      months: [...g.months].sort(),
      requests: g.requests,
      tokens: g.tokens,
      cost: round2(g.cost),
      rows: guess ? guess.months.reduce((s, m) => s + m.rows, 0) : 0,
      first_rows: guess ? evidenceRows(guess, keep) : [],
      message:
        (g.kind === 'retired-traffic' ? retiredMessage(g) : g.message) + (guess ? inferenceNote(guess, keep) : ''),
    };
  });
  out.push(...placementFindings(input.evidence, plan, policy, keep));
  const empty = { months: [] as string[], requests: 0, tokens: 0, cost: 0, rows: 0, first_rows: [] as RejectedRow[] };

  // Any row naming a use case — placed or not, with a request count or only tokens — is traffic.
  const named = namedUseCases(cells, input.evidence);
  for (const u of plan.use_cases) {
    if (u.status === 'production' && !named.has(u.id)) {
      out.push({
        kind: 'idle-production',
        severity: 'warning',
        use_case: u.id,
        tier: u.tier,
        ...empty,
        message: `${u.id} is in production but no row names it in ${input.months[0] ?? '?'}..${input.months[input.months.length - 1] ?? '?'}`,
      });
    }
    const o = u.override;
    if (o?.state === 'expired') {
      out.push({
        kind: 'override-expired',
        severity: 'warning',
        use_case: u.id,
        tier: o.tier,
        ...empty,
        message: `${u.id}: override to ${o.tier} expired on ${o.expires}; renew it or remove it`,
      });
    } else if (o && plan.expiring.includes(u.id)) {
      out.push({
        kind: 'override-expiring',
        severity: 'info',
        use_case: u.id,
        tier: o.tier,
        ...empty,
        message: `${u.id}: override to ${o.tier} expires on ${o.expires} (${o.days_left} days)`,
      });
    }
  }
  const rowsFinding = (
    kind: 'unreadable' | 'unattributed',
    r: { count: number; first: RejectedRow[] },
    what: string,
  ): void => {
    if (r.count === 0) return;
    const first = r.first.slice(0, keep);
    const where = first.map((x) => `${x.file}:${x.line}`).join(', ');
    out.push({
      kind,
      severity: 'warning',
      use_case: null,
      tier: null,
      ...empty,
      rows: r.count,
      first_rows: first,
      message: `${r.count} row${r.count === 1 ? '' : 's'} ${what}${where ? ` (first: ${where})` : ''}`,
    });
  };
  rowsFinding('unreadable', input.unreadable, 'could not be read');
  rowsFinding('unattributed', input.unattributed, 'could not be attributed to a use case');

  return mergeBreaches(out, keep).sort(
    (a, b) =>
      SEVERITY[a.severity] - SEVERITY[b.severity] ||
      KIND.indexOf(a.kind) - KIND.indexOf(b.kind) ||
      cmp(a.use_case ?? '', b.use_case ?? '') ||
      cmp(a.tier ?? '', b.tier ?? ''),
  );
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

/** One breach per use case and tier: rows judged for a use case they also named join its own. */
function mergeBreaches(findings: ReviewFinding[], keep: number): ReviewFinding[] {
  const seen = new Map<string, ReviewFinding>();
  const out: ReviewFinding[] = [];
  for (const f of findings) {
    const key = `${f.kind}\u0000${f.use_case ?? ''}\u0000${f.tier ?? ''}`;
    const had = BREACH_KINDS.has(f.kind) ? seen.get(key) : undefined;
    if (!had) {
      seen.set(key, f);
      out.push(f);
      continue;
    }
    had.months = [...new Set([...had.months, ...f.months])].sort();
    had.requests += f.requests;
    had.tokens += f.tokens;
    had.cost = round2(had.cost + f.cost);
    had.rows += f.rows;
    had.first_rows = [...had.first_rows, ...f.first_rows].slice(0, keep);
    had.message += `; and ${f.message}`;
  }
  return out;
}

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function retiredMessage(g: Group): string {
  const months = [...g.perMonth.entries()].sort((a, b) => cmp(a[0], b[0]));
  const evidence = months.map(([m, r]) => `${m}: ${fmt(r)} request${r === 1 ? '' : 's'}`).join(', ');
  return (
    `${g.use_case} is retired but ran ${fmt(g.requests)} request${g.requests === 1 ? '' : 's'} (${fmt(g.tokens)} tokens, cost ${fmt(round2(g.cost))}) on ${g.tier} (${evidence}); ` +
    'regenerate the gateway config so its alias is no longer routed, or set its status back if it is still in use'
  );
}

/**
 * The finding as a Diagnostic, for the shared formatters. Nothing is lost: a null use case is
 * an absent one, the figures keep their names, and the first rows are the evidence rows.
 */
export function reviewDiagnostic(f: ReviewFinding): Diagnostic {
  return {
    code: f.kind,
    severity: f.severity,
    message: f.message,
    ...(f.use_case !== null ? { use_case: f.use_case } : {}),
    evidence: {
      figures: { tier: f.tier, months: f.months, requests: f.requests, tokens: f.tokens, cost: f.cost, rows: f.rows },
      ...(f.first_rows.length > 0 ? { rows: f.first_rows } : {}),
    },
  };
}

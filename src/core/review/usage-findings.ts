// What the usage says against the plan, cell by cell: traffic on a tier not cleared for its data
// or outside its residency (breach, the most severe), on another tier than planned (drift),
// aliases nobody registered, traffic to a use case the inventory retired (a gateway still
// routes it). A breach on a tier told by inference carries the rows that show it.
import { clearTier, describeFailure } from '../plan/clearance.js';
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import { allowedTiers, dataProfile } from '../gateway/routing.js';
import type { Policy } from '../policy/types.js';
import { cmp, OVERFLOW_USE_CASE, round2, type IdentityOverflow, type UsageCell } from './aggregate.js';
import type { EvidenceGroup } from './evidence.js';
import { SEVERITY } from './finding-order.js';
import { evidenceRows, inferenceNote } from './placement-findings.js';
import type { ReviewFinding, ReviewFindingKind, Severity } from './review-types.js';
import { failClosedNote, judgeUnregistered } from './unregistered.js';
import { formatAmount } from './money.js';

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

export function usageFindings(
  plan: Plan,
  policy: Policy,
  cells: UsageCell[],
  evidence: EvidenceGroup[],
  keep: number,
  overflow: IdentityOverflow | null = null,
): ReviewFinding[] {
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
    if (c.use_case === OVERFLOW_USE_CASE) {
      const j = judgeUnregistered(c.tier, policy);
      v = {
        kind: 'too-many-identities',
        severity: j.severity,
        message: overflowMessage(c.tier, overflow, j.why === null ? null : failClosedNote(policy, j.why)),
      };
    } else if (!u) {
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
    evidence.filter((e) => e.kind === 'inferred').map((e) => [`${e.use_case}\u0000${e.tier}`, e]),
  );
  return [...groups.values()].map((g) => {
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
        (g.kind === 'retired-traffic' ? retiredMessage(g, policy.currency ?? 'USD') : g.message) +
        (guess ? inferenceNote(guess, keep) : ''),
    };
  });
}

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function retiredMessage(g: Group, currency: string): string {
  const months = [...g.perMonth.entries()].sort((a, b) => cmp(a[0], b[0]));
  const evidence = months.map(([m, r]) => `${m}: ${fmt(r)} request${r === 1 ? '' : 's'}`).join(', ');
  return (
    `${g.use_case} is retired but ran ${fmt(g.requests)} request${g.requests === 1 ? '' : 's'} (${fmt(g.tokens)} tokens, billed ${formatAmount(g.cost, currency)}) on ${g.tier} (${evidence}); ` +
    'regenerate the gateway config so its alias is no longer routed, or set its status back if it is still in use'
  );
}

/** How many of the heaviest overflowed names a finding lists. */
const TOP_SHOWN = 10;

function overflowMessage(tier: string, o: IdentityOverflow | null, failClosed: string | null): string {
  const limit = o === null ? 'the limit' : fmt(o.limit);
  const top =
    o === null || o.top.length === 0
      ? ''
      : `; the heaviest by requests (estimates, at least–at most): ${o.top
          .slice(0, TOP_SHOWN)
          .map((h) => `${h.key} (${fmt(h.count - h.error)}–${fmt(h.count)})`)
          .join(', ')}${o.top.length > TOP_SHOWN ? ', …' : ''}`;
  return (
    `the exports carry more than ${limit} distinct names that are no use case of the inventory; the rest were folded into one overflow, which ran on ${tier}` +
    (failClosed === null ? ' (cleared even for fail-closed data)' : `; it is ${failClosed}`) +
    `${top}; raise --max-identities to review them one by one`
  );
}

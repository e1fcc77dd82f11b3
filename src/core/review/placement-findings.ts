// Findings from the placement evidence (evidence.ts): rows on a deployment nobody can identify
// (judged as the policy's most open tier: a breach of its own kind when that tier is not
// cleared), labels contradicting the connection, rows naming several use cases (judged for
// each of them). Every finding names the use case and carries its evidence: rows per month,
// what the rows showed, and the first rows (file:line).
import { clearTier, describeFailure } from '../plan/clearance.js';
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import { dataProfile } from '../gateway/routing.js';
import type { Policy } from '../policy/types.js';
import type { EvidenceGroup } from './evidence.js';
import type { ReviewFinding } from './review-types.js';
import { failClosedNote, judgeUnregistered } from './unregistered.js';

const fmt = (n: number): string => n.toLocaleString('en-US');
/** First rows in a message, and kept as evidence: enough to find them, few enough for a headline. */
const LINES_IN_MESSAGE = 3;
const EVIDENCE_ROWS = 5;
const plural = (n: number, what: string): string => `${fmt(n)} ${what}${n === 1 ? '' : 's'}`;

/** Groups with their months cut to the period; groups with no month in it are left out. */
export function inPeriod(groups: EvidenceGroup[], months: Set<string>): EvidenceGroup[] {
  return groups
    .map((g) => ({ ...g, months: g.months.filter((m) => months.has(m.month)) }))
    .filter((g) => g.months.length > 0);
}

/** `2026-07: 1,200 requests, 3,400,000 tokens; …`: the evidence per month. */
function perMonth(g: EvidenceGroup): string {
  return g.months.map((m) => `${m.month}: ${plural(m.requests, 'request')}, ${plural(m.tokens, 'token')}`).join('; ');
}

function base(g: EvidenceGroup, keep: number): Omit<ReviewFinding, 'kind' | 'severity' | 'use_case' | 'message'> {
  const rows = g.months.reduce((s, m) => s + m.rows, 0);
  return {
    tier: g.tier,
    months: g.months.map((m) => m.month),
    requests: g.months.reduce((s, m) => s + m.requests, 0),
    tokens: g.months.reduce((s, m) => s + m.tokens, 0),
    cost: 0,
    rows,
    first_rows: evidenceRows(g, keep),
  };
}

const firstLines = (g: EvidenceGroup, keep: number): string =>
  g.first.length === 0
    ? ''
    : ` (first: ${g.first
        .slice(0, Math.min(keep, LINES_IN_MESSAGE))
        .map((r) => `${r.file}:${r.line}`)
        .join(', ')})`;

/** The first rows a finding keeps as evidence. */
export const evidenceRows = (g: EvidenceGroup, keep: number): EvidenceGroup['first'] =>
  g.first.slice(0, Math.min(keep, EVIDENCE_ROWS));

export function placementFindings(groups: EvidenceGroup[], plan: Plan, policy: Policy, keep: number): ReviewFinding[] {
  const planned = new Map(plan.use_cases.map((u) => [u.id, u]));
  const tiers = new Map(policy.tiers.map((t) => [t.id, t]));
  const regionOf = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d.region] as const)));
  const notCleared = (u: PlannedUseCase, tier: string, deployment: string | null = null): string | null => {
    const t = tiers.get(tier);
    if (!t) return null;
    const clear = clearTier(t, dataProfile(u), policy);
    if (!clear.cleared) return clear.failures.map(describeFailure).join('; ');
    const region = deployment === null ? undefined : regionOf.get(deployment);
    return region !== undefined && u.residency.length > 0 && !u.residency.includes(region)
      ? `${deployment} is in ${region}, outside its residency ${u.residency.join(', ')}`
      : null;
  };
  const out: ReviewFinding[] = [];

  // An unknown deployment, judged as the most open tier, for use case `u` (named by the rows).
  const unknown = (g: EvidenceGroup, id: string, how: string): void => {
    const b = base(g, keep);
    const u = planned.get(id);
    const what = `${plural(b.rows, 'row')}${how} ran on a deployment tierplan cannot identify (${g.seen.join(' | ')})`;
    const evidence = `; ${perMonth(g)}${firstLines(g, keep)}`;
    if (!u) {
      // Judged on the most open tier, as any unknown deployment, and as fail-closed data.
      const j = judgeUnregistered(g.tier, policy);
      out.push({
        kind: j.kind,
        severity: j.severity,
        use_case: id,
        ...b,
        message:
          j.why === null
            ? `alias ${id}: ${what}, and it is not in the inventory${evidence}`
            : `alias ${id}: ${what}, judged as the most open tier, ${g.tier}; it is ${failClosedNote(policy, j.why)}${evidence}`,
      });
      return;
    }
    const failures = notCleared(u, g.tier) ?? regionUnknown(u);
    out.push(
      failures !== null
        ? {
            kind: 'unverified-deployment',
            severity: 'error',
            use_case: id,
            ...b,
            message: `${id} (${u.sensitivity}): ${what}; judged as the most open tier, ${g.tier}, which is not cleared for its data: ${failures}${evidence}`,
          }
        : {
            kind: 'unattributed',
            severity: 'warning',
            use_case: id,
            ...b,
            message: `${id}: ${what}; the most open tier, ${g.tier}, is cleared for its data${evidence}`,
          },
    );
  };

  for (const g of groups) {
    const b = base(g, keep);
    if (g.kind === 'unknown') unknown(g, g.use_case, ` of ${g.use_case}`);
    else if (g.kind === 'ambiguous') {
      // The row matches several deployments of its tier: any of them outside the residency is a breach.
      const u = planned.get(g.use_case);
      if (!u || u.residency.length === 0 || notCleared(u, g.tier) !== null) continue;
      const outside = g.candidates.filter((d) => !u.residency.includes(regionOf.get(d) ?? ''));
      if (outside.length > 0)
        out.push({
          kind: 'breach',
          severity: 'error',
          use_case: g.use_case,
          ...b,
          message: `${g.use_case}: ${plural(b.rows, 'row')} ran on ${g.tier} on one of ${g.candidates.join(', ')} (${g.seen.join(' | ')}), which the rows do not tell apart, and ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside its residency ${u.residency.join(', ')}; ${perMonth(g)}${firstLines(g, keep)}`,
        });
    } else if (g.kind === 'inferred') {
      // A tier not cleared is the cell's breach (with this evidence); a cleared one still cannot show its region.
      const u = planned.get(g.use_case);
      const region = u && notCleared(u, g.tier) === null ? regionUnknown(u) : null;
      if (u && region !== null)
        out.push({
          kind: 'breach',
          severity: 'error',
          use_case: g.use_case,
          ...b,
          message: `${g.use_case} ran on ${g.tier}: ${region}${inferenceNote(g, keep)}`,
        });
    } else if (g.kind === 'label-mismatch') {
      out.push({
        kind: 'label-mismatch',
        severity: 'warning',
        use_case: g.use_case,
        ...b,
        message: `${g.use_case}: ${plural(b.rows, 'row')}: ${g.seen.join(' | ')}; judged by the connection, on ${g.tier}; ${perMonth(g)}${firstLines(g, keep)}`,
      });
    } else if (g.kind === 'use-case-mismatch') {
      out.push({
        kind: 'use-case-mismatch',
        severity: 'warning',
        use_case: g.use_case,
        ...b,
        message: `${plural(b.rows, 'row')} name several use cases (${g.names.join(', ')}); counted for ${g.use_case} and judged for each; ${perMonth(g)}${firstLines(g, keep)}`,
      });
      // Fail closed: the rows are judged for every use case they name, not only the one counted.
      for (const other of g.names) {
        if (other === g.use_case) continue;
        const how = ` labelled for ${other} (also named: ${g.names.filter((n) => n !== other).join(', ')})`;
        if (!g.placed) {
          unknown(g, other, how);
          continue;
        }
        const u = planned.get(other);
        const failures = u
          ? (notCleared(u, g.tier, g.deployment) ?? (g.deployment === null ? regionUnknown(u) : null))
          : null;
        if (u && failures !== null)
          out.push({
            kind: 'breach',
            severity: 'error',
            use_case: other,
            ...b,
            message: `${other} (${u.sensitivity}): ${plural(b.rows, 'row')}${how} ran on ${g.tier}, which is not cleared for its data: ${failures}; ${perMonth(g)}${firstLines(g, keep)}`,
          });
      }
    }
  }
  return out;
}

/** Fail closed on residency: a deployment nobody identified can be anywhere. */
const regionUnknown = (u: PlannedUseCase): string | null =>
  u.residency.length === 0
    ? null
    : `the deployment's region is unknown, so its residency ${u.residency.join(', ')} cannot be shown to hold`;

/** The evidence of a placement by inference, for the breach it leads to. */
export function inferenceNote(g: EvidenceGroup, keep: number): string {
  return `; placed on ${g.tier} by inference: ${g.seen.join(' | ')} — a public API provider with no private endpoint; ${perMonth(g)}${firstLines(g, keep)}`;
}

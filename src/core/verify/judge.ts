// Whether what a use case can reach keeps docs/design.md invariant 1: every reached deployment is
// on a tier cleared for its data, never more open than the tier it was assigned (unless that
// tier is the one an approved exception pins), and its primary group is on the planned tier.
import { describeFailure, clearTier } from '../plan/clearance.js';
import type { PlannedUseCase } from '../plan/plan-types.js';
import { dataProfile } from '../gateway/routing.js';
import type { Policy, Tier } from '../policy/types.js';
import type { DeploymentCatalog, DeploymentRef } from '../identify/catalog.js';
import { describeLitellmEntry, describePortkeyLeaf } from '../identify/config-entry.js';
import { environmentEndpoint } from './env-endpoint.js';
import type { VerifyCode } from '../diagnostics/catalog.js';
import { jsonPath, type Dialect, type VerifyFinding, type Path, type ReachPath } from './verify-types.js';

export interface JudgeContext {
  policy: Policy;
  catalog: DeploymentCatalog;
  file: string;
  dialect: Dialect;
}

export function finding(
  file: string,
  severity: VerifyFinding['severity'],
  code: VerifyCode,
  useCase: string | null,
  steps: Path,
  message: string,
  chain: string[] = [],
): VerifyFinding {
  return { severity, code, use_case: useCase, file, path: jsonPath(steps), steps, message, chain };
}

const identify = (ctx: JudgeContext, p: ReachPath): DeploymentRef[] =>
  ctx.dialect === 'litellm' ? ctx.catalog.litellm(p.value) : ctx.catalog.portkey(p.value);

const WEIGHT_ZERO = ' (not reachable today: its load-balance weight is 0; a weight change makes it live)';
// A path that only a weight change would make live is a warning, and says so.
const severityOf = (p: ReachPath): VerifyFinding['severity'] => (p.live ? 'error' : 'warning');
const tailOf = (p: ReachPath): string => (p.live ? '' : WEIGHT_ZERO);

/** Every violation along the paths one routed use case can take through one config. */
export function judgeReach(u: PlannedUseCase, paths: ReachPath[], ctx: JudgeContext): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  const assigned = ctx.policy.tiers.find((t) => t.id === u.tier);
  const allowed = allowedFor(u, assigned, ctx.policy);
  for (const p of paths) {
    const severity = severityOf(p);
    const tail = tailOf(p);
    const refs = identify(ctx, p);
    if (refs.length === 0) {
      const what = ctx.dialect === 'litellm' ? describeLitellmEntry(p.value) : describePortkeyLeaf(p.value);
      out.push(
        finding(
          ctx.file,
          severity,
          'unknown-deployment',
          u.id,
          p.via,
          `"${u.id}" can reach ${jsonPath(p.leaf)}, which matches no deployment of the policy (${what})${environmentEndpoint(ctx.dialect, p.value)}: it cannot be proven cleared${tail}`,
          p.chain,
        ),
      );
      continue;
    }
    for (const [tier, ids] of byTier(refs)) {
      if (allowed.has(tier.id)) {
        out.push(
          ...residency(
            u,
            refs.filter((r) => r.tier === tier),
            p,
            ctx,
          ),
        );
        continue;
      }
      const where = `${ids.length === 1 ? 'deployment' : 'deployments'} ${ids.map((i) => `"${i}"`).join(' or ')} on tier ${tier.id}`;
      const clearance = clearTier(tier, dataProfile(u), ctx.policy);
      if (!clearance.cleared) {
        out.push(
          finding(
            ctx.file,
            severity,
            'uncleared-tier',
            u.id,
            p.via,
            `"${u.id}" (${profile(u)}) can reach ${where}, which is not cleared for it: ${clearance.failures.map(describeFailure).join('; ')}${tail}`,
            p.chain,
          ),
        );
      } else {
        out.push(
          finding(
            ctx.file,
            severity,
            'more-open-fallback',
            u.id,
            p.via,
            `"${u.id}" can reach ${where} (clearance ${tier.clearance}), more open than its assigned tier ${u.tier ?? '?'} (clearance ${assigned?.clearance ?? '?'}): a fallback may only go sideways or toward a more restrictive tier${tail}`,
            p.chain,
          ),
        );
      }
    }
  }
  out.push(...drift(u, paths, ctx));
  return out;
}

/**
 * Decided here from the clearance rules themselves, not from the routing compiler's
 * `allowedTiers`: a checker that shared the compiler's logic would share its bugs. The assigned
 * tier when it is cleared or pinned by an approved exception; any other tier cleared for the
 * data and at least as restrictive as the assigned one.
 */
function allowedFor(u: PlannedUseCase, assigned: Tier | undefined, policy: Policy): Set<string> {
  const levels = policy.sensitivity.levels;
  const data = dataProfile(u);
  const out = new Set<string>();
  if (!assigned) return out;
  for (const t of policy.tiers) {
    const cleared = clearTier(t, data, policy).cleared;
    if (
      t === assigned
        ? cleared || u.decided_by === 'exception'
        : cleared && levels.indexOf(t.clearance) >= levels.indexOf(assigned.clearance)
    )
      out.add(t.id);
  }
  return out;
}

/**
 * A tier with a region in the residency is cleared, but each of its deployments serves from one
 * region: the routing compiler only picks deployments inside the residency, and so must a config.
 * An approved exception pins its tier's deployments as they are.
 */
function residency(u: PlannedUseCase, refs: DeploymentRef[], p: ReachPath, ctx: JudgeContext): VerifyFinding[] {
  if (u.residency.length === 0 || (u.decided_by === 'exception' && refs[0]?.tier.id === u.tier)) return [];
  const outside = refs.filter((r) => !u.residency.includes(r.deployment.region));
  // An entry that could be several deployments fails closed: any of them outside is enough.
  if (outside.length === 0) return [];
  const where = outside.map((r) => `"${r.deployment.id}" (region ${r.deployment.region})`).join(' or ');
  return [
    finding(
      ctx.file,
      severityOf(p),
      'outside-residency',
      u.id,
      p.via,
      `"${u.id}" can reach deployment ${where} on tier ${refs[0]!.tier.id}, outside its residency ${u.residency.join(', ')}${tailOf(p)}`,
      p.chain,
    ),
  ];
}

/** The primary group (no fallback taken) must be on the tier the plan assigns. */
function drift(u: PlannedUseCase, paths: ReachPath[], ctx: JudgeContext): VerifyFinding[] {
  for (const p of paths) {
    if (!p.primary || !p.live) continue;
    const tiers = [...new Set(identify(ctx, p).map((r) => r.tier.id))];
    if (tiers.length > 0 && !tiers.includes(u.tier ?? '')) {
      return [
        finding(
          ctx.file,
          'error',
          'tier-drift',
          u.id,
          p.via,
          `the primary group of "${u.id}" runs on ${tiers.join(' or ')}, but the plan assigns ${u.tier ?? 'no tier'}: regenerate the config with \`tierplan gateway\``,
          p.chain,
        ),
      ];
    }
  }
  return [];
}

function byTier(refs: DeploymentRef[]): Map<Tier, string[]> {
  const out = new Map<Tier, string[]>();
  for (const r of refs) out.set(r.tier, [...(out.get(r.tier) ?? []), r.deployment.id]);
  return out;
}

function profile(u: PlannedUseCase): string {
  const bits = [u.sensitivity];
  if (u.regimes.length > 0) bits.push(`regimes ${u.regimes.join(', ')}`);
  if (u.residency.length > 0) bits.push(`residency ${u.residency.join(', ')}`);
  return bits.join('; ');
}

/** Why an alias must not be in a gateway config. */
export function unknownAliasReason(id: string, planned: Map<string, PlannedUseCase>): string {
  const u = planned.get(id);
  if (!u) return 'no use case in the plan has this id: traffic to it is not in the inventory';
  if (u.decided_by === 'retired') return 'the use case is retired and must not be routed';
  return `the use case is a gap (${u.gap?.detail ?? 'no tier qualifies'}) and must not be routed`;
}

export const isRouted = (u: PlannedUseCase): boolean => u.tier !== null && u.deployment !== null;

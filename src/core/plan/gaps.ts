import {
  clearTier,
  deploymentShortfalls,
  describeFailure,
  type ClearanceResult,
  type DataProfile,
} from './clearance.js';
import type { Gap } from './plan-types.js';
import type { Deployment, Needs, Policy, Tier } from '../policy/types.js';

interface Verdict {
  tier: Tier;
  clearance: ClearanceResult;
}

/** Why no tier qualifies, and the smallest policy changes that would close the gap. */
export function gapFor(
  capability: string,
  needs: Needs | undefined,
  data: DataProfile,
  verdicts: Verdict[],
  policy: Policy,
): Gap {
  const cleared = verdicts.filter((v) => v.clearance.cleared);
  const remedies: string[] = [];
  const want = wantedDeployment(capability, needs, data);
  for (const v of cleared) remedies.push(`add ${want} to ${v.tier.id}`);
  // A tier that already has a capable deployment needs only clearance for the data.
  for (const v of verdicts.filter((x) => !x.clearance.cleared)) {
    const capable = v.tier.deployments.some(
      (d: Deployment) => deploymentShortfalls(d, capability, needs, data.residency, policy).length === 0,
    );
    const fix = clearanceFix(v.tier, data, policy, false);
    if (capable && fix) remedies.push(fix);
  }
  if (cleared.length === 0) {
    const detail = `no tier is cleared for this data (${verdicts.map((v) => `${v.tier.id}: ${v.clearance.failures.map(describeFailure).join('; ')}`).join(' | ')})`;
    if (remedies.length === 0) {
      for (const v of verdicts) {
        const fix = clearanceFix(v.tier, data, policy, true);
        if (fix) remedies.push(`${fix}, then add ${want} to it`);
      }
    }
    return { cause: 'no-cleared-tier', detail, remedies: remedies.slice(0, 3) };
  }
  const detail = `no cleared tier (${cleared.map((v) => v.tier.id).join(', ')}) offers ${want.replace(/^an? /, '')}`;
  return { cause: 'no-capable-deployment', detail, remedies: remedies.slice(0, 3) };
}

function wantedDeployment(capability: string, needs: Needs | undefined, data: DataProfile): string {
  let s = `${/^[aeiou]/i.test(capability) ? 'an' : 'a'} ${capability} deployment`;
  const extra = (needs?.modalities ?? []).filter((m) => m !== 'text');
  if (extra.length > 0) s += ` with ${extra.join('/')} input`;
  if (needs?.context_tokens !== undefined) s += ` of ≥ ${needs.context_tokens} tokens context`;
  if (data.residency.length > 0) s += ` in ${data.residency.join(' or ')}`;
  return s;
}

/** The change to a tier that would clear it, or null when the rule itself forbids it. */
function clearanceFix(tier: Tier, data: DataProfile, policy: Policy, mayRaiseToTop: boolean): string | null {
  const r = clearTier(tier, data, policy);
  const parts: string[] = [];
  for (const f of r.failures) {
    if (f.kind === 'regime') parts.push(`certify ${tier.id} for ${f.missing.join(', ')}`);
    if (f.kind === 'residency') parts.push(`add region ${f.allowed[0]} to ${tier.id}`);
    if (f.kind === 'clearance') {
      // Regulated data with regimes is admitted by certification; without regimes only a clearance change helps.
      const top = policy.sensitivity.levels[policy.sensitivity.levels.length - 1];
      const viaRegimes = data.regimeBacked && data.sensitivity === top && r.failures.some((x) => x.kind === 'regime');
      // Raising a tier to the top level undoes the policy's whole point; offer it only as a last resort.
      if (data.sensitivity === top && !viaRegimes && !mayRaiseToTop) return null;
      if (!viaRegimes) parts.push(`raise ${tier.id} clearance to ${data.sensitivity}`);
    }
  }
  return parts.length > 0 ? parts.join(' and ') : null;
}

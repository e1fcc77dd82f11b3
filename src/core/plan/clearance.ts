import { rank } from './classify.js';
import type { Deployment, Modality, Needs, Policy, Tier } from '../policy/types.js';

/** What a tier must satisfy: the data side of a use case. */
export interface DataProfile {
  sensitivity: string;
  regimes: string[];
  /** Empty means anywhere. */
  residency: string[];
  /** The top level comes only from regimes: certification for them admits the data (rule 2). */
  regimeBacked: boolean;
}

export type ClearanceFailure =
  | { kind: 'regime'; missing: string[] }
  | { kind: 'clearance'; clearance: string; sensitivity: string }
  | { kind: 'residency'; allowed: string[]; regions: string[] };

export interface ClearanceResult {
  cleared: boolean;
  /** True when rule 2's regime exception admitted regulated data above the tier's clearance. */
  viaRegimes: boolean;
  failures: ClearanceFailure[];
}

/** The three conditions of docs/design.md "The decision"; every failure is kept for the rationale. */
export function clearTier(tier: Tier, data: DataProfile, policy: Policy): ClearanceResult {
  const failures: ClearanceFailure[] = [];
  const missing = data.regimes.filter((r) => !tier.regimes.includes(r));
  if (missing.length > 0) failures.push({ kind: 'regime', missing });

  const levels = policy.sensitivity.levels;
  const top = levels[levels.length - 1];
  let viaRegimes = false;
  if (rank(levels, tier.clearance) < rank(levels, data.sensitivity)) {
    const regimeException =
      data.regimeBacked && data.sensitivity === top && data.regimes.length > 0 && missing.length === 0;
    if (regimeException) viaRegimes = true;
    else failures.push({ kind: 'clearance', clearance: tier.clearance, sensitivity: data.sensitivity });
  }

  if (data.residency.length > 0 && !tier.regions.some((r) => data.residency.includes(r))) {
    failures.push({ kind: 'residency', allowed: data.residency, regions: tier.regions });
  }
  return { cleared: failures.length === 0, viaRegimes, failures };
}

export function describeFailure(f: ClearanceFailure): string {
  switch (f.kind) {
    case 'regime':
      return `not certified for ${f.missing.join(', ')}`;
    case 'clearance':
      return `clearance ${f.clearance} < ${f.sensitivity}`;
    case 'residency':
      return `regions ${f.regions.join(', ')} outside residency ${f.allowed.join(', ')}`;
  }
}

export type DeploymentShortfall = 'capability' | 'region' | 'context' | 'modality' | 'tools';

/** Why a deployment cannot serve the needs; empty when it can. */
export function deploymentShortfalls(
  d: Deployment,
  capability: string,
  needs: Needs | undefined,
  residency: string[],
  policy: Policy,
): DeploymentShortfall[] {
  const out: DeploymentShortfall[] = [];
  const levels = policy.capability.levels;
  if (rank(levels, d.capability) < rank(levels, capability)) out.push('capability');
  if (residency.length > 0 && !residency.includes(d.region)) out.push('region');
  if (
    needs?.context_tokens !== undefined &&
    d.context_tokens !== undefined &&
    d.context_tokens < needs.context_tokens
  ) {
    out.push('context');
  }
  // A use case that names no modality works on text; a speech-only model cannot serve it.
  const offered: Modality[] = d.modalities ?? ['text'];
  const wanted: Modality[] = needs?.modalities && needs.modalities.length > 0 ? needs.modalities : ['text'];
  if (wanted.some((m) => !offered.includes(m))) out.push('modality');
  if (needs?.tools === true && d.tools === false) out.push('tools');
  return out;
}

export function suitableDeployments(
  tier: Tier,
  capability: string,
  needs: Needs | undefined,
  residency: string[],
  policy: Policy,
): Deployment[] {
  return tier.deployments.filter((d) => deploymentShortfalls(d, capability, needs, residency, policy).length === 0);
}

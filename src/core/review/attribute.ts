// Which use case a usage row is for (who.ts) and where it ran, from evidence. Where: the row's
// provider, model, endpoint and region through the deployment catalog `verify` uses
// (core/identify). Labels — a `model_id` `<alias>.<deployment>`, a fallback group's suffix, a
// `tierplan-tier:` tag — are claims: one that agrees with the connection may narrow the
// candidates, one that contradicts it is reported and the row is judged by the connection.
// Fail closed (docs/design.md, invariant 6): several candidate tiers → the most open of them;
// a public API provider without a private endpoint → its public tier, by inference; nothing
// identifiable → an unknown deployment, judged as the policy's most open tier.
import { deploymentCatalog, type DeploymentRef } from '../identify/catalog.js';
import { describeConnection, publicProvider, type Connection } from '../identify/connection.js';
import { rank } from '../plan/classify.js';
import type { Policy, Tier } from '../policy/types.js';
import type { UsageRow } from './usage-types.js';
import { knownNames, whoOf } from './who.js';

const TIER_TAG = 'tierplan-tier:';

/** How the deployment was told: by the connection, by inference from a public provider, or not at all. */
type Placement = 'identified' | 'inferred' | 'unknown';

export interface Attribution {
  use_case: string;
  /** Null when only the tier is known (several deployments of it match, an inference, an unknown deployment). */
  deployment: string | null;
  /** Several deployments of the tier match: all of them, for residency (fail closed); else empty. */
  candidates: string[];
  /** The tier the row is judged on: for an unknown deployment, the policy's most open tier. */
  tier: string;
  placement: Placement;
  /** The inventory's use cases the row names, when it names more than one (precedence order). */
  names: string[];
  /** A label that contradicts what the row connected to, in words; null when none does. */
  mismatch: string | null;
  /** What the row connected to, in words: the evidence of a finding. */
  seen: string;
}

export type AttributeResult = { ok: true; attribution: Attribution } | { ok: false; reason: string };

/** The fields of a row attribution reads. */
export type AttributedFields = Pick<
  UsageRow,
  'alias' | 'tags' | 'model_id' | 'model' | 'provider' | 'api_base' | 'region'
>;

export interface AttributorOptions {
  /** The inventory's use case ids: a name that is none of them never hides one that is. */
  useCases?: readonly string[] | undefined;
  /** The inventory's aliases: another name → its use case id. */
  aliases?: ReadonlyMap<string, string> | undefined;
}

/** The most open of some tiers: lowest clearance, then fewest regimes, then the policy's order. */
function mostOpen(tiers: readonly Tier[], policy: Policy): Tier | undefined {
  const levels = policy.sensitivity.levels;
  let best: Tier | undefined;
  for (const t of tiers) {
    if (
      best === undefined ||
      rank(levels, t.clearance) < rank(levels, best.clearance) ||
      (rank(levels, t.clearance) === rank(levels, best.clearance) && t.regimes.length < best.regimes.length)
    )
      best = t;
  }
  return best;
}

/** Builds the catalog and lookup tables once; the returned function is called per distinct identity. */
export function makeAttributor(
  policy: Policy,
  opts: AttributorOptions = {},
): (row: AttributedFields) => AttributeResult {
  const catalog = deploymentCatalog(policy);
  const byId = new Map(policy.tiers.flatMap((tier) => tier.deployments.map((d) => [d.id, { deployment: d, tier }])));
  const tierIds = new Set(policy.tiers.map((t) => t.id));
  const useCases = opts.useCases === undefined ? undefined : new Set(opts.useCases);
  const isUseCase = useCases === undefined ? undefined : (id: string): boolean => useCases.has(id);
  const isDeployment = (id: string): boolean => byId.has(id);
  const open = mostOpen(policy.tiers, policy);
  const aliases = opts.aliases;
  const ownerOf = aliases === undefined || aliases.size === 0 ? undefined : (a: string) => aliases.get(a);

  return (row) => {
    const who = whoOf(row, isDeployment, isUseCase, ownerOf);
    if (who.use_case === null)
      return {
        ok: false,
        reason: 'no use case: no tierplan-uc tag, no alias and no model_id of the form <alias>.<deployment>',
      };
    const conn: Connection = { provider: row.provider, model: row.model, endpoint: row.api_base, region: row.region };
    const tierClaims = row.tags.filter((t) => t.startsWith(TIER_TAG)).map((t) => t.slice(TIER_TAG.length));
    const claims = [
      ...who.claimedDeployments.map((d) => `deployment ${d} (${byId.get(d)!.tier.id})`),
      ...tierClaims.map((t) => `tier ${t}`),
    ];
    const shown = describeConnection(conn);
    const seen = claims.length > 0 ? `${shown}; its labels claim ${claims.join(', ')}` : shown;
    const known = knownNames(who, isUseCase);
    const base = { use_case: who.use_case, names: known.length > 1 ? known : [], seen };
    const contradiction = (what: string, where: string): string =>
      `${row.model_id !== null && who.claimedDeployments.length > 0 ? `model_id ${row.model_id}` : 'its labels'} claim ${what}, but it connected to ${where} (${shown})`;
    const unknownTier = [...new Set(tierClaims.filter((t) => !tierIds.has(t)))];
    const unknownTierText =
      unknownTier.length > 0
        ? `tier tag ${unknownTier.map((t) => `"${t}"`).join(', ')} names no tier of the policy`
        : null;

    const candidates = catalog.connection(conn);
    if (candidates.length > 0) {
      let narrowed: DeploymentRef[] = candidates;
      let mismatch: string | null = null;
      if (who.claimedDeployments.length > 0) {
        const hit = narrowed.filter((r) => who.claimedDeployments.includes(r.deployment.id));
        if (hit.length > 0) narrowed = hit;
        else mismatch = contradiction(claims.join(', '), describeRefs(candidates));
      }
      if (tierClaims.length > 0) {
        const hit = narrowed.filter((r) => tierClaims.includes(r.tier.id));
        if (hit.length > 0) narrowed = hit;
        else mismatch ??= contradiction(claims.join(', '), describeRefs(narrowed));
      }
      const tier = mostOpen([...new Set(narrowed.map((r) => r.tier))], policy)!;
      const inTier = narrowed.filter((r) => r.tier === tier);
      return {
        ok: true,
        attribution: {
          ...base,
          deployment: inTier.length === 1 ? inTier[0]!.deployment.id : null,
          candidates: inTier.length > 1 ? inTier.map((r) => r.deployment.id).sort() : [],
          tier: tier.id,
          placement: 'identified',
          mismatch: joined(mismatch, unknownTierText),
        },
      };
    }
    const provider = publicProvider(conn);
    // A provider's public API is as open as it gets, whatever tier the policy files its known models under.
    const inferred = provider === null ? undefined : open;
    if (inferred !== undefined) {
      const contradicts =
        who.claimedDeployments.length > 0 || (tierClaims.length > 0 && !tierClaims.includes(inferred.id));
      return {
        ok: true,
        attribution: {
          ...base,
          deployment: null,
          candidates: [],
          tier: inferred.id,
          placement: 'inferred',
          mismatch: joined(
            contradicts ? contradiction(claims.join(', '), `${provider}'s public API`) : null,
            unknownTierText,
          ),
        },
      };
    }
    if (open === undefined) return { ok: false, reason: 'the policy has no tier' };
    return {
      ok: true,
      attribution: { ...base, deployment: null, candidates: [], tier: open.id, placement: 'unknown', mismatch: null },
    };
  };
}

const joined = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : `${a}; ${b}`);

function describeRefs(refs: DeploymentRef[]): string {
  return refs.length === 0
    ? 'no deployment of the policy'
    : refs.map((r) => `${r.deployment.id} (${r.tier.id})`).join(' or ');
}

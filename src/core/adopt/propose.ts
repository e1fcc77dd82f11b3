// From what the configs connect to, the proposal: each distinct connection a deployment on a
// tier (or the policy's own deployment, when it already has it), each name applications call
// an alias of a use case or a new use case stub. Pure; answers (flags, an answers file, the
// terminal's questions) are applied on top by `applyAnswers`.
import { deploymentCatalog, type DeploymentRef } from '../identify/catalog.js';
import { slugify } from '../import/text.js';
import { endpointHasCredentials, gatewayWouldExpand } from '../policy/check-endpoints.js';
import type { Deployment, Inventory, Policy } from '../policy/types.js';
import { jsonPath, type Path } from '../verify/verify-types.js';
import type { AdoptNote, AdoptProposal, AliasProposal, FoundConnection, ProposedDeployment } from './adopt-types.js';
import { type PriceLookup, policyModel, priceOf } from './known-models.js';
import { proposeTier, residencyOf } from './propose-tier.js';

/** The region written for a deployment adopt cannot place: it satisfies no residency. */
export const UNKNOWN_REGION = 'unknown';

export interface AdoptSource {
  dialect: 'litellm' | 'portkey';
  files: string[];
  connections: FoundConnection[];
  /** Names applications call, with the leaves (model_list entries, Portkey targets) their primary route ends at. */
  names: { name: string; file: string; steps: Path; aliasOf: string | null; primary: Path[]; leafFile: string }[];
  fallbackGroups: string[];
  notes: AdoptNote[];
}

export function proposeAdoption(
  source: AdoptSource,
  policy: Policy,
  inventory: Inventory,
  prices: PriceLookup,
): AdoptProposal {
  const catalog = deploymentCatalog(policy);
  const notes = [...source.notes];
  const byKey = new Map<string, ProposedDeployment>();
  const byConnection = new Map<FoundConnection, ProposedDeployment>();
  const taken = new Set(policy.tiers.flatMap((t) => t.deployments.map((d) => d.id)));
  for (const c of source.connections) {
    if (c.wildcard) {
      notes.push(
        note(
          c,
          'adopt-wildcard',
          `"${c.name}" is a wildcard (${c.model ?? '?'}): it lets any model name through, so it is not adopted as a deployment; tierplan routes named use cases only`,
        ),
      );
      continue;
    }
    const unsafe = unsafeEndpoint(c);
    if (unsafe !== null) {
      notes.push(note(c, unsafe.code, `"${c.name}" is not adopted as a deployment: ${unsafe.why}`));
      continue;
    }
    const refs = c.dialect === 'litellm' ? catalog.litellm(c.value) : catalog.portkey(c.value);
    const key = refs.length > 0 ? `existing:${refs[0]!.deployment.id}` : identity(c);
    let p = byKey.get(key);
    if (p === undefined) {
      const made = refs.length > 0 ? existing(refs[0]!, refs) : fresh(c, policy, prices, taken);
      if (made === null) {
        notes.push(
          note(
            c,
            'adopt-unknown-provider',
            `"${c.name}" is not adopted as a deployment: ${c.model === null ? 'no model' : 'no provider'} to write; say it in the config or the policy`,
          ),
        );
        continue;
      }
      p = made;
      byKey.set(key, p);
    }
    p.usedBy.push({ file: c.file, path: jsonPath(c.steps), steps: c.steps, name: c.name });
    for (const e of c.envNames) if (!p.envNames.includes(e)) p.envNames.push(e);
    byConnection.set(c, p);
  }
  const deployments = [...byKey.values()];
  for (const d of deployments) d.envNames.sort();
  return {
    dialect: source.dialect,
    files: source.files,
    deployments,
    aliases: proposeAliases(source, inventory, policy, byConnection),
    fallbackGroups: source.fallbackGroups,
    notes,
  };
}

const note = (c: FoundConnection, code: AdoptNote['code'], message: string): AdoptNote => ({
  file: c.file,
  path: jsonPath(c.steps),
  steps: c.steps,
  code,
  message,
});

/**
 * An endpoint the policy must never hold: one carrying credentials (user info, a key in the query),
 * or text a gateway would expand (`os.environ/`, `${…}`). Never copied, never shown.
 */
function unsafeEndpoint(c: FoundConnection): { code: AdoptNote['code']; why: string } | null {
  if (c.endpoint === null) return null;
  if (endpointHasCredentials(c.endpoint))
    return {
      code: 'adopt-secret-literal',
      why: 'its endpoint URL carries credentials (not copied): move them to an environment variable',
    };
  if (gatewayWouldExpand(c.endpoint))
    return {
      code: 'adopt-not-understood',
      why: 'its endpoint holds text a gateway expands (os.environ/ or a $-reference) inside a URL',
    };
  return null;
}

const identity = (c: FoundConnection): string =>
  JSON.stringify([c.provider, c.model, c.endpoint, c.endpointEnv, c.cloudRegion, c.apiKeyEnv]);

function existing(ref: DeploymentRef, refs: DeploymentRef[]): ProposedDeployment {
  const others = refs.slice(1).map((r) => r.deployment.id);
  return {
    deployment: ref.deployment,
    tier: ref.tier.id,
    why: [
      `already in the policy: deployment ${ref.deployment.id} on tier ${ref.tier.id} connects the same way${others.length > 0 ? ` (so do ${others.join(', ')})` : ''}`,
    ],
    existing: true,
    sources: { capability: 'policy', context: 'policy', price: 'policy', region: 'policy' },
    unknown: [],
    usedBy: [],
    envNames: [],
  };
}

/** The region adopt can tell, else `unknown` (it satisfies no use case's residency until someone states it). */
function fresh(c: FoundConnection, policy: Policy, prices: PriceLookup, taken: Set<string>): ProposedDeployment | null {
  const found = c.model === null ? undefined : priceOf(prices, c.provider, c.model, c.baseModel);
  // LiteLLM itself picks the provider of a bare model name from its model map; Portkey never does.
  const provider = c.provider ?? (c.dialect === 'litellm' ? found?.entry.provider : undefined) ?? null;
  if (provider === null || c.model === null) return null;
  const tier = proposeTier({ ...c, provider }, policy);
  const known = policyModel(policy, provider, c.model);
  const price = found?.entry;
  const levels = policy.capability.levels;
  const regions = [...new Set(policy.tiers.flatMap((t) => t.regions))];
  const region = residencyOf(c, regions);
  const usesRegion = provider === 'bedrock' || provider === 'vertex_ai' || provider === 'sagemaker';
  const endpoint = usesRegion ? c.cloudRegion : c.endpoint;
  const d: Deployment = {
    id: uniqueId(slugify(`${provider}-${c.model}`, 63) || 'deployment', taken, c.cloudRegion),
    provider,
    model: c.model,
    capability: known?.capability ?? levels[0] ?? 'basic',
    region: region ?? UNKNOWN_REGION,
    ...(endpoint !== null ? { endpoint } : {}),
  };
  const context = c.contextTokens ?? known?.context_tokens ?? price?.context_tokens;
  if (context !== undefined) d.context_tokens = context;
  const modalities = known?.modalities ?? price?.modalities;
  if (modalities !== undefined) d.modalities = modalities;
  const tools = known?.tools ?? price?.tools;
  if (tools !== undefined) d.tools = tools;
  if (c.apiKeyEnv !== null || c.endpointEnv !== null)
    d.credentials = {
      ...(c.apiKeyEnv !== null ? { api_key_env: c.apiKeyEnv } : {}),
      ...(c.endpointEnv !== null && !usesRegion ? { api_base_env: c.endpointEnv } : {}),
    };
  const configPrice = c.price
    ? { input_per_1m: perMillion(c.price.input), output_per_1m: perMillion(c.price.output) }
    : undefined;
  const mapPrice =
    price?.input_per_1m !== undefined && price.output_per_1m !== undefined
      ? { input_per_1m: price.input_per_1m, output_per_1m: price.output_per_1m }
      : undefined;
  const chosenPrice = configPrice ?? known?.price ?? mapPrice;
  if (chosenPrice !== undefined) d.price = chosenPrice;
  const unknown: string[] = [];
  if (known === undefined) unknown.push('capability');
  if (region === null) unknown.push('region');
  if (chosenPrice === undefined && known?.fixed_cost === undefined) unknown.push('price');
  if (context === undefined) unknown.push('context_tokens');
  return {
    deployment: d,
    tier: tier.tier,
    why: [tier.why],
    existing: false,
    sources: {
      capability: known ? 'policy' : 'unknown',
      context:
        c.contextTokens !== null
          ? 'config'
          : known?.context_tokens
            ? 'policy'
            : price?.context_tokens
              ? 'price-map'
              : 'unknown',
      price: configPrice ? 'config' : known?.price ? 'policy' : mapPrice ? 'price-map' : 'unknown',
      region: region === null ? 'unknown' : 'config',
    },
    unknown,
    usedBy: [],
    envNames: [],
  };
}

const perMillion = (perToken: number): number => Math.round(perToken * 1e6 * 1e6) / 1e6;

/** The base id, else the base with its cloud region (`…-eu-central-1`), else numbered. */
function uniqueId(base: string, taken: Set<string>, region: string | null = null): string {
  let id = base;
  const regional = region === null ? '' : slugify(region, 20);
  if (taken.has(id) && regional !== '') id = `${base.slice(0, 62 - regional.length)}-${regional}`;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
  taken.add(id);
  return id;
}

function proposeAliases(
  source: AdoptSource,
  inventory: Inventory,
  policy: Policy,
  byConnection: Map<FoundConnection, ProposedDeployment>,
): AliasProposal[] {
  const ids = new Set(inventory.use_cases.map((u) => u.id));
  const aliasOwner = new Map<string, string>();
  for (const u of inventory.use_cases) for (const a of u.aliases ?? []) aliasOwner.set(a, u.id);
  const at = new Map<string, ProposedDeployment>();
  for (const [c, p] of byConnection) at.set(leafKey(c.file, c.steps), p);
  const taken = new Set(ids);
  const out: AliasProposal[] = [];
  for (const n of source.names) {
    const deployments = [...new Set(n.primary.flatMap((l) => at.get(leafKey(n.leafFile, l))?.deployment.id ?? []))];
    const base = { name: n.name, file: n.file, steps: n.steps, deployments };
    if (n.name.includes('*')) continue; // reported with the wildcard connection
    if (ids.has(n.name))
      out.push({ ...base, kind: 'use-case', use_case: n.name, why: 'a use case of the inventory has this id' });
    else if (aliasOwner.has(n.name))
      out.push({ ...base, kind: 'alias', use_case: aliasOwner.get(n.name)!, why: 'already an alias of this use case' });
    else {
      const id = uniqueId(slugify(n.name, 63) || 'adopted', taken);
      out.push({
        ...base,
        kind: 'new',
        use_case: id,
        why: `no use case has this name: a new use case to classify${suggestedClasses(n.name, policy).length > 0 ? ` (its name suggests ${suggestedClasses(n.name, policy).join(', ')})` : ''}`,
      });
    }
  }
  return out;
}

const leafKey = (file: string, steps: Path): string => `${file}\u0000${JSON.stringify(steps)}`;

/** Data classes a name spells out as a whole word (`claims-phi` → phi): a suggestion to confirm, applied fail-closed. */
export function suggestedClasses(name: string, policy: Policy): string[] {
  const words = new Set(name.toLowerCase().split(/[^a-z0-9]+/));
  return Object.keys(policy.sensitivity.data_classes).filter((c) => words.has(c.toLowerCase()));
}

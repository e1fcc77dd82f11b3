// Which use case, deployment and tier a usage row belongs to. The gateway config tierplan
// generates makes this exact (model_info.id `<alias>.<deployment>`, `tierplan-tier:` tags);
// other exports fall back to matching the provider, model, endpoint and region against the
// policy's deployments. A row that cannot be placed is rejected with its reason, never guessed.
import { TIER_TAG_PREFIX } from '../gateway/leaves.js';
import type { Deployment, Policy, Tier } from '../policy/types.js';
import type { UsageRow } from './usage-types.js';

const USE_CASE_TAG_PREFIX = 'tierplan-uc:';

export interface Attribution {
  use_case: string;
  /** Null when only the tier is known (a tier tag, or several deployments of one tier match). */
  deployment: string | null;
  tier: string;
}

export type AttributeResult = { ok: true; attribution: Attribution } | { ok: false; reason: string };

type Entry = { deployment: Deployment; tier: Tier };

const lower = (s: string): string => s.trim().toLowerCase();
const noSlash = (s: string): string => lower(s).replace(/\/+$/, '');
const tagValue = (tags: string[], prefix: string): string | null => {
  const t = tags.find((x) => x.startsWith(prefix) && x.length > prefix.length);
  return t === undefined ? null : t.slice(prefix.length);
};

/** Builds the lookup tables once; the returned function is called per row. */
export function makeAttributor(policy: Policy): (row: UsageRow) => AttributeResult {
  const byId = new Map<string, Entry>();
  const tiers = new Map(policy.tiers.map((t) => [t.id, t]));
  for (const tier of policy.tiers)
    for (const deployment of tier.deployments) byId.set(deployment.id, { deployment, tier });
  const all = [...byId.values()];

  const modelMatches = (d: Deployment, row: UsageRow): boolean => {
    if (row.model === null) return true;
    const m = lower(row.model);
    return m === lower(d.model) || m === lower(`${d.provider}/${d.model}`);
  };
  const byFields = (row: UsageRow, within: Tier | null): Entry[] => {
    if (row.model === null && row.provider === null && row.api_base === null && row.region === null) return [];
    return all.filter(
      ({ deployment: d, tier }) =>
        (within === null || tier.id === within.id) &&
        modelMatches(d, row) &&
        (row.provider === null || lower(row.provider) === lower(d.provider)) &&
        (row.api_base === null || (d.endpoint !== undefined && noSlash(row.api_base) === noSlash(d.endpoint))) &&
        (row.region === null ||
          lower(row.region) === lower(d.region) ||
          (d.endpoint !== undefined && lower(row.region) === lower(d.endpoint))),
    );
  };

  return (row) => {
    const alias = row.alias ?? tagValue(row.tags, USE_CASE_TAG_PREFIX);
    if (alias === null || alias === '')
      return { ok: false, reason: 'no use case: the row has no alias and no tierplan-uc tag' };

    // 1. model_id as tierplan's LiteLLM config sets it: `<alias>.<deployment>` (use case ids have no dot).
    if (row.model_id !== null) {
      const dot = row.model_id.indexOf('.');
      const hit = byId.get(dot >= 0 ? row.model_id.slice(dot + 1) : row.model_id);
      if (hit) return { ok: true, attribution: { use_case: alias, deployment: hit.deployment.id, tier: hit.tier.id } };
    }
    // 2. A tier tag, narrowed to a deployment when the row's fields single one out.
    const tagged = tagValue(row.tags, TIER_TAG_PREFIX);
    if (tagged !== null) {
      const tier = tiers.get(tagged);
      if (!tier) return { ok: false, reason: `tier tag "${tagged}" names no tier of the policy` };
      const within = byFields(row, tier);
      return {
        ok: true,
        attribution: {
          use_case: alias,
          deployment: within.length === 1 ? within[0]!.deployment.id : null,
          tier: tier.id,
        },
      };
    }
    // 3. Provider / model / endpoint / region against the policy's deployments.
    const found = byFields(row, null);
    if (found.length === 0) {
      const what = [row.provider, row.model, row.api_base, row.region].filter((x) => x !== null).join(', ');
      return {
        ok: false,
        reason:
          what === ''
            ? 'nothing tells where it ran: no model_id, tier tag, provider, model, endpoint or region'
            : `no deployment of the policy matches ${what}`,
      };
    }
    const tierIds = [...new Set(found.map((e) => e.tier.id))];
    if (tierIds.length > 1)
      return { ok: false, reason: `ambiguous: matches deployments in tiers ${tierIds.sort().join(', ')}` };
    return {
      ok: true,
      attribution: {
        use_case: alias,
        deployment: found.length === 1 ? found[0]!.deployment.id : null,
        tier: tierIds[0]!,
      },
    };
  };
}

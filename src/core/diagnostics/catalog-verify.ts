// The findings of `tierplan verify`. Descriptions and help are the texts its SARIF output has
// always carried (as shortDescription and help): changing one changes that output.
import type { RuleText } from './catalog-types.js';

export const VERIFY_RULES = {
  'config-problem': {
    severity: 'error',
    description: 'The config is malformed or holds a trap the gateway accepts silently',
    help: 'LiteLLM validates only deployments and Portkey only part of a config, so misspelt keys, dangling fallback targets, reserved keys, unsupported operators and oversized headers fail at request time or silently. Fix the config, or regenerate it with `tierplan gateway`.',
  },
  'uncleared-tier': {
    severity: 'error',
    description: 'A use case can reach a tier not cleared for its data',
    help: 'Remove the route, fallback, load-balance member or branch that reaches this deployment, or regenerate the config with `tierplan gateway`. A tier is cleared when it is certified for every regime of the use case, its clearance covers the sensitivity, and its regions satisfy the residency.',
  },
  'outside-residency': {
    severity: 'error',
    description: 'A use case can reach a deployment outside its residency',
    help: 'The tier serves the allowed regions, but this deployment runs in another one. Route the use case only to deployments in its residency regions.',
  },
  'more-open-fallback': {
    severity: 'error',
    description: 'A fallback goes toward a more open tier',
    help: 'A fallback may only go sideways or toward a more restrictive tier. Point it at a deployment of the assigned tier or of a more restrictive cleared tier.',
  },
  'unknown-deployment': {
    severity: 'error',
    description: 'A reached entry matches no deployment of the policy',
    help: 'verify recognises a deployment by the fields that decide where requests go (model, endpoint, region). Add the deployment to the policy, or restore the fields tierplan generated; until then it cannot be proven cleared.',
  },
  'mislabelled-tier': {
    severity: 'error',
    description: 'A tier label disagrees with the deployment',
    help: 'model_info.tierplan_tier and the tierplan-tier: tag must name the tier of the deployment the entry really is; usage review attributes traffic by them.',
  },
  'alias-missing': {
    severity: 'error',
    description: 'A routed use case has no alias in the config',
    help: 'Applications call the use case id; without an alias their requests fail or fall through to something else. Regenerate the config with `tierplan gateway`.',
  },
  'alias-unknown': {
    severity: 'error',
    description: 'An alias is not a routed use case',
    help: 'Every alias must be a use case the plan routes. Retired use cases and gaps must not be callable; anything else is traffic the inventory does not know.',
  },
  'tier-drift': {
    severity: 'error',
    description: 'The primary group runs on another tier than planned',
    help: 'The config no longer matches the plan. Regenerate it with `tierplan gateway`, or change the inventory or policy if the plan is what is out of date.',
  },
  'unresolved-target': {
    severity: 'warning',
    description: 'A fallback, alias or branch names nothing',
    help: 'The gateway fails a request that gets here. Point it at an existing model group, id or target name.',
  },
  'query-error': {
    severity: 'warning',
    description: 'The gateway refuses a conditional query',
    help: 'Portkey supports $eq $ne $gt $gte $lt $lte $in $nin $regex $and $or on metadata.<key> and params.<key>; anything else is a 400 at request time.',
  },
  'no-metadata': {
    severity: 'warning',
    description: 'Use case metadata unknown for a conditional config',
    help: 'Keep routes.json beside the conditional config, or pass --inventory so verify can derive the metadata each use case sends.',
  },
  'access-group-uncleared': {
    severity: 'error',
    description: "A use case's access group lets its key reach a deployment its routing may not reach",
    help: "LiteLLM lets a key scoped to an access group call every model group with an entry in that group, and send any of them as a request-body fallback. Keep `tierplan-uc:<id>` in `model_info.access_groups` of that use case's own entries only (its alias and its `<id>--*` fallback groups), or regenerate the config with `tierplan gateway`.",
  },
  'access-group-missing': {
    severity: 'warning',
    description: "A use case's entries carry no access group to scope its key to",
    help: "Without `tierplan-uc:<id>` in `model_info.access_groups`, an application key cannot be limited to the use case's cleared entries, and a request-body `fallbacks` list can send its data to any model group the key may call. Regenerate the config with `tierplan gateway` and scope each key as litellm/keys.json says.",
  },
} as const satisfies Record<string, RuleText>;

export type VerifyCode = keyof typeof VERIFY_RULES;

/** In the order SARIF lists them as rules: a result's ruleIndex points into this list. */
export const VERIFY_CODES = Object.keys(VERIFY_RULES) as VerifyCode[];

// What `tierplan verify` finds wrong in a LiteLLM config itself, besides its schema. Each is
// reported inside a `config-problem` finding whose message starts with the code.
import type { RuleText } from './catalog-types.js';

export const LITELLM_RULES = {
  'literal-secret': {
    severity: 'error',
    description: 'A credential field of the config holds a literal value instead of an os.environ/NAME reference.',
    help: "Write os.environ/NAME and set NAME in the proxy's environment; rotate the credential, it has been exposed to everyone who can read the config.",
  },
  'malformed-env-ref': {
    severity: 'error',
    description:
      'A value looks like an os.environ/ reference but is not exactly one, so LiteLLM uses it as the literal value.',
    help: 'Write os.environ/NAME, e.g. os.environ/OPENAI_API_KEY.',
  },
  'duplicate-model-id': {
    severity: 'error',
    description: 'Two deployments share a model_info.id: one shadows the other, and spend logs cannot tell them apart.',
    help: 'Give every deployment its own stable id.',
  },
  'reserved-tier-key': {
    severity: 'error',
    description:
      'model_info.tier is reserved by LiteLLM for "free" or "paid"; any other value makes the proxy drop the deployment silently.',
    help: 'Keep your tier under a key of your own (tierplan writes model_info.tierplan_tier).',
  },
  'unknown-credential': {
    severity: 'warning',
    description: 'A deployment names a litellm_credential_name that no credential_list entry has.',
    help: "Fix the name, or add the credential to credential_list (unless the proxy's database holds it).",
  },
  'provider-fields-missing': {
    severity: 'error',
    description: 'A deployment lacks the fields its provider needs (an endpoint, a region, an API version…).',
    help: 'Set the fields the message names in litellm_params (a value, or os.environ/NAME).',
  },
  'shadowed-fallbacks': {
    severity: 'warning',
    description:
      'Fallbacks are set both at the top level and in router_settings; router_settings wins and the other list is ignored.',
    help: 'Keep one list, in router_settings.',
  },
  'duplicate-fallback-key': {
    severity: 'warning',
    description:
      'Two fallback entries are keyed by the same model group; LiteLLM uses the first and ignores the other.',
    help: 'Merge the two lists into one entry.',
  },
  'unknown-fallback-key': {
    severity: 'error',
    description: 'A fallback entry is keyed by something that is not a model group, so it never applies.',
    help: 'Key fallbacks by a model_name of model_list.',
  },
  'unknown-fallback-target': {
    severity: 'error',
    description:
      'A fallback target is not a model group, a model_info.id or a match of a wildcard model_name: LiteLLM fails over to nothing.',
    help: 'Point the fallback at an existing model group.',
  },
  'fallback-to-self': {
    severity: 'warning',
    description: 'A model group falls back to itself; it is already retried (num_retries) before any fallback.',
    help: 'Remove the target, or name another group.',
  },
  'unknown-guardrail-model': {
    severity: 'error',
    description: 'A guardrail reroutes requests to an on_premise_model that is not a model group.',
    help: 'Name an existing model group of model_list.',
  },
} as const satisfies Record<string, RuleText>;

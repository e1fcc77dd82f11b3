// Problems in what the inputs say, found after the schema passed: cross-references inside the
// policy and inventory, column mappings, usage exports and files that review reads or writes.
import type { RuleText } from './catalog-types.js';

export const INVENTORY_RULES = {
  'alias-conflict': {
    severity: 'error',
    description:
      'An alias of a use case (`aliases:`) is the id of another use case, or an alias of another use case too: a request for it would have two owners.',
    help: 'Keep each alias on one use case, and never equal to another use case’s id.',
  },
  'alias-reserved': {
    severity: 'error',
    description:
      'An alias contains `--`, which tierplan reserves for its generated fallback groups (`<alias>--<deployment>`).',
    help: 'Rename the model name the applications call, or drop the alias.',
  },
  'duplicate-id': {
    severity: 'error',
    description: 'Two use cases have the same id; ids become gateway aliases and must be unique.',
    help: 'Rename one of them.',
  },
  'unknown-data-class': {
    severity: 'error',
    description: 'A use case or a column mapping names a data class the policy does not define.',
    help: 'Fix the spelling, or add the class to sensitivity.data_classes in tierplan.policy.yaml.',
  },
  'unknown-suggested-data-class': {
    severity: 'warning',
    description: 'A suggested data class (written by `tierplan import`) is not in the policy.',
    help: 'Add it to sensitivity.data_classes in tierplan.policy.yaml, or remove the suggestion.',
  },
  'unknown-regime': {
    severity: 'error',
    description: 'A use case, data class, tier or column mapping names a regulatory regime the policy does not define.',
    help: 'Fix the spelling, or add the regime to sensitivity.regimes in tierplan.policy.yaml.',
  },
  'unknown-region': {
    severity: 'error',
    description: "A use case's residency names a region no tier of the policy serves.",
    help: 'Fix the spelling, or add a tier (or a region of a tier) that serves it.',
  },
  'unknown-tier': {
    severity: 'error',
    description:
      'An override, the preference order, the matrix, the reference split or a trigger names a tier the policy does not define.',
    help: 'Use one of the tier ids of the policy.',
  },
  'unknown-sensitivity-level': {
    severity: 'error',
    description: 'The policy names a sensitivity level it does not list in sensitivity.levels.',
    help: 'Use one of the levels of sensitivity.levels, or add the level there.',
  },
  'unknown-capability-level': {
    severity: 'error',
    description: 'The policy names a capability level it does not list in capability.levels.',
    help: 'Use one of the levels of capability.levels, or add the level there.',
  },
  'exception-unapproved': {
    severity: 'error',
    description: 'An override marked as an exception names nobody who approved it.',
    help: 'Add approved_by (who accepted the risk), or remove exception: true.',
  },
  'override-expired': {
    severity: 'warning',
    description:
      "An override's expiry date has passed: tierplan ignores it and places the use case by the policy. A finding, not an input error: `validate --fail-on warning` and `plan --fail-on any` exit 1 on it.",
    help: 'Renew it with a new expires date and approval, or remove it.',
  },
  'secret-literal': {
    severity: 'error',
    description:
      'An input (a policy, an inventory, a mapping, an imported row) holds what looks like a literal secret: an API key, a token.',
    help: 'Remove the value from the file (and from Git history) and rotate the credential; reference an environment variable name instead.',
  },
  'gateway-reference': {
    severity: 'error',
    description:
      'A value that tierplan copies into gateway configs (or any use case value) is written like something a gateway expands: `os.environ/…` (LiteLLM replaces it by the environment variable, even in `model_info`, which `/model/info` serves to any caller), or `$NAME` or `$` with braces, `{{…}}` in a deployment (expanded by `envsubst` or a template engine).',
    help: 'Write the value as plain text. Credentials are given as variable names in `credentials.api_key_env` / `api_base_env`; tierplan writes the `os.environ/NAME` reference itself.',
  },
  'endpoint-credentials': {
    severity: 'error',
    description:
      'A deployment endpoint URL carries credentials: a user name or password (`https://user:pass@host`) or a secret-looking query parameter (`api-key=`, `key=`, `token=`, `sig=`, `code=`…). It would be copied into `api_base` / `custom_host`.',
    help: 'Remove the credentials from the URL (and rotate them); give the variable holding the key in `credentials.api_key_env`.',
  },
  'missing-levels': {
    severity: 'error',
    description: 'The policy lists no sensitivity or no capability levels.',
    help: 'List the levels, lowest first.',
  },
  'no-tiers': {
    severity: 'error',
    description: 'The policy defines no tiers.',
    help: 'Define at least one tier with deployments.',
  },
  'duplicate-tier': {
    severity: 'error',
    description: 'Two tiers of the policy have the same id.',
    help: 'Rename one of them.',
  },
  'duplicate-deployment': {
    severity: 'error',
    description: 'Two deployments have the same id; deployment ids must be unique across all tiers.',
    help: 'Rename one of them.',
  },
  'duplicate-rule': {
    severity: 'error',
    description: 'Two capability rules have the same id.',
    help: 'Rename one of them: rationales name rules by id.',
  },
  'duplicate-trigger': {
    severity: 'error',
    description: 'Two consolidation triggers have the same id.',
    help: 'Rename one of them: reviews carry streaks over by trigger id.',
  },
  'deployment-region': {
    severity: 'error',
    description: 'A deployment runs in a region its tier does not list.',
    help: "Fix the region, or add it to the tier's regions.",
  },
  'two-costs': {
    severity: 'error',
    description: 'A deployment has both a per-token price and a fixed monthly cost.',
    help: 'Give either price (per token) or fixed_cost (self-hosted), not both.',
  },
  'no-cost': {
    severity: 'warning',
    description: 'A deployment has neither a price nor a fixed cost: its cost is estimated as 0.',
    help: 'Add price (per 1M input/output tokens) or fixed_cost to the deployment.',
  },
  'unpreferred-tier': {
    severity: 'warning',
    description: 'A tier is missing from the preference order, so it is tried last.',
    help: 'Add the tier to preference where it belongs.',
  },
  'trigger-incomplete': {
    severity: 'error',
    description: 'A consolidation trigger lacks a field its kind needs (a tier, a threshold).',
    help: 'Add the field the message names.',
  },
  'trigger-never-fires': {
    severity: 'warning',
    description:
      'A consolidation trigger can never fire with this policy (e.g. a capacity trigger on a tier without fixed-cost deployments).',
    help: 'Give the tier a fixed_cost deployment, point the trigger at another tier, or remove it.',
  },
  'unused-provider-name': {
    severity: 'warning',
    description:
      'A name in review.provider_names maps to a provider no deployment of the policy uses, so billed rows with that name match no deployment.',
    help: 'Use the provider id of a deployment (`bedrock`, `azure`, `vertex_ai`…); a "did you mean" is given when one is close.',
  },
  'public-endpoint-in-cleared-tier': {
    severity: 'error',
    description:
      "A deployment in a tier cleared above the policy's most open tier connects to a public API (api.openai.com, api.anthropic.com…), or names a public API provider with no private endpoint: data cleared for that tier would leave for the public service.",
    help: 'Give the deployment a private endpoint (a dedicated or in-region deployment), or move it to the most open tier.',
  },
  'reserved-file-name': {
    severity: 'error',
    description:
      'A use case, tier or deployment id is a file name Windows reserves (con, prn, aux, nul, com1–com9, lpt1–lpt9, in any case, also before an extension): the files tierplan names after it cannot be created there.',
    help: 'Choose another id, e.g. with a suffix (`con-uc`).',
  },
  'unknown-column': {
    severity: 'error',
    description: 'A column mapping names a column the file does not have.',
    help: 'Use a column name of the header (a "did you mean" is given when one is close), or its letter; check the delimiter if the header is one long column.',
  },
  'ambiguous-column': {
    severity: 'warning',
    description: 'Several columns have the name a mapping uses: the first is read.',
    help: 'To read another, write { name: "…", occurrence: 2 } or the column\'s letter.',
  },
  'mapping-conflict': {
    severity: 'error',
    description:
      'An import mapping gives a field both a constant and a column: a row cannot take both (list fields — data_classes, regimes, residency — add the constant to the column instead).',
    help: 'Remove the constant or the column; to use a value only where the cell is blank, write it under defaults.',
  },
  'unknown-usage-format': {
    severity: 'error',
    description: 'A usage export is neither a LiteLLM spend log nor a FOCUS export, as far as its header tells.',
    help: 'Check the file, or read it through a column mapping (--mapping).',
  },
  'missing-columns': {
    severity: 'error',
    description: 'A usage export lacks columns its format needs.',
    help: 'Export the columns the message lists, or map them with --mapping.',
  },
  'no-configs': {
    severity: 'error',
    description: 'No gateway config was found in the paths given to verify.',
    help: 'Pass a LiteLLM config.yaml, a Portkey config JSON, or a folder that holds them.',
  },
  'not-a-config': {
    severity: 'error',
    description: 'A file given to verify is neither a LiteLLM nor a Portkey config.',
    help: 'Pass a LiteLLM config.yaml (with model_list) or a Portkey config JSON (with strategy, targets or provider).',
  },
  'previous-review': {
    severity: 'error',
    description: 'The review given with --previous is not a review.json tierplan wrote.',
    help: 'Pass the review.json that `tierplan review --out` wrote for last quarter.',
  },
  'proposal-invalid': {
    severity: 'error',
    description: 'Applying a proposed change would make the inventory invalid.',
    help: 'Apply the change by hand, or fix the inventory first so the change fits.',
  },
} as const satisfies Record<string, RuleText>;

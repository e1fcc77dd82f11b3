// The findings of `tierplan review`: what the usage exports say about the inventory and plan.
// `override-expired` is shared with the inventory check and lives in catalog-inventory.ts.
import type { RuleText } from './catalog-types.js';

export const REVIEW_RULES = {
  breach: {
    severity: 'error',
    description: "Traffic ran on a tier not cleared for the use case's data, or on a deployment outside its residency.",
    help: 'Stop the traffic: regenerate the gateway config with `tierplan gateway` and check it with `tierplan verify`, then find out who routed the use case there (an application calling past the gateway, a hand-edited config).',
  },
  'unverified-deployment': {
    severity: 'error',
    description:
      "Rows of a use case ran on a deployment tierplan cannot identify from what they connected to; judged as the policy's most open tier, which is not cleared for the use case's data.",
    help: 'Treat it as a breach until shown otherwise: look at the first rows listed (file:line) and the model and endpoint seen. If the deployment is yours and cleared, add it to the policy with its provider, model and endpoint; otherwise stop the traffic and regenerate the gateway config with `tierplan gateway`.',
  },
  'label-mismatch': {
    severity: 'warning',
    description:
      "A row's labels (model_id, tierplan-tier tag, fallback group) claim another deployment or tier than the one it connected to; it is judged by the connection.",
    help: "Labels can be copied (a LiteLLM fallback keeps the primary's tags) or sent by callers: find the config entry or client that sets them. Regenerate the gateway config with `tierplan gateway` and check it with `tierplan verify`.",
  },
  'use-case-mismatch': {
    severity: 'warning',
    description:
      'Rows name several use cases of the inventory (a tierplan-uc tag, the alias, the model_id prefix); they are judged for each of them.',
    help: "Find the client or key that sends another use case's tag, or the alias it calls: each application should call its own use case's alias.",
  },
  'too-many-identities': {
    severity: 'error',
    description:
      "The exports carry more distinct names that are no use case of the inventory than `review` holds (`--max-identities`): the rest were folded into one overflow on the tier they ran on, counted and judged as the policy's fail-closed sensitivity (an error when that tier is not cleared for it, else a warning), with the heaviest names listed.",
    help: 'Look at the names listed: thousands of aliases usually mean a generated or hostile alias column, or a mapping that reads the wrong column. If they are genuine, raise `--max-identities` (memory grows by about 1 KiB per name and month) and register the use cases.',
  },
  drift: {
    severity: 'warning',
    description:
      'A use case ran on another tier than the plan assigns (info when that tier is one of its cleared fallbacks).',
    help: 'Traffic on a cleared fallback is expected while the primary is down. Otherwise regenerate the gateway config with `tierplan gateway`, or change the inventory or policy if the plan is out of date.',
  },
  'unregistered-breach': {
    severity: 'error',
    description:
      "An alias that is no use case of the inventory carried traffic on a tier not cleared for the policy's fail-closed sensitivity: a use case nobody classified is judged as if its data were at that level.",
    help: 'Add the use case to the inventory so it is classified and placed (then its own sensitivity decides), or stop the traffic and remove the alias from the gateway.',
  },
  unregistered: {
    severity: 'warning',
    description:
      "An alias carried traffic but is no use case of the inventory; the tier it ran on is cleared even for the policy's fail-closed sensitivity.",
    help: 'Add the use case to the inventory so it is classified and placed, or remove the alias from the gateway.',
  },
  'retired-traffic': {
    severity: 'warning',
    description: 'A use case the inventory retired still carried traffic.',
    help: 'Regenerate the gateway config so its alias is no longer routed, or set its status back if it is still in use.',
  },
  'idle-production': {
    severity: 'warning',
    description: 'A use case in production had no traffic in the period.',
    help: 'Check that the usage exports cover its gateway; if it is no longer used, set its status to retired.',
  },
  'override-expiring': {
    severity: 'info',
    description: 'An override of the inventory expires soon.',
    help: 'Renew it with a new expires date and approval before it lapses, or let it lapse and the policy place the use case.',
  },
  unreadable: {
    severity: 'warning',
    description:
      'Rows of a usage export could not be read (a bad number, a missing column…); they are counted, not dropped silently.',
    help: 'Look at the first rows listed (file:line) and fix the export, or the column mapping it is read through.',
  },
  unattributed: {
    severity: 'warning',
    description:
      "Rows were read, but no use case could be told from them (no tierplan-uc tag, alias or model_id), or a use case's rows ran on a deployment tierplan cannot identify whose most open tier is cleared for its data.",
    help: 'The rows name an alias or deployment tierplan cannot match: add the deployment to the policy, keep the tier labels tierplan writes into gateway configs, or map the columns that carry the alias.',
  },
} as const satisfies Record<string, RuleText>;

export type ReviewCode = keyof typeof REVIEW_RULES | 'override-expired';

/** A consolidation trigger that fired, as `review --annotations` and `--format sarif` report it (review.json lists it under `triggers`). */
export const REVIEW_TRIGGER_RULES = {
  'trigger-fired': {
    severity: 'info',
    description:
      'A consolidation trigger of the policy held for as many consecutive months as it requires: the move it proposes is up for the review (counted by review --fail-on trigger and any).',
    help: 'Read the figures per month in the review report and decide: apply the proposed move (`review --propose`, then `review --apply`), or change the trigger in the policy if its threshold no longer fits.',
  },
} as const satisfies Record<string, RuleText>;

/** Every code `review` reports, in a fixed order: a SARIF run lists them all, so a rule's index is the same in every run. */
export const REVIEW_CODES = [
  ...Object.keys(REVIEW_RULES),
  'override-expired',
  ...Object.keys(REVIEW_TRIGGER_RULES),
] as (ReviewCode | keyof typeof REVIEW_TRIGGER_RULES)[];

// What `plan --fail-on` counts, as diagnostics at the use case's id in the inventory: so CI can
// print them as GitHub annotations or JSON, and the one-line summary can name them.
import type { RuleText } from './catalog-types.js';

export const PLAN_RULES = {
  'plan-gap': {
    severity: 'error',
    description: 'No tier can take the use case: no cleared tier has a deployment that meets its needs.',
    help: 'Apply one of the remedies `tierplan explain <id>` lists (a deployment, a certification, a matrix cell), or change the use case.',
  },
  'plan-unclassified': {
    severity: 'warning',
    description: 'The use case lacks data classes or needs, so it is placed fail-closed rather than by what it is.',
    help: 'Answer the questions `tierplan plan` asks on a terminal, or write data.classes / needs in the inventory.',
  },
  'plan-pending-suggestion': {
    severity: 'warning',
    description:
      'A suggested data class from `tierplan import` placed the use case, applied fail-closed until someone decides.',
    help: 'Confirm or dismiss it: `tierplan classify --accept-suggestions --where id=<id>` or `--dismiss-suggestions "<who, why>"`.',
  },
  'plan-override-not-honoured': {
    severity: 'warning',
    description:
      'The use case has an override the plan does not honour (expired, or for a tier not cleared for its data).',
    help: 'Renew it with a new expires date and approval, make it an approved exception, or remove it.',
  },
} as const satisfies Record<string, RuleText>;

// What `tierplan adopt` reports about the configs it reads: everything it does not turn into
// policy or inventory is listed under one of these, at its place in the file.
import type { RuleText } from './catalog-types.js';

export const ADOPT_RULES = {
  'adopt-not-understood': {
    severity: 'warning',
    description:
      'Part of a gateway config adopt does not understand (an entry without a model, a strategy mode Portkey does not know, a region read from the environment): it is listed, not adopted.',
    help: 'Fix the config, or state what it means in the policy by hand.',
  },
  'adopt-not-carried': {
    severity: 'warning',
    description:
      'A setting of the current config that the config `tierplan gateway` generates does not carry (rate limits, an Azure api_version, an AWS profile, a routing strategy…).',
    help: 'Decide whether you need it; if so, keep it beside the generated config (e.g. in a LiteLLM include) or in the policy’s gateway settings.',
  },
  'adopt-secret-literal': {
    severity: 'error',
    description:
      'A credential written as a literal value in the config. adopt never copies it: the deployment is adopted without that credential.',
    help: 'Move the value into an environment variable (LiteLLM: os.environ/NAME; Portkey: $NAME in braces, substituted when the header is built), rotate it, and adopt again.',
  },
  'adopt-wildcard': {
    severity: 'warning',
    description:
      'A wildcard model group (`openai/*`) lets any model name through: it is not adopted as a deployment, and tierplan routes only named use cases.',
    help: 'Give each application its own name (a use case) and adopt again, or add the models it uses to the policy by hand.',
  },
  'adopt-unknown-provider': {
    severity: 'warning',
    description:
      'adopt cannot tell which provider serves an entry (no known prefix, a Portkey virtual key, an unknown provider name): it is not adopted, and verify keeps calling it unknown.',
    help: 'Write the provider in the config (`openai/<model>`, `provider:`), or add the deployment to the policy by hand.',
  },
} as const satisfies Record<string, RuleText>;

export type AdoptCode = keyof typeof ADOPT_RULES;

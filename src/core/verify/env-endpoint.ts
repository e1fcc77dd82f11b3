// An endpoint a config reads from the environment (`api_base: os.environ/NAME`, `custom_host:
// ${NAME}`) is known only when the policy declares that variable for a deployment
// (credentials.api_base_env): tierplan writes exactly that, and the policy is what says where it
// points. Any other variable could point anywhere, so the entry is an unknown deployment, judged
// fail-closed like one; this says why, since "matches no deployment" alone reads like a typo.
import type { Dialect } from './verify-types.js';
import { isRecord } from './verify-types.js';

const LITELLM_URL_FIELDS = ['api_base', 'base_url', 'aws_bedrock_runtime_endpoint'];
const PORTKEY_URL_FIELDS = ['custom_host', 'customHost'];
const LITELLM_REF = /^os\.environ\/(.*)$/;
const PORTKEY_REF = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** Why an unknown entry cannot be identified, when its endpoint comes from the environment; '' otherwise. */
export function environmentEndpoint(dialect: Dialect, value: Record<string, unknown>): string {
  const [fields, ref, source] =
    dialect === 'litellm'
      ? [LITELLM_URL_FIELDS, LITELLM_REF, isRecord(value.litellm_params) ? value.litellm_params : {}]
      : [PORTKEY_URL_FIELDS, PORTKEY_REF, value];
  for (const field of fields) {
    const v = source[field];
    const name = typeof v === 'string' ? ref.exec(v.trim())?.[1] : undefined;
    if (name === undefined) continue;
    return `; its ${field} is read from the environment variable ${name}, which no deployment of the policy declares (credentials.api_base_env), so where it sends requests cannot be known from the config and it is judged as unknown, as if it were the most open tier`;
  }
  return '';
}

// Text a Portkey config's deployment would expand before the gateway reads it. The configs are
// passed through `envsubst` (docs/gateway.md), which replaces `$NAME` and `${NAME}` anywhere in
// the file, and `{{…}}` is a template in some gateways: outside a credential field such text
// lets the environment pick a provider, a model or a route, or copies a secret into a request.
import { gatewayWouldExpand } from '../../policy/check-endpoints.js';
import type { Problem } from '../../diagnostics/problems.js';
import type { Path } from './values.js';

/** Where a `${NAME}` is how a credential is given (both spellings the gateway accepts). */
const CREDENTIAL_KEYS = new Set([
  'api_key',
  'apiKey',
  'custom_host',
  'customHost',
  'resource_name',
  'resourceName',
  'aws_access_key_id',
  'awsAccessKeyId',
  'aws_secret_access_key',
  'awsSecretAccessKey',
  'aws_session_token',
  'awsSessionToken',
  'vertex_project_id',
  'vertexProjectId',
]);
const ENV_REF = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

export function expandedText(config: unknown, add: (p: Problem) => void): void {
  const walk = (value: unknown, path: Path, key: string): void => {
    if (typeof value === 'string') {
      // os.environ/ is LiteLLM's, not Portkey's: here it is plain text.
      if (!gatewayWouldExpand(value.replace(/os\.environ\//gi, ''))) return;
      if (CREDENTIAL_KEYS.has(key) && ENV_REF.test(value)) return;
      add({
        code: 'expanded-text',
        severity: 'error',
        path,
        message: `${key === '' ? 'this value' : `"${key}"`} holds $NAME, \${…} or {{…}}: envsubst (or a template engine) replaces it before the gateway reads the config, so the environment decides it`,
        hint: `write plain text here; only a credential field (api_key, custom_host, resource_name, aws_*, vertex_project_id) may be exactly \${NAME}`,
      });
      return;
    }
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, [...path, i], key);
    else if (value !== null && typeof value === 'object')
      // Keys are the gateway's own words and query operators (`$eq`): values only.
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], k);
  };
  walk(config, [], '');
}

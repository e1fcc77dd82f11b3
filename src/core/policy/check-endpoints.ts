// Strings tierplan copies into gateway configs must stay data there. LiteLLM resolves every
// string value starting with `os.environ/` from the environment when it loads its config (and
// serves `model_info` on `/model/info`); Portkey configs are passed through `envsubst`, which
// expands `$NAME` and `${NAME}`; `{{…}}` is a template in some gateways. And an endpoint URL is
// copied into `api_base` / `custom_host` as it is, so credentials in it would be written out.
import type { Problem } from '../diagnostics/problems.js';
import type { Inventory, Policy } from './types.js';

type Path = (string | number)[];

const RESOLVED = /os\.environ\//i;
/** What envsubst or a template engine would expand in a deployment's model or endpoint. */
const EXPANDED = /os\.environ\/|\$[A-Za-z_{]|\{\{/i;

/** Whether a gateway (LiteLLM's os.environ/, envsubst's $NAME and ${…}, a {{…}} template) would expand text. */
export const gatewayWouldExpand = (v: string): boolean => EXPANDED.test(v);
/** `scheme://user[:pass]@host`: userinfo before the host. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;
/** Query parameter names that carry credentials (Azure SAS `sig`, OAuth `code`, `api-key`…). */
const SECRET_PARAM =
  /(^|_)(api_?key|apikey|key|token|secret|password|passwd|pwd|pass|sig|signature|code|credential|credentials|auth|authorization|access_token|x_amz_signature|x_amz_credential|x_amz_security_token)($|_)/;

const refHint =
  'write it as plain text; credentials go in credentials.api_key_env / api_base_env as variable names, and tierplan writes the os.environ/ reference itself';

/** A deployment endpoint that embeds credentials, or a model/endpoint a gateway would expand. */
export function checkEndpoints(p: Policy): Problem[] {
  const problems: Problem[] = [];
  for (const [i, t] of p.tiers.entries())
    for (const [j, d] of t.deployments.entries()) {
      const at = (k: string): Path => ['tiers', i, 'deployments', j, k];
      for (const k of ['provider', 'model', 'endpoint'] as const) {
        const v = d[k];
        if (v !== undefined && EXPANDED.test(v))
          problems.push({
            code: 'gateway-reference',
            severity: 'error',
            message: `deployment ${d.id}: ${k} holds text a gateway would expand (os.environ/, $NAME, \${…} or {{…}})`,
            hint: refHint,
            path: at(k),
          });
      }
      if (d.endpoint !== undefined && endpointHasCredentials(d.endpoint))
        problems.push({
          code: 'endpoint-credentials',
          severity: 'error',
          // The message never repeats the URL: it holds the secret.
          message: `deployment ${d.id}: the endpoint URL carries credentials (a user name or password, or a secret query parameter)`,
          hint: 'remove them from the URL (and rotate them); give the variable that holds the key in credentials.api_key_env',
          path: at('endpoint'),
        });
    }
  return problems;
}

export function endpointHasCredentials(endpoint: string): boolean {
  if (USERINFO.test(endpoint)) return true;
  const q = endpoint.indexOf('?');
  if (q < 0) return false;
  const query = endpoint.slice(q + 1).split('#')[0] ?? '';
  return query.split('&').some((pair) => {
    const name = decodeSafe(pair.split('=')[0] ?? '')
      .toLowerCase()
      .replace(/-/g, '_');
    return SECRET_PARAM.test(name);
  });
}

/**
 * The URL with its credentials replaced by `***` (user info, and the values of secret-looking
 * query parameters), so a message can say which endpoint it means without repeating the secret.
 */
export function maskEndpoint(endpoint: string): string {
  let out = USERINFO.test(endpoint) ? endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@') : endpoint;
  const q = out.indexOf('?');
  if (q < 0) return out;
  const [query = '', ...fragment] = out.slice(q + 1).split('#');
  const masked = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const key = decodeSafe(name).toLowerCase().replace(/-/g, '_');
      return SECRET_PARAM.test(key) && eq >= 0 ? `${name}=***` : pair;
    })
    .join('&');
  out = `${out.slice(0, q + 1)}${masked}${fragment.length > 0 ? `#${fragment.join('#')}` : ''}`;
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Any string in a use case written as a LiteLLM environment reference: no inventory value is one. */
export function checkInventoryReferences(inv: Inventory): Problem[] {
  const problems: Problem[] = [];
  const walk = (v: unknown, path: Path): void => {
    if (typeof v === 'string') {
      if (RESOLVED.test(v))
        problems.push({
          code: 'gateway-reference',
          severity: 'error',
          message: 'this value is written like a LiteLLM environment reference (os.environ/…)',
          hint: `LiteLLM would replace it by the variable's value, a secret served to any caller; ${refHint}`,
          path,
        });
    } else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  for (const [i, uc] of inv.use_cases.entries()) walk(uc, ['use_cases', i]);
  return problems;
}

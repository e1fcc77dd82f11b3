// Credentials in a LiteLLM config: literal secrets, and os.environ/ references LiteLLM would
// take as literal values.
import { isObj, type Obj, type Path } from './values.js';
import type { Problem } from '../../diagnostics/problems.js';

/** LiteLLM resolves a value only when it starts with exactly this, followed by a variable name. */
const ENV_REF = /^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/;

/** Credential fields of `litellm_params` (and of `credential_list[].credential_values`). */
export const SECRET_PARAMS = [
  'api_key',
  'aws_secret_access_key',
  'aws_session_token',
  'client_secret',
  'azure_ad_token',
];

export function secret(value: unknown, path: Path, key: string, add: (p: Problem) => void): void {
  if (value === undefined || value === null || value === '') return;
  // A malformed reference is reported by envReferences, with a better message.
  if (typeof value === 'string' && /os\.environ/i.test(value)) return;
  if (typeof value === 'string' || typeof value === 'number') {
    add({
      code: 'literal-secret',
      severity: 'error',
      path,
      message: `${key} holds a literal value: anyone who can read this config (its repository, its CI logs) has the credential`,
      hint: `write os.environ/NAME and set NAME in the proxy's environment (a server without auth: a dummy value there, or no ${key}); rotate the credential, it has been exposed`,
    });
  }
}

export function credentialSecrets(list: unknown, add: (p: Problem) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((c, i) => {
    if (!isObj(c) || !isObj(c.credential_values)) return;
    for (const key of SECRET_PARAMS) {
      if (key in c.credential_values)
        secret(c.credential_values[key], ['credential_list', i, 'credential_values', key], key, add);
    }
  });
}

/** Every string that mentions os.environ must be exactly os.environ/NAME, or LiteLLM uses it verbatim. */
export function envReferences(config: Obj, add: (p: Problem) => void): void {
  const seen = new Set<object>();
  const walk = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      if (/os\.environ/i.test(value) && !ENV_REF.test(value)) {
        const suggestion = suggestRef(value);
        add({
          code: 'malformed-env-ref',
          severity: 'error',
          path,
          message:
            'not a well-formed os.environ/NAME reference: LiteLLM resolves only values that are exactly "os.environ/" followed by a variable name, and uses anything else as the literal value',
          hint: suggestion ? `did you mean "${suggestion}"?` : 'write os.environ/NAME, e.g. os.environ/OPENAI_API_KEY',
        });
      }
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) walk(v, [...path, k]);
  };
  walk(config, []);
}

function suggestRef(value: string): string | undefined {
  const m = /os\.environ\s*(?:\/|\.|\[|\(|:)\s*["']?\s*([A-Za-z_][A-Za-z0-9_-]*)/i.exec(value.trim());
  if (!m?.[1]) return undefined;
  const candidate = `os.environ/${m[1].replace(/-/g, '_')}`;
  return ENV_REF.test(candidate) && candidate !== value ? candidate : undefined;
}

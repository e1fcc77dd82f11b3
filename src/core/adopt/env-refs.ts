// Credentials in a config are read as environment-variable names only. LiteLLM writes a
// reference as `os.environ/NAME` (anywhere in the file); Portkey configs pass through envsubst,
// `${NAME}`. Anything else in a credential field is a literal: named by its field, never copied.
import { findSecrets } from '../policy/secrets.js';

const LITELLM_REF = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;
const SHELL_REF = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** The variable a value refers to, or null when it is not a reference. */
export function envName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return LITELLM_REF.exec(t)?.[1] ?? SHELL_REF.exec(t)?.[1] ?? null;
}

/** Field names whose value is a credential: a literal there is a secret, whatever it looks like. */
const CREDENTIAL_FIELD =
  /(^|_)(api_key|apikey|key|secret|token|password|credentials?|client_secret|access_key_id|secret_access_key|session_token|azure_ad_token|virtual_key)$/i;

const isCredentialField = (field: string): boolean => CREDENTIAL_FIELD.test(field);

/**
 * Whether a literal value in `field` is a secret: any literal in a credential field (a
 * placeholder such as `not-used` or `none` aside), or a value shaped like a known credential.
 */
export function isLiteralSecret(field: string, value: unknown): boolean {
  if (typeof value !== 'string' || envName(value) !== null) return false;
  const t = value.trim();
  if (t === '' || /^(not-used|none|null|dummy|fake|sk-fake|no-key|empty|ollama|placeholder)$/i.test(t)) return false;
  return isCredentialField(field) || findSecrets(value).length > 0;
}

/** Every environment variable named anywhere in a value, sorted and unique. */
export function envNamesIn(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    const n = envName(v);
    if (n !== null) out.add(n);
    else if (typeof v === 'string') {
      for (const m of v.matchAll(/os\.environ\/([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]!);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return [...out].sort();
}

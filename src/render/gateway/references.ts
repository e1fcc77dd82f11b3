// LiteLLM replaces every string value of its config that starts with `os.environ/` by that
// environment variable when it loads the file, and serves `model_info` to any caller of
// `/model/info`. `validate` refuses inputs written that way (gateway-reference); this is the last
// line behind it, so a path that skipped validation cannot write such a string either.

const RESOLVED = /^\s*os\.environ\//i;

/**
 * Throws when a string that LiteLLM would resolve is anywhere but where tierplan writes one:
 * `allowed` holds `field=reference` for the credential fields (`api_key`, `api_base`,
 * `vertex_project`) and the references built from the policy's environment-variable names, so
 * an endpoint `os.environ/OPENAI_API_KEY` is refused in `api_base` even if that key is a
 * credential elsewhere.
 */
export function assertOnlyCredentialReferences(value: unknown, allowed: ReadonlySet<string>, key = ''): void {
  if (typeof value === 'string') {
    // Every reference has a `/`; most strings (ids, tags) have none and skip the pattern.
    if (value.includes('/') && RESOLVED.test(value) && !allowed.has(`${key}=${value}`))
      throw new Error(
        `refusing to write "${key}": its value would be resolved by LiteLLM as an environment variable (validate the inputs first)`,
      );
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) for (const v of value) assertOnlyCredentialReferences(v, allowed, key);
  else
    for (const k in value) {
      // A key is resolved too when it is a model group name, so keys are checked as values.
      assertOnlyCredentialReferences(k, allowed, '');
      assertOnlyCredentialReferences((value as Record<string, unknown>)[k], allowed, k);
    }
}

// Portkey configs are passed through `envsubst` (docs/gateway.md), which expands `$NAME` and
// `${NAME}` anywhere in the file, and `{{…}}` is a template in some gateways.
const PORTKEY_CREDENTIAL_KEYS = new Set([
  'api_key',
  'custom_host',
  'resource_name',
  'aws_access_key_id',
  'aws_secret_access_key',
  'vertex_project_id',
]);
const EXPANDED = /\$[A-Za-z_{]|\{\{/;
const ENV_REF = /^\$\{[A-Z_][A-Z0-9_]*\}$/;

/** Throws when a string would be expanded, unless it is a `${NAME}` tierplan wrote in a credential field. */
export function assertOnlyPortkeyReferences(value: unknown, key = ''): void {
  if (typeof value === 'string') {
    if (EXPANDED.test(value) && !(PORTKEY_CREDENTIAL_KEYS.has(key) && ENV_REF.test(value)))
      throw new Error(
        `refusing to write "${key}": envsubst or a template engine would expand its value (validate the inputs first)`,
      );
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) for (const v of value) assertOnlyPortkeyReferences(v, key);
  // Keys are tierplan's own (`$eq`, `metadata.tierplan_route`, field names): values only.
  else for (const k in value) assertOnlyPortkeyReferences((value as Record<string, unknown>)[k], k);
}

// LiteLLM replaces every string value of its config that starts with `os.environ/` by that
// environment variable when it loads the file, and serves `model_info` to any caller of
// `/model/info`. `validate` refuses inputs written that way (gateway-reference); this is the last
// line behind it, so a path that skipped validation cannot write such a string either.

/** Where tierplan itself writes `os.environ/NAME`: the credential fields of `litellm_params`. */
const CREDENTIAL_KEYS = new Set(['api_key', 'api_base', 'vertex_project']);
const RESOLVED = /^\s*os\.environ\//i;

/**
 * Throws when a string that LiteLLM would resolve is anywhere but a credential field holding one
 * of `allowed` (the references built from the policy's environment-variable names).
 */
export function assertOnlyCredentialReferences(value: unknown, allowed: ReadonlySet<string>, key = ''): void {
  if (typeof value === 'string') {
    if (RESOLVED.test(value) && !(CREDENTIAL_KEYS.has(key) && allowed.has(value)))
      throw new Error(
        `refusing to write "${key}": its value would be resolved by LiteLLM as an environment variable (validate the inputs first)`,
      );
    return;
  }
  if (Array.isArray(value)) for (const v of value) assertOnlyCredentialReferences(v, allowed, key);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      // A key is resolved too when it is a model group name, so keys are checked as values.
      assertOnlyCredentialReferences(k, allowed, '');
      assertOnlyCredentialReferences(v, allowed, k);
    }
}

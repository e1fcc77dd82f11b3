// Credentials inside URLs of a gateway config, hand-edited or not: the check `validate` applies
// to the policy's endpoints (endpoint-credentials), applied to every URL value of the config.
import { endpointHasCredentials } from '../../policy/check-endpoints.js';
import type { Problem } from '../../diagnostics/problems.js';
import type { Path } from './values.js';

/** A value written as a URL with a scheme (`https://…`, `postgresql://…`). */
const URL_LIKE = /^\s*[a-z][a-z0-9+.-]*:\/\//i;

/** Every string of the config that is a URL carrying a user name, a password or a secret query parameter. */
export function urlCredentials(config: unknown, dialect: 'LiteLLM' | 'Portkey', add: (p: Problem) => void): void {
  const seen = new Set<object>();
  const walk = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      if (URL_LIKE.test(value) && endpointHasCredentials(value.trim()))
        add({
          code: 'url-credentials',
          severity: 'error',
          path,
          // Never the URL itself: it holds the secret.
          message: `this URL carries credentials (a user name or password, or a secret query parameter): everyone who can read the ${dialect} config has them`,
          hint:
            dialect === 'LiteLLM'
              ? 'remove them from the URL and rotate them; give the key as api_key: os.environ/NAME'
              : `remove them from the URL and rotate them; give the key as api_key: \${NAME}`,
        });
      return;
    }
    // Parsed YAML shares the object behind an alias: visit it once.
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) walk(v, [...path, k]);
  };
  walk(config, []);
}

import type { Problem } from '../diagnostics/problems.js';

type Path = (string | number)[];

/** Shapes of well-known credentials; each needs enough characters that prose never matches. */
const PATTERNS: { kind: string; re: RegExp }[] = [
  {
    kind: 'an OpenAI or Anthropic API key',
    re: /(?<![A-Za-z0-9])sk-(?:proj-|ant-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/,
  },
  { kind: 'an AWS access key id', re: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { kind: 'a GitHub token', re: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { kind: 'a Slack token', re: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a Google API key', re: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/ },
  { kind: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
];

// Every pattern above holds one of these; most strings hold none and skip the six tests.
const ANY_PATTERN = /sk-|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|AIza|-----BEGIN /;

/** Words that, as a whole segment of a key name, say the value is a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'credential']);
const SECRET_PAIRS = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['auth', 'key'],
];

/** What a credential field may legitimately hold: a variable NAME, or a LiteLLM reference to one. */
const ENV_REFERENCE = /^(?:[A-Z_][A-Z0-9_]*|os\.environ\/[A-Za-z_][A-Za-z0-9_]*)$/;

const ADVICE = 'reference an environment variable name instead, e.g. `credentials: { api_key_env: OPENAI_API_KEY }`';
const HINT = 'remove the value from the file (and from Git history), and rotate the credential: it has been exposed';

/**
 * String values of a parsed document that look like literal credentials. The messages never
 * repeat the value: a diagnostic must not become one more place the secret is printed.
 */
export function findSecrets(doc: unknown, basePath: Path = []): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  // The path is built only for a finding: a linked list costs nothing per node of a large document.
  type Trail = { up: Trail | undefined; step: string | number } | undefined;
  const pathOf = (t: Trail): Path => {
    const steps: Path = [];
    for (let at = t; at; at = at.up) steps.push(at.step);
    return [...basePath, ...steps.reverse()];
  };
  const walk = (value: unknown, trail: Trail, key: string | undefined): void => {
    if (typeof value === 'string') {
      const kind = literalKind(value, key);
      if (kind)
        problems.push({
          code: 'secret-literal',
          severity: 'error',
          message: `literal secret (${kind}): ${ADVICE}`,
          hint: HINT,
          path: pathOf(trail),
        });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    // Parsed YAML shares the object behind an alias; visiting it once per alias would let a
    // document multiply the work (and the reports).
    if (seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i], { up: trail, step: i }, key);
      return;
    }
    for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], { up: trail, step: k }, k);
  };
  walk(doc, undefined, undefined);
  return problems;
}

function literalKind(value: string, key: string | undefined): string | undefined {
  if (ANY_PATTERN.test(value)) for (const p of PATTERNS) if (p.re.test(value)) return p.kind;
  if (key !== undefined && isSecretKey(key) && value.trim() !== '' && !ENV_REFERENCE.test(value.trim())) {
    return `a value under the key "${key}"`;
  }
  return undefined;
}

// A document of thousands of records repeats a few dozen keys: each is judged once. Bounded, so
// a document of millions of distinct keys cannot grow it without limit.
const judgedKeys = new Map<string, boolean>();

/** `api_key`, `apiKey`, `client-secret`, `password` — but not `tokens_per_request` or `max_tokens`. */
export function isSecretKey(key: string): boolean {
  let secret = judgedKeys.get(key);
  if (secret === undefined) {
    secret = judgeKey(key);
    if (judgedKeys.size < 4096) judgedKeys.set(key, secret);
  }
  return secret;
}

function judgeKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  return SECRET_PAIRS.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
}

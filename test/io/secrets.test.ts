import { describe, expect, it } from 'vitest';
import { findSecrets, isSecretKey } from '../../src/core/policy/secrets.js';
import { formatDiagnostic } from '../../src/core/diagnostics/format.js';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { loadPolicyFile } from '../../src/io/inputs/load-policy.js';
import { diagnosticsOf, error, fixture } from './helpers.js';

const ADVICE = 'reference an environment variable name instead, e.g. `credentials: { api_key_env: OPENAI_API_KEY }`';
const HINT = 'remove the value from the file (and from Git history), and rotate the credential: it has been exposed';

// Built by concatenation so this file does not itself look like it holds credentials.
const SAMPLES: [string, string][] = [
  ['an OpenAI or Anthropic API key', `sk-${'proj-'}${'a1B2c3D4e5'.repeat(4)}`],
  ['an OpenAI or Anthropic API key', `sk-${'ant-api03-'}${'Zx9'.repeat(10)}`],
  ['an AWS access key id', `AKIA${'IOSFODNN7EXAMPLE'}`],
  ['an AWS access key id', `ASIA${'Y34FZKBOKMUTVV7A'}`],
  ['a GitHub token', `ghp_${'x'.repeat(36)}`],
  ['a GitHub token', `github_pat_${'11ABCDEFG'.repeat(3)}`],
  ['a Slack token', `xoxb-${'1234567890'}-abcdef`],
  ['a Google API key', `AIza${'S'.repeat(35)}`],
  ['a private key', `-----BEGIN ${'RSA PRIVATE'} KEY-----\nMIIE...`],
];

describe('findSecrets', () => {
  it.each(SAMPLES)('flags %s anywhere in a document, without repeating it', (kind, secret) => {
    const problems = findSecrets({ use_cases: [{ id: 'x', description: `prefix ${secret}` }] }, ['root']);
    expect(problems).toEqual([
      {
        code: 'secret-literal',
        severity: 'error',
        message: `literal secret (${kind}): ${ADVICE}`,
        hint: HINT,
        path: ['root', 'use_cases', 0, 'description'],
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain(secret.slice(0, 12));
  });

  it('flags any value under a credential-like key unless it names an environment variable', () => {
    const doc = {
      api_key: 'hunter2',
      apiKey: 'hunter2',
      'client-secret': 'hunter2',
      db: { password: 'correct horse battery staple', token: 'abc' },
      ok: { api_key_env: 'OPENAI_API_KEY', password: 'DB_PASSWORD', token: 'os.environ/GITHUB_TOKEN', secret: '' },
    };
    const problems = findSecrets(doc);
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['api_key', `literal secret (a value under the key "api_key"): ${ADVICE}`],
      ['apiKey', `literal secret (a value under the key "apiKey"): ${ADVICE}`],
      ['client-secret', `literal secret (a value under the key "client-secret"): ${ADVICE}`],
      ['db.password', `literal secret (a value under the key "password"): ${ADVICE}`],
      ['db.token', `literal secret (a value under the key "token"): ${ADVICE}`],
    ]);
  });

  it('does not flag prose, counts or keys that only contain the words', () => {
    const doc = {
      description:
        'Rotates each API key; explains the password policy; a token bucket limits calls; risk-scoring secret sauce.',
      name: 'sk-learn pipeline for task-sk-2 (ask-skeptic)',
      input_tokens_per_request: 1500,
      max_tokens: '4096',
      tokens: 'many',
      keystone: 'AKIA is how AWS ids start',
    };
    expect(findSecrets(doc)).toEqual([]);
    expect(['input_tokens_per_request', 'max_tokens', 'secretary', 'description', 'key'].filter(isSecretKey)).toEqual(
      [],
    );
    expect(
      ['api_key', 'apiKey', 'API-KEY', 'access_key_id', 'client_secret', 'db_password', 'authToken'].every(isSecretKey),
    ).toBe(true);
  });

  it('visits an object shared by aliases once', () => {
    const shared = { api_key: 'hunter2' };
    expect(findSecrets({ a: shared, b: shared, c: [shared, shared] })).toHaveLength(1);
  });
});

describe('loaders refuse literal secrets', () => {
  it('in an inventory, at the value, without printing it', async () => {
    const file = fixture('secret-literal', 'inventory.yaml');
    const diagnostics = await diagnosticsOf(loadInventory(file));
    expect(diagnostics).toEqual([
      error(file, 5, 18, 'secret-literal', `literal secret (an OpenAI or Anthropic API key): ${ADVICE}`, HINT),
    ]);
    expect(diagnostics.map(formatDiagnostic).join('\n')).not.toContain('abcdefghij');
  });

  it('in a policy credential, instead of a schema message that would quote it', async () => {
    const file = fixture('secret-literal', 'tierplan.policy.yaml');
    const diagnostics = await diagnosticsOf(loadPolicyFile(file));
    expect(diagnostics).toEqual([
      error(file, 16, 24, 'secret-literal', `literal secret (an OpenAI or Anthropic API key): ${ADVICE}`, HINT),
    ]);
    expect(diagnostics.map(formatDiagnostic).join('\n')).not.toContain('abcdefghij');
  });
});

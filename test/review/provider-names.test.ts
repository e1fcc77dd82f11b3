// Cloud bills' provider names → the policy's provider ids: the built-in table, the policy's
// additions (merged over the default by name), and the warning for a mapping that reaches no
// deployment.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/core/policy/check-policy.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import {
  billedProvider,
  BILLED_PROVIDER_NAMES,
  providerIdOf,
  providerNameTable,
} from '../../src/core/review/provider-names.js';
import { loadPolicy } from '../../src/pipeline/inputs.js';

const none = { service: null, host: null, serviceProvider: null, provider: null };

describe('provider names as billed', () => {
  it('hyperscalers, their AI services and model vendors map to LiteLLM provider ids, trimmed and case-insensitively', () => {
    const id = (name: string): string | null => providerIdOf(BILLED_PROVIDER_NAMES, name);
    expect(
      ['AWS', ' Amazon Web Services ', 'Amazon Bedrock', 'Microsoft', 'Azure OpenAI Service', 'Azure AI Foundry'].map(
        id,
      ),
    ).toEqual(['bedrock', 'bedrock', 'bedrock', 'azure', 'azure', 'azure']);
    expect(
      ['Google Cloud', 'VERTEX AI', 'Oracle', 'OCI Generative AI', 'OpenAI', 'Anthropic', 'Mistral AI'].map(id),
    ).toEqual(['vertex_ai', 'vertex_ai', 'oci', 'oci', 'openai', 'anthropic', 'mistral']);
    expect(id('Claude 3.5 Sonnet (Amazon Bedrock Edition)')).toBe('bedrock');
    expect([id('Solora AI'), id(''), providerIdOf(BILLED_PROVIDER_NAMES, null)]).toEqual([null, null, null]);
  });

  it('the provider ids the table maps to include every provider of the default policy’s cloud deployments', () => {
    const ids = new Set(Object.values(BILLED_PROVIDER_NAMES));
    const cloud = DEFAULT_POLICY.tiers
      .flatMap((t) => t.deployments.map((d) => d.provider))
      .filter((p) => p !== 'hosted_vllm');
    expect(cloud.filter((p) => !ids.has(p))).toEqual([]);
  });

  it('who served it decides: the service, then host, service provider and provider; else the name as billed', () => {
    const t = BILLED_PROVIDER_NAMES;
    // Anthropic's model on AWS: the publisher is not an input at all.
    expect(billedProvider(t, { ...none, service: 'Amazon Bedrock', provider: 'AWS' })).toBe('bedrock');
    expect(billedProvider(t, { ...none, service: 'Amazon SageMaker', provider: 'AWS' })).toBe('sagemaker');
    expect(billedProvider(t, { ...none, service: 'Solora API', host: 'Aura Web', serviceProvider: 'Solora AI' })).toBe(
      'Aura Web',
    );
    expect(billedProvider(t, { ...none, service: 'Solora API', serviceProvider: 'Solora AI', provider: 'x' })).toBe(
      'Solora AI',
    );
    expect(billedProvider(t, none)).toBeNull();
  });

  it('the policy adds names and overrides built-in ones, keys normalised', () => {
    const table = providerNameTable({ review: { provider_names: { ' ACME  Cloud ': 'openai', AWS: 'sagemaker' } } });
    expect(providerIdOf(table, 'acme cloud')).toBe('openai');
    expect(providerIdOf(table, 'aws')).toBe('sagemaker');
    expect(providerIdOf(table, 'Amazon Bedrock')).toBe('bedrock');
    expect(providerNameTable({})).toEqual(BILLED_PROVIDER_NAMES);
  });

  it('merge: a file’s names are added over the base’s by name; extends: none keeps only the file’s', () => {
    const base = mergePolicy(
      { version: 1, review: { provider_names: { 'Acme Cloud': 'openai', X: 'azure' } } },
      DEFAULT_POLICY,
    );
    const merged = mergePolicy({ version: 1, review: { provider_names: { X: 'bedrock' } } }, base);
    expect(merged.review).toEqual({ provider_names: { 'Acme Cloud': 'openai', X: 'bedrock' } });
    expect(mergePolicy({ version: 1 }, DEFAULT_POLICY).review).toEqual({ provider_names: {} });
    expect(mergePolicy({ version: 1, extends: 'none' }, DEFAULT_POLICY).review).toBeUndefined();
  });

  it('a name mapped to a provider no deployment uses is a warning at its line, with a did-you-mean', async () => {
    expect(checkPolicy(DEFAULT_POLICY).filter((p) => p.code === 'unused-provider-name')).toEqual([]);
    const file = fileURLToPath(new URL('./fixtures/provider-names/tierplan.policy.yaml', import.meta.url));
    const { diagnostics } = await loadPolicy(file);
    expect(diagnostics).toEqual([
      {
        code: 'unused-provider-name',
        severity: 'warning',
        message: 'provider name "AWS" maps to "bedrok", which no deployment uses: its rows match no deployment',
        file,
        line: 6,
        column: 10,
        hint: 'did you mean "bedrock"?',
      },
      {
        code: 'unused-provider-name',
        severity: 'warning',
        message:
          'provider name "Contoso GPU Cloud" maps to "coreweave", which no deployment uses: its rows match no deployment',
        file,
        line: 7,
        column: 24,
        hint: 'deployments use openai, anthropic, bedrock, azure, vertex_ai, hosted_vllm',
      },
    ]);
  });
});

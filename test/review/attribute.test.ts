import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { makeAttributor } from '../../src/core/review/attribute.js';
import { connectionOf, row } from './fixture.js';

const attribute = makeAttributor(DEFAULT_POLICY, { useCases: ['crm', 'wiki', 'claims', 'vault'] });
const placed = (over: Parameters<typeof row>[0]) => {
  const a = attribute(row(over));
  if (!a.ok) throw new Error(a.reason);
  return a.attribution;
};

describe('who: the use case, by precedence', () => {
  it('a tierplan-uc tag, then the alias, then the model_id prefix', () => {
    expect(placed({ tags: ['tierplan-uc:wiki'], alias: 'crm', ...connectionOf('openai-gpt-5-mini') })).toMatchObject({
      use_case: 'wiki',
      names: ['wiki', 'crm'],
    });
    expect(
      placed({ alias: 'crm', model_id: 'wiki.openai-gpt-5-mini', ...connectionOf('openai-gpt-5-mini') }),
    ).toMatchObject({
      use_case: 'crm',
      names: ['crm', 'wiki'],
    });
    expect(placed({ model_id: 'wiki.openai-gpt-5-mini', ...connectionOf('openai-gpt-5-mini') }).use_case).toBe('wiki');
  });
  it('a generic model_group never hides a tag, and a caller’s unknown tag never hides a use case', () => {
    expect(
      placed({ alias: 'default-router', tags: ['tierplan-uc:wiki'], ...connectionOf('openai-gpt-5-mini') }),
    ).toMatchObject({ use_case: 'wiki', names: [] });
    expect(
      placed({ alias: 'crm', tags: ['tierplan-uc:whatever'], ...connectionOf('bedrock-claude-haiku') }),
    ).toMatchObject({ use_case: 'crm', names: [] });
  });
  it('reads tierplan’s generated fallback groups <alias>--<deployment> back as the alias', () => {
    expect(placed({ alias: 'claims--vllm-llama-8b', ...connectionOf('vllm-llama-8b') })).toMatchObject({
      use_case: 'claims',
      deployment: 'vllm-llama-8b',
      tier: 'on-prem',
      mismatch: null,
    });
  });
  it('no name at all: not attributed, with the reason', () => {
    expect(attribute(row({ model: 'openai/gpt-5-mini' }))).toEqual({
      ok: false,
      reason: expect.stringContaining('no use case') as string,
    });
  });
});

describe('where: the deployment, from the connection', () => {
  it('matches provider, model (with LiteLLM’s provider prefix), endpoint and region', () => {
    expect(placed({ alias: 'x', provider: 'hosted_vllm', model: 'meta-llama/Llama-3.1-8B-Instruct' })).toMatchObject({
      deployment: 'vllm-llama-8b',
      tier: 'on-prem',
      placement: 'identified',
    });
    expect(placed({ alias: 'x', model: 'hosted_vllm/openai/whisper-large-v3' }).deployment).toBe('vllm-whisper');
    expect(placed({ alias: 'x', model: 'gpt-5.4', region: 'eu' }).deployment).toBe('openai-eu-gpt-5-4');
    expect(placed({ alias: 'x', model: 'gpt-5.4', api_base: 'HTTPS://eu.api.openai.com:443/v1/' }).deployment).toBe(
      'openai-eu-gpt-5-4',
    );
    // Two deployments of one tier: the tier is known, the deployment is not.
    expect(placed({ alias: 'x', model: 'gpt-5.4' })).toMatchObject({ deployment: null, tier: 'api' });
    expect(
      placed({
        alias: 'x',
        model: 'bedrock/converse/us.anthropic.claude-opus-4-6-v1:0',
        api_base: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      }).deployment,
    ).toBe('bedrock-claude-opus');
    // vLLM reached as an OpenAI-compatible server.
    expect(
      placed({
        alias: 'x',
        provider: 'openai',
        model: 'meta-llama/Llama-3.3-70B-Instruct',
        api_base: 'http://vllm-large.dc1.internal:8000/v1',
      }).deployment,
    ).toBe('vllm-llama-70b');
  });
  it('a label consistent with the connection narrows it; one that contradicts it is a mismatch, judged by the connection', () => {
    expect(placed({ alias: 'x', tags: ['tierplan-tier:api'], model: 'gpt-5.4', provider: 'openai' })).toMatchObject({
      tier: 'api',
      mismatch: null,
    });
    const lie = placed({
      alias: 'claims',
      model_id: 'claims.bedrock-claude-haiku',
      ...connectionOf('openai-gpt-5-mini'),
    });
    expect(lie).toMatchObject({ deployment: 'openai-gpt-5-mini', tier: 'api', placement: 'identified' });
    expect(lie.mismatch).toContain('model_id claims.bedrock-claude-haiku claim deployment bedrock-claude-haiku');
    const tag = placed({ alias: 'claims', tags: ['tierplan-tier:on-prem'], ...connectionOf('openai-gpt-5-mini') });
    expect(tag).toMatchObject({ tier: 'api' });
    expect(tag.mismatch).toContain('tier on-prem');
    // A LiteLLM fallback row keeps the primary's tier tag beside its own: no mismatch.
    expect(
      placed({
        alias: 'claims',
        tags: ['tierplan-tier:private-cloud', 'tierplan-tier:on-prem'],
        ...connectionOf('vllm-llama-8b'),
      }),
    ).toMatchObject({ tier: 'on-prem', mismatch: null });
    expect(placed({ alias: 'crm', tags: ['tierplan-tier:moon'], ...connectionOf('vllm-llama-8b') }).mismatch).toContain(
      'names no tier of the policy',
    );
  });
  it('a public API provider without a private endpoint is placed on its public tier by inference', () => {
    expect(placed({ alias: 'claims', provider: 'openai', model: 'gpt-4o' })).toMatchObject({
      tier: 'api',
      deployment: null,
      placement: 'inferred',
    });
    expect(
      placed({ alias: 'claims', model: 'anthropic/claude-3-5-sonnet', api_base: 'https://api.anthropic.com/v1' }),
    ).toMatchObject({ tier: 'api', placement: 'inferred' });
  });
  it('fails closed: nothing identifiable is an unknown deployment on the most open tier; several tiers → the most open', () => {
    expect(placed({ alias: 'claims' })).toMatchObject({ tier: 'api', deployment: null, placement: 'unknown' });
    expect(placed({ alias: 'claims', model: 'mystery-model', api_base: 'https://llm.example.net/v1' })).toMatchObject({
      tier: 'api',
      placement: 'unknown',
      seen: 'model mystery-model, endpoint https://llm.example.net/v1',
    });
    // A model_id alone is a claim, not evidence.
    expect(placed({ alias: 'claims', model_id: 'claims.vllm-llama-8b' })).toMatchObject({
      placement: 'unknown',
      tier: 'api',
    });
    // A private endpoint on a public provider is no inference: unknown.
    expect(
      placed({ alias: 'claims', provider: 'openai', model: 'gpt-4o', api_base: 'https://proxy.example.net' }).placement,
    ).toBe('unknown');
  });
});

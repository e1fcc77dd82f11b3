import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { makeAttributor } from '../../src/core/review/attribute.js';
import { row } from './fixture.js';

const attribute = makeAttributor(DEFAULT_POLICY);

describe('attribution', () => {
  it('reads tierplan model_info ids: <alias>.<deployment>', () => {
    expect(attribute(row({ alias: 'crm', model_id: 'crm.bedrock-claude-haiku' }))).toEqual({
      ok: true,
      attribution: { use_case: 'crm', deployment: 'bedrock-claude-haiku', tier: 'private-cloud' },
    });
  });
  it('takes the use case from a tierplan-uc tag when there is no alias', () => {
    const a = attribute(row({ tags: ['tierplan-uc:wiki', 'tierplan-tier:api'] }));
    expect(a).toEqual({ ok: true, attribution: { use_case: 'wiki', deployment: null, tier: 'api' } });
  });
  it('narrows a tier tag to one deployment by model', () => {
    const a = attribute(row({ alias: 'wiki', tags: ['tierplan-tier:api'], model: 'openai/gpt-5-mini' }));
    expect(a).toEqual({ ok: true, attribution: { use_case: 'wiki', deployment: 'openai-gpt-5-mini', tier: 'api' } });
  });
  it('matches provider, model, endpoint and region against the policy', () => {
    expect(
      attribute(row({ alias: 'x', provider: 'hosted_vllm', model: 'meta-llama/Llama-3.1-8B-Instruct' })),
    ).toMatchObject({ ok: true, attribution: { deployment: 'vllm-llama-8b', tier: 'on-prem' } });
    expect(attribute(row({ alias: 'x', model: 'gpt-5.4', region: 'eu' }))).toMatchObject({
      ok: true,
      attribution: { deployment: 'openai-eu-gpt-5-4', tier: 'api' },
    });
    expect(attribute(row({ alias: 'x', model: 'gpt-5.4', api_base: 'https://eu.api.openai.com/v1/' }))).toMatchObject({
      ok: true,
      attribution: { deployment: 'openai-eu-gpt-5-4' },
    });
    // Two deployments of one tier: the tier is known, the deployment is not.
    expect(attribute(row({ alias: 'x', model: 'gpt-5.4' }))).toEqual({
      ok: true,
      attribution: { use_case: 'x', deployment: null, tier: 'api' },
    });
    expect(
      attribute(
        row({ alias: 'x', provider: 'bedrock', region: 'us-east-1', model: 'us.anthropic.claude-opus-4-6-v1:0' }),
      ),
    ).toMatchObject({ ok: true, attribution: { deployment: 'bedrock-claude-opus' } });
  });
  it('rejects what it cannot place, with the reason', () => {
    expect(attribute(row({ model_id: 'crm.bedrock-claude-haiku' }))).toEqual({
      ok: false,
      reason: expect.stringContaining('no use case') as string,
    });
    expect(attribute(row({ alias: 'crm' }))).toEqual({
      ok: false,
      reason: expect.stringContaining('nothing tells where it ran') as string,
    });
    expect(attribute(row({ alias: 'crm', model: 'mystery-model' }))).toEqual({
      ok: false,
      reason: 'no deployment of the policy matches mystery-model',
    });
    expect(attribute(row({ alias: 'crm', tags: ['tierplan-tier:moon'] }))).toEqual({
      ok: false,
      reason: 'tier tag "moon" names no tier of the policy',
    });
    expect(attribute(row({ alias: 'crm', provider: 'openai' }))).toMatchObject({
      ok: true,
      attribution: { tier: 'api' },
    });
  });
});

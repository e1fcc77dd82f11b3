// The FOCUS reader names who served each AI charge with the policy's provider ids (`AWS` →
// `bedrock`), keeps every other name as billed, and finds tierplan tags in the forms cloud bills
// carry them.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, read, removeTempDirs, temp } from './helpers.js';

afterEach(removeTempDirs);

const clouds = fixture('focus-clouds', 'ai-charges.csv');

describe('FOCUS providers', () => {
  it('hyperscaler AI charges carry the policy provider id; the publisher stays the vendor only', async () => {
    const { rows } = await read([clouds]);
    expect(rows.map((r) => [r.provider, r.model, r.region, r.alias, r.tags])).toEqual([
      [
        'bedrock',
        'us.anthropic.claude-haiku-4-5-v1:0',
        'us-east-1',
        'claims-notes-summary',
        ['tierplan-uc:claims-notes-summary'],
      ],
      [
        'bedrock',
        'us.anthropic.claude-haiku-4-5-v1:0',
        'us-east-1',
        'claims-notes-summary',
        ['tierplan-uc:claims-notes-summary'],
      ],
      [
        'azure',
        'gpt-5-4-datazone-eu',
        'westeurope',
        'contract-analysis',
        ['tierplan-uc:contract-analysis', 'tierplan-tier:private-cloud'],
      ],
      ['vertex_ai', 'gemini-2.5-pro', 'europe-west4', 'internal-search', ['tierplan-uc:internal-search']],
      ['oci', 'meta.llama-3.3-70b-instruct', 'us-chicago-1', null, []],
      // A provider no table knows stays as billed, never guessed from the publisher (OpenAI).
      ['Acme Cloud', 'gpt-5-mini', 'us', 'website-faq-bot', ['tierplan-uc:website-faq-bot']],
      // Not an AI charge: AWS is not Bedrock just because it billed an EC2 host.
      ['AWS', null, 'us-east-1', 'internal-search', ['tierplan-uc:internal-search']],
    ]);
    expect(rows.map((r) => [r.requests, r.input_tokens, r.output_tokens])).toEqual([
      [0, 1_200_000, 0],
      [0, 0, 300_000],
      [0, 800_000, 0],
      [0, 1_000_000, 0],
      [0, 500_000, 0],
      [0, 200_000, 0],
      [0, 0, 0],
    ]);
  });

  it('the table handed in (the policy’s) replaces the built-in one', async () => {
    const { rows } = await read([clouds], { providerNames: { 'acme cloud ai': 'openai', aws: 'bedrock' } });
    expect(rows.map((r) => r.provider)).toEqual([
      'bedrock', // ServiceName "Amazon Bedrock" is not in this table; ProviderName "AWS" is
      'bedrock',
      'Microsoft',
      'Google Cloud',
      'Oracle',
      'openai', // the service name, asked before the provider name
      'AWS',
    ]);
  });

  it('the real FOCUS 1.0 sample: its Azure Machine Learning charges are azure; other charges keep AWS, Microsoft, Oracle', async () => {
    const { rows } = await read([fixture('focus-1.0-sample', 'focus_sample.csv')]);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(String(r.provider), (counts.get(String(r.provider)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ AWS: 942, Microsoft: 42, azure: 9, Oracle: 7 });
  });

  it('the FOCUS AI examples: fictional vendors stay as billed; the host decides over the reseller', async () => {
    const names = [
      'per_token_ai_model_api.csv',
      'csp_served_third_party_model.csv',
      'cached_tokens_via_csp_marketplace.csv',
    ];
    const byFile = await Promise.all(names.map(async (n) => (await read([fixture('focus-ai-examples', n)])).rows));
    expect(byFile.map((rows) => [...new Set(rows.map((r) => r.provider))])).toEqual([
      ['Solora AI'],
      // Solora's model served by the cloud Aura Web: Aura Web's, not the model developer's.
      ['Aura Web'],
      ['Aura Web'],
    ]);
  });

  it('FOCUS 1.3 names: HostProviderName and ServiceProviderName, matched trimmed and case-insensitively', async () => {
    const file = temp(
      'f.csv',
      [
        'ChargePeriodStart,EffectiveCost,ConsumedQuantity,ConsumedUnit,HostProviderName,ServiceProviderName,ServiceName,Tags',
        '2026-08-01T00:00:00Z,1,10,Tokens,  amazon web services ,Anthropic,Claude Sonnet 4.6 (Amazon Bedrock Edition),"{""user_tierplan_uc"":""a""}"',
        '2026-08-01T00:00:00Z,1,10,Tokens,,ANTHROPIC,Claude API,"[""tierplan-uc:b"",""tierplan-tier:api""]"',
        '2026-08-01T00:00:00Z,1,10,Tokens,,Solora AI,Solora API,tierplan-uc:c',
        // A gateway's FOCUS export may serialise the request tags into one tag value.
        '2026-08-01T00:00:00Z,1,10,Tokens,,openai,OpenAI API,"{""litellm:tags"":""[\\""tierplan-uc:d\\""]""}"',
      ].join('\n'),
    );
    const { rows } = await read([file]);
    expect(rows.map((r) => [r.provider, r.alias, r.tags])).toEqual([
      ['bedrock', 'a', ['tierplan-uc:a']],
      ['anthropic', 'b', ['tierplan-uc:b', 'tierplan-tier:api']],
      ['Solora AI', 'c', ['tierplan-uc:c']],
      ['openai', 'd', ['tierplan-uc:d']],
    ]);
  });
});

// Which hosts count as private (on-prem), and that doubt always resolves to the most open tier.
import { describe, expect, it } from 'vitest';
import type { FoundConnection } from '../../src/core/adopt/adopt-types.js';
import { isPrivateHost, proposeTier } from '../../src/core/adopt/propose-tier.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';

const conn = (over: Partial<FoundConnection>): FoundConnection => ({
  file: 'c.yaml',
  dialect: 'litellm',
  steps: ['model_list', 0],
  name: 'x',
  provider: 'openai',
  model: 'm',
  endpoint: null,
  endpointEnv: null,
  cloudRegion: null,
  apiKeyEnv: null,
  envNames: [],
  literalSecrets: [],
  contextTokens: null,
  price: null,
  baseModel: null,
  wildcard: false,
  value: {},
  ...over,
});

describe('private hosts', () => {
  it.each([
    'localhost',
    '127.0.0.1',
    '10.0.0.5',
    '172.16.4.1',
    '172.31.255.255',
    '192.168.1.10',
    '[::1]',
    'fd12:3456::1',
    'vllm',
    'vllm.dc1.internal',
    'gpu-01.lan',
    'svc.cluster.local',
  ])('%s is private', (h) => expect(isPrivateHost(h)).toBe(true));
  it.each(['172.32.0.1', '8.8.8.8', 'api.openai.com', 'llm.example.com', '11.0.0.1'])('%s is not', (h) =>
    expect(isPrivateHost(h)).toBe(false),
  );
});

describe('proposed tiers', () => {
  const tier = (over: Partial<FoundConnection>) => proposeTier(conn(over), DEFAULT_POLICY).tier;
  it('follows the connection', () => {
    expect(tier({ provider: 'openai' })).toBe('api');
    expect(tier({ provider: 'openai', endpoint: 'http://10.1.2.3:8000/v1' })).toBe('on-prem');
    expect(tier({ provider: 'bedrock', cloudRegion: 'us-east-1' })).toBe('private-cloud');
    expect(tier({ provider: 'azure', endpointEnv: 'AZURE_API_BASE' })).toBe('private-cloud');
    expect(tier({ provider: 'ollama_chat' })).toBe('on-prem');
  });
  it('resolves every doubt to the most open tier', () => {
    expect(tier({ provider: null })).toBe('api');
    expect(tier({ provider: 'hosted_vllm', endpointEnv: 'VLLM_BASE' })).toBe('api');
    expect(tier({ provider: 'hosted_vllm' })).toBe('api');
    expect(tier({ provider: 'openai', endpoint: 'https://llm-proxy.example.com/v1' })).toBe('api');
    expect(tier({ provider: 'openai', endpoint: 'not a url at all' })).toBe('api');
    const noPrivate = { ...DEFAULT_POLICY, tiers: DEFAULT_POLICY.tiers.filter((t) => t.id !== 'private-cloud') };
    expect(proposeTier(conn({ provider: 'bedrock' }), noPrivate).tier).toBe('api');
  });
});

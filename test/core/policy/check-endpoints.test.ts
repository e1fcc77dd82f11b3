// Values a gateway would expand, and endpoint URLs that carry credentials, are refused with the
// position of the field, before anything is generated.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../src/core/policy/default-policy.js';
import { checkPolicy } from '../../../src/core/policy/check-policy.js';
import { checkInventory } from '../../../src/core/policy/check-inventory.js';
import { endpointHasCredentials } from '../../../src/core/policy/check-endpoints.js';
import type { Inventory, Policy } from '../../../src/core/policy/types.js';

const withEndpoint = (endpoint: string, model?: string): Policy => {
  const p = structuredClone(DEFAULT_POLICY);
  const d = p.tiers.find((t) => t.id === 'on-prem')!.deployments[0]!;
  d.endpoint = endpoint;
  if (model !== undefined) d.model = model;
  return p;
};
const codes = (p: Policy): string[] => checkPolicy(p).map((x) => `${x.code} ${x.path.join('.')}`);

describe('endpoint URLs with credentials', () => {
  it.each([
    'https://user:pass@vllm.internal:8000/v1',
    'https://token@vllm.internal/v1',
    'https://x.openai.azure.com/?api-key=abc',
    'https://h/v1?foo=1&API_KEY=abc',
    'https://h/v1?key=abc',
    'https://h/v1?access_token=abc',
    'https://blob/x?sv=2024&sig=abc',
    'https://fn.azurewebsites.net/api/x?code=abc',
    'https://h/v1?x-amz-signature=abc',
  ])('refuses %s at the endpoint field', (url) => {
    expect(endpointHasCredentials(url)).toBe(true);
    const i = DEFAULT_POLICY.tiers.findIndex((t) => t.id === 'on-prem');
    expect(codes(withEndpoint(url))).toContain(`endpoint-credentials tiers.${i}.deployments.0.endpoint`);
    // The message must not repeat the secret.
    expect(
      checkPolicy(withEndpoint(url))
        .map((x) => x.message)
        .join(),
    ).not.toContain('abc');
  });
  it.each(['http://vllm.internal:8000/v1', 'https://h/v1?api-version=2024-10-21', 'us-east-1', 'https://h/#key=x'])(
    'accepts %s',
    (url) => {
      expect(endpointHasCredentials(url)).toBe(false);
      expect(codes(withEndpoint(url)).filter((c) => c.startsWith('endpoint-'))).toEqual([]);
    },
  );
});

describe('values a gateway would expand', () => {
  it.each(['os.environ/OPENAI_API_KEY', 'http://h/$HOME', 'http://h/${SECRET}', 'http://h/{{ key }}'])(
    'refuses the endpoint %s',
    (endpoint) => {
      expect(
        codes(withEndpoint(endpoint)).some((c) => c.startsWith('gateway-reference') && c.endsWith('endpoint')),
      ).toBe(true);
    },
  );
  it('refuses a model written as os.environ/…', () => {
    expect(codes(withEndpoint('http://h/v1', 'os.environ/HF_TOKEN')).some((c) => c.endsWith('.model'))).toBe(true);
  });
  it('refuses any use case value written as os.environ/…, at its path', () => {
    const inv: Inventory = {
      version: 1,
      use_cases: [
        { id: 'a', name: 'os.environ/OPENAI_API_KEY', status: 'production' },
        { id: 'b', name: 'fine', owner: 'OS.ENVIRON/X', status: 'production' },
        { id: 'c', name: 'mentions os.environ without a slash', status: 'production' },
      ],
    } as Inventory;
    const found = checkInventory(inv, DEFAULT_POLICY, '2026-11-24').filter((p) => p.code === 'gateway-reference');
    expect(found.map((p) => p.path.join('.'))).toEqual(['use_cases.0.name', 'use_cases.1.owner']);
    expect(found.map((p) => p.message).join()).not.toContain('OPENAI_API_KEY');
  });
});

// validate refuses what cannot be safe: a cleared tier's deployment on a public API, and ids
// Windows cannot use as file names.
import { describe, expect, it } from 'vitest';
import { checkInventory } from '../../src/core/policy/check-inventory.js';
import { checkPolicy } from '../../src/core/policy/check-policy.js';
import { checkPublicEndpoints, publicHostOf } from '../../src/core/policy/check-public-endpoints.js';
import { isReservedFileName } from '../../src/core/policy/check-reserved-ids.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Deployment, Inventory, Policy } from '../../src/core/policy/types.js';

const tierIndex = (id: string): number => DEFAULT_POLICY.tiers.findIndex((t) => t.id === id);

/** The default policy with the first deployment of `tier` changed. */
function withDeployment(tier: string, change: Partial<Deployment>, drop: (keyof Deployment)[] = []): Policy {
  const p = structuredClone(DEFAULT_POLICY);
  const d = p.tiers[tierIndex(tier)]!.deployments[0]!;
  Object.assign(d, change);
  for (const k of drop) delete d[k];
  return p;
}

describe('public API endpoints in cleared tiers', () => {
  it('the default policy passes: its public API deployments are all in the most open tier', () => {
    expect(checkPublicEndpoints(DEFAULT_POLICY)).toEqual([]);
  });

  it('an on-prem deployment connecting to api.openai.com is an error at its endpoint', () => {
    const p = withDeployment('on-prem', { endpoint: 'https://api.openai.com/v1' });
    const problems = checkPolicy(p).filter((x) => x.code === 'public-endpoint-in-cleared-tier');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'error',
      path: ['tiers', tierIndex('on-prem'), 'deployments', 0, 'endpoint'],
    });
    expect(problems[0]!.message).toContain('api.openai.com');
  });

  it('a public provider with no endpoint in a cleared tier is an error at its provider', () => {
    const p = withDeployment('private-cloud', { provider: 'anthropic' }, ['endpoint']);
    const problems = checkPublicEndpoints(p);
    expect(problems.map((x) => x.path)).toEqual([['tiers', tierIndex('private-cloud'), 'deployments', 0, 'provider']]);
  });

  it('public hosts in any spelling or region count; private and regional cloud endpoints do not', () => {
    const d = (provider: string, endpoint?: string): Deployment => ({
      id: 'x',
      provider,
      model: 'm',
      capability: 'standard',
      region: 'eu',
      ...(endpoint === undefined ? {} : { endpoint }),
    });
    expect(publicHostOf(d('hosted_vllm', 'HTTPS://API.Anthropic.com:443/v1/'))).toBe('api.anthropic.com');
    expect(publicHostOf(d('openai', 'https://eu.api.openai.com/v1'))).toBe('api.openai.com');
    expect(publicHostOf(d('mistral', 'api.mistral.ai/v1'))).toBe('api.mistral.ai');
    expect(publicHostOf(d('gemini'))).toBe('generativelanguage.googleapis.com');
    expect(publicHostOf(d('openai', 'https://contoso.openai.azure.com'))).toBeNull();
    expect(publicHostOf(d('openai', 'https://api.openai.com.evil.example'))).toBeNull();
    expect(publicHostOf(d('bedrock', 'us-east-1'))).toBeNull();
    expect(publicHostOf(d('hosted_vllm', 'http://vllm.dc1.internal:8000/v1'))).toBeNull();
  });
});

describe('ids that are reserved file names', () => {
  it('Windows device names, in any case and before an extension, are reserved; longer names are not', () => {
    for (const id of ['con', 'PRN', 'aux', 'nul', 'com1', 'COM9', 'lpt1', 'lpt9', 'nul.txt', 'con.x.y'])
      expect(isReservedFileName(id)).toBe(true);
    for (const id of ['console', 'con-uc', 'com10', 'lpt0', 'null', 'auxiliary', 'x.con'])
      expect(isReservedFileName(id)).toBe(false);
  });

  it('a use case id `con` is an error at the id with a suggestion', () => {
    const inv: Inventory = {
      version: 1,
      use_cases: [{ id: 'con', name: 'Console helper', owner: 'a@example.com', data: { classes: ['public'] } }],
    } as unknown as Inventory;
    const problems = checkInventory(inv, DEFAULT_POLICY, '2026-01-01').filter((x) => x.code === 'reserved-file-name');
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: ['use_cases', 0, 'id'],
        hint: 'choose another id, e.g. "con-uc"',
      }),
    ]);
  });

  it('tier and deployment ids are checked too', () => {
    const p = withDeployment('on-prem', { id: 'aux.local' });
    const problems = checkPolicy(p).filter((x) => x.code === 'reserved-file-name');
    expect(problems.map((x) => x.path)).toEqual([['tiers', tierIndex('on-prem'), 'deployments', 0, 'id']]);
  });
});

// Adopted deployments written into a policy file people wrote: comments and layout kept, the
// deployment added to the tier the file lists, a tier it does not list written whole.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AdoptChanges } from '../../src/core/adopt/changes.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { editPolicyText } from '../../src/io/adopt/edit-policy.js';

const POLICY = `# Our policy.
version: 1
extends: default
tiers:
  # the public tier: zero data retention agreed
  - id: api
    name: Public API
    clearance: internal
    regimes: []
    regions: [us]
    deployments: [] # none yet
preference: [api, private-cloud, on-prem] # API first
`;

const changes: AdoptChanges = {
  tiers: [
    {
      tier: 'api',
      add: [{ id: 'openai-gpt-4o', provider: 'openai', model: 'gpt-4o', capability: 'basic', region: 'unknown' }],
      regions: ['unknown'],
    },
    {
      tier: 'on-prem',
      add: [{ id: 'ollama-llama3', provider: 'ollama_chat', model: 'llama3.1', capability: 'basic', region: 'us' }],
      regions: [],
    },
  ],
  useCases: [],
  aliases: [],
};

describe('editPolicyText', () => {
  const text = editPolicyText(
    POLICY,
    'p.yaml',
    changes,
    DEFAULT_POLICY,
    { 'openai-gpt-4o': 'adopted from c.yaml' },
    'c.yaml',
  );

  it('keeps every comment and line of what it does not change', () => {
    for (const line of [
      '# Our policy.',
      '# the public tier: zero data retention agreed',
      'preference: [api, private-cloud, on-prem] # API first',
    ])
      expect(text).toContain(line);
    expect(text).toContain('# adopted from c.yaml\n      - id: openai-gpt-4o');
  });

  it('adds to the tier the file lists, and writes a tier it does not list whole (its built-in deployments kept)', () => {
    const p = parse(text) as { tiers: { id: string; regions: string[]; deployments: { id: string }[] }[] };
    expect(p.tiers.map((t) => t.id)).toEqual(['api', 'on-prem']);
    expect(p.tiers[0]!.regions).toEqual(['us', 'unknown']);
    expect(p.tiers[0]!.deployments.map((d) => d.id)).toEqual(['openai-gpt-4o']);
    const builtIn = DEFAULT_POLICY.tiers.find((t) => t.id === 'on-prem')!.deployments.map((d) => d.id);
    expect(p.tiers[1]!.deployments.map((d) => d.id)).toEqual([...builtIn, 'ollama-llama3']);
  });

  it('a new file extends the default', () => {
    const fresh = parse(editPolicyText(null, 'p.yaml', changes, DEFAULT_POLICY, {}, 'c.yaml')) as { extends: string };
    expect(fresh.extends).toBe('default');
  });
});

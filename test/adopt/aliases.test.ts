// Inventory aliases: checked, judged by verify as their use case, attributed by review to it.
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../src/core/plan/plan.js';
import { aliasOwners, checkAliases } from '../../src/core/policy/check-aliases.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Inventory } from '../../src/core/policy/types.js';
import { makeAttributor } from '../../src/core/review/attribute.js';
import { verifyConfigs } from '../../src/core/verify/verify.js';

const inventory: Inventory = {
  version: 1,
  use_cases: [
    {
      id: 'claims-triage',
      name: 'Claims',
      data: { classes: ['phi'] },
      needs: { task: 'extraction' },
      aliases: ['claims-phi'],
    },
    { id: 'old-bot', name: 'Old bot', status: 'retired', data: { classes: ['public'] }, aliases: ['legacy-bot'] },
  ],
};

describe('checkAliases', () => {
  it('refuses an alias that is another use case, one held twice, and one with "--"', () => {
    const bad: Inventory = {
      version: 1,
      use_cases: [
        { id: 'a', name: 'A', aliases: ['b', 'shared', 'x--y'] },
        { id: 'b', name: 'B', aliases: ['shared'] },
      ],
    };
    expect(checkAliases(bad).map((p) => [p.code, p.path.join('.')])).toEqual([
      ['alias-conflict', 'use_cases.0.aliases.0'],
      ['alias-reserved', 'use_cases.0.aliases.2'],
      ['alias-conflict', 'use_cases.1.aliases.0'],
    ]);
    expect(checkAliases(inventory)).toEqual([]);
  });
});

describe('verify reads an alias as its use case', () => {
  const plan = computePlan(inventory, DEFAULT_POLICY, { asOf: '2026-12-01', generator: 'test' });
  const config = {
    model_list: [
      {
        model_name: 'claims-phi',
        litellm_params: { model: 'openai/gpt-5-mini', api_key: 'os.environ/OPENAI_API_KEY' },
      },
      {
        model_name: 'legacy-bot',
        litellm_params: { model: 'openai/gpt-5-mini', api_key: 'os.environ/OPENAI_API_KEY' },
      },
    ],
  };
  const run = (aliases?: Map<string, string>) =>
    verifyConfigs(
      [{ file: 'c.yaml', dialect: 'litellm', value: config }],
      plan,
      DEFAULT_POLICY,
      aliases ? { aliases } : {},
    );

  it('with the inventory: the PHI alias is judged as claims-triage; the retired one is refused as such', () => {
    const f = run(aliasOwners(inventory)).findings.map(
      (x) => `${x.code} ${x.use_case ?? '-'} ${x.message.slice(0, 60)}`,
    );
    expect(f.some((x) => x.startsWith('uncleared-tier claims-triage'))).toBe(true);
    expect(f.some((x) => x.startsWith('alias-missing claims-triage'))).toBe(false);
    expect(f.some((x) => x.startsWith('alias-unknown - model group "legacy-bot"'))).toBe(true);
    expect(run(aliasOwners(inventory)).findings.find((x) => x.message.includes('legacy-bot'))!.message).toContain(
      'it is an alias of "old-bot": the use case is retired',
    );
  });

  it('without it, the names are unknown and the use case is missing (fail closed)', () => {
    const codes = run().findings.map((x) => x.code);
    expect(codes).toContain('alias-missing');
    expect(codes.filter((c) => c === 'alias-unknown')).toHaveLength(2);
  });
});

describe('review attributes an alias to its use case', () => {
  it('by the model group, and by a fallback group of the alias', () => {
    const attribute = makeAttributor(DEFAULT_POLICY, {
      useCases: inventory.use_cases.map((u) => u.id),
      aliases: aliasOwners(inventory),
    });
    const row = { tags: [], model_id: null, model: 'gpt-5-mini', provider: 'openai', api_base: null, region: null };
    const a = attribute({ ...row, alias: 'claims-phi' });
    expect(a.ok && a.attribution.use_case).toBe('claims-triage');
    expect(a.ok && a.attribution.tier).toBe('api');
    const unknown = makeAttributor(DEFAULT_POLICY, { useCases: ['claims-triage'] })({ ...row, alias: 'claims-phi' });
    expect(unknown.ok && unknown.attribution.use_case).toBe('claims-phi');
  });
});

import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/core/policy/check-policy.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy, pathInFile } from '../../src/core/policy/merge-policy.js';

describe('policy triggers', () => {
  it('merge over the default by id: a given id replaces, a new id is added', () => {
    const file = {
      version: 1 as const,
      triggers: [
        { id: 'idle', kind: 'no_traffic' as const, months: 6 },
        { id: 'pc-tokens', kind: 'tokens_above' as const, tier: 'private-cloud', tokens_per_month: 1e9, months: 2 },
      ],
    };
    const merged = mergePolicy(file, DEFAULT_POLICY);
    expect(merged.triggers?.map((t) => [t.id, t.months])).toEqual([
      ['onprem-underused', 2],
      ['pc-spend-high', 2],
      ['idle', 6],
      ['onprem-capacity', 1],
      ['api-break-even', 2],
      ['pc-tokens', 2],
    ]);
    expect(pathInFile(['triggers', 5, 'tier'], merged, file)).toEqual(['triggers', 1, 'tier']);
    expect(pathInFile(['triggers', 0, 'tier'], merged, file)).toBeNull();
    expect(mergePolicy({ version: 1, extends: 'none' }, DEFAULT_POLICY).triggers).toBeUndefined();
  });
  it('the default checks clean; duplicates, unknown tiers and missing thresholds are errors', () => {
    expect(checkPolicy(DEFAULT_POLICY).filter((p) => p.code.includes('trigger'))).toEqual([]);
    const bad = {
      ...DEFAULT_POLICY,
      triggers: [
        { id: 'a', kind: 'volume_below' as const, tier: 'on-prem', months: 2 },
        { id: 'a', kind: 'spend_above' as const, tier: 'onprem', cost_per_month: 1, months: 2 },
        { id: 'c', kind: 'capacity_above' as const, tier: 'api', utilisation: 0.8, months: 1 },
      ],
    };
    expect(
      checkPolicy(bad)
        .filter((p) => p.path[0] === 'triggers')
        .map((p) => [p.code, p.path.join('.')]),
    ).toEqual([
      ['trigger-incomplete', 'triggers.0'],
      ['duplicate-trigger', 'triggers.1.id'],
      ['unknown-tier', 'triggers.1.tier'],
      ['trigger-never-fires', 'triggers.2'],
    ]);
  });
});

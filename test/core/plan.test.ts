// The plan as a whole: split, cost estimates, ordering, determinism, and the date as an input.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { estimate } from '../../src/core/plan/estimate.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Inventory } from '../../src/core/policy/types.js';
import { AS_OF, uc } from './helpers.js';

const vol = (requests: number, input: number, output: number) => ({
  requests,
  input_tokens_per_request: input,
  output_tokens_per_request: output,
});

const INVENTORY: Inventory = {
  version: 1,
  use_cases: [
    uc({
      id: 'zeta-search',
      data: { classes: ['internal_docs'] },
      needs: { task: 'search' },
      volume: vol(1000, 1000, 100),
    }),
    uc({
      id: 'alpha-vault',
      data: { classes: ['classified'] },
      needs: { task: 'classification' },
      volume: vol(1_000_000, 1000, 0),
    }),
    uc({
      id: 'mid-crm',
      data: { classes: ['customer_data'] },
      needs: { task: 'generation' },
      volume: vol(3333, 777, 333),
    }),
    uc({ id: 'beta-gap', data: { classes: ['classified'] }, needs: { task: 'agentic' }, volume: vol(10, 10, 10) }),
    uc({
      id: 'kappa-claims',
      data: { classes: ['phi'] },
      needs: { task: 'extraction' },
      volume: vol(7, 1234, 567),
      override: { tier: 'on-prem', reason: 'r', expires: '2026-12-01' },
    }),
    uc({ id: 'old', status: 'retired', volume: vol(99, 99, 99) }),
  ],
};
const plan = (inv: Inventory = INVENTORY, asOf = AS_OF) =>
  computePlan(inv, DEFAULT_POLICY, { asOf, generator: 'tierplan test' });

describe('computePlan', () => {
  it('lists use cases sorted by id', () => {
    expect(plan().use_cases.map((u) => u.id)).toEqual([
      'alpha-vault',
      'beta-gap',
      'kappa-claims',
      'mid-crm',
      'old',
      'zeta-search',
    ]);
  });

  it('has one cell per sensitivity × capability, most sensitive row first', () => {
    const cells = plan().cells;
    expect(cells).toHaveLength(12);
    expect(cells[0]).toMatchObject({
      sensitivity: 'regulated',
      capability: 'basic',
      tier: 'on-prem',
      use_cases: ['alpha-vault', 'kappa-claims'],
    });
    expect(cells.find((c) => c.sensitivity === 'regulated' && c.capability === 'frontier')).toMatchObject({
      tier: null,
      use_cases: ['beta-gap'],
    });
  });

  it('split shares of placed use cases add up to 1 (± rounding), by count, tokens and cost', () => {
    const split = plan().split;
    expect(split.map((s) => [s.tier, s.count, s.reference])).toEqual([
      ['api', 1, 0.6],
      ['private-cloud', 1, 0.2],
      ['on-prem', 2, 0.2],
    ]);
    for (const key of ['share_count', 'share_tokens', 'share_cost'] as const) {
      expect(Math.abs(split.reduce((s, e) => s + e[key], 0) - 1)).toBeLessThanOrEqual(0.0002);
    }
  });

  it('splits are all zero when nothing is placed', () => {
    const split = plan({ version: 1, use_cases: [] }).split;
    expect(split.every((s) => s.count === 0 && s.share_count === 0 && s.share_cost === 0)).toBe(true);
  });

  it('token-priced cost: tokens × price per 1M (gpt-5-mini: $0.25 in, $2 out)', () => {
    const u = plan().use_cases.find((x) => x.id === 'zeta-search');
    expect([u?.tier, u?.deployment]).toEqual(['api', 'openai-gpt-5-mini']);
    // 1,000,000 input tokens × 0.25 + 100,000 output tokens × 2, per 1M
    expect(u?.estimate).toEqual({ tokens_per_month: 1_100_000, cost_per_month: 0.45 });
  });

  it('fixed-cost deployment: the use case is charged its share of capacity', () => {
    const u = plan().use_cases.find((x) => x.id === 'alpha-vault');
    expect([u?.tier, u?.deployment]).toEqual(['on-prem', 'vllm-llama-8b']);
    // 1e9 tokens of a 20e9-token, $6,000/month deployment
    expect(u?.estimate).toEqual({ tokens_per_month: 1_000_000_000, cost_per_month: 300 });
  });

  it('estimates without volume or deployment are zero-cost, not NaN', () => {
    expect(estimate(undefined, undefined)).toEqual({ tokens_per_month: 0, cost_per_month: 0 });
    expect(estimate({ requests: 10 }, DEFAULT_POLICY.tiers[0]!.deployments[0])).toEqual({
      tokens_per_month: 0,
      cost_per_month: 0,
    });
  });

  it('a gap keeps its volume but has no cost', () => {
    expect(plan().use_cases.find((x) => x.id === 'beta-gap')?.estimate).toEqual({
      tokens_per_month: 200,
      cost_per_month: 0,
    });
  });

  it('is deterministic: same input → deep-equal plan and identical JSON', () => {
    const a = plan();
    const b = plan(structuredClone(INVENTORY));
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('does not modify its inputs', () => {
    const inv = structuredClone(INVENTORY);
    const pol = structuredClone(DEFAULT_POLICY);
    computePlan(inv, pol, { asOf: AS_OF, generator: 'x' });
    expect([inv, pol]).toEqual([INVENTORY, DEFAULT_POLICY]);
  });
});

describe('the date is an input, never the clock', () => {
  afterEach(() => vi.useRealTimers());

  it('as_of and generator are copied from the options', () => {
    expect(plan()).toMatchObject({ as_of: AS_OF, generator: 'tierplan test', policy: DEFAULT_POLICY.name });
  });

  it('the system clock does not change the plan', () => {
    const before = JSON.stringify(plan());
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-06-15T12:00:00Z'));
    expect(JSON.stringify(plan())).toBe(before);
  });

  it('a later as_of expires the override', () => {
    const later = plan(INVENTORY, '2026-12-02');
    const u = later.use_cases.find((x) => x.id === 'kappa-claims');
    expect([u?.override?.state, u?.tier]).toEqual(['expired', 'private-cloud']);
    expect(plan().use_cases.find((x) => x.id === 'kappa-claims')?.tier).toBe('on-prem');
  });
});

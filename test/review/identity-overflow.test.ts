import { describe, expect, it } from 'vitest';
import { OVERFLOW_USE_CASE, UsageAccumulator } from '../../src/core/review/aggregate.js';
import { HeavyHitters } from '../../src/core/review/heavy-hitters.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import { loadExample } from '../gateway/example.js';

const row = (alias: string, requests = 1): UsageRow => ({
  file: 'usage.csv',
  line: 2,
  source: 'litellm',
  time: '2026-07-02T00:00:00Z',
  alias,
  tags: [],
  model_id: null,
  model: 'bedrock/us.anthropic.claude-sonnet-4-6-v1:0',
  provider: 'bedrock',
  api_base: 'us-east-1',
  region: null,
  requests,
  input_tokens: 60,
  output_tokens: 40,
  cost: 0.01,
  failed: false,
  latency_ms: 100,
});

describe('HeavyHitters (space-saving)', () => {
  it('keeps every key heavier than total / capacity, with bounds that hold', () => {
    const s = new HeavyHitters(8);
    const truth = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const key = i % 2 === 0 ? `heavy-${(i / 2) % 2}` : `light-${i}`;
      s.add(key, 1);
      truth.set(key, (truth.get(key) ?? 0) + 1);
    }
    const top = s.list();
    expect(top).toHaveLength(8);
    for (let k = 0; k < 2; k++) {
      const h = top.find((t) => t.key === `heavy-${k}`)!;
      expect(h).toBeDefined();
      expect(h.count - h.error).toBeLessThanOrEqual(truth.get(h.key)!);
      expect(h.count).toBeGreaterThanOrEqual(truth.get(h.key)!);
    }
    expect(top.slice(0, 2).map((t) => t.key.startsWith('heavy-'))).toEqual([true, true]);
  });

  it('merges sketches of two parts with the same guarantees', () => {
    const a = new HeavyHitters(4);
    const b = new HeavyHitters(4);
    for (let i = 0; i < 100; i++) a.add(i % 2 ? 'x' : `a${i}`, 1);
    for (let i = 0; i < 100; i++) b.add(i % 2 ? 'x' : `b${i}`, 1);
    a.merge(b.list());
    const x = a.list().find((h) => h.key === 'x')!;
    expect(x.count).toBeGreaterThanOrEqual(100);
    expect(x.count - x.error).toBeLessThanOrEqual(100);
  });
});

describe('UsageAccumulator: distinct names beyond the limit', () => {
  it('folds them into the overflow, counted, and keeps inventory use cases whatever the limit', async () => {
    const { policy } = await loadExample();
    const acc = new UsageAccumulator(policy, 10, { useCases: ['collections-assistant'] }, { identities: 3 });
    for (let i = 0; i < 10; i++) acc.add(row(`alias-${i}`, i === 7 ? 50 : 1));
    acc.add(row('collections-assistant'));
    const r = acc.result();
    expect(r.rows).toBe(11);
    const names = new Set(r.cells.map((c) => c.use_case));
    expect(names).toEqual(new Set(['alias-0', 'alias-1', 'alias-2', OVERFLOW_USE_CASE, 'collections-assistant']));
    const overflow = r.cells.filter((c) => c.use_case === OVERFLOW_USE_CASE);
    expect(overflow.reduce((s, c) => s + c.requests, 0)).toBe(56);
    expect(r.overflow?.requests).toBe(56);
    expect(r.overflow?.limit).toBe(3);
    expect(r.overflow?.top[0]).toEqual({ key: 'alias-7', count: 50, error: 0 });
  });

  it('merges a later part: names beyond the limit there join the overflow here', async () => {
    const { policy } = await loadExample();
    const one = new UsageAccumulator(policy, 10, {}, { identities: 2 });
    for (let i = 0; i < 4; i++) one.add(row(`alias-${i}`));
    const first = new UsageAccumulator(policy, 10, {}, { identities: 2 });
    const second = new UsageAccumulator(policy, 10, {}, { identities: 2 });
    for (let i = 0; i < 2; i++) first.add(row(`alias-${i}`));
    for (let i = 2; i < 4; i++) second.add(row(`alias-${i}`));
    first.merge(second.snapshot());
    const merged = first.result();
    const whole = one.result();
    expect(merged.cells.map((c) => [c.use_case, c.requests])).toEqual(whole.cells.map((c) => [c.use_case, c.requests]));
    expect(merged.overflow?.requests).toBe(2);
    expect(merged.overflow?.top.map((h) => h.key).sort()).toEqual(['alias-2', 'alias-3']);
  });

  it('holds no overflow when every name fits', async () => {
    const { policy } = await loadExample();
    const acc = new UsageAccumulator(policy);
    acc.add(row('alias-0'));
    expect(acc.result().overflow).toBeNull();
  });
});

// The accumulator's merge (what the two-thread reader relies on) and the exact cost sum under it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageAccumulator, monthOf } from '../../src/core/review/aggregate.js';
import { ExactSum } from '../../src/core/review/exact-sum.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';

const DEPLOYMENTS = ['vllm-llama-70b', 'openai-gpt-5-mini', 'bedrock-claude-haiku', 'no-such-deployment'];

const rowArb: fc.Arbitrary<UsageRow> = fc
  .record({
    alias: fc.constantFrom('claims', 'crm', 'wiki', null),
    deployment: fc.constantFrom(...DEPLOYMENTS),
    month: fc.constantFrom('2026-01', '2026-02', '2026-03'),
    day: fc.integer({ min: 1, max: 28 }),
    input: fc.integer({ min: 0, max: 50_000 }),
    output: fc.integer({ min: 0, max: 5_000 }),
    cost: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: null }),
    failed: fc.boolean(),
    latency: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }),
  })
  .map((r) => ({
    file: 'f.csv',
    line: 0,
    source: 'litellm' as const,
    time: `${r.month}-${String(r.day).padStart(2, '0')}T08:30:00.000Z`,
    alias: r.alias,
    tags: [],
    model_id: `${r.alias ?? 'x'}.${r.deployment}`,
    model: null,
    provider: null,
    api_base: null,
    region: null,
    requests: 1,
    input_tokens: r.input,
    output_tokens: r.output,
    cost: r.cost,
    failed: r.failed,
    latency_ms: r.latency,
  }));

describe('UsageAccumulator.merge', () => {
  it('folding rows in two parts and merging equals folding them in one (property)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 120 }), fc.nat(), (rows, cut) => {
        for (const [i, r] of rows.entries()) r.line = i + 2;
        const at = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const whole = new UsageAccumulator(DEFAULT_POLICY, 3);
        for (const r of rows) whole.add(r);
        const first = new UsageAccumulator(DEFAULT_POLICY, 3);
        const second = new UsageAccumulator(DEFAULT_POLICY, 3);
        for (const r of rows.slice(0, at)) first.add(r);
        for (const r of rows.slice(at)) second.add(r);
        first.merge(structuredClone(second.snapshot()));
        expect(JSON.stringify(first.result())).toBe(JSON.stringify(whole.result()));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the first unattributed rows in input order across the parts', () => {
    const bad = (line: number): UsageRow => ({
      file: 'f',
      line,
      source: 'litellm',
      time: '2026-01-02T00:00:00.000Z',
      alias: null,
      tags: [],
      model_id: null,
      model: null,
      provider: null,
      api_base: null,
      region: null,
      requests: 1,
      input_tokens: 0,
      output_tokens: 0,
      cost: null,
      failed: false,
      latency_ms: null,
    });
    const a = new UsageAccumulator(DEFAULT_POLICY, 3);
    const b = new UsageAccumulator(DEFAULT_POLICY, 3);
    a.add(bad(5));
    for (const l of [9, 10, 11]) b.add(bad(l));
    a.merge(b.snapshot());
    expect(a.result().unattributed).toBe(4);
    expect(a.result().unattributed_first.map((r) => r.line)).toEqual([5, 9, 10]);
  });
});

describe('ExactSum', () => {
  it('is the correctly rounded sum whatever the order', () => {
    const xs = [1e16, 1, -1e16, 0.1, 0.2, 0.3, 1e-3];
    const sum = new ExactSum();
    for (const x of xs) sum.add(x);
    const reversed = new ExactSum();
    for (const x of [...xs].reverse()) reversed.add(x);
    expect(sum.value()).toBe(1.601);
    expect(reversed.value()).toBe(sum.value());
    expect(xs.reduce((a, b) => a + b, 0)).not.toBe(1.601); // the naive sum loses the 1
  });

  it('merged partial sums equal one sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })), fc.nat(), (xs, cut) => {
        const at = cut % (xs.length + 1);
        const whole = new ExactSum();
        for (const x of xs) whole.add(x);
        const a = new ExactSum();
        const b = new ExactSum();
        for (const x of xs.slice(0, at)) a.add(x);
        for (const x of xs.slice(at)) b.add(x);
        a.addAll(b.partials);
        expect(Object.is(a.value(), whole.value()) || a.value() === whole.value()).toBe(true);
      }),
    );
  });
});

describe('monthOf', () => {
  it('gives what Date gives, canonical shape or not', () => {
    for (const t of [
      '2026-02-28T23:59:59.999Z',
      '2026-02-30T10:00:00.000Z',
      '2024-02-29T00:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      'not a time',
      '2026-05-01T12:00:00+02:00',
    ]) {
      const t0 = Date.parse(t);
      expect(monthOf(t), t).toBe(Number.isNaN(t0) ? null : new Date(t0).toISOString().slice(0, 7));
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { aggregate, type UsageCell } from '../../src/core/review/aggregate.js';
import { monthsBefore } from '../../src/core/review/months.js';
import { previousReviewOf } from '../../src/core/review/previous.js';
import { computeSplit } from '../../src/core/review/split.js';
import { MONTHS, on, review } from './fixture.js';

const Q4 = ['2025-10', '2025-11', '2025-12'];
/** This quarter: on-prem 300 tokens, api 100; cost 0 / 30. */
const thisQuarter = () =>
  MONTHS.flatMap((m) => [
    on('vault', 'vllm-llama-8b', m, { input_tokens: 100 }),
    on('wiki', 'openai-gpt-5-mini', m, { input_tokens: 100 / 3, cost: 10 }),
  ]);
/** Last quarter: api only, 100 tokens a month. */
const lastQuarter = (months = Q4) =>
  months.map((m) => on('wiki', 'openai-gpt-5-mini', m, { input_tokens: 100, cost: 5 }));
const cellsOf = (rows: ReturnType<typeof thisQuarter>): UsageCell[] => aggregate(rows, DEFAULT_POLICY).cells;

describe('months', () => {
  it('the period of the same length just before, across a year', () => {
    expect(monthsBefore('2026-01', 3)).toEqual(Q4);
    expect(monthsBefore('2026-03', 1)).toEqual(['2026-02']);
    expect(monthsBefore('2026-07', 6)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });
});

describe('the split against last period', () => {
  it('from the rows of the exports in the quarter before, with the change in percentage points', () => {
    const s = review([...thisQuarter(), ...lastQuarter()]).split;
    expect(s).toMatchObject({
      previous_period: { from: '2025-10', to: '2025-12', months: Q4 },
      previous_source: 'usage',
      previous_months: Q4,
    });
    expect(s.note).toContain('from the rows of the usage exports');
    expect(s.totals).toEqual({
      current: { requests: 6, tokens: 400, cost: 30 },
      previous: { requests: 3, tokens: 300, cost: 15 },
    });
    expect(s.tiers.map((t) => t.tier)).toEqual(['api', 'on-prem']);
    const [api, onprem] = s.tiers;
    expect(api!.current).toMatchObject({ tokens: 100, share_tokens: 0.25, share_requests: 0.5 });
    // On-prem's allocated fixed cost (300 tokens of a 20B-token, 6,000/month deployment) is its cost share.
    expect(api!.current.share_cost).toBe(0.999997);
    expect(api!.previous).toMatchObject({ tokens: 300, share_tokens: 1, share_cost: 1, share_requests: 1 });
    expect(api!.change_pp).toEqual({ tokens: -75, cost: 0, requests: -50 });
    // A tier with no traffic last quarter: 0 % then.
    expect(onprem!.previous).toMatchObject({ tokens: 0, share_tokens: 0 });
    expect(onprem!.change_pp).toEqual({ tokens: 75, cost: 0, requests: 50 });
  });

  it('a tier that ran only last quarter is listed at 0 % now', () => {
    const s = review([
      on('vault', 'vllm-llama-8b', '2026-01'),
      on('crm', 'bedrock-claude-haiku', '2025-11', { cost: 4 }),
    ]).split;
    expect(s.tiers.find((t) => t.tier === 'private-cloud')).toMatchObject({
      current: { requests: 0, share_requests: 0 },
      previous: { requests: 1, share_requests: 1 },
      change_pp: { requests: -100 },
    });
  });

  const previous = {
    period: { from: '2025-10', to: '2025-12' },
    streaks: [],
    usage: cellsOf(lastQuarter()).map((c) => ({ ...c, input_tokens: c.input_tokens * 2 })),
  };

  it('exports covering the whole quarter before win over the previous review; else the previous review', () => {
    expect(review([...thisQuarter(), ...lastQuarter()], { previous }).split.previous_source).toBe('usage');
    const s = review([...thisQuarter(), ...lastQuarter(['2025-12'])], { previous }).split;
    expect(s).toMatchObject({
      previous_source: 'previous-review',
      previous_months: Q4,
      totals: { previous: { tokens: 600 } },
    });
    expect(s.note).toContain('The usage exports cover only 2025-12 of it.');
  });

  it('exports covering part of it, without a previous review: used, and the note says which months and how to get the rest', () => {
    const s = review([...thisQuarter(), ...lastQuarter(['2025-11', '2025-12'])]).split;
    expect(s).toMatchObject({
      previous_source: 'usage',
      previous_months: ['2025-11', '2025-12'],
      totals: { previous: { tokens: 200 } },
    });
    expect(s.note).toMatch(
      /only in part: the usage exports cover 2025-11, 2025-12 of it\. Pass last quarter's review\.json with --previous/,
    );
  });

  it('nothing to compare with: no previous figures, and a note that says how to provide them', () => {
    const s = review(thisQuarter()).split;
    expect(s).toMatchObject({ previous_source: null, previous_months: [], totals: { previous: null } });
    expect(s.tiers.every((t) => t.previous === null && t.change_pp === null)).toBe(true);
    expect(s.note).toBe(
      'No figures for last period (2025-10..2025-12): the usage exports have no rows in it and no previous review was given. ' +
        "Pass last quarter's review.json with --previous, or include usage from 2025-10 on, to compare.",
    );
    // A previous review of another period is not passed off as last quarter.
    const stale = review(thisQuarter(), {
      previous: { ...previous, period: { from: '2025-07', to: '2025-09' } },
    }).split;
    expect(stale.previous_source).toBeNull();
    expect(stale.note).toContain(
      'The --previous review covers 2025-07..2025-09, not 2025-10..2025-12, so it is not compared.',
    );
  });

  it('a review.json round-trips as the next review’s --previous', () => {
    const last = review(lastQuarter(), { period: { from: '2025-10', to: '2025-12' } });
    const read = previousReviewOf(JSON.parse(JSON.stringify(last)));
    expect(read.problems).toEqual([]);
    expect(review(thisQuarter(), { previous: read.previous! }).split).toMatchObject({
      previous_source: 'previous-review',
      totals: { previous: { tokens: 300, cost: 15 } },
    });
    // Version 1 files (before the split) carry period, usage and streaks too.
    const { split: _split, ...v1 } = { ...last, schema_version: 1 };
    expect(previousReviewOf(v1).problems).toEqual([]);
  });

  it('a version 2 review.json, whose cell cost held the self-hosted allocation, gives the same cost split', () => {
    // On-prem last quarter: 2B tokens a month of a 20B, 6,000/month deployment, 600 allocated.
    const rows = [...lastQuarter(), ...Q4.map((m) => on('vault', 'vllm-llama-8b', m, { input_tokens: 2e9 }))];
    const last = review(rows, { period: { from: '2025-10', to: '2025-12' } });
    // Version 2: no totals or currency; a cell's cost was billed + allocated, with no allocated_cost.
    const { totals: _t, currency: _c, ...rest } = last;
    const v2 = {
      ...rest,
      schema_version: 2,
      usage: last.usage.map(({ allocated_cost, rows_without_requests: _r, ...c }) => ({
        ...c,
        cost: c.cost + allocated_cost,
      })),
    };
    const read = previousReviewOf(JSON.parse(JSON.stringify(v2)));
    expect(read.problems).toEqual([]);
    const fromV2 = review(thisQuarter(), { previous: read.previous! }).split;
    const fromV3 = review(thisQuarter(), {
      previous: previousReviewOf(JSON.parse(JSON.stringify(last))).previous!,
    }).split;
    expect(fromV3.totals.previous).toMatchObject({ cost: 15 + 1800 });
    expect(fromV2.tiers).toEqual(fromV3.tiers);
    expect(fromV2.totals).toEqual(fromV3.totals);
  });

  it('a file that is not a review is refused with the path of what is wrong', () => {
    expect(previousReviewOf([]).problems.map((p) => p.message)).toEqual(['not a review: expected a JSON object']);
    const bad = previousReviewOf({
      schema_version: 9,
      period: { from: '2025-10' },
      usage: [{ tier: 'api' }],
      streaks: {},
    });
    expect(bad.problems.map((p) => p.path)).toEqual([['schema_version'], ['period'], ['usage', 0], ['streaks']]);
    expect(bad.problems[0]!.hint).toContain('tierplan review --out');
  });
});

describe('split invariants over random cells', () => {
  const cell = fc
    .record({
      tier: fc.constantFrom('api', 'private-cloud', 'on-prem'),
      month: fc.constantFrom(...Q4, ...MONTHS, '2025-06'),
      requests: fc.integer({ min: 0, max: 1000 }),
      input_tokens: fc.integer({ min: 0, max: 1e9 }),
      cost: fc.integer({ min: 0, max: 1e6 }).map((c) => c / 100),
    })
    .map(
      (c): UsageCell => ({
        ...c,
        use_case: 'u',
        rows_without_requests: 0,
        output_tokens: 0,
        failures: 0,
        p95_latency_ms: null,
        latency_samples: 0,
        deployments: [],
        allocated_cost: 0,
      }),
    );

  it('shares add up to 1 in each period with traffic, changes to 0, and the totals are the cells’ sums', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), (cells) => {
        const s = computeSplit({ months: MONTHS, cells });
        const now = cells.filter((c) => MONTHS.includes(c.month));
        expect(s.totals.current.tokens).toBe(now.reduce((a, c) => a + c.input_tokens, 0));
        for (const k of ['share_requests', 'share_tokens', 'share_cost'] as const) {
          const sum = s.tiers.reduce((a, t) => a + t.current[k], 0);
          const whole = {
            share_requests: s.totals.current.requests,
            share_tokens: s.totals.current.tokens,
            share_cost: s.totals.current.cost,
          }[k];
          expect(sum).toBeCloseTo(whole > 0 ? 1 : 0, 5);
        }
        if (s.previous_source !== null) {
          for (const k of ['requests', 'tokens', 'cost'] as const) {
            const both = s.totals.current[k] > 0 && s.totals.previous![k] > 0;
            if (both) expect(Math.abs(s.tiers.reduce((a, t) => a + t.change_pp![k], 0))).toBeLessThan(0.05);
          }
        }
        expect(s.tiers.map((t) => t.tier)).toEqual([...s.tiers.map((t) => t.tier)].sort());
      }),
      { numRuns: 200, seed: 20261127 },
    );
  });
});

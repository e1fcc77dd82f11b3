// Cost you can defend: the review's billed total is the export's own total to the cent (summed
// exactly, never from rounded cells), and the self-hosted fixed cost allocated over tokens is a
// separate figure that never leaks into it. Checked on the real FOCUS 1.0 sample (BilledCost
// 20.52, EffectiveCost 14.98) and the LiteLLM spend-log fixture.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { aggregate, monthOf } from '../../src/core/review/aggregate.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import { fixture, read, removeTempDirs } from '../usage/helpers.js';
import { MONTHS, on, review } from './fixture.js';

afterAll(removeTempDirs);

/** The rows' costs summed as decimals (units of 1e-11, the sample's precision), then to cents. */
function decimalCents(rows: UsageRow[]): string {
  let units = 0n;
  for (const r of rows) units += BigInt(Math.round((r.cost ?? 0) * 1e11));
  const cents = (units + 500_000_000n) / 1_000_000_000n; // half up; every cost here is ≥ 0
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/**
 * Every row on a use case and deployment of the default policy, by provider. The sample's bills
 * are not AI traffic, so nothing would attribute them; what is under test is the money, and
 * `vault` on the self-hosted vllm-llama-8b keeps its billed cost while gaining an allocation.
 */
function attributed(rows: UsageRow[]): UsageRow[] {
  const where: [string, string][] = [
    ['crm', 'bedrock-claude-haiku'],
    ['wiki', 'openai-gpt-5-mini'],
    ['vault', 'vllm-llama-8b'],
  ];
  const deployments = new Map(DEFAULT_POLICY.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d] as const)));
  return rows.map((r, i) => {
    const [alias, id] = where[i % where.length]!;
    // Placed by what the row connected to, as review judges it; the model_id label alone is a claim.
    const d = deployments.get(id)!;
    return {
      ...r,
      alias,
      model_id: `${alias}.${id}`,
      provider: d.provider,
      model: d.model,
      api_base: d.endpoint ?? null,
      region: d.region,
    };
  });
}

function reviewOf(rows: UsageRow[]) {
  const months = rows.map((r) => monthOf(r.time)!).sort();
  return review(rows, {
    aggregate: aggregate(rows, DEFAULT_POLICY),
    period: { from: months[0]!, to: months[months.length - 1]! },
  });
}

describe('billed total = the export, to the cent', () => {
  const sample = fixture('focus-1.0-sample', 'focus_sample.csv');

  it('FOCUS 1.0 sample: BilledCost 20.52 and EffectiveCost 14.98, whatever the allocation', async () => {
    for (const [column, expected] of [
      ['BilledCost', '20.52'],
      ['EffectiveCost', '14.98'],
    ] as const) {
      const { rows } = await read([sample], { costColumn: column });
      const r = reviewOf(attributed(rows));
      expect(r.counts.unattributed).toBe(0);
      expect(decimalCents(rows)).toBe(expected);
      expect(r.totals.billed_cost.toFixed(2)).toBe(expected);
      // Summed exactly: the total (six decimals in review.json) is the rows' sum within its rounding.
      expect(Math.abs(r.totals.billed_cost - rows.reduce((s, x) => s + (x.cost ?? 0), 0))).toBeLessThanOrEqual(5e-7);
      // A FOCUS export counts no requests: every cell says so.
      expect(r.usage.reduce((s, c) => s + c.rows_without_requests, 0)).toBe(1000);
      expect(r.currency).toBe('USD');
    }
  });

  it('LiteLLM spend logs: the spend column to the cent', async () => {
    const { rows } = await read(['spend-logs.csv', 'spend-logs.jsonl'].map((f) => fixture('litellm', f)));
    expect(rows.filter((x) => (x.cost ?? 0) > 0).length).toBeGreaterThan(3);
    const r = reviewOf(attributed(rows));
    expect(r.totals.billed_cost.toFixed(2)).toBe(decimalCents(rows));
    expect(r.totals.billed_cost).toBeGreaterThan(0);
    expect(r.usage.every((c) => c.rows_without_requests === 0)).toBe(true);
  });
});

describe('billed and allocated apart', () => {
  it('a self-hosted row keeps its billed cost; the fixed cost is allocated at the capacity rate, apart', () => {
    // 2B tokens of a 20B-token, 6,000/month deployment: 600 allocated; the export billed 1.25.
    const r = review([on('vault', 'vllm-llama-8b', '2026-01', { input_tokens: 2e9, cost: 1.25 })]);
    expect(r.usage[0]).toMatchObject({ cost: 1.25, allocated_cost: 600 });
    expect(r.totals).toMatchObject({ billed_cost: 1.25, allocated_cost: 600, tokens: 2e9 });
  });

  it('totals are exact sums, not sums of rounded cells: three cells of 0.004 make 0.012, not 0', () => {
    const rows = MONTHS.map((m) => on('wiki', 'openai-gpt-5-mini', m, { cost: 0.004 }));
    const r = review(rows);
    expect(r.usage.map((c) => c.cost)).toEqual([0.004, 0.004, 0.004]);
    expect(r.totals.billed_cost).toBe(0.012);
    // Many small amounts whose float sum drifts: the exact sum does not.
    const many = Array.from({ length: 1000 }, (_, i) => on('wiki', 'openai-gpt-5-mini', MONTHS[i % 3]!, { cost: 0.1 }));
    let naive = 0;
    for (let i = 0; i < 1000; i++) naive += 0.1;
    expect(naive).not.toBe(100);
    expect(review(many).totals.billed_cost).toBe(100);
  });

  it('the policy currency is the review’s (USD by default)', () => {
    const policy = { ...DEFAULT_POLICY, currency: 'EUR' };
    expect(review([], { policy }).currency).toBe('EUR');
    expect(review([]).currency).toBe('USD');
  });
});

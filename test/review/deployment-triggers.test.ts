// Underuse judged on what a self-hosted deployment really served, never on a use case that was
// never in production; idle deployments shown at 0 %; request-based rules on tokens when the
// export counts no requests (FOCUS).
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Inventory, Policy, TriggerRule } from '../../src/core/policy/types.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import { INVENTORY, MONTHS, on, review } from './fixture.js';

const withTriggers = (...triggers: TriggerRule[]): Policy => ({ ...DEFAULT_POLICY, triggers });
const UNDERUSED: TriggerRule = {
  id: 'onprem-underused',
  kind: 'capacity_below',
  tier: 'on-prem',
  utilisation: 0.1,
  months: 2,
};
// vllm-llama-8b serves 20B tokens/month: 8M tokens is 0.04 % of it.
const tiny = (m: string): UsageRow => on('vault', 'vllm-llama-8b', m, { input_tokens: 8_000_000 });

describe('capacity_below: a deployment’s real traffic', () => {
  it('a real on-prem workload at 0.04 % of its GPU capacity fires, naming the deployment, its months and use cases', () => {
    const r = review(MONTHS.map(tiny), { policy: withTriggers(UNDERUSED) });
    const f = r.triggers.find((x) => x.deployment === 'vllm-llama-8b')!;
    expect(f).toMatchObject({
      trigger: 'onprem-underused',
      kind: 'capacity_below',
      use_case: null,
      tier: 'on-prem',
      metric: 'utilisation',
      months: MONTHS,
      consecutive: 3,
      use_cases: ['vault'],
      note: null,
      move: { action: 'plan-capacity', tier: 'on-prem' },
    });
    expect(f.figures).toEqual(MONTHS.map((month) => ({ month, value: 0.0004, threshold: 0.1 })));
    expect(f.summary).toBe(
      'vllm-llama-8b: below 10 % of capacity for 3 consecutive months (needs 2); use cases on it: vault',
    );
    expect(f.move.note).toContain('$6,000/month');
    // No use case is moved or retired for it: capacity planning needs a person.
    expect(r.proposals.filter((p) => p.trigger === 'onprem-underused')).toEqual([]);
  });

  it('does not fire on a deployment above the threshold, nor on one below it for fewer months than needed', () => {
    const busy = MONTHS.map((m) => on('vault', 'vllm-llama-8b', m, { input_tokens: 3e9 })); // 15 %
    expect(review(busy, { policy: withTriggers(UNDERUSED) }).triggers.map((f) => f.deployment)).not.toContain(
      'vllm-llama-8b',
    );
    const dipped = [on('vault', 'vllm-llama-8b', '2026-01', { input_tokens: 3e9 }), tiny('2026-02'), busy[2]!];
    expect(review(dipped, { policy: withTriggers(UNDERUSED) }).triggers.map((f) => f.deployment)).not.toContain(
      'vllm-llama-8b',
    );
  });

  it('lists every self-hosted deployment each month, those nothing ran on at 0 % with their fixed cost', () => {
    const r = review(MONTHS.map(tiny), { policy: withTriggers(UNDERUSED) });
    const selfHosted = DEFAULT_POLICY.tiers.flatMap((t) => t.deployments.filter((d) => d.fixed_cost));
    expect(r.deployments).toHaveLength(selfHosted.length * MONTHS.length);
    expect(r.deployments.filter((d) => d.deployment === 'vllm-whisper')).toEqual(
      MONTHS.map((month) => ({
        deployment: 'vllm-whisper',
        tier: 'on-prem',
        month,
        requests: 0,
        tokens: 0,
        capacity_tokens: 4_000_000_000,
        utilisation: 0,
        fixed_cost: 3000,
      })),
    );
    const idle = r.triggers.find((f) => f.deployment === 'vllm-whisper')!;
    expect(idle.use_cases).toEqual([]);
    expect(idle.summary).toContain('no use case ran on it');
  });

  it('carries a streak over from the previous review, keyed by the deployment', () => {
    const strict = withTriggers({ ...UNDERUSED, months: 4 });
    const rows = MONTHS.map(tiny);
    const first = review(rows, { policy: strict });
    expect(first.triggers.find((f) => f.deployment === 'vllm-llama-8b')).toBeUndefined();
    expect(first.streaks).toContainEqual({ trigger: 'onprem-underused', subject: 'vllm-llama-8b', months: 3 });
    const next = review(rows, {
      policy: strict,
      previous: {
        period: { from: '2025-10', to: '2025-12' },
        streaks: [{ trigger: 'onprem-underused', subject: 'vllm-llama-8b', months: 2 }],
        usage: [],
      },
    });
    expect(next.triggers.find((f) => f.deployment === 'vllm-llama-8b')).toMatchObject({ consecutive: 5 });
  });
});

describe('volume_below never judges a use case that was never in production', () => {
  const VOLUME: TriggerRule = { id: 'small', kind: 'volume_below', tier: 'on-prem', tokens_per_month: 50e6, months: 2 };
  const onPrem = (id: string, status: 'idea' | 'pilot' | 'production'): Inventory['use_cases'][number] => ({
    id,
    name: id,
    status,
    data: { classes: ['classified'] },
    needs: { task: 'classification' },
  });
  const inventory: Inventory = {
    version: 1,
    use_cases: [
      ...INVENTORY.use_cases,
      onPrem('sketch', 'idea'),
      onPrem('trial', 'pilot'),
      onPrem('trial-busy', 'pilot'),
    ],
  };

  it('ignores ideas and pilots with no traffic; judges production and pilots that ran', () => {
    const rows = MONTHS.flatMap((m) => [
      on('vault', 'vllm-llama-8b', m, { input_tokens: 1_000 }),
      on('trial-busy', 'vllm-llama-8b', m, { input_tokens: 1_000 }),
    ]);
    const r = review(rows, { inventory, policy: withTriggers(VOLUME) });
    expect(r.triggers.map((f) => f.use_case).sort()).toEqual(['claims', 'trial-busy', 'vault']);
  });
});

describe('no_traffic when the export counts no requests (FOCUS)', () => {
  const IDLE: TriggerRule = { id: 'idle', kind: 'no_traffic', months: 2 };
  const focus = (m: string, tokens: number, cost = 1): UsageRow =>
    on('wiki', 'openai-gpt-5-mini', m, { source: 'focus', requests: 0, input_tokens: tokens, cost });

  it('traffic billed without a request count is not idle: judged on tokens', () => {
    const r = review(
      MONTHS.map((m) => focus(m, 1_000_000)),
      { policy: withTriggers(IDLE) },
    );
    expect(r.triggers.map((f) => f.use_case)).not.toContain('wiki');
    expect(r.usage.every((c) => c.rows_without_requests === 1)).toBe(true);
  });

  it('fires when the tokens stop, and says it judged on tokens', () => {
    const r = review([focus('2026-01', 1_000_000)], { policy: withTriggers(IDLE) });
    const f = r.triggers.find((x) => x.use_case === 'wiki')!;
    expect(f).toMatchObject({
      metric: 'tokens',
      months: ['2026-02', '2026-03'],
      note: 'requests not reported by this export (FOCUS); judged on tokens',
    });
    expect(f.figures.map((x) => x.value)).toEqual([1_000_000, 0, 0]);
    expect(f.summary).toContain('judged on tokens');
  });

  it('charges without tokens either: judged on billed cost', () => {
    const r = review([focus('2026-01', 0, 5)], { policy: withTriggers(IDLE) });
    expect(r.triggers.find((x) => x.use_case === 'wiki')).toMatchObject({
      metric: 'cost',
      note: expect.stringContaining('judged on billed cost') as string,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { aggregate } from '../../src/core/review/aggregate.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import type { Policy } from '../../src/core/policy/types.js';
import { INVENTORY, MONTHS, on, plan, review, row } from './fixture.js';

/** Steady traffic that keeps every use case clear of the triggers it is not testing. */
function baseline(): UsageRow[] {
  return MONTHS.flatMap((m) => [
    on('vault', 'vllm-llama-8b', m, { input_tokens: 100_000_000 }),
    on('claims', 'vllm-llama-8b', m, { input_tokens: 100_000_000 }),
    on('crm', 'bedrock-claude-haiku', m, { input_tokens: 1000, cost: 100 }),
    on('wiki', 'openai-gpt-5-mini', m, { input_tokens: 1000, cost: 10 }),
    on('old-pin', 'bedrock-claude-haiku', m, { input_tokens: 10, cost: 1 }),
  ]);
}
const fired = (rows: UsageRow[], policy?: Policy) => review(rows, policy ? { policy } : {}).triggers;
/** The default policy with onprem-underused as a volume_below rule on use cases (its kind before 2026-12). */
const VOLUME_POLICY: Policy = {
  ...DEFAULT_POLICY,
  triggers: (DEFAULT_POLICY.triggers ?? []).map((t) =>
    t.id === 'onprem-underused'
      ? { id: t.id, kind: 'volume_below', tier: 'on-prem', tokens_per_month: 50_000_000, months: 2 }
      : t,
  ),
};

describe('aggregation', () => {
  it('sums per use case × month × tier; self-hosted cost is the capacity-rate share; p95 from start/end latency', () => {
    const rows = [
      on('vault', 'vllm-llama-8b', '2026-01', {
        input_tokens: 1_500_000_000,
        output_tokens: 500_000_000,
        latency_ms: 100,
      }),
      ...Array.from({ length: 99 }, (_, i) =>
        on('vault', 'vllm-llama-8b', '2026-01-31T23:59:59Z', { latency_ms: i < 94 ? 100 : 2000, failed: i === 0 }),
      ),
      on('vault', 'vllm-llama-8b', '2026-02-01T00:30:00+01:00'), // still January in UTC
    ];
    const a = aggregate(rows, DEFAULT_POLICY);
    expect(a.cells).toHaveLength(1);
    const c = a.cells[0]!;
    expect(c).toMatchObject({
      use_case: 'vault',
      month: '2026-01',
      tier: 'on-prem',
      requests: 101,
      input_tokens: 1_500_000_000,
      output_tokens: 500_000_000,
      failures: 1,
      latency_samples: 100,
      deployments: ['vllm-llama-8b'],
    });
    // Nothing billed: the fixed cost is allocated, apart, at the capacity rate.
    expect(c.cost).toBe(0);
    expect(c.allocated_cost).toBe(600); // 2e9 / 20e9 × 6000
    expect(c.p95_latency_ms).toBeGreaterThanOrEqual(100);
    expect(c.p95_latency_ms).toBeLessThanOrEqual(105);
    expect(a.deployments).toEqual([
      {
        deployment: 'vllm-llama-8b',
        tier: 'on-prem',
        month: '2026-01',
        requests: 101,
        tokens: 2_000_000_000,
        capacity_tokens: 20_000_000_000,
        utilisation: 0.1,
        fixed_cost: 6000,
      },
    ]);
  });
  it('prices a priced row without a cost from the policy, and counts unattributable rows with their lines', () => {
    const a = aggregate(
      [
        on('wiki', 'openai-gpt-5-mini', '2026-01', { input_tokens: 1_000_000, output_tokens: 1_000_000 }),
        row({ model: 'openai/gpt-5-mini' }),
        row({ alias: 'wiki', time: 'yesterday', model_id: 'wiki.openai-gpt-5-mini' }),
      ],
      DEFAULT_POLICY,
    );
    expect(a.cells[0]!.cost).toBe(2.25);
    expect(a.unattributed).toBe(2);
    expect(a.unattributed_first.map((r) => r.reason)).toEqual([
      expect.stringContaining('no use case'),
      'time "yesterday" is not an ISO 8601 instant',
    ]);
  });
});

describe('triggers', () => {
  it('baseline traffic fires nothing but the idle use case, and the self-hosted deployments under 10 % of capacity', () => {
    const t = fired(baseline());
    expect(t.map((f) => [f.trigger, f.use_case ?? f.deployment])).toEqual([
      ['onprem-underused', 'vllm-llama-8b'],
      ['onprem-underused', 'vllm-llama-70b'],
      ['onprem-underused', 'vllm-whisper'],
      ['onprem-underused', 'vllm-qwen-eu'],
      ['idle', 'quiet'],
    ]);
    expect(fired(baseline(), VOLUME_POLICY).map((f) => [f.trigger, f.use_case])).toEqual([['idle', 'quiet']]);
  });

  it('volume_below: an on-prem use case under the threshold for 2 months moves to the next more open cleared tier', () => {
    const rows = baseline().filter((r) => !(r.alias === 'claims' && r.time >= '2026-02'));
    rows.push(
      on('claims', 'vllm-llama-8b', '2026-02', { input_tokens: 1_000_000 }),
      on('claims', 'vllm-llama-8b', '2026-03', { input_tokens: 2_000_000 }),
    );
    const r = review(rows, { policy: VOLUME_POLICY });
    const f = r.triggers.find((x) => x.trigger === 'onprem-underused')!;
    expect(f).toMatchObject({
      kind: 'volume_below',
      use_case: 'claims',
      tier: 'on-prem',
      metric: 'tokens',
      months: ['2026-02', '2026-03'],
      consecutive: 2,
      required: 2,
    });
    expect(f.figures).toEqual([
      { month: '2026-01', value: 100_000_000, threshold: 50_000_000 },
      { month: '2026-02', value: 1_000_000, threshold: 50_000_000 },
      { month: '2026-03', value: 2_000_000, threshold: 50_000_000 },
    ]);
    // PHI: api is not cleared, private cloud (BAA) is.
    expect(f.move).toMatchObject({ action: 'move', tier: 'private-cloud' });
    // The override is what holds it on-prem: without it the plan places it on private cloud.
    expect(r.proposals.filter((p) => p.use_case === 'claims')).toEqual([
      {
        use_case: 'claims',
        action: 'move',
        change: { path: ['override'], from: expect.objectContaining({ tier: 'on-prem' }) as unknown, to: null },
        reason: expect.stringContaining('claims: fewer than 50,000,000 tokens/month on on-prem') as string,
        trigger: 'onprem-underused',
      },
    ]);
    // vault's data clears nothing more open: the move names no tier and no proposal is made.
    const v = review(
      MONTHS.map((m) => on('vault', 'vllm-llama-8b', m, { input_tokens: 10 })),
      { policy: VOLUME_POLICY },
    ).triggers.find((x) => x.use_case === 'vault' && x.trigger === 'onprem-underused')!;
    expect(v.move).toMatchObject({ action: 'move', tier: null });
  });

  it('hysteresis: one spike, or a run broken before the end, does not fire; the previous review carries a run over', () => {
    const spend = (values: number[]): UsageRow[] => [
      ...baseline().filter((r) => r.alias !== 'crm'),
      ...values.map((cost, i) => on('crm', 'bedrock-claude-haiku', MONTHS[i]!, { cost })),
    ];
    expect(fired(spend([25_000, 100, 100])).filter((f) => f.trigger === 'pc-spend-high')).toEqual([]);
    expect(fired(spend([25_000, 25_000, 100])).filter((f) => f.trigger === 'pc-spend-high')).toEqual([]);
    expect(fired(spend([100, 100, 25_000])).filter((f) => f.trigger === 'pc-spend-high')).toEqual([]);
    const f = fired(spend([100, 25_000, 30_000])).find((x) => x.trigger === 'pc-spend-high')!;
    expect(f).toMatchObject({
      use_case: 'crm',
      tier: 'private-cloud',
      metric: 'cost',
      months: ['2026-02', '2026-03'],
      consecutive: 2,
    });
    // crm (customer data) may go on-prem: evaluate the cheapest cleared self-hosted deployment.
    expect(f.move).toMatchObject({ action: 'evaluate', tier: 'on-prem' });

    // A one-month rule would fire on the last month; with previous streaks a 4-month rule fires on 3 months + 1 carried.
    const rows = spend([25_000, 25_000, 25_000]);
    const first = review(rows);
    expect(first.streaks).toContainEqual({ trigger: 'pc-spend-high', subject: 'crm', months: 3 });
    const strict: Policy = {
      ...DEFAULT_POLICY,
      triggers: [
        { id: 'pc-spend-high', kind: 'spend_above', tier: 'private-cloud', cost_per_month: 20_000, months: 4 },
      ],
    };
    expect(review(rows, { policy: strict }).triggers).toEqual([]);
    const carried = review(rows, {
      policy: strict,
      previous: {
        period: { from: '2025-10', to: '2025-12' },
        streaks: [{ trigger: 'pc-spend-high', subject: 'crm', months: 1 }],
        usage: [],
      },
    }).triggers;
    expect(carried).toMatchObject([{ use_case: 'crm', consecutive: 4, months: MONTHS }]);
    // A previous review that does not end the month before the period carries nothing.
    expect(
      review(rows, {
        policy: strict,
        previous: {
          period: { from: '2025-08', to: '2025-10' },
          streaks: [{ trigger: 'pc-spend-high', subject: 'crm', months: 1 }],
          usage: [],
        },
      }).triggers,
    ).toEqual([]);
  });

  it('tokens_above: with a target tier that is not cleared, the move names no tier and says why', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      triggers: [
        {
          id: 'pc-tokens',
          kind: 'tokens_above',
          tier: 'private-cloud',
          tokens_per_month: 500,
          target_tier: 'api',
          months: 2,
        },
      ],
    };
    const f = fired(baseline(), policy).find((x) => x.use_case === 'crm')!;
    expect(f).toMatchObject({
      kind: 'tokens_above',
      metric: 'tokens',
      consecutive: 3,
      move: { action: 'evaluate', tier: null },
    });
    expect(f.move.note).toContain('clearance internal < confidential');
  });

  it('no_traffic: a production or pilot use case idle for a quarter is proposed for retirement', () => {
    const r = review(baseline());
    const f = r.triggers.find((x) => x.trigger === 'idle');
    expect(f).toMatchObject({
      kind: 'no_traffic',
      use_case: 'quiet',
      tier: 'api',
      metric: 'requests',
      months: MONTHS,
      consecutive: 3,
    });
    expect(f!.figures.map((x) => x.value)).toEqual([0, 0, 0]);
    expect(r.proposals).toContainEqual({
      use_case: 'quiet',
      action: 'retire',
      change: { path: ['status'], from: 'production', to: 'retired' },
      reason: expect.stringContaining('no traffic for 3 consecutive months') as string,
      trigger: 'idle',
    });
    // Two quiet months are not a quarter.
    expect(fired([...baseline(), on('quiet', 'openai-gpt-5-mini', '2026-01')]).some((x) => x.trigger === 'idle')).toBe(
      false,
    );
  });

  it('an override past its date is proposed for removal, with what the policy does without it', () => {
    const r = review(baseline());
    const old = INVENTORY.use_cases.find((u) => u.id === 'old-pin')!;
    expect(r.proposals).toContainEqual({
      use_case: 'old-pin',
      action: 'move',
      change: { path: ['override'], from: old.override, to: null },
      reason: expect.stringMatching(
        /^it expired on 2026-01-31 and is already ignored: the policy places it on \S+$/,
      ) as string,
      trigger: 'override-expired',
    });
    // An override still in force is left to the meeting: no proposal touches it.
    expect(r.proposals.some((p) => p.use_case === 'claims')).toBe(false);
  });

  it('capacity_above: a self-hosted deployment above 80 % of capacity → plan capacity', () => {
    const f = fired([...baseline(), on('vault', 'vllm-llama-8b', '2026-03', { input_tokens: 17_000_000_000 })]).find(
      (x) => x.trigger === 'onprem-capacity',
    )!;
    expect(f).toMatchObject({
      kind: 'capacity_above',
      use_case: null,
      deployment: 'vllm-llama-8b',
      tier: 'on-prem',
      metric: 'utilisation',
      months: ['2026-03'],
      consecutive: 1,
      move: { action: 'plan-capacity', tier: 'on-prem' },
    });
    expect(f.figures[2]).toEqual({ month: '2026-03', value: 0.86, threshold: 0.8 });
  });

  it('break_even: API spend above a cleared self-hosted deployment’s monthly cost for 2 months → evaluate it', () => {
    const rows = [
      ...baseline().filter((r) => r.alias !== 'wiki'),
      on('wiki', 'openai-gpt-5-mini', '2026-01', { cost: 100 }),
      on('wiki', 'openai-gpt-5-mini', '2026-02', { input_tokens: 3e9, cost: 7000 }),
      on('wiki', 'openai-gpt-5-mini', '2026-03', { input_tokens: 3e9, cost: 8000 }),
    ];
    const f = fired(rows).find((x) => x.trigger === 'api-break-even')!;
    expect(f).toMatchObject({
      kind: 'break_even',
      use_case: 'wiki',
      tier: 'api',
      deployment: 'vllm-llama-8b',
      metric: 'cost',
      months: ['2026-02', '2026-03'],
      move: { action: 'evaluate', tier: 'on-prem' },
    });
    expect(f.figures.slice(1)).toEqual([
      { month: '2026-02', value: 7000, threshold: 6000 },
      { month: '2026-03', value: 8000, threshold: 6000 },
    ]);
  });
});

describe('findings', () => {
  it('breach (most severe), unverified deployment, drift, unregistered, idle production, overrides, unreadable and unattributed rows', () => {
    const rows = [
      ...baseline(),
      on('crm', 'openai-gpt-5-mini', '2026-02', { input_tokens: 500, cost: 3 }), // customer data on the public API
      on('wiki', 'bedrock-claude-haiku', '2026-03', { input_tokens: 100, cost: 1 }), // a cleared fallback
      on('shadow-bot', 'openai-gpt-5-4', '2026-01', { input_tokens: 42, cost: 0.5 }),
      row({ alias: 'crm', line: 7 }), // shows nothing of where it ran: the most open tier, not cleared
      row({ model: 'openai/gpt-5-mini', line: 8 }), // names no use case
    ];
    const r = review(rows, {
      counts: { read: rows.length + 2, accepted: rows.length, rejected: 2 },
      rejected: [
        { file: 'usage.csv', line: 3, reason: 'bad number' },
        { file: 'usage.csv', line: 9, reason: 'no time' },
      ],
    });
    const kinds = r.findings.map((f) => [f.kind, f.severity, f.use_case, f.tier]);
    expect(kinds).toEqual([
      ['breach', 'error', 'crm', 'api'],
      ['unverified-deployment', 'error', 'crm', 'api'],
      // Not in the inventory: judged as fail-closed (regulated) data, which the public API may not take.
      ['unregistered-breach', 'error', 'shadow-bot', 'api'],
      ['idle-production', 'warning', 'quiet', 'api'],
      ['override-expired', 'warning', 'old-pin', 'private-cloud'],
      ['unreadable', 'warning', null, null],
      ['unattributed', 'warning', null, null],
      ['drift', 'info', 'old-pin', 'private-cloud'], // its override expired: planned on api again
      ['drift', 'info', 'wiki', 'private-cloud'],
      ['override-expiring', 'info', 'claims', 'on-prem'],
    ]);
    const breach = r.findings[0]!;
    expect(breach).toMatchObject({ months: ['2026-02'], requests: 1, tokens: 500, cost: 3 });
    expect(breach.message).toContain('clearance internal < confidential');
    expect(r.findings[1]).toMatchObject({ rows: 1, first_rows: [{ line: 7 }], months: ['2026-01'] });
    expect(r.findings[1]!.message).toContain('judged as the most open tier, api, which is not cleared for its data');
    expect(r.findings[2]).toMatchObject({ months: ['2026-01'], requests: 1, tokens: 42, cost: 0.5 });
    expect(r.findings.find((f) => f.kind === 'unreadable')).toMatchObject({
      rows: 2,
      first_rows: [{ line: 3 }, { line: 9 }],
    });
    expect(r.findings.find((f) => f.kind === 'unattributed')).toMatchObject({ rows: 1, first_rows: [{ line: 8 }] });
    expect(r.counts).toEqual({
      breaches: 3,
      breach_use_cases: ['crm', 'shadow-bot'],
      unattributed: 1,
      unplaced: 1,
      read: rows.length + 2,
      unreadable: 2,
      aggregated: rows.length - 2,
      outside_period_cells: 0,
      previous_period_cells: 0,
    });
  });
  it('traffic to a retired use case: a warning with the months and requests per month; a breach still wins on a tier not cleared', () => {
    const rows = [
      ...baseline(),
      on('legacy', 'openai-gpt-5-mini', '2026-01', { input_tokens: 700, cost: 2 }),
      on('legacy', 'openai-gpt-5-mini', '2026-03', { input_tokens: 300, cost: 1, requests: 1200 }),
    ];
    const r = review(rows);
    const f = r.findings.filter((x) => x.use_case === 'legacy');
    expect(f).toEqual([
      {
        kind: 'retired-traffic',
        severity: 'warning',
        use_case: 'legacy',
        tier: 'api',
        months: ['2026-01', '2026-03'],
        requests: 1201,
        tokens: 1000,
        cost: 3,
        rows: 0,
        first_rows: [],
        message:
          'legacy is retired but ran 1,201 requests (1,000 tokens, billed $3.00) on api (2026-01: 1 request, 2026-03: 1,200 requests); ' +
          'regenerate the gateway config so its alias is no longer routed, or set its status back if it is still in use',
      },
    ]);
    // Not counted as drift, and no trigger watches a retired use case.
    expect(r.findings.some((x) => x.kind === 'drift' && x.use_case === 'legacy')).toBe(false);
    expect(r.triggers.some((x) => x.use_case === 'legacy')).toBe(false);
    // Ordered with the warnings, after unregistered aliases.
    const kinds = review([...rows, on('shadow', 'vllm-llama-8b', '2026-01')]).findings.map((x) => x.kind);
    expect(kinds.indexOf('retired-traffic')).toBe(kinds.indexOf('unregistered') + 1);
    // Classified data of a retired use case on the public API is still a breach.
    const inventory = {
      ...INVENTORY,
      use_cases: INVENTORY.use_cases.map((u) => (u.id === 'vault' ? { ...u, status: 'retired' as const } : u)),
    };
    const b = review([on('vault', 'openai-gpt-5-mini', '2026-02'), on('vault', 'vllm-llama-8b', '2026-02')], {
      inventory,
    });
    expect(b.findings.filter((x) => x.use_case === 'vault').map((x) => [x.kind, x.tier])).toEqual([
      ['breach', 'api'],
      ['retired-traffic', 'on-prem'],
    ]);
  });
  it('drift to a tier outside the allowed fallbacks is a warning; an approved exception’s pinned tier is no breach', () => {
    const inventory = {
      version: 1 as const,
      use_cases: [
        {
          id: 'ops',
          name: 'Ops',
          status: 'production' as const,
          data: { classes: ['customer_data'] },
          needs: { task: 'classification' as const },
        },
        {
          id: 'exc',
          name: 'Exc',
          status: 'production' as const,
          data: { classes: ['customer_data'] },
          needs: { task: 'classification' as const },
          override: {
            tier: 'api',
            reason: 'Vendor-only feature.',
            expires: '2027-01-01',
            exception: true,
            approved_by: 'ciso@example.com',
          },
        },
      ],
    };
    const r = review([on('ops', 'vllm-llama-8b', '2026-01'), on('exc', 'openai-gpt-5-mini', '2026-01')], { inventory });
    expect(
      r.findings.filter((f) => f.kind === 'drift' || f.kind === 'breach').map((f) => [f.kind, f.severity, f.use_case]),
    ).toEqual([['drift', 'info', 'ops']]);
    const r2 = review([on('ops', 'vllm-llama-8b', '2026-01')], {
      inventory,
      plan: {
        ...plan(inventory),
        use_cases: plan(inventory).use_cases.map((u) => (u.id === 'ops' ? { ...u, tier: 'on-prem' } : u)),
      },
    });
    expect(r2.findings.some((f) => f.kind === 'drift')).toBe(false);
  });
  it('usage outside the period is counted, not used (cells of the quarter before feed the split only)', () => {
    const r = review([
      ...baseline(),
      on('quiet', 'openai-gpt-5-mini', '2025-12'),
      on('quiet', 'openai-gpt-5-mini', '2025-06'),
    ]);
    expect(r.counts.outside_period_cells).toBe(2);
    expect(r.counts.previous_period_cells).toBe(1);
    expect(r.counts.read).toBe(r.counts.aggregated + r.counts.unattributed + r.counts.unreadable);
    expect(r.usage.every((c) => MONTHS.includes(c.month))).toBe(true);
  });
});

describe('determinism', () => {
  it('same rows → identical review; row order does not change the result', () => {
    const rows = [
      ...baseline(),
      on('crm', 'openai-gpt-5-mini', '2026-02', { input_tokens: 500, cost: 3 }),
      on('shadow', 'openai-gpt-5-4', '2026-01', { latency_ms: 120 }),
    ];
    const a = JSON.stringify(review(rows));
    expect(JSON.stringify(review(rows))).toBe(a);
    expect(JSON.stringify(review([...rows].reverse()))).toBe(a);
  });
});

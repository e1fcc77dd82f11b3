// Overrides (docs/design.md "Overrides"; "a valid override"): honoured only when the pinned
// tier is cleared and unexpired; an accepted risk needs exception: true AND approved_by.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Override, UseCase } from '../../src/core/policy/types.js';
import { AS_OF, place, rules, uc } from './helpers.js';

const claims = (override: Override): Partial<UseCase> => ({
  data: { classes: ['phi', 'pii'], residency: ['us'] },
  needs: { task: 'extraction', reasoning: 'medium', context_tokens: 32000 },
  override,
});
const pii = (override: Override): Partial<UseCase> => ({
  data: { classes: ['customer_data'] },
  needs: { task: 'summarization' },
  override,
});
const o = (tier: string, expires: string, extra: Partial<Override> = {}): Override => ({
  tier,
  reason: 'because',
  approved_by: 'ciso@example.com',
  expires,
  ...extra,
});

describe('overrides', () => {
  it('honoured: a cleared, unexpired tier is pinned', () => {
    const p = place(claims(o('on-prem', '2027-03-31')));
    expect([p.tier, p.deployment, p.decided_by]).toEqual(['on-prem', 'vllm-llama-70b', 'override']);
    expect(p.override).toMatchObject({
      state: 'honoured',
      days_left: 127,
      approved_by: 'ciso@example.com',
      expires: '2027-03-31',
    });
    expect(rules(p)).toContain('override.honoured');
  });

  it('an override expiring today still holds; the day after it is expired', () => {
    expect(place(claims(o('on-prem', AS_OF))).override?.state).toBe('honoured');
    const p = place(claims(o('on-prem', '2026-11-23')));
    expect(p.override).toMatchObject({ state: 'expired', days_left: -1 });
  });

  it('expired: ignored, and the use case is placed by the policy', () => {
    const p = place(claims(o('on-prem', '2026-09-30')));
    expect([p.tier, p.decided_by]).toEqual(['private-cloud', 'preference']);
    expect(p.override?.state).toBe('expired');
    expect(rules(p)).toContain('override.expired');
  });

  it('refused: a tier not cleared for the data, without an exception', () => {
    const p = place(pii(o('api', '2027-01-31')));
    expect([p.tier, p.decided_by]).toEqual(['private-cloud', 'preference']);
    expect(p.override?.state).toBe('refused');
    expect(p.override?.note).toContain('clearance internal < confidential');
    expect(rules(p)).toContain('override.refused');
  });

  it('exception: not cleared, but exception: true and approved_by pin it, decided_by exception', () => {
    const p = place(pii(o('api', '2027-01-31', { exception: true })));
    expect([p.tier, p.decided_by]).toEqual(['api', 'exception']);
    expect(p.override).toMatchObject({ state: 'exception', approved_by: 'ciso@example.com', days_left: 68 });
    expect(p.cleared).not.toContain('api');
    expect(rules(p)).toContain('override.exception');
  });

  it('an exception without approved_by is refused', () => {
    const { approved_by: _dropped, ...unapproved } = o('api', '2027-01-31', { exception: true });
    const p = place(pii(unapproved));
    expect([p.tier, p.decided_by, p.override?.state]).toEqual(['private-cloud', 'preference', 'refused']);
  });

  it('an expired exception is ignored like any expired override', () => {
    const p = place(pii(o('api', '2026-11-01', { exception: true })));
    expect([p.tier, p.override?.state]).toEqual(['private-cloud', 'expired']);
  });

  it('an unknown tier is refused', () => {
    const p = place(pii(o('mainframe', '2027-01-31', { exception: true })));
    expect([p.tier, p.decided_by, p.override?.state]).toEqual(['private-cloud', 'preference', 'refused']);
    expect(p.override?.note).toContain('unknown tier mainframe');
  });

  it('an override may pin a cleared tier over a gap', () => {
    const p = place({
      data: { classes: ['classified'] },
      needs: { reasoning: 'high' },
      override: o('on-prem', '2027-01-31'),
    });
    expect([p.tier, p.decided_by, p.gap]).toEqual(['on-prem', 'override', null]);
    expect(rules(p)).toContain('override.shortfall');
  });

  // An exception pins a tier that is not cleared; its deployments must still be matched to the
  // needs: api's audio model (openai-transcribe), not its most capable text-only model.
  it('an exception uses a deployment of the pinned tier that meets the needs', () => {
    const p = place({
      data: { classes: ['customer_data'] },
      needs: { task: 'transcription', modalities: ['audio'] },
      override: o('api', '2027-01-31', { exception: true }),
    });
    expect(p.deployment).toBe('openai-transcribe');
    expect(rules(p)).not.toContain('override.shortfall');
  });
});

describe('override lists in the plan', () => {
  const inv = {
    version: 1 as const,
    use_cases: [
      uc({ id: 'in-90', ...claims(o('on-prem', '2027-02-22')) }),
      uc({ id: 'in-91', ...claims(o('on-prem', '2027-02-23')) }),
      uc({ id: 'exception-soon', ...pii(o('api', '2026-12-31', { exception: true })) }),
      uc({ id: 'refused-soon', ...pii(o('api', '2026-12-31')) }),
      uc({ id: 'plain' }),
    ],
  };
  const plan = computePlan(inv, DEFAULT_POLICY, { asOf: AS_OF, generator: 'test' });

  it('lists every use case with an override, whatever its state', () => {
    expect(plan.overrides).toEqual(['exception-soon', 'in-90', 'in-91', 'refused-soon']);
  });
  it('expiring: honoured or exception overrides ending within 90 days; refused ones are not', () => {
    expect(plan.use_cases.find((u) => u.id === 'in-90')?.override?.days_left).toBe(90);
    expect(plan.expiring).toEqual(['exception-soon', 'in-90']);
  });
});

describe('retired use cases', () => {
  const retired = uc({
    id: 'old',
    status: 'retired',
    data: { classes: ['phi'] },
    override: o('on-prem', '2027-01-01'),
    volume: { requests: 1000, input_tokens_per_request: 1000 },
  });
  const unclassifiedRetired = { id: 'older', name: 'Older', status: 'retired' as const };

  it('are not placed, have no override outcome and cost nothing', () => {
    const p = place(retired);
    expect([p.tier, p.deployment, p.decided_by, p.override, p.gap]).toEqual([null, null, 'retired', null, null]);
    expect(p.estimate).toEqual({ tokens_per_month: 0, cost_per_month: 0 });
  });

  it('appear in no cell, split, gap, expiring or unclassified list', () => {
    const plan = computePlan({ version: 1, use_cases: [retired, unclassifiedRetired] }, DEFAULT_POLICY, {
      asOf: AS_OF,
      generator: 'test',
    });
    expect(plan.cells.flatMap((c) => c.use_cases)).toEqual([]);
    expect(plan.split.map((s) => s.count)).toEqual([0, 0, 0]);
    expect([plan.gaps, plan.expiring, plan.unclassified]).toEqual([[], [], []]);
  });
});

import { describe, expect, it } from 'vitest';
import { explainJson, renderExplain } from '../../src/render/matrix/explain.js';
import type { PlannedUseCase } from '../../src/core/plan/plan-types.js';
import { fixturePlan } from './fixtures/plan.js';

const plan = fixturePlan();
const useCase = (id: string): PlannedUseCase => {
  const u = plan.use_cases.find((x) => x.id === id);
  if (!u) throw new Error(`fixture lacks ${id}`);
  return u;
};

describe('renderExplain', () => {
  it.each(plan.use_cases.map((u) => u.id))('%s: prints every reason, in order, with its rule id', (id) => {
    const u = useCase(id);
    const lines = renderExplain(u, plan, { color: false }).split('\n');
    let from = 0;
    for (const [i, r] of u.rationale.entries()) {
      const at = lines.findIndex((l, n) => n >= from && l.includes(`${i + 1}. `) && l.endsWith(`[${r.rule}]`));
      expect(at, `reason ${i + 1} [${r.rule}]`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  });

  it('states the gap, its cause and every remedy', () => {
    const u = useCase('sovereign-drafting');
    const text = renderExplain(u, plan, { color: false });
    expect(text).toContain('no-capable-deployment');
    for (const r of u.gap?.remedies ?? []) expect(text).toContain(`remedy: ${r}`);
  });

  it('states an override with its state, expiry and approver', () => {
    const text = renderExplain(useCase('invoice-ocr'), plan, { color: false });
    expect(text).toMatch(/override\s+on-prem, expired, expires 2026-10-31 \(24 d ago\), approved by cfo@example.com/);
  });

  it('colours only when asked', () => {
    const u = useCase('claims-triage');
    expect(renderExplain(u, plan, { color: false })).not.toContain('\u001b[');
    expect(renderExplain(u, plan, { color: true })).toContain('\u001b[');
  });
});

describe('explainJson', () => {
  it('is the planned use case with the plan context, stable and newline-terminated', () => {
    const u = useCase('claims-triage');
    const text = explainJson(u, plan);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      schema_version: plan.schema_version,
      generator: 'tierplan test',
      as_of: '2026-11-24',
      policy: plan.policy,
      use_case: u,
    });
    expect(explainJson(u, fixturePlan())).toBe(text);
  });
});

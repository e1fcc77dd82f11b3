// Nothing sensitive becomes public by default: the policy's no_class_level for data that declares
// no class, and pending suggestions applied fail-closed until confirmed or dismissed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/plan/classify.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Policy } from '../../src/core/policy/types.js';
import { CLASSES, policyArb, useCaseArb } from './arbitraries.js';
import { AS_OF, uc } from './helpers.js';

const P = DEFAULT_POLICY;
const rules = (c: { reasons: { rule: string }[] }): string[] => c.reasons.map((r) => r.rule);

describe('no_class_level', () => {
  it('is internal in the default policy: an empty class list is not public', () => {
    const c = classify(uc({ data: { classes: [] } }), P);
    expect(c.sensitivity).toBe('internal');
    expect(rules(c)).toContain('sens.no-class');
    expect(c.unclassified).toEqual([]);
  });
  it('a use case is public only when it declares a public class', () => {
    expect(classify(uc({ data: { classes: ['public'] } }), P).sensitivity).toBe('public');
  });
  it('does not lower anything a class or regime sets', () => {
    expect(classify(uc({ data: { classes: [], regimes: ['gdpr'] } }), P).sensitivity).toBe('confidential');
    expect(classify(uc({ data: { classes: ['pii'] } }), P).sensitivity).toBe('confidential');
  });
  it('absent from a policy: the lowest level, said as sens.default', () => {
    const { no_class_level: _, ...sensitivity } = P.sensitivity;
    const c = classify(uc({ data: { classes: [] } }), { ...P, sensitivity } as Policy);
    expect(c.sensitivity).toBe('public');
    expect(rules(c)).toContain('sens.default');
  });
});

describe('pending suggestions', () => {
  const phi = {
    data: { classes: [] as string[] },
    suggested: { data_classes: ['phi'], because: ['mentions patients'] },
  };

  it('a suggestion that raises sensitivity is applied fail-closed, with its implied regime', () => {
    const c = classify(uc(phi), P);
    expect(c.sensitivity).toBe('regulated');
    expect(c.regimes).toEqual(['hipaa']);
    expect(c.pending).toEqual(['phi']);
    expect(rules(c)).toContain('sens.suggested.phi');
    expect(c.reasons.find((r) => r.rule === 'sens.suggested.phi')?.text).toMatch(/until confirmed or dismissed/);
  });
  it('a suggestion that changes nothing is not applied', () => {
    const c = classify(uc({ data: { classes: ['pii'] }, suggested: { data_classes: ['customer_data'] } }), P);
    expect(c.sensitivity).toBe('confidential');
    expect(c.pending).toEqual([]);
  });
  it('never lowers: a public suggestion on undeclared data leaves it fail-closed', () => {
    const c = classify(uc({ data: undefined, suggested: { data_classes: ['public'] } }), P);
    expect(c.sensitivity).toBe('regulated');
    expect(c.unclassified).toEqual(['data']);
    expect(c.pending).toEqual([]);
  });
  it('adds a regime even at the same level (a suggestion may narrow the tiers)', () => {
    const c = classify(uc({ data: { classes: ['financial'] }, suggested: { data_classes: ['pii'] } }), P);
    expect(c.pending).toEqual([]);
    const g = classify(uc({ data: { classes: ['phi'] }, suggested: { data_classes: ['pci'] } }), P);
    expect(g.regimes).toEqual(['hipaa', 'pci_dss']);
    expect(g.pending).toEqual(['pci']);
  });
  it('a dismissed suggestion is not applied', () => {
    const c = classify(uc({ ...phi, suggested: { ...phi.suggested, dismissed: 'reviewed: synthetic data only' } }), P);
    expect(c.sensitivity).toBe('internal');
    expect(c.pending).toEqual([]);
  });
  it('the plan lists pending use cases and places them on a tier cleared for the suggestion', () => {
    const plan = computePlan(
      { version: 1, use_cases: [uc({ id: 'derm', ...phi, needs: { task: 'classification' } })] },
      P,
      { asOf: AS_OF, generator: 'test' },
    );
    expect(plan.pending).toEqual(['derm']);
    const u = plan.use_cases[0]!;
    expect(u.pending_suggestion).toEqual(['phi']);
    expect(u.tier).not.toBe('public-api');
    expect(u.cleared).not.toContain('public-api');
  });
  it('memoised decisions do not leak a suggestion to a use case with the same data', () => {
    const plan = computePlan(
      {
        version: 1,
        use_cases: [
          uc({ id: 'a', ...phi, needs: { task: 'classification' } }),
          uc({ id: 'b', data: { classes: [] }, needs: { task: 'classification' } }),
        ],
      },
      P,
      { asOf: AS_OF, generator: 'test' },
    );
    expect(plan.use_cases.map((u) => u.sensitivity)).toEqual(['regulated', 'internal']);
  });
});

describe('a suggestion never lowers (property)', () => {
  it('sensitivity never drops, regimes only grow, and applied classes count as if declared', () => {
    const world = policyArb().chain((policy) =>
      fc.record({
        policy: fc.constant(policy),
        uc: useCaseArb('u'),
        suggested: fc.subarray(CLASSES),
        dismissed: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(world, ({ policy, uc: base, suggested, dismissed }) => {
        const levels = policy.sensitivity.levels;
        const plain = classify({ ...base, suggested: undefined }, policy);
        const s = classify(
          { ...base, suggested: { data_classes: suggested, ...(dismissed ? { dismissed: 'no' } : {}) } },
          policy,
        );
        expect(levels.indexOf(s.sensitivity)).toBeGreaterThanOrEqual(levels.indexOf(plain.sensitivity));
        for (const r of plain.regimes) expect(s.regimes).toContain(r);
        if (dismissed || s.pending.length === 0) expect(s.sensitivity).toBe(plain.sensitivity);
        if (s.pending.length > 0 && base.data?.classes !== undefined) {
          const declared = classify(
            { ...base, suggested: undefined, data: { ...base.data, classes: [...base.data.classes, ...s.pending] } },
            policy,
          );
          expect(s.sensitivity).toBe(declared.sensitivity);
          expect(s.regimes).toEqual(declared.regimes);
        }
      }),
      { numRuns: 500 },
    );
  });
});

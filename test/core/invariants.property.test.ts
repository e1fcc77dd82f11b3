// Properties of the decision over random policies and use cases (seeded, ≥ 1000 runs each).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from '../../src/core/plan/assign.js';
import { classify, rank } from '../../src/core/plan/classify.js';
import { clearTier, deploymentShortfalls, suitableDeployments } from '../../src/core/plan/clearance.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { PlannedUseCase } from '../../src/core/plan/plan-types.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Policy, Tier, UseCase } from '../../src/core/policy/types.js';
import { CLASSES, inventoryArb, policyArb, SENS, useCaseArb } from './arbitraries.js';
import { AS_OF } from './helpers.js';

const RUNS = { numRuns: 1000, seed: 20261124 };
const tierOf = (p: Policy, id: string | null): Tier | undefined => p.tiers.find((t) => t.id === id);
const profile = (u: PlannedUseCase) => ({
  sensitivity: u.sensitivity,
  regimes: u.regimes,
  residency: u.residency,
  regimeBacked: u.regime_backed,
});
/** Preference order, recomputed here rather than imported: tiers listed first, then the rest. */
const ordered = (p: Policy): Tier[] => [
  ...p.preference.map((id) => tierOf(p, id)!),
  ...p.tiers.filter((t) => !p.preference.includes(t.id)),
];

const world = fc.tuple(policyArb(), fc.boolean()).chain(([policy, overrides]) =>
  inventoryArb(
    policy.tiers.map((t) => t.id),
    overrides,
  ).map((inventory) => ({ policy, inventory })),
);

describe('invariants of the decision', () => {
  it('(a) a placed use case is on a tier clearTier clears for it, unless decided by an approved exception', () => {
    fc.assert(
      fc.property(world, ({ policy, inventory }) => {
        for (const uc of inventory.use_cases) {
          const u = assign(uc, policy, AS_OF);
          const c = classify(uc, policy);
          expect([u.sensitivity, u.regimes]).toEqual([c.sensitivity, c.regimes]);
          if (u.tier === null) continue;
          if (u.decided_by === 'exception') {
            expect(
              uc.override?.exception === true && !!uc.override.approved_by && u.override?.state === 'exception',
            ).toBe(true);
            continue;
          }
          expect(clearTier(tierOf(policy, u.tier)!, profile(u), policy).cleared).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('(b) the deployment belongs to the tier and meets capability, region, modality, context and tools', () => {
    fc.assert(
      fc.property(world, ({ policy, inventory }) => {
        for (const uc of inventory.use_cases) {
          const u = assign(uc, policy, AS_OF);
          if (u.tier === null) {
            expect(u.deployment).toBeNull();
            continue;
          }
          const d = tierOf(policy, u.tier)!.deployments.find((x) => x.id === u.deployment);
          if (u.decided_by === 'override' || u.decided_by === 'exception') {
            // A pin may fall short of the needs (and says so), but never leaves the residency.
            if (u.deployment !== null) expect(d).toBeDefined();
            if (d && u.residency.length > 0) expect(u.residency).toContain(d.region);
            continue;
          }
          expect(d).toBeDefined();
          expect(deploymentShortfalls(d!, u.capability, uc.needs, u.residency, policy)).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('(c) without an override: gap ⇔ no candidate; otherwise the matrix cell or the first candidate', () => {
    fc.assert(
      fc.property(world, ({ policy, inventory }) => {
        for (const uc of inventory.use_cases) {
          if (uc.status === 'retired' || uc.override) continue;
          const u = assign(uc, policy, AS_OF);
          const candidates = ordered(policy)
            .filter(
              (t) =>
                clearTier(t, profile(u), policy).cleared &&
                suitableDeployments(t, u.capability, uc.needs, u.residency, policy).length > 0,
            )
            .map((t) => t.id);
          expect(u.candidates).toEqual(u.decided_by === 'gap' ? [] : candidates);
          expect(u.decided_by === 'gap').toBe(candidates.length === 0);
          const cell = policy.matrix?.find((m) => m.sensitivity === u.sensitivity && m.capability === u.capability);
          if (cell && candidates.includes(cell.tier)) expect([u.tier, u.decided_by]).toEqual([cell.tier, 'matrix']);
          else if (candidates.length > 0) expect([u.tier, u.decided_by]).toEqual([candidates[0], 'preference']);
        }
      }),
      RUNS,
    );
  });

  it('(e) computePlan is deterministic and independent of inventory order', () => {
    const shuffled = world.chain(({ policy, inventory }) =>
      fc
        .shuffledSubarray(inventory.use_cases, { minLength: inventory.use_cases.length })
        .map((order) => ({ policy, inventory, order })),
    );
    fc.assert(
      fc.property(shuffled, ({ policy, inventory, order }) => {
        const opts = { asOf: AS_OF, generator: 'test' };
        const a = computePlan(inventory, policy, opts);
        const b = computePlan({ version: 1, use_cases: order }, policy, opts);
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(JSON.stringify(computePlan(inventory, policy, opts))).toBe(JSON.stringify(a));
      }),
      RUNS,
    );
  });
});

// (d) "More sensitive data never moves a use case to a less restrictive tier" does NOT hold in
// general, for two reasons the decision itself states:
//  1. rule 2's regime exception: reaching the top level with a regime lets a certified tier of
//     any clearance in (see the first counterexample), and a class that implies a new regime
//     excludes uncertified tiers, however high their clearance;
//  2. explicit matrix cells: the new (sensitivity, capability) cell may name a candidate with
//     a lower clearance than the tier the old cell named.
// What holds is the weaker property below, plus the strong one for the shipped default policy.
describe('(d) raising sensitivity', () => {
  const clearanceRank = (p: Policy, u: PlannedUseCase): number => rank(SENS, tierOf(p, u.tier)!.clearance);
  const raise = (uc: UseCase, cls: string): UseCase => ({
    ...uc,
    data: { ...uc.data, classes: [...(uc.data?.classes ?? []), cls] },
  });
  const placeable = (uc: UseCase): boolean => uc.status !== 'retired' && uc.data?.classes !== undefined;

  it('counterexample: the regime exception lets PHI onto a tier of lower clearance', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      tiers: [
        {
          id: 'baa-api',
          name: 'API under a BAA',
          clearance: 'public',
          regimes: ['hipaa'],
          regions: ['us'],
          deployments: [{ id: 'a', provider: 'p', model: 'm', capability: 'basic', region: 'us' }],
        },
        {
          id: 'internal-api',
          name: 'Internal API',
          clearance: 'internal',
          regimes: [],
          regions: ['us'],
          deployments: [{ id: 'b', provider: 'p', model: 'm', capability: 'basic', region: 'us' }],
        },
      ],
      preference: ['baa-api', 'internal-api'],
    };
    const uc: UseCase = { id: 'x', name: 'x', data: { classes: ['internal_docs'] }, needs: { task: 'search' } };
    expect(assign(uc, policy, AS_OF).tier).toBe('internal-api');
    expect(assign(raise(uc, 'phi'), policy, AS_OF).tier).toBe('baa-api');
  });

  it('weak: no matrix, no new regime, no regime exception → cleared tiers shrink and clearance never drops', () => {
    const arb = policyArb({ matrix: false }).chain((policy) =>
      fc.tuple(fc.constant(policy), useCaseArb('x'), fc.constantFrom(...CLASSES)),
    );
    fc.assert(
      fc.property(arb, ([policy, uc, cls]) => {
        fc.pre(placeable(uc));
        const before = assign(uc, policy, AS_OF);
        const after = assign(raise(uc, cls), policy, AS_OF);
        const def = policy.sensitivity.data_classes[cls]!;
        fc.pre(rank(SENS, def.level) > rank(SENS, before.sensitivity));
        fc.pre((def.implies_regimes ?? []).every((r) => before.regimes.includes(r)));
        fc.pre(!(after.regimes.length > 0 && after.sensitivity === SENS.at(-1)));
        expect(before.cleared).toEqual(expect.arrayContaining(after.cleared));
        if (after.tier !== null) {
          expect(before.tier).not.toBeNull();
          expect(clearanceRank(policy, after)).toBeGreaterThanOrEqual(clearanceRank(policy, before));
        }
      }),
      RUNS,
    );
  });

  it('strong, for the default policy: adding a higher data class never lowers the clearance of the tier', () => {
    const classes = Object.keys(DEFAULT_POLICY.sensitivity.data_classes);
    const regimes = Object.keys(DEFAULT_POLICY.sensitivity.regimes);
    const arb = fc.tuple(useCaseArb('x', { classes, regimes }), fc.constantFrom(...classes));
    fc.assert(
      fc.property(arb, ([uc, cls]) => {
        fc.pre(placeable(uc));
        const before = assign(uc, DEFAULT_POLICY, AS_OF);
        fc.pre(rank(SENS, DEFAULT_POLICY.sensitivity.data_classes[cls]!.level) > rank(SENS, before.sensitivity));
        const after = assign(raise(uc, cls), DEFAULT_POLICY, AS_OF);
        if (before.tier !== null && after.tier !== null) {
          expect(clearanceRank(DEFAULT_POLICY, after)).toBeGreaterThanOrEqual(clearanceRank(DEFAULT_POLICY, before));
        }
      }),
      RUNS,
    );
  });
});

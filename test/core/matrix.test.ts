// Every cell of the default matrix. The expected table is derived by hand from docs/design.md and
// the default tiers: api (clearance internal) has basic/mid/frontier models; private-cloud
// (clearance confidential) has all three; on-prem (clearance regulated) has only basic and
// mid open-weight models. Preference is api → private-cloud → on-prem. Without regimes,
// regulated data is cleared only on-prem, which has no frontier model: a gap.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { cellTier } from '../../src/core/plan/plan.js';
import { CLASS_FOR_LEVEL, NEEDS_FOR_LEVEL, place } from './helpers.js';

const EXPECTED: Record<string, Record<string, string | null>> = {
  public: { basic: 'api', mid: 'api', frontier: 'api' },
  internal: { basic: 'api', mid: 'api', frontier: 'api' },
  confidential: { basic: 'private-cloud', mid: 'private-cloud', frontier: 'private-cloud' },
  regulated: { basic: 'on-prem', mid: 'on-prem', frontier: null },
};

const cells = Object.entries(EXPECTED).flatMap(([s, row]) =>
  Object.entries(row).map(([c, tier]) => [s, c, tier] as const),
);

describe('default matrix', () => {
  it('the table covers every level pair of the default policy', () => {
    expect(Object.keys(EXPECTED)).toEqual(DEFAULT_POLICY.sensitivity.levels);
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row)).toEqual(DEFAULT_POLICY.capability.levels);
  });

  it.each(cells)('%s × %s → %s (cellTier)', (s, c, tier) => {
    expect(cellTier(s, c, DEFAULT_POLICY)).toBe(tier);
  });

  it.each(cells)('%s × %s → %s (assign, synthetic use case)', (s, c, tier) => {
    const p = place({ data: { classes: [CLASS_FOR_LEVEL[s]!] }, needs: NEEDS_FOR_LEVEL[c]! });
    expect([p.sensitivity, p.capability]).toEqual([s, c]);
    expect(p.tier).toBe(tier);
    expect(p.decided_by).toBe(tier === null ? 'gap' : 'preference');
    if (tier !== null) {
      const t = DEFAULT_POLICY.tiers.find((x) => x.id === tier);
      expect(t?.deployments.map((d) => d.id)).toContain(p.deployment);
    }
  });

  it('an explicit matrix cell wins over preference when its tier is a candidate', () => {
    const policy = {
      ...DEFAULT_POLICY,
      matrix: [{ sensitivity: 'internal', capability: 'frontier', tier: 'private-cloud' }],
    };
    expect(cellTier('internal', 'frontier', policy)).toBe('private-cloud');
    const p = place({ data: { classes: ['source_code'] }, needs: { task: 'agentic' } }, policy);
    expect([p.tier, p.decided_by]).toEqual(['private-cloud', 'matrix']);
  });

  it('a matrix cell naming a tier that is not cleared is ignored, and the rationale says so', () => {
    const policy = { ...DEFAULT_POLICY, matrix: [{ sensitivity: 'confidential', capability: 'basic', tier: 'api' }] };
    expect(cellTier('confidential', 'basic', policy)).toBe('private-cloud');
    const p = place({ data: { classes: ['pii'] }, needs: NEEDS_FOR_LEVEL.basic! }, policy);
    expect([p.tier, p.decided_by]).toEqual(['private-cloud', 'preference']);
    expect(p.rationale.map((r) => r.rule)).toContain('choose.matrix.ignored');
  });
});

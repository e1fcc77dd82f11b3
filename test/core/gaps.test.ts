// Gaps: each cause, and remedies that are not just text but work. Every remedy is parsed,
// applied alone to the policy, and the use case must then be placed.
import { describe, expect, it } from 'vitest';
import { assign } from '../../src/core/plan/assign.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Policy, Tier, UseCase } from '../../src/core/policy/types.js';
import { AS_OF, uc } from './helpers.js';

/** The policy after one remedy, interpreted by its documented phrasing. */
function applyRemedy(policy: Policy, remedy: string, residency: string[]): Policy {
  const p = structuredClone(policy);
  const tier = (id: string): Tier => {
    const t = p.tiers.find((x) => x.id === id);
    if (!t) throw new Error(`remedy names unknown tier ${id}: ${remedy}`);
    return t;
  };
  const addDeployment = (t: Tier, capability: string): void => {
    const region = residency[0] ?? t.regions[0]!;
    t.deployments.push({
      id: `remedy-${t.deployments.length}`,
      provider: 'test',
      model: 'm',
      capability,
      region,
      context_tokens: 10_000_000,
      modalities: ['text', 'image', 'audio', 'video'],
      tools: true,
      price: { input_per_1m: 1, output_per_1m: 1 },
    });
  };
  const deployment = /^add an? (\S+) deployment.* to (\S+)$/;
  const [fix = '', then] = remedy.split(', then ');
  let last: Tier | undefined;
  const whole = deployment.exec(fix);
  if (whole) addDeployment(tier(whole[2]!), whole[1]!);
  else {
    for (const part of fix.split(' and ')) {
      const certify = /^certify (\S+) for (.+)$/.exec(part);
      const region = /^add region (\S+) to (\S+)$/.exec(part);
      const raise = /^raise (\S+) clearance to (\S+)$/.exec(part);
      if (certify) {
        last = tier(certify[1]!);
        last.regimes.push(...certify[2]!.split(', '));
      } else if (region) {
        last = tier(region[2]!);
        last.regions.push(region[1]!);
      } else if (raise) {
        last = tier(raise[1]!);
        last.clearance = raise[2]!;
      } else throw new Error(`unparseable remedy: ${remedy}`);
    }
  }
  if (then !== undefined) {
    const m = /^add an? (\S+) deployment.* to it$/.exec(then);
    if (!m || !last) throw new Error(`unparseable remedy: ${remedy}`);
    addDeployment(last, m[1]!);
  }
  return p;
}

const withRegime = (id: string, level: string): Policy => {
  const p = structuredClone(DEFAULT_POLICY);
  p.sensitivity.regimes[id] = { level, description: 'test regime nobody is certified for' };
  return p;
};

const scenarios: [string, Partial<UseCase>, string, Policy][] = [
  [
    'classified + frontier',
    { data: { classes: ['classified'] }, needs: { reasoning: 'high', context_tokens: 100000 } },
    'no-capable-deployment',
    DEFAULT_POLICY,
  ],
  [
    'export_controlled + frontier',
    { data: { classes: ['export_controlled'] }, needs: { task: 'agentic' } },
    'no-capable-deployment',
    DEFAULT_POLICY,
  ],
  [
    'context no model holds',
    { data: { classes: ['public'] }, needs: { context_tokens: 2_000_000 } },
    'no-capable-deployment',
    DEFAULT_POLICY,
  ],
  [
    'mid audio in the us',
    {
      data: { classes: ['pii'], residency: ['us'] },
      needs: { task: 'transcription', reasoning: 'medium', modalities: ['audio'] },
    },
    'no-capable-deployment',
    DEFAULT_POLICY,
  ],
  [
    'residency nobody serves',
    { data: { classes: ['pii'], residency: ['ch'] }, needs: { task: 'search' } },
    'no-cleared-tier',
    DEFAULT_POLICY,
  ],
  [
    'public data, residency nobody serves',
    { data: { classes: ['public'], residency: ['ch'] }, needs: { task: 'agentic' } },
    'no-cleared-tier',
    DEFAULT_POLICY,
  ],
  [
    'a regulated regime nobody is certified for',
    { data: { classes: ['internal_docs'], regimes: ['cjis'] }, needs: { task: 'search' } },
    'no-cleared-tier',
    withRegime('cjis', 'regulated'),
  ],
];

describe('gaps', () => {
  it.each(scenarios)('%s → cause %s, never silently placed', (_label, over, cause, policy) => {
    const p = assign(uc(over), policy, AS_OF);
    expect([p.tier, p.deployment, p.decided_by, p.candidates]).toEqual([null, null, 'gap', []]);
    expect(p.gap?.cause).toBe(cause);
    expect(p.gap?.detail.length).toBeGreaterThan(0);
    expect(p.summary).toBe(`gap: ${p.gap?.detail}`);
    expect(p.rationale.at(-1)?.rule).toBe(`gap.${cause}`);
    expect(p.gap?.remedies.length).toBeGreaterThan(0);
  });

  it.each(scenarios)('%s: each remedy, applied alone, places the use case', (_label, over, _cause, policy) => {
    const u = uc(over);
    const remedies = assign(u, policy, AS_OF).gap?.remedies ?? [];
    for (const r of remedies) {
      const after = assign(u, applyRemedy(policy, r, u.data?.residency ?? []), AS_OF);
      expect({ remedy: r, decided_by: after.decided_by }).toEqual({ remedy: r, decided_by: 'preference' });
    }
  });

  // Certification admits data above a tier's clearance only at the top level (rule 2), so for
  // confidential pii + gdpr the remedy must raise api's clearance as well as certify it.
  it('a remedy for a sub-top sensitivity also raises clearance when it is too low', () => {
    const u = uc({
      data: { classes: ['pii'], regimes: ['gdpr'], residency: ['us'] },
      needs: { task: 'reasoning', context_tokens: 500000 },
    });
    const remedies = assign(u, DEFAULT_POLICY, AS_OF).gap?.remedies ?? [];
    expect(remedies).toContain('certify api for gdpr and raise api clearance to confidential');
    for (const r of remedies)
      expect(assign(u, applyRemedy(DEFAULT_POLICY, r, ['us']), AS_OF).decided_by).not.toBe('gap');
  });
});

// The neutral routing model on the default policy: primaries, fallbacks that only go sideways
// or toward more restrictive tiers, context-window fallbacks, and what is left unrouted.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { UseCaseRoute } from '../../src/core/gateway/routing-types.js';
import type { Inventory, UseCase } from '../../src/core/policy/types.js';

const AS_OF = '2026-11-24';
const uc = (id: string, over: Partial<UseCase>): UseCase => ({
  id,
  name: id,
  status: 'production',
  needs: { task: 'extraction' },
  ...over,
});
const inventory: Inventory = {
  version: 1,
  use_cases: [
    uc('phi-claims', { data: { classes: ['phi'] }, needs: { task: 'summarization', reasoning: 'medium' } }),
    uc('kyc-eu', { data: { classes: ['pii'], regimes: ['gdpr'], residency: ['eu'] } }),
    uc('marketing', { data: { classes: ['public'] }, needs: { task: 'generation' } }),
    uc('itar-docs', { data: { classes: ['export_controlled'] } }),
    uc('secret-frontier', { data: { classes: ['classified'] }, needs: { task: 'agentic' } }),
    uc('old-bot', { status: 'retired', data: { classes: ['public'] } }),
    uc('pilot-on-api', {
      data: { classes: ['customer_data'] },
      override: {
        tier: 'api',
        reason: 'pilot',
        approved_by: 'ciso@example.com',
        expires: '2027-01-31',
        exception: true,
      },
    }),
  ],
};
const plan = computePlan(inventory, DEFAULT_POLICY, { asOf: AS_OF, generator: 'test' });
const model = compileRoutes(plan, inventory, DEFAULT_POLICY);
const route = (alias: string): UseCaseRoute => {
  const r = model.routes.find((x) => x.alias === alias);
  if (!r) throw new Error(`no route for ${alias}`);
  return r;
};
const tiersOf = (r: UseCaseRoute): string[] => [
  ...new Set([...r.primary, ...r.fallbacks, ...r.context_window_fallbacks].map((t) => t.tier)),
];
const regionOf = (deployment: string): string | undefined =>
  DEFAULT_POLICY.tiers.flatMap((t) => t.deployments).find((d) => d.id === deployment)?.region;

describe('routing model', () => {
  it('routes PHI on the BAA-covered private cloud and falls back only to on-prem, never the API', () => {
    const r = route('phi-claims');
    expect(r.tier).toBe('private-cloud');
    expect(r.allowed_tiers).toEqual(['private-cloud', 'on-prem']);
    expect(tiersOf(r)).not.toContain('api');
    // Same tier first, then the more restrictive tier.
    const order = r.fallbacks.map((t) => t.tier);
    expect(order.indexOf('on-prem')).toBeGreaterThan(order.lastIndexOf('private-cloud'));
  });

  it('keeps an EU-resident use case on EU deployments, in every role', () => {
    const r = route('kyc-eu');
    for (const t of [...r.primary, ...r.fallbacks, ...r.context_window_fallbacks])
      expect(regionOf(t.deployment)).toBe('eu');
  });

  it('lets public data fall back sideways and toward more restrictive tiers', () => {
    const r = route('marketing');
    expect(r.tier).toBe('api');
    expect(r.allowed_tiers).toEqual(['api', 'private-cloud', 'on-prem']);
  });

  it('keeps ITAR data on-prem in every role', () => {
    expect(tiersOf(route('itar-docs'))).toEqual(['on-prem']);
  });

  it('an approved exception routes to the pinned tier and falls back only to cleared, more restrictive tiers', () => {
    const r = route('pilot-on-api');
    expect(r.tier).toBe('api');
    expect(r.allowed_tiers).toEqual(['api', 'private-cloud', 'on-prem']);
  });

  it('leaves gaps and retired use cases unrouted, with the reason', () => {
    expect(model.unrouted.map((u) => u.alias)).toEqual(['old-bot', 'secret-frontier']);
    expect(model.unrouted[0]?.reason).toBe('retired');
    expect(model.unrouted[1]?.reason).toMatch(/^gap: /);
  });

  it('gives stable target ids and one entry per deployment per use case', () => {
    for (const r of model.routes) {
      const all = [...r.primary, ...r.fallbacks];
      expect(new Set(all.map((t) => t.deployment)).size).toBe(all.length);
      for (const t of all) expect(t.id).toBe(`${r.alias}.${t.deployment}`);
    }
  });

  it('context-window fallbacks only lead to longer windows within the allowed tiers', () => {
    const ctx = (id: string): number =>
      DEFAULT_POLICY.tiers.flatMap((t) => t.deployments).find((d) => d.id === id)?.context_tokens ?? 0;
    for (const r of model.routes) {
      const window = Math.max(...r.primary.map((t) => ctx(t.deployment)));
      for (const t of r.context_window_fallbacks) {
        expect(ctx(t.deployment)).toBeGreaterThan(window);
        expect(r.allowed_tiers).toContain(t.tier);
      }
    }
  });
});

// Regimes and residency (docs/design.md "The decision", rules 1–3; landscape §2.3): a BAA lets the
// private cloud take PHI, PCI scope lets it take card data, ITAR keeps data on-prem, and a
// residency constraint is met by the tier and by the deployment chosen.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { CLASS_FOR_LEVEL, NEEDS_FOR_LEVEL, place, rules } from './helpers.js';

const P = DEFAULT_POLICY;
const CAPS = ['basic', 'mid', 'frontier'] as const;
const regionOf = (deployment: string | null): string | undefined =>
  P.tiers.flatMap((t) => t.deployments).find((d) => d.id === deployment)?.region;

describe('regimes force a tier', () => {
  it.each(CAPS)('phi × %s → private-cloud, admitted by its HIPAA certification (BAA)', (cap) => {
    const p = place({ data: { classes: ['phi'] }, needs: NEEDS_FOR_LEVEL[cap]! });
    expect([p.sensitivity, p.regimes, p.tier, p.decided_by]).toEqual([
      'regulated',
      ['hipaa'],
      'private-cloud',
      'preference',
    ]);
    const pc = p.rationale.find((r) => r.text.startsWith('private-cloud cleared'));
    expect(pc?.text).toContain('certified for every regime');
    const api = p.rationale.find((r) => r.text.startsWith('api excluded'));
    expect(api?.text).toContain('not certified for hipaa');
  });

  it.each(CAPS)('pci × %s → private-cloud (in PCI DSS scope)', (cap) => {
    const p = place({ data: { classes: ['pci'] }, needs: NEEDS_FOR_LEVEL[cap]! });
    expect([p.regimes, p.tier]).toEqual([['pci_dss'], 'private-cloud']);
  });

  it.each(['basic', 'mid'] as const)('export_controlled × %s → on-prem (only tier certified for ITAR)', (cap) => {
    const p = place({ data: { classes: ['export_controlled'] }, needs: NEEDS_FOR_LEVEL[cap]! });
    expect([p.regimes, p.tier, p.cleared]).toEqual([['itar'], 'on-prem', ['on-prem']]);
  });

  it('a regime the tier is not certified for excludes it even for low-sensitivity data', () => {
    const p = place({ data: { classes: ['public'], regimes: ['sox'] }, needs: NEEDS_FOR_LEVEL.basic! });
    expect(p.cleared).toEqual(['private-cloud', 'on-prem']);
    expect(rules(p)).toContain('tier.excluded.regime');
  });

  it('classified data (no regime) + frontier is a gap: on-prem is cleared but has no frontier model', () => {
    const p = place({ data: { classes: ['classified'] }, needs: NEEDS_FOR_LEVEL.frontier! });
    expect(p.decided_by).toBe('gap');
    expect(p.cleared).toEqual(['on-prem']);
    expect(p.gap?.cause).toBe('no-capable-deployment');
    expect(p.gap?.detail).toContain('on-prem');
    // Actionable: the first remedy names what to add and where.
    expect(p.gap?.remedies[0]).toBe('add a frontier deployment to on-prem');
    for (const r of p.gap?.remedies ?? []) expect(r).toMatch(/^(add|raise|certify) .*\b(api|private-cloud|on-prem)\b/);
  });

  it('export_controlled + frontier: the remedies are certifying a frontier-capable tier for ITAR or adding a model on-prem', () => {
    const p = place({ data: { classes: ['export_controlled'] }, needs: NEEDS_FOR_LEVEL.frontier! });
    expect(p.gap?.cause).toBe('no-capable-deployment');
    expect(p.gap?.remedies).toEqual([
      'add a frontier deployment to on-prem',
      'certify api for itar',
      'certify private-cloud for itar',
    ]);
  });
});

describe('the regime exception does not launder data that no regime covers', () => {
  // Rule 2's exception admits regulated data only when the top level comes from regimes alone:
  // a class no regime covers (`classified`) or fail-closed keeps the data on-prem. docs/design.md:
  // "this is how a private cloud under a HIPAA BAA takes PHI while `classified` data stays on-prem".
  it('classified + phi stays on-prem (the BAA covers the PHI, not the classified material)', () => {
    expect(place({ data: { classes: ['classified', 'phi'] } }).tier).toBe('on-prem');
  });
  it('classified + gdpr stays on-prem (a confidential-level regime cannot admit regulated data)', () => {
    expect(place({ data: { classes: ['classified'], regimes: ['gdpr'] } }).tier).toBe('on-prem');
  });
  it('unclassified data with a declared gdpr regime stays fail-closed on-prem', () => {
    expect(place({ data: { regimes: ['gdpr'] } }).tier).toBe('on-prem');
  });
});

describe('residency', () => {
  const levels = Object.keys(CLASS_FOR_LEVEL);
  it.each(levels.flatMap((s) => CAPS.map((c) => [s, c] as const)))(
    'eu-only %s × %s never gets a us deployment',
    (s, c) => {
      const p = place({ data: { classes: [CLASS_FOR_LEVEL[s]!], residency: ['eu'] }, needs: NEEDS_FOR_LEVEL[c]! });
      if (p.tier === null) expect(p.decided_by).toBe('gap');
      else expect(regionOf(p.deployment)).toBe('eu');
    },
  );

  it('EU personal data under GDPR with image input lands on the EU private-cloud deployment', () => {
    const p = place({
      data: { classes: ['pii'], regimes: ['gdpr'], residency: ['eu'] },
      needs: { task: 'extraction', modalities: ['image'] },
    });
    expect([p.tier, p.deployment]).toEqual(['private-cloud', 'azure-gpt-5-4-eu']);
  });

  it('a residency no tier serves is a gap whose remedy adds that region', () => {
    const p = place({ data: { classes: ['pii'], residency: ['ch'] }, needs: NEEDS_FOR_LEVEL.basic! });
    expect(p.gap?.cause).toBe('no-cleared-tier');
    expect(p.gap?.detail).toContain('outside residency ch');
    expect(p.gap?.remedies.length).toBeGreaterThan(0);
    for (const r of p.gap?.remedies ?? [])
      expect(r).toMatch(/add region ch to \S+, then add a basic deployment in ch to it$/);
  });
});

// The catalog: every code documented, once, with a unique place in docs/rules.md.
import { describe, expect, it } from 'vitest';
import { AREAS, CATALOG, VERIFY_CODES, type DiagnosticCode } from '../../src/core/diagnostics/catalog.js';

const codes = Object.keys(CATALOG) as DiagnosticCode[];

describe('diagnostic catalog', () => {
  it('holds every code of every area exactly once: no area silently overrides another', () => {
    const listed = AREAS.flatMap((a) => Object.keys(a.rules));
    expect(listed.filter((c, i) => listed.indexOf(c) !== i)).toEqual([]);
    expect(codes.length).toBe(listed.length);
  });

  it('gives every entry a one-line description, a help text, a severity and a category', () => {
    for (const code of codes) {
      const e = CATALOG[code];
      expect(e.code, code).toBe(code);
      expect(e.description.trim().length, code).toBeGreaterThan(10);
      expect(e.description, code).not.toMatch(/\n/);
      expect(e.help.trim().length, code).toBeGreaterThan(10);
      expect(['error', 'warning', 'info'], code).toContain(e.severity);
      expect(['input', 'plan', 'verify', 'review'], code).toContain(e.category);
    }
  });

  it('gives every code a unique anchor in docs/rules.md, which a heading can produce', () => {
    const anchors = codes.map((c) => CATALOG[c].anchor);
    expect(new Set(anchors).size).toBe(codes.length);
    for (const code of codes) {
      expect(CATALOG[code].anchor).toBe(`docs/rules.md#${code}`);
      expect(code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    }
  });

  it("keeps verify's codes in the order its SARIF rules have always had", () => {
    expect(VERIFY_CODES).toEqual([
      'config-problem',
      'uncleared-tier',
      'outside-residency',
      'more-open-fallback',
      'unknown-deployment',
      'mislabelled-tier',
      'alias-missing',
      'alias-unknown',
      'tier-drift',
      'unresolved-target',
      'query-error',
      'no-metadata',
      // Added later, at the end, so earlier ruleIndex values stay as they were.
      'access-group-uncleared',
      'access-group-missing',
    ]);
    expect(VERIFY_CODES.every((c) => CATALOG[c].category === 'verify')).toBe(true);
  });
});

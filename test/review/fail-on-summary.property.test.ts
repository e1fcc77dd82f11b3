import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failOnSummary, type ReviewFailOn } from '../../src/core/review/first-findings.js';
import type { Review, ReviewFinding } from '../../src/core/review/review-types.js';
import { isBreach } from '../../src/core/review/unregistered.js';

const finding = fc.record({
  kind: fc.constantFrom(
    'breach',
    'unregistered-breach',
    'drift',
    'unregistered',
    'idle-production',
    'override-expired',
  ),
  severity: fc.constantFrom('error', 'warning', 'info'),
  use_case: fc.option(fc.constantFrom('a', 'b-c', 'claims-triage'), { nil: null }),
  tier: fc.option(fc.constantFrom('api', 'on-prem'), { nil: null }),
  months: fc.array(fc.constantFrom('2026-07', '2026-08'), { maxLength: 2 }),
}) as fc.Arbitrary<Pick<ReviewFinding, 'kind' | 'severity' | 'use_case' | 'tier' | 'months'>>;
const review = fc
  .tuple(fc.array(finding, { maxLength: 8 }), fc.nat(3))
  .map(
    ([findings, triggers]) =>
      ({ findings, triggers: Array.from({ length: triggers }, () => ({})) }) as unknown as Review,
  );
const level = fc.constantFrom<ReviewFailOn>('none', 'breach', 'drift', 'trigger', 'any');
const ORDER: ReviewFailOn[] = ['none', 'breach', 'drift', 'trigger', 'any'];
const countOf = (s: string | null): number => (s === null ? 0 : Number(/^(\d+) finding/.exec(s)![1]));

describe('review --fail-on summary', () => {
  it('names only findings it counts, never more than it says, and a level counts what the ones below it count', () => {
    fc.assert(
      fc.property(review, level, (r, l) => {
        const s = failOnSummary(r, l);
        const n = countOf(s);
        if (s === null) return;
        const named = s.split(': ').slice(1).join(': ').split('; ');
        const listed = named.filter((p) => !/^\+\d+ more$|trigger/.test(p));
        const more = Number(/\+(\d+) more/.exec(s)?.[1] ?? 0);
        const triggers = Number(/(\d+) triggers? fired/.exec(s)?.[1] ?? 0);
        expect(listed.length + more + triggers).toBe(n);
        if (l === 'breach')
          for (const p of listed) expect(isBreach({ kind: p.split(':')[0]!, severity: 'error' })).toBe(true);
        for (const lower of ORDER.slice(0, ORDER.indexOf(l)))
          expect(countOf(failOnSummary(r, lower))).toBeLessThanOrEqual(n);
      }),
      { numRuns: 500 },
    );
  });

  it('says nothing at none, and names the breach first', () => {
    const r = {
      findings: [
        { kind: 'idle-production', severity: 'warning', use_case: 'x', tier: 'api', months: [] },
        { kind: 'breach', severity: 'error', use_case: 'clinical-notes', tier: 'api', months: ['2026-09'] },
      ],
      triggers: [{}],
    } as unknown as Review;
    expect(failOnSummary(r, 'none')).toBeNull();
    expect(failOnSummary(r, 'breach')).toBe('1 finding at --fail-on breach: breach: clinical-notes on api (2026-09)');
    expect(failOnSummary(r, 'any')).toBe(
      '3 findings at --fail-on any: breach: clinical-notes on api (2026-09); idle-production: x on api; 1 trigger fired',
    );
  });
});

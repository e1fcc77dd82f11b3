import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import {
  makeReviewRenderers,
  REVIEW_FORMATS,
  reviewRenderers,
  type ReviewFormat,
} from '../../src/render/review/review-registry.js';
import { buildReviewView } from '../../src/render/review/review-view.js';
import { expectGoldenIn } from '../render/golden.js';
import { fixtureReview, NASTY } from './fixture.js';

// Golden files: UPDATE_GOLDEN=1 npx vitest run test/review-render, then read the diff.
const GOLDEN_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'golden');
const review = fixtureReview();
const GOLDEN: [string, ReviewFormat][] = [
  ['review.md', 'markdown'],
  ['review.html', 'html'],
  ['review.json', 'json'],
  ['review.txt', 'table'],
];

describe('golden renders of the fixture review', () => {
  it.each(GOLDEN)('%s', (file, format) => {
    expectGoldenIn(GOLDEN_DIR, file, reviewRenderers[format](review, { color: false }));
  });

  it('review-120.txt: the terminal table at 120 columns (review.txt is the default, 80)', () => {
    expectGoldenIn(GOLDEN_DIR, 'review-120.txt', reviewRenderers.table(review, { color: false, width: 120 }));
  });

  it('the registry has exactly the four formats', () => {
    expect([...REVIEW_FORMATS].sort()).toEqual(['html', 'json', 'markdown', 'table']);
  });
});

describe('determinism', () => {
  it.each(GOLDEN)('%s: two reviews computed from the same rows render byte-identically', (_file, format) => {
    expect(reviewRenderers[format](fixtureReview(), { color: false })).toBe(
      reviewRenderers[format](fixtureReview(), { color: false }),
    );
  });

  it.each(GOLDEN)('%s: renders the same from the JSON review (the interchange format)', (_file, format) => {
    const reread = JSON.parse(reviewRenderers.json(review, { color: false })) as typeof review;
    expect(reviewRenderers[format](reread, { color: false })).toBe(reviewRenderers[format](review, { color: false }));
  });

  it('json is the review itself, two-space indented, newline-terminated', () => {
    const text = reviewRenderers.json(review, { color: false });
    expect(text).toBe(`${JSON.stringify(review, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(review);
  });
});

describe('tier colours', () => {
  it('follow the policy preference order when given (as the matrix colours them), else sorted ids', () => {
    const order = DEFAULT_POLICY.tiers.map((t) => t.id);
    expect(buildReviewView(review, { tierOrder: order }).tiers).toEqual(
      order.map((tier, i) => ({ tier, cls: `t${i}` })),
    );
    expect(buildReviewView(review).tiers.map((t) => t.tier)).toEqual([...order].sort());
    const html = makeReviewRenderers({ tierOrder: order }).html(review, { color: false });
    expect(html).toContain('<span class="chip t2">on-prem</span>');
  });
});

describe('the view', () => {
  const v = buildReviewView(review);
  it('lists breaches first and apart from the other findings', () => {
    // The unregistered alias ran on the public API: judged as fail-closed data, it is a breach too.
    expect(v.breaches.map((b) => b.subject)).toEqual(['crm', 'vault', NASTY]);
    expect(v.otherFindings.some((f) => f.kind === 'breach' || f.kind === 'unregistered')).toBe(false);
  });
  it('row counts add up, and a review whose counts do not is told so', () => {
    expect(v.counts).toMatchObject({
      read: 32,
      aggregated: 27,
      unattributed: 2,
      unreadable: 3,
      adds: true,
      outsidePeriodCells: 6,
      previousPeriodCells: 6,
    });
    const broken = buildReviewView({ ...review, counts: { ...review.counts, read: 37 } });
    expect(broken.counts.adds).toBe(false);
    expect(reviewRenderers.markdown({ ...review, counts: { ...review.counts, read: 37 } }, { color: false })).toContain(
      '5 rows unaccounted for',
    );
  });
  it('monthly tier totals sum to the usage cells', () => {
    const tokens = review.usage.reduce((a, c) => a + c.input_tokens + c.output_tokens, 0);
    expect(v.totals.tokens).toBe(tokens);
    expect(v.monthly.map((m) => m.month)).toEqual(review.period.months);
  });
  it('the split against last period: same tiers in the same order, shares and changes in percentage points', () => {
    expect(v.previousPeriod).toBe('2025-10..2025-12');
    expect(v.split.map((s) => s.tier)).toEqual(v.previousSplit!.map((s) => s.tier));
    expect(v.previousSplit!.find((s) => s.tier === 'private-cloud')!.shareCost).toBe(0);
    const pc = v.splitChange!.find((c) => c.tier === 'private-cloud')!;
    expect(pc.cost).toMatch(/^\+\d+\.\d pp$/);
    for (const f of ['markdown', 'html', 'table'] as const)
      expect(reviewRenderers[f](review, { color: false })).toContain('from the rows of the usage exports');
  });
  it('says plainly when there is no previous period to compare the split with, and how to provide one', () => {
    const alone = {
      ...review,
      split: {
        ...review.split,
        previous_source: null,
        previous_months: [],
        totals: { ...review.split.totals, previous: null },
        tiers: review.split.tiers.map((t) => ({ ...t, previous: null, change_pp: null })),
        note: 'No figures for last period (2025-10..2025-12): pass --previous.',
      },
    };
    expect(buildReviewView(alone).previousSplit).toBeNull();
    for (const f of ['markdown', 'html', 'table'] as const) {
      const text = reviewRenderers[f](alone, { color: false });
      expect(text).toContain('No figures for last period (2025-10..2025-12): pass --previous.');
      expect(text).not.toContain('against last period');
      expect(text).toContain('Portfolio split');
    }
  });
  it('traffic to a retired use case has a section of its own in every format', () => {
    expect(v.retired.map((f) => [f.subject, f.tier])).toEqual([['legacy', 'api']]);
    expect(v.otherFindings.some((f) => f.kind === 'retired-traffic')).toBe(false);
    // The terminal wraps the message in its column.
    for (const f of ['markdown', 'html', 'table'] as const)
      expect(reviewRenderers[f](review, { color: false })).toMatch(
        /Traffic to retired use cases \(1\)[\s\S]*legacy is retired but/,
      );
  });
});

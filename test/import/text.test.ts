import { describe, expect, it } from 'vitest';
import { parseFreeDate } from '../../src/core/import/dates.js';
import { slugify, SLUG_PATTERN } from '../../src/core/import/text.js';
import { amountOf, booleanOf, statusOf } from '../../src/core/import/values.js';

describe('slugify', () => {
  it.each([
    ['Claims triage assistant', 'claims-triage-assistant'],
    ['Émile’s Café Helper', 'emiles-cafe-helper'],
    ['  R&D   knowledge -- search!! ', 'r-and-d-knowledge-search'],
    ['Ærøskøbing Straße Tool', 'aeroskobing-strasse-tool'],
    ['客服机器人', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('stays within 63 characters, cut at a word boundary, and is a valid slug', () => {
    const slug = slugify('An extremely long use case name that goes on and on well past the limit of sixty-three');
    expect(slug.length).toBeLessThanOrEqual(63);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug).toBe('an-extremely-long-use-case-name-that-goes-on-and-on-well-past');
  });
});

describe('parseFreeDate', () => {
  it.each([
    ['2026-03-01', undefined, '2026-03-01'],
    ['2026-03-01T10:00:00Z', undefined, '2026-03-01'],
    ['2026-03-01 10:00', undefined, '2026-03-01'],
    ['2026/3/1', undefined, '2026-03-01'],
    ['1 March 2026', undefined, '2026-03-01'],
    ['1st Mar 2026', undefined, '2026-03-01'],
    ['March 1, 2026', undefined, '2026-03-01'],
    ['Sept 30 2026', undefined, '2026-09-30'],
    ['01-Mar-26', undefined, '2026-03-01'],
    ['01/03/2026', 'DD/MM/YYYY', '2026-03-01'],
    ['01.03.2026', 'DD/MM/YYYY', '2026-03-01'],
    ['03/01/2026', 'MM/DD/YYYY', '2026-03-01'],
  ] as const)('%s (%s) → %s', (text, format, date) => {
    expect(parseFreeDate(text, format)).toEqual({ date });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(parseFreeDate('01/03/2026')).toEqual({ error: expect.stringMatching(/ambiguous.*date_format/) });
    expect(parseFreeDate('31/02/2026', 'DD/MM/YYYY')).toEqual({ error: '"31/02/2026" is not a calendar date' });
    expect(parseFreeDate('next spring')).toEqual({ error: expect.stringMatching(/YYYY-MM-DD/) });
    expect(parseFreeDate('1 Smarch 2026')).toEqual({ error: expect.stringMatching(/not a month/) });
  });
});

describe('values', () => {
  it('status synonyms ignore case and spaces', () => {
    expect(['Live', 'IN   PROD', ' in production ', 'GA'].map((s) => statusOf(s))).toEqual([
      'production',
      'production',
      'production',
      'production',
    ]);
    expect(['PoC', 'Proof of concept', 'trial'].map((s) => statusOf(s))).toEqual(['pilot', 'pilot', 'pilot']);
    expect(['Decommissioned', 'sunset'].map((s) => statusOf(s))).toEqual(['retired', 'retired']);
    expect(statusOf('Backlog')).toBe('idea');
    expect(statusOf('On hold')).toBeUndefined();
    expect(statusOf('On hold', new Map([['on hold', 'pilot' as const]]))).toBe('pilot');
  });

  it('yes/no and amounts', () => {
    expect(['Yes', 'y', 'TRUE', 'x'].map((s) => booleanOf(s))).toEqual([true, true, true, true]);
    expect(['No', 'n', 'false', '0'].map((s) => booleanOf(s))).toEqual([false, false, false, false]);
    expect(booleanOf('maybe')).toBeUndefined();
    expect(['12000', '12,000', '12 000', '40k', '1.5M', '2e6'].map(amountOf)).toEqual([
      12000, 12000, 12000, 40000, 1500000, 2000000,
    ]);
    expect(['1,5', '-3', 'lots', ''].map(amountOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { reviewRenderers } from '../../src/render/review/review-registry.js';
import { displayWidth } from '../render/text-width.js';
import { fixtureReview, NASTY } from './fixture.js';
import { realisticReview } from './realistic.js';

// docs/design.md invariant 5 for the review: the hostile alias changes no structure.

const review = fixtureReview();

/** Pipes that separate Markdown table cells (not escaped by a backslash). */
function cellSeparators(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') n++;
  }
  return n;
}

describe('markdown', () => {
  const md = reviewRenderers.markdown(review, { color: false });
  it('every table row has as many cells as its header, and the alias stays on one line', () => {
    let header = -1;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        header = -1;
        continue;
      }
      if (header < 0) header = cellSeparators(line);
      else expect(cellSeparators(line), line).toBe(header);
    }
    expect(md).not.toMatch(/(^|[^\\])<script/m);
    expect(md).not.toContain('\nnext');
    expect(
      md
        .split('\n')
        .filter((l) => l.includes('evil'))
        // A table row, or the headline that names who breached (one line: the count comes first).
        .every((l) => l.startsWith('|') || /^\d+ breach/.test(l)),
    ).toBe(true);
  });
});

describe('html', () => {
  const html = reviewRenderers.html(review, { color: false });
  it('has no script, no event handler, and the alias only as text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toContain(NASTY);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('terminal', () => {
  it('fits 120 columns and holds no escape codes without colour', () => {
    const text = reviewRenderers.table(review, { color: false });
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(120);
    expect(text).not.toContain('\u001b');
  });
  it.each([100, 80])('fits a %i-column terminal too, the hostile alias included', (width) => {
    const text = reviewRenderers.table(review, { color: false, width });
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
  });
  it('at 80 columns, a realistic quarter: months and amounts never break, ids only at hyphens', () => {
    const text = reviewRenderers.table(realisticReview(), { color: false, width: 80 });
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    // A cell's line never ends inside a month or an amount.
    expect(text).not.toMatch(/\b20\d\d- *│/);
    expect(text).not.toMatch(/\$[\d,]*,? *│\s*\n[^\n]*│ *\d{3}/);
    expect(text).toContain('│ customer-email-');
    expect(text).not.toContain('…');
    // Each move's amount is whole: below 110 columns the moves are said under their table.
    const amounts = realisticReview().triggers.flatMap((t) => t.move.note.match(/\$[\d,.]+\/month/g) ?? []);
    expect(amounts.length).toBeGreaterThan(0);
    for (const a of amounts) expect(text).toContain(a);
  });
  it.each([80, 100, 120])('at %i columns no use case or deployment id is cut except after a hyphen', (width) => {
    const r = realisticReview();
    const text = reviewRenderers.table(r, { color: false, width });
    const ids = [...new Set([...r.usage.map((u) => u.use_case), ...r.deployments.map((d) => d.deployment)])];
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids)
      for (let k = 1; k < id.length; k++) {
        const head = id.slice(0, k);
        // A cell line ending inside a word of an id (four characters in, so prose such as "in" or
        // "it" is not taken for one): the id was cut there.
        if (k < 4 || !/[a-z0-9]{2}/i.test(id.slice(k - 1, k + 1)) || ids.includes(head)) continue;
        expect(text, `${id} cut after "${head}"`).not.toMatch(
          new RegExp(`(^|[ │])${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} *│`, 'm'),
        );
      }
  });
  it('colours only when asked', () => {
    expect(reviewRenderers.table(review, { color: true })).toContain('\u001b[');
  });
});

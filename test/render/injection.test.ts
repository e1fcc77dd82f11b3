import { describe, expect, it } from 'vitest';
import { renderExplain } from '../../src/render/matrix/explain.js';
import { escapeMarkdownCell } from '../../src/render/text/markdown-escape.js';
import { planRenderers } from '../../src/render/matrix/registry.js';
import { NASTY_NAME } from './fixtures/inventory.js';
import { fixturePlan, plainPlan } from './fixtures/plan.js';
import { displayWidth } from './text-width.js';

// docs/design.md invariant 5: a string from an input never changes the structure of a generated file.
// Each format is compared with the same plan whose hostile strings were made plain.

const nasty = fixturePlan();
const plain = plainPlan();
// 120 columns: wide enough for the terminal table to show names, where the nastiest string sits.
const render = (format: 'markdown' | 'html' | 'table', plan = nasty): string =>
  planRenderers[format](plan, { color: false, width: 120 });

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
  const md = render('markdown');

  it('has the same lines and table cells as the plain plan', () => {
    const shape = (text: string): number[] => text.split('\n').map(cellSeparators);
    expect(shape(md)).toEqual(shape(render('markdown', plain)));
  });

  it('every table row has as many cells as its header', () => {
    const lines = md.split('\n');
    let header = -1;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = -1;
        continue;
      }
      if (header < 0) header = cellSeparators(line);
      expect(cellSeparators(line), line).toBe(header);
    }
  });

  it('the use case table has one row per use case', () => {
    const section = md.slice(md.indexOf('## Use cases'));
    const rows = section.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows).toHaveLength(nasty.use_cases.length);
  });

  it('shows the name escaped, and lets no HTML, link or image through', () => {
    expect(md).toContain(escapeMarkdownCell(NASTY_NAME));
    expect(md).not.toMatch(/(^|[^\\])<(script|b>)/im);
    // Tags that are not backslash-escaped are only the report's own.
    expect(new Set(md.match(/(?<!\\)<[^>]*>/g))).toEqual(new Set(['<br>', '<sub>', '</sub>']));
    expect(md).not.toMatch(/(^|[^\\])\]\(/m);
    expect(md).not.toContain('\u001b');
  });
});

describe('html', () => {
  const html = render('html');
  const tags = (text: string): string[] => text.match(/<\/?[a-zA-Z][a-zA-Z0-9]*/g) ?? [];

  it('has exactly the tags of the plain plan, in the same order', () => {
    expect(tags(html)).toEqual(tags(render('html', plain)));
  });

  it('has one table row per matrix level, tier, gap, override, unclassified or pending and use case', () => {
    const p = nasty;
    const expected =
      1 +
      p.levels.sensitivity.length +
      1 +
      p.split.length +
      1 +
      p.use_cases.length +
      1 +
      p.gaps.length +
      1 +
      p.overrides.length +
      1 +
      new Set([...p.unclassified, ...p.pending]).size;
    expect(html.match(/<tr[ >]/g)).toHaveLength(expected);
  });

  it('shows the name HTML-escaped, with template syntax left literal and control characters replaced', () => {
    expect(html).not.toContain('\u001b');
    const escaped = NASTY_NAME.replace('\u001b', '\ufffd').replace(
      /[&<>"'`=]/g,
      (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#x27', '`': '#x60', '=': '#x3D' }[c]};`,
    );
    expect(html).toContain(escaped);
    expect(html).toContain('{{constructor}}');
    expect(html).toContain('{{#each}}');
  });

  it('runs no script and loads nothing; its one link stays on the page', () => {
    expect(html).not.toMatch(/<script|<b>because|javascript:alert\(1\)\)"|\son\w+=|src=|@import|url\(/i);
    expect(html.match(/href=[^>]*/g)).toEqual(['href="#use-cases"']);
  });
});

describe('terminal table', () => {
  const text = render('table');

  it('carries no escape sequence from the input when colour is off', () => {
    expect(text).not.toContain('\u001b');
    expect(text).toContain('␛[2J');
  });

  it.each([60, 80, 120, 200])(
    'keeps every line at %i columns, and every table line the width of its table',
    (columns) => {
      const page = planRenderers.table(nasty, { color: false, width: columns });
      let width = -1;
      for (const line of page.split('\n')) {
        expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
        const inTable = /^[│┌├└]/.test(line);
        if (!inTable) {
          width = -1;
          continue;
        }
        if (width < 0) width = displayWidth(line);
        expect(displayWidth(line), line).toBe(width);
      }
    },
  );

  it('a newline in a name does not start a row: one row per use case', () => {
    const section = text.slice(text.indexOf('Use cases'));
    const rows = section.split('\n').filter((l) => /^│ \S/.test(l));
    expect(rows).toHaveLength(nasty.use_cases.length + 1);
  });
});

describe('explain', () => {
  it('prints the nasty name on one line, without control characters', () => {
    const u = nasty.use_cases.find((x) => x.name === NASTY_NAME);
    if (!u) throw new Error('fixture lacks the nasty name');
    const text = renderExplain(u, nasty, { color: false });
    expect(text.split('\n')[0]).toContain('Evil |');
    expect(text.split('\n')[0]).toContain('🚀');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

describe('json', () => {
  it('keeps every string exactly, escaped by the serialiser', () => {
    const text = planRenderers.json(nasty, { color: false });
    expect(text).not.toContain('\u001b');
    const names = (JSON.parse(text) as typeof nasty).use_cases.map((u) => u.name);
    expect(names).toContain(NASTY_NAME);
  });
});

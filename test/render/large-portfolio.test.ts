// The renderers on a generated portfolio of 4,000 use cases. They are linear in the use cases, so
// this takes well under a second; a renderer that went quadratic again (cli-table3 measured a
// cell once per character it cut, and 4,000 use cases never finished) fails by the runner's timeout.
import { describe, expect, it } from 'vitest';
import { CELL_SHOWN } from '../../src/render/matrix/matrix-view.js';
import { planRenderers } from '../../src/render/matrix/registry.js';
import { largeInventory } from './fixtures/large-inventory.js';
import { planOf } from './fixtures/plan.js';
import { displayWidth } from './text-width.js';

const N = 4000;
const plan = planOf(largeInventory(N));
const biggest = plan.cells.reduce((a, b) => (b.use_cases.length > a.use_cases.length ? b : a));
const more = `+${biggest.use_cases.length - CELL_SHOWN} more`;

describe(`renderers on ${N} use cases`, () => {
  it('the terminal page fits its width, names the first use cases of a cell and counts the rest', () => {
    for (const width of [80, 132]) {
      const text = planRenderers.table(plan, { color: false, width });
      expect(text).toContain(more);
      for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    }
    // One row per use case in the use-case table, none lost (at 132 columns no id wraps).
    const text = planRenderers.table(plan, { color: false, width: 132 });
    const section = text.slice(text.indexOf('\nUse cases\n'));
    expect(section.split('\n').filter((l) => /^│ \S/.test(l))).toHaveLength(N + 1);
  });

  it('the terminal page in colour has the same lines as without', () => {
    const plain = planRenderers.table(plan, { color: false, width: 100 });
    const coloured = planRenderers.table(plan, { color: true, width: 100 }).replace(/\u001b\[[0-9;]*m/g, '');
    expect(coloured).toBe(plain);
  });

  it('Markdown: the matrix names the first use cases of each cell, the use-case table lists all', () => {
    const md = planRenderers.markdown(plan, { color: false });
    const matrix = md.slice(md.indexOf('## Matrix'), md.indexOf('## Portfolio split'));
    expect(matrix).toContain(more);
    expect(matrix.length).toBeLessThan(6000);
    const section = md.slice(md.indexOf('## Use cases'));
    expect(section.split('\n').filter((l) => l.startsWith('| **'))).toHaveLength(N);
  });

  it('HTML: page one names the first use cases of each cell, the following pages list all', () => {
    const html = planRenderers.html(plan, { color: false });
    const first = html.slice(0, html.indexOf('id="use-cases"'));
    expect(first).toContain(more);
    expect(first.match(/class="uc"/g)?.length ?? 0).toBeLessThanOrEqual(plan.cells.length * CELL_SHOWN);
    expect(html.slice(html.indexOf('id="use-cases"')).match(/<tr class="uc-row">/g)).toHaveLength(N);
  });
});

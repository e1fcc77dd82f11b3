import { describe, expect, it } from 'vitest';
import { PLAN_FORMATS, planRenderers } from '../../src/render/matrix/registry.js';
import { fixturePlan, planOf } from './fixtures/plan.js';
import { displayWidth } from './text-width.js';

const plan = fixturePlan();

describe('planRenderers', () => {
  it('offers exactly the four formats', () => {
    expect(PLAN_FORMATS).toEqual(['table', 'markdown', 'html', 'json']);
  });

  it.each(PLAN_FORMATS)('%s: no colour codes when colour is off', (format) => {
    expect(planRenderers[format](plan, { color: false })).not.toContain('\u001b[');
  });

  it('table: colours tiers and headings when colour is on, with the same text', () => {
    const coloured = planRenderers.table(plan, { color: true });
    expect(coloured).toContain('\u001b[');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(planRenderers.table(plan, { color: false }));
  });

  it.each([80, 100, 120, 160])('table: fits a %i-column terminal', (width) => {
    const text = planRenderers.table(plan, { color: false, width });
    const widest = Math.max(...text.split('\n').map(displayWidth));
    expect(widest).toBeLessThanOrEqual(width);
  });

  it.each(PLAN_FORMATS)('%s: renders an empty inventory', (format) => {
    const empty = planOf({ version: 1, use_cases: [] });
    const text = planRenderers[format](empty, { color: false });
    expect(text.endsWith('\n')).toBe(true);
    if (format !== 'json') expect(text).toContain('0 use cases');
  });
});

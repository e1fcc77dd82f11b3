import { describe, expect, it } from 'vitest';
import { renderExplain } from '../../src/render/matrix/explain.js';
import { planRenderers, type PlanFormat } from '../../src/render/matrix/registry.js';
import { fixturePlan } from './fixtures/plan.js';
import { expectGolden } from './golden.js';

const plan = fixturePlan();
const GOLDEN: [string, PlanFormat][] = [
  ['matrix.md', 'markdown'],
  ['matrix.html', 'html'],
  ['plan.json', 'json'],
  ['matrix.txt', 'table'],
];

describe('golden renders of the fixture plan', () => {
  it.each(GOLDEN)('%s', (file, format) => {
    expectGolden(file, planRenderers[format](plan, { color: false }));
  });

  it('explain.txt: a chosen tier, a gap, an unclassified use case and an exception', () => {
    const ids = ['patient-summaries', 'sovereign-drafting', 'mystery-bot', 'hr-chatbot'];
    const text = ids
      .map((id) => {
        const u = plan.use_cases.find((x) => x.id === id);
        if (!u) throw new Error(`fixture lacks ${id}`);
        return renderExplain(u, plan, { color: false });
      })
      .join('\n');
    expectGolden('explain.txt', text);
  });
});

describe('determinism', () => {
  it.each(GOLDEN)('%s: rendering twice, from two computed plans, is byte-identical', (_file, format) => {
    expect(planRenderers[format](fixturePlan(), { color: false })).toBe(
      planRenderers[format](fixturePlan(), { color: false }),
    );
  });

  it.each(GOLDEN)('%s: renders the same from the JSON plan (the interchange format)', (_file, format) => {
    const reread = JSON.parse(planRenderers.json(plan, { color: false })) as typeof plan;
    expect(planRenderers[format](reread, { color: false })).toBe(planRenderers[format](plan, { color: false }));
  });

  it('json is the plan itself, two-space indented, newline-terminated', () => {
    const text = planRenderers.json(plan, { color: false });
    expect(text).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(plan);
  });
});

// tierplan diff's core and its three formats over a set of inventory changes: a use case made
// public (a widening), one made more sensitive, one added, one removed, a gap opened, an override.
import { describe, expect, it } from 'vitest';
import { diffPlans, isEmptyDiff } from '../../src/core/diff/plan-diff.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Inventory, UseCase } from '../../src/core/policy/types.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../src/render/diff/diff-report.js';
import { fileURLToPath } from 'node:url';
import { expectGoldenIn } from '../render/golden.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));

const opts = { asOf: '2026-11-24', generator: 'tierplan test' };
const uc = (id: string, classes: string[], over: Partial<UseCase> = {}): UseCase => ({
  id,
  name: id,
  status: 'production',
  data: { classes },
  needs: { task: 'classification' },
  ...over,
});
const plan = (use_cases: UseCase[]) => computePlan({ version: 1, use_cases } as Inventory, DEFAULT_POLICY, opts);

const BASE = [
  uc('hr-triage', ['employee_data']),
  uc('kb-search', ['internal_docs']),
  uc('claims', ['pii']),
  uc('retiring', ['internal_docs']),
  uc('drafting', ['export_controlled'], { needs: { task: 'reasoning', reasoning: 'high' } }),
];
const HEAD = [
  uc('hr-triage', ['public']),
  uc('kb-search', ['internal_docs']),
  uc('claims', ['phi']),
  uc('new-bot', ['pii']),
  uc('drafting', ['export_controlled'], {
    needs: { task: 'reasoning', reasoning: 'high' },
    override: { tier: 'on-prem', reason: 'sovereignty review', expires: '2027-01-31', approved_by: 'ciso' },
  }),
];

describe('diffPlans', () => {
  const d = diffPlans(plan(BASE), plan(HEAD));
  it('a use case whose tier becomes more open is a widening, listed with the tiers newly cleared', () => {
    expect(d.widened).toEqual([{ id: 'hr-triage', tiers: ['api'], from: 'private-cloud', to: 'api' }]);
  });
  it('moves carry the rule ids that stopped and started applying; a stricter move is not a widening', () => {
    expect(d.moved.find((m) => m.id === 'hr-triage')).toMatchObject({
      widened: true,
      rules_removed: expect.arrayContaining(['sens.class.employee_data']),
      rules_added: expect.arrayContaining(['sens.class.public']),
    });
    for (const m of d.moved.filter((x) => x.id !== 'hr-triage')) expect(m.widened).toBe(false);
  });
  it('added, removed, overrides and the split', () => {
    expect(d.added).toEqual([{ id: 'new-bot', tier: 'private-cloud' }]);
    expect(d.removed).toEqual([{ id: 'retiring', tier: 'api' }]);
    expect(d.overrides_added).toEqual(['drafting']);
    expect(d.split.map((s) => s.tier)).toEqual(['api', 'private-cloud', 'on-prem']);
  });
  it('the same plan twice is an empty diff', () => {
    expect(isEmptyDiff(diffPlans(plan(BASE), plan(BASE)))).toBe(true);
    expect(renderDiffText(diffPlans(plan(BASE), plan(BASE)))).toMatch(/^No change to any placement\./);
  });
  it('a tier the plans do not describe counts as the most open (fail closed)', () => {
    const head = plan(HEAD);
    const hr = head.use_cases.find((u) => u.id === 'kb-search')!;
    const edited = {
      ...head,
      use_cases: head.use_cases.map((u) => (u === hr ? { ...hr, cleared: [...hr.cleared, 'mystery'] } : u)),
    };
    expect(diffPlans(plan(BASE), edited).widened.map((w) => w.id)).toContain('kb-search');
  });
  it.each([
    ['diff.txt', renderDiffText],
    ['diff.md', renderDiffMarkdown],
    ['diff.json', renderDiffJson],
  ])('golden %s', (file, render) => {
    expectGoldenIn(GOLDEN, file, render(d));
  });
  it('Markdown folds a long section into <details> after 10 rows', () => {
    const many = Array.from({ length: 14 }, (_, i) => uc(`bot-${String(i).padStart(2, '0')}`, ['pii']));
    const md = renderDiffMarkdown(diffPlans(plan(BASE), plan([...BASE, ...many])));
    expect(md).toContain('### Added (14)');
    expect(md).toContain('<details>\n<summary>4 more</summary>');
    expect(md.indexOf('bot-09')).toBeLessThan(md.indexOf('<details>'));
    expect(md.indexOf('bot-10')).toBeGreaterThan(md.indexOf('<details>'));
  });
});

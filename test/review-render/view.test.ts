import { describe, expect, it } from 'vitest';
import type { Proposal, Review, TriggerFiring } from '../../src/core/review/review-types.js';
import { makeReviewRenderers, reviewRenderers } from '../../src/render/review/review-registry.js';
import { buildReviewView } from '../../src/render/review/review-view.js';
import { firingIndex, proposalView } from '../../src/render/review/review-view-triggers.js';
import { fixtureReview } from './fixture.js';
import { realisticReview } from './realistic.js';

// What the meeting reads, beyond the goldens: rankings sorted by what they show, triggers of a
// rule in one table, proposals as sentences with their YAML change, ids that wrap but are whole.

const ORDER = ['api', 'private-cloud', 'on-prem'];
const realistic = realisticReview();

describe('use cases by cost', () => {
  it('every use case with traffic, sorted by the cost the table shows (billed + allocated)', () => {
    const v = buildReviewView(realistic, { tierOrder: ORDER });
    expect(new Set(v.useCases.map((u) => u.useCase))).toEqual(new Set(realistic.usage.map((c) => c.use_case)));
    const costs = v.useCases.map((u) => u.cost);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    for (const u of v.useCases) expect(u.cost).toBeCloseTo(u.billed + u.allocated, 6);
    // A self-hosted use case (allocated only) ranks by its allocated cost, not below the billed ones.
    const claims = v.useCases.findIndex((u) => u.useCase === 'claims-triage');
    expect(v.useCases[claims]!.billed).toBe(0);
    expect(claims).toBe(0);
  });

  it('ties are broken by tokens, then by id, whatever order the cells come in', () => {
    const cell = realistic.usage[0]!;
    const tie = (id: string, tokens: number) => ({
      ...cell,
      use_case: id,
      cost: 10,
      allocated_cost: 0,
      input_tokens: tokens,
      output_tokens: 0,
    });
    const usage = [tie('b', 5), tie('c', 9), tie('a', 5)];
    for (const order of [usage, [...usage].reverse()]) {
      const v = buildReviewView({ ...realistic, usage: order });
      expect(v.useCases.map((u) => u.useCase)).toEqual(['c', 'a', 'b']);
    }
  });

  it('the Markdown and the terminal list them in the same order', () => {
    const v = buildReviewView(realistic, { tierOrder: ORDER });
    const renderers = makeReviewRenderers({ tierOrder: ORDER });
    for (const format of ['markdown', 'table'] as const) {
      const out = renderers[format](realistic, { color: false, width: 160 });
      const section = out.slice(out.indexOf('Use cases by cost'));
      const positions = v.useCases.map((u) => section.indexOf(u.useCase));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });
});

describe('triggers', () => {
  it('one group per trigger, in the review order, every firing in one of them', () => {
    const review = fixtureReview();
    const v = buildReviewView(review);
    expect(v.triggerGroups.map((g) => g.trigger)).toEqual([...new Set(review.triggers.map((t) => t.trigger))]);
    expect(v.triggerGroups.flatMap((g) => g.firings).length).toBe(review.triggers.length);
    const underused = v.triggerGroups.find((g) => g.trigger === 'onprem-underused')!;
    expect(underused.rule).toBe('a self-hosted deployment below 10% of its capacity for 2 consecutive months');
    expect(underused.threshold).toBe('10%');
    // The moves name each deployment's own cost: said per row, not once for the group.
    expect(underused.move).toBe('');
    const idle = v.triggerGroups.find((g) => g.trigger === 'idle')!;
    expect(idle.move).toMatch(/^retire: /);
    expect(idle.chart).toBe(false);
  });

  it('a firing of fifteen subjects is one table with fifteen rows, not fifteen blocks', () => {
    const review = fixtureReview();
    const idle = review.triggers.find((t) => t.trigger === 'idle')!;
    const many: TriggerFiring[] = Array.from({ length: 15 }, (_, i) => ({ ...idle, use_case: `idle-${i}` }));
    const html = reviewRenderers.html({ ...review, triggers: many }, { color: false });
    expect(html.match(/<table class="firings">/g)?.length).toBe(1);
    expect(html.match(/idle-<wbr>\d+/g)?.length).toBe(15);
    expect(html.match(/Proposed: retire/g)?.length).toBe(1);
  });
});

describe('proposals', () => {
  const firing = (over: Partial<TriggerFiring>): TriggerFiring => ({
    ...fixtureReview().triggers[0]!,
    trigger: 'pc-spend-high',
    use_case: 'claims-triage',
    deployment: null,
    tier: 'api',
    move: { action: 'move', tier: 'private-cloud', note: '' },
    ...over,
  });
  const move: Proposal = {
    use_case: 'claims-triage',
    action: 'move',
    change: {
      path: ['override'],
      from: null,
      to: { tier: 'private-cloud', reason: 'Consolidation (pc-spend-high).', expires: '2027-09-30' },
    },
    reason: 'claims-triage: more than $20,000/month spent on api for 2 consecutive months (needs 2) (2026-08, 2026-09)',
    trigger: 'pc-spend-high',
  };

  it('a move reads as a sentence naming both tiers, with the override it adds as YAML', () => {
    const p = proposalView(move, firingIndex([firing({})]));
    expect(`${p.sentence}: ${p.reason}`).toBe(
      'Move claims-triage from api to private-cloud: more than $20,000/month spent on api for 2 consecutive months (needs 2) (2026-08, 2026-09)',
    );
    expect(p.patch).toEqual([
      { sign: '+', cls: 'add', text: 'override:' },
      { sign: '+', cls: 'add', text: '  tier: private-cloud' },
      { sign: '+', cls: 'add', text: '  reason: Consolidation (pc-spend-high).' },
      { sign: '+', cls: 'add', text: '  expires: 2027-09-30' },
    ]);
  });

  it('removing an override says where the use case goes, and shows the lines removed', () => {
    const pinned = { tier: 'on-prem', reason: 'Payer agreement.', expires: '2026-04-20' };
    const p = proposalView(
      { ...move, change: { path: ['override'], from: pinned, to: null } },
      firingIndex([firing({ tier: 'on-prem' })]),
    );
    expect(p.sentence).toBe(
      'Move claims-triage from on-prem to private-cloud: remove its override, so the policy places it',
    );
    expect(p.patch.every((l) => l.sign === '-')).toBe(true);
    expect(p.patch.map((l) => l.text)).toContain('  reason: Payer agreement.');
  });

  it('a retirement: the status line before and after', () => {
    const review = fixtureReview();
    const p = buildReviewView(review).proposals.find((x) => x.action === 'retire')!;
    expect(p.sentence).toBe('Retire quiet (status production → retired)');
    expect(p.patch.map((l) => `${l.sign} ${l.text}`)).toEqual(['- status: production', '+ status: retired']);
  });

  it('a reason full of backticks cannot close the Markdown fence around its YAML', () => {
    const review: Review = {
      ...fixtureReview(),
      proposals: [
        { ...move, change: { ...move.change, to: { tier: 'private-cloud', reason: 'a\n```\n# not a heading' } } },
      ],
    };
    const md = reviewRenderers.markdown(review, { color: false });
    const fence = md.match(/^ {2}(`{3,})diff$/m)![1]!;
    expect(fence.length).toBeGreaterThan(3);
    const body = md.slice(md.indexOf(`${fence}diff`) + fence.length + 4);
    expect(body.indexOf(`\n  ${fence}\n`)).toBeGreaterThan(body.indexOf('not a heading'));
  });
});

describe('ids in the HTML', () => {
  it('wrap at their hyphens (a break opportunity after each) and are never cut', () => {
    const html = makeReviewRenderers({ tierOrder: ORDER }).html(realistic, { color: false });
    expect(html).toContain('<b>parts-<wbr>export-<wbr>classification</b>');
    expect(html).not.toMatch(/…/);
    // Every use case with traffic is in the full list, whole once the breaks are taken out.
    const text = html.replace(/<wbr>/g, '');
    for (const c of realistic.usage) expect(text).toContain(`<b>${c.use_case}</b>`);
  });
});

// Grouping the use cases `plan` asks about on a terminal, answering once for a group, and the
// placement effect shown before a group's suggestions are accepted or dismissed.
import { describe, expect, it } from 'vitest';
import { attentionGroups, sharedChanges, sharedQuestionPlan, withShared } from '../../src/core/classify/attention.js';
import { groupEffect, placementOf } from '../../src/core/classify/effect.js';
import type { Answers } from '../../src/core/interactive/answers.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { UseCase } from '../../src/core/policy/types.js';
import { describePlacement, renderGroupCard } from '../../src/render/classify/group-card.js';

const P = DEFAULT_POLICY;
const OPTS = { asOf: '2026-11-24', generator: 'test' };
const uc = (id: string, extra: Partial<UseCase> = {}): UseCase => ({ id, name: id.toUpperCase(), ...extra });
const suggested = (
  id: string,
  owner: string,
  classes: string[],
  because: string,
  task?: UseCase['suggested'],
): UseCase =>
  uc(id, {
    owner,
    data: { classes: [] },
    needs: { task: 'summarization' },
    suggested: { data_classes: classes, because: [because], ...task },
  });

const PORTFOLIO: UseCase[] = [
  suggested('notes', 'clinic', ['phi'], 'mentions "patient"'),
  suggested('derm', 'clinic', ['phi'], 'mentions "patient"'),
  uc('intake', { owner: 'clinic' }), // unclassified, no suggestion
  suggested('payroll', 'people', ['employee_data'], 'mentions "payroll"'),
  suggested('leave', 'people', ['phi'], 'mentions "sick"'),
  uc('wiki', { owner: 'people', data: { classes: ['internal_docs'] }, needs: { task: 'search' } }), // decided
  uc('old', { status: 'retired' }),
  uc('memo', {}),
];

describe('attentionGroups', () => {
  it('by owner: every member that needs attention, largest group first, reasons counted once per text', () => {
    const groups = attentionGroups(PORTFOLIO, 'owner');
    expect(groups.map((g) => [g.key, g.use_cases.map((u) => u.id)])).toEqual([
      ['clinic', ['notes', 'derm', 'intake']],
      ['people', ['payroll', 'leave']],
      ['(no owner)', ['memo']],
    ]);
    expect(groups[0]!.because).toEqual([{ text: 'mentions "patient"', count: 2 }]);
    expect(groups[0]!.classes).toEqual([{ text: 'phi', count: 2 }]);
    expect(groups[1]!.classes).toEqual([
      { text: 'employee_data', count: 1 },
      { text: 'phi', count: 1 },
    ]);
  });

  it('by suggestion: the same classes and task together; those without one in a group of their own', () => {
    expect(attentionGroups(PORTFOLIO, 'suggestion').map((g) => [g.key, g.use_cases.map((u) => u.id)])).toEqual([
      ['phi', ['notes', 'derm', 'leave']],
      ['no suggestion', ['intake', 'memo']],
      ['employee_data', ['payroll']],
    ]);
  });

  it('by the answers needed: the same questions open and the same suggestion', () => {
    const withTask = uc('bot', { suggested: { data_classes: ['pii'], task: 'extraction' } });
    const groups = attentionGroups([...PORTFOLIO, withTask], 'answers');
    expect(groups.map((g) => [g.key, g.use_cases.map((u) => u.id)])).toEqual([
      ['to confirm · phi', ['notes', 'derm', 'leave']],
      ['lacks data and needs · no suggestion', ['intake', 'memo']],
      ['lacks data and needs · pii · task extraction', ['bot']],
      ['to confirm · employee_data', ['payroll']],
    ]);
    expect(groups[2]!.tasks).toEqual([{ text: 'extraction', count: 1 }]);
  });

  it('leaves out dismissed suggestions once the facts are known', () => {
    const dismissed = suggested('x', 'a', ['phi'], 'r');
    dismissed.suggested!.dismissed = 'no';
    expect(attentionGroups([dismissed], 'owner')).toEqual([]);
  });
});

describe('answering once for a group', () => {
  const answers: Answers = {
    data: { classes: ['pii'], regimes: ['gdpr'], residency: [] },
    needs: { task: 'generation', reasoning: 'low', context_tokens: 4000, tools: false, modalities: ['text'] },
  };

  it('asks every question any member leaves open, never the volume', () => {
    expect(sharedQuestionPlan([uc('a'), uc('b', { data: { classes: [] } })])).toEqual({
      data: 'all',
      needs: 'all',
      volume: false,
    });
    expect(sharedQuestionPlan(PORTFOLIO.slice(0, 2))).toEqual({ data: 'classes', needs: 'none', volume: false });
  });

  it('writes into each member only what it leaves open; declared classes and a written task stay', () => {
    expect(sharedChanges(uc('a'), answers).map((c) => c.path.join('.'))).toEqual([
      'data.classes',
      'data.regimes',
      'needs.task',
      'needs.reasoning',
      'needs.context_tokens',
      'needs.tools',
    ]);
    const known = uc('k', {
      data: { classes: ['internal_docs'] },
      needs: { task: 'search', reasoning: 'high' },
      suggested: { data_classes: ['phi'], task: 'code' },
    });
    const [after] = withShared([known], answers);
    expect(after).toEqual({
      id: 'k',
      name: 'K',
      data: { classes: ['internal_docs', 'pii'] },
      needs: { task: 'search', reasoning: 'high' },
    });
  });
});

describe('placement effect', () => {
  it('counts members per tier in the policy order, gaps last, and how many are still unclassified', () => {
    const p = placementOf([uc('a'), uc('b', { data: { classes: ['public'] }, needs: { task: 'search' } })], P, OPTS);
    expect(p.unclassified).toBe(1);
    expect(p.tiers.reduce((n, t) => n + t.count, 0)).toBe(2);
    const order = P.tiers.map((t) => t.id);
    const seen = p.tiers.map((t) => order.indexOf(t.tier!));
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(placementOf([], P, OPTS)).toEqual({ tiers: [], unclassified: 0 });
  });

  it('compares now, accepted and dismissed for the members with a suggestion only', () => {
    const clinic = attentionGroups(PORTFOLIO, 'owner')[0]!;
    const effect = groupEffect(clinic.use_cases, P, OPTS);
    expect(effect.deciding).toBe(2);
    // A pending suggestion is applied fail-closed: accepting it places the same way; dismissing
    // it leaves classes: [] (the policy's no-class level), on the most open tier cleared for it.
    expect(effect.now).toEqual(effect.accepted);
    expect(effect.accepted.tiers).toHaveLength(1);
    expect(effect.accepted.tiers[0]).toMatchObject({ count: 2 });
    expect(effect.dismissed.tiers).toEqual([{ tier: 'api', count: 2 }]);
    expect(effect.accepted.tiers[0]!.tier).not.toBe('api');
  });

  it('is shown with the group: size, suggestions, reasons, first ids, the three placements', () => {
    const clinic = attentionGroups(PORTFOLIO, 'owner')[0]!;
    const text = renderGroupCard(clinic, clinic.use_cases, groupEffect(clinic.use_cases, P, OPTS), { n: 1, of: 3 });
    expect(text).toContain('[group 1/3] clinic — 3 use cases, 2 with suggestions');
    expect(text).toContain('suggested phi ×2');
    expect(text).toContain('because mentions "patient" (2)');
    expect(text).toContain('notes, derm, intake\n');
    expect(text).toContain('if dismissed: 2 api');
    expect(text).toContain('1 use case without a suggestion');
    expect(describePlacement({ tiers: [{ tier: null, count: 3 }], unclassified: 3 })).toBe(
      '3 gap (3 still unclassified, placed fail-closed)',
    );
  });
});

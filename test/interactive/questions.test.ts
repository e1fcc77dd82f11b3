import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import {
  dataClassChoices,
  impliedRegimes,
  needsAttention,
  questionPlan,
  regimeChoices,
  residencyRegions,
} from '../../src/core/interactive/questions.js';
import type { UseCase } from '../../src/core/policy/types.js';

const uc = (extra: Partial<UseCase>): UseCase => ({ id: 'x', name: 'X', ...extra });

describe('questionPlan', () => {
  it('asks everything about a use case that states neither data nor needs, and the volume when unknown', () => {
    expect(questionPlan(uc({}))).toEqual({ data: 'all', needs: 'all', volume: true });
  });

  it('skips the data questions when data classes are known, the needs questions when needs are', () => {
    expect(questionPlan(uc({ data: { classes: ['pii'] } }))).toEqual({ data: 'none', needs: 'all', volume: true });
    expect(questionPlan(uc({ needs: { task: 'search' }, volume: { requests: 1 } }))).toEqual({
      data: 'all',
      needs: 'none',
      volume: false,
    });
  });

  it('residency alone does not make data known; an empty needs mapping is unknown needs', () => {
    expect(questionPlan(uc({ data: { residency: ['eu'] }, needs: {} }))).toMatchObject({ data: 'all', needs: 'all' });
  });

  it('puts suggestions to the architect even when the facts are known', () => {
    const q = questionPlan(
      uc({
        data: { classes: ['pii'] },
        needs: { reasoning: 'low' },
        suggested: { data_classes: ['phi'], task: 'extraction' },
      }),
    );
    expect(q).toMatchObject({ data: 'classes', needs: 'task' });
  });

  it('does not ask again about a dismissed suggestion: it was decided', () => {
    const dismissed = uc({
      data: { classes: [] },
      needs: { task: 'search' },
      suggested: { data_classes: ['phi'], task: 'extraction', dismissed: 'privacy officer: no patient data' },
    });
    expect(questionPlan(dismissed)).toMatchObject({ data: 'none', needs: 'none' });
    expect(needsAttention(dismissed)).toBe(false);
    // Unknown facts are still asked, dismissed or not.
    expect(questionPlan(uc({ suggested: { data_classes: ['phi'], dismissed: 'no' } }))).toMatchObject({
      data: 'all',
      needs: 'all',
    });
  });
});

describe('needsAttention', () => {
  it('is true for unclassified or suggested use cases, never for a classified or retired one', () => {
    expect(needsAttention(uc({}))).toBe(true);
    expect(needsAttention(uc({ data: { classes: [] }, needs: { task: 'search' } }))).toBe(false);
    expect(
      needsAttention(uc({ data: { classes: ['pii'] }, needs: { task: 'search' }, suggested: { task: 'code' } })),
    ).toBe(true);
    expect(
      needsAttention(uc({ data: { classes: ['pii'] }, needs: { task: 'search' }, suggested: { because: ['x'] } })),
    ).toBe(false);
    expect(needsAttention(uc({ status: 'retired' }))).toBe(false);
  });
});

describe('choices', () => {
  it('lists every data class of the policy with its explanation and level, suggestions marked and checked', () => {
    const choices = dataClassChoices(DEFAULT_POLICY, ['phi', 'pii'], ['phi']);
    expect(choices.map((c) => c.value)).toEqual(Object.keys(DEFAULT_POLICY.sensitivity.data_classes));
    const phi = choices.find((c) => c.value === 'phi')!;
    expect(phi).toMatchObject({
      checked: true,
      name: 'phi (suggested) — Protected health information (HIPAA). [regulated]',
    });
    expect(choices.find((c) => c.value === 'pii')).toMatchObject({ checked: true });
    expect(choices.find((c) => c.value === 'pii')!.name).not.toContain('suggested');
    expect(choices.find((c) => c.value === 'public')).toMatchObject({ checked: false });
  });

  it('shows the regimes the chosen classes imply as applying anyway, not as a choice', () => {
    expect([...impliedRegimes(DEFAULT_POLICY, ['phi', 'pci'])]).toEqual([
      ['hipaa', ['phi']],
      ['pci_dss', ['pci']],
    ]);
    const choices = regimeChoices(DEFAULT_POLICY, ['phi'], ['gdpr']);
    expect(choices.find((c) => c.value === 'hipaa')).toMatchObject({ disabled: 'applies anyway: implied by phi' });
    expect(choices.find((c) => c.value === 'hipaa')!.checked).toBeUndefined();
    expect(choices.find((c) => c.value === 'gdpr')).toMatchObject({ checked: true });
    expect(choices.find((c) => c.value === 'sox')).toMatchObject({ checked: false });
  });

  it('offers as residency the regions the policy deployments run in', () => {
    expect(residencyRegions(DEFAULT_POLICY)).toEqual(['eu', 'us']);
    const onlyUs = {
      ...DEFAULT_POLICY,
      tiers: DEFAULT_POLICY.tiers.map((t) => ({ ...t, deployments: t.deployments.filter((d) => d.region === 'us') })),
    };
    expect(residencyRegions(onlyUs)).toEqual(['us']);
  });
});

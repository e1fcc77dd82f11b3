import { describe, expect, it } from 'vitest';
import { applyChanges, changesFor, initialAnswers, sameValue } from '../../src/core/interactive/answers.js';
import type { UseCase } from '../../src/core/policy/types.js';

const bare: UseCase = { id: 'letters', name: 'Letters', status: 'pilot' };

describe('changesFor', () => {
  it('records every answer of an unknown use case, in the inventory fields', () => {
    const changes = changesFor(bare, {
      data: { classes: ['pii'], regimes: ['gdpr'], residency: ['eu'] },
      needs: { task: 'generation', reasoning: 'medium', context_tokens: 4000, tools: false, modalities: ['text'] },
      volume: { requests: 3000, input_tokens_per_request: 800 },
    });
    expect(changes).toEqual([
      { path: ['data', 'classes'], value: ['pii'] },
      { path: ['data', 'regimes'], value: ['gdpr'] },
      { path: ['data', 'residency'], value: ['eu'] },
      { path: ['needs', 'task'], value: 'generation' },
      { path: ['needs', 'reasoning'], value: 'medium' },
      { path: ['needs', 'context_tokens'], value: 4000 },
      { path: ['needs', 'tools'], value: false },
      { path: ['volume', 'requests'], value: 3000 },
      { path: ['volume', 'input_tokens_per_request'], value: 800 },
    ]);
  });

  it('writes nothing for empty regimes, anywhere, text only; and removes them when they were written', () => {
    expect(
      changesFor(bare, {
        data: { classes: ['public'], regimes: [], residency: [] },
        needs: { task: 'search', modalities: ['text'] },
      }),
    ).toEqual([
      { path: ['data', 'classes'], value: ['public'] },
      { path: ['needs', 'task'], value: 'search' },
    ]);
    const written: UseCase = {
      ...bare,
      data: { regimes: ['gdpr'], residency: ['eu'] },
      needs: { modalities: ['text'] },
    };
    expect(
      changesFor(written, {
        data: { classes: ['public'], regimes: [], residency: [] },
        needs: { task: 'search', modalities: ['text'] },
      }),
    ).toEqual([
      { path: ['data', 'classes'], value: ['public'] },
      { path: ['data', 'regimes'] },
      { path: ['data', 'residency'] },
      { path: ['needs', 'task'], value: 'search' },
      { path: ['needs', 'modalities'] },
    ]);
  });

  it('confirming suggestions moves them into the facts and removes `suggested`', () => {
    const uc: UseCase = {
      ...bare,
      data: { residency: ['us'] },
      suggested: { data_classes: ['phi'], task: 'extraction', because: ['mentions patients'] },
    };
    const answers = initialAnswers(uc);
    expect(answers.data?.classes).toEqual(['phi']);
    expect(answers.needs?.task).toBe('extraction');
    const changes = changesFor(uc, { data: { classes: answers.data!.classes }, needs: { task: answers.needs!.task } });
    expect(changes).toEqual([
      { path: ['data', 'classes'], value: ['phi'] },
      { path: ['needs', 'task'], value: 'extraction' },
      { path: ['suggested'] },
    ]);
    expect(applyChanges(uc, changes)).toEqual({
      ...bare,
      data: { residency: ['us'], classes: ['phi'] },
      needs: { task: 'extraction' },
    });
  });

  it('an answer equal to what is written makes no change', () => {
    const uc: UseCase = { ...bare, data: { classes: ['pii'] }, volume: { requests: 10 } };
    expect(changesFor(uc, { data: { classes: ['pii'] }, volume: { requests: 10 } })).toEqual([]);
  });

  it('applyChanges leaves the use case it is given untouched', () => {
    const uc: UseCase = { ...bare, data: { classes: ['pii'] } };
    const out = applyChanges(uc, [
      { path: ['data', 'classes'], value: ['phi'] },
      { path: ['needs', 'task'], value: 'search' },
    ]);
    expect(uc.data?.classes).toEqual(['pii']);
    expect(out).toEqual({ ...bare, data: { classes: ['phi'] }, needs: { task: 'search' } });
  });
});

describe('initialAnswers', () => {
  it('starts from the facts written, then adds suggested classes not yet among them', () => {
    const uc: UseCase = {
      ...bare,
      data: { classes: ['pii'], regimes: ['gdpr'] },
      needs: { reasoning: 'low' },
      suggested: { data_classes: ['pii', 'phi'] },
      volume: { requests: 5 },
    };
    expect(initialAnswers(uc)).toEqual({
      data: { classes: ['pii', 'phi'], regimes: ['gdpr'], residency: [] },
      volume: { requests: 5 },
    });
  });
});

describe('sameValue', () => {
  it('ignores key order and undefined members, not list order', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
  });
});

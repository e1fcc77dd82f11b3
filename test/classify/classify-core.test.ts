// Bulk decisions on pending suggestions: selection, grouping, and the changes they make.
import { describe, expect, it } from 'vitest';
import { acceptChanges, dismissChanges, hasPendingSuggestion } from '../../src/core/classify/decide.js';
import { groupSuggestions } from '../../src/core/classify/groups.js';
import { parseWhere, selected, type Where } from '../../src/core/classify/select.js';
import { applyChanges } from '../../src/core/interactive/answers.js';
import type { UseCase } from '../../src/core/policy/types.js';

const uc = (id: string, over: Partial<UseCase> = {}): UseCase => ({ id, name: id, ...over });
const where = (...xs: string[]): Where[] => xs.map((x) => parseWhere(x) as Where);

describe('--where', () => {
  it('parses FIELD=VALUE and refuses what it cannot use, saying why', () => {
    expect(parseWhere('owner=claims@x')).toEqual({ field: 'owner', value: 'claims@x' });
    expect(parseWhere('owner')).toMatch(/expected FIELD=VALUE/);
    expect(parseWhere('team=a')).toMatch(/unknown field "team".*id, owner, status, suggested/);
    expect(parseWhere('id=')).toMatch(/needs a value/);
  });
  it('all fields must hold; one field given twice matches either value; * matches a prefix', () => {
    const a = uc('claims-triage', { owner: 'claims', status: 'production', suggested: { data_classes: ['phi'] } });
    expect(selected(a, [])).toBe(true);
    expect(selected(a, where('owner=claims', 'suggested=phi'))).toBe(true);
    expect(selected(a, where('owner=claims', 'suggested=pii'))).toBe(false);
    expect(selected(a, where('owner=hr', 'owner=claims'))).toBe(true);
    expect(selected(a, where('id=claims-*'))).toBe(true);
    expect(selected(a, where('id=claims'))).toBe(false);
    expect(selected(a, where('status=idea'))).toBe(false);
    expect(selected(uc('x'), where('status=idea'))).toBe(true);
    expect(selected(uc('x'), where('owner=*'))).toBe(false);
  });
});

describe('accept and dismiss', () => {
  it('accepting adds the suggested classes to the declared ones and removes the suggestion', () => {
    const a = uc('a', { data: { classes: ['pii'] }, suggested: { data_classes: ['phi', 'pii'], because: ['x'] } });
    expect(applyChanges(a, acceptChanges(a))).toEqual(uc('a', { data: { classes: ['pii', 'phi'] } }));
  });
  it('a suggested task fills needs.task only when none is written', () => {
    const open = uc('a', { suggested: { task: 'extraction' } });
    expect(applyChanges(open, acceptChanges(open))).toEqual(
      uc('a', { data: { classes: [] }, needs: { task: 'extraction' } }),
    );
    const fact = uc('b', { data: { classes: [] }, needs: { task: 'search' }, suggested: { task: 'extraction' } });
    expect(applyChanges(fact, acceptChanges(fact))).toEqual(
      uc('b', { data: { classes: [] }, needs: { task: 'search' } }),
    );
  });
  it('dismissing keeps the suggestion as the record, and it is no longer pending', () => {
    const a = uc('a', { suggested: { data_classes: ['phi'] } });
    const d = applyChanges(a, dismissChanges(a, 'DPO: synthetic'));
    expect(d.suggested).toEqual({ data_classes: ['phi'], dismissed: 'DPO: synthetic' });
    expect(hasPendingSuggestion(a)).toBe(true);
    expect(hasPendingSuggestion(d)).toBe(false);
    expect(hasPendingSuggestion(uc('c', { suggested: { because: ['only a reason'] } }))).toBe(false);
  });
});

describe('groups', () => {
  const cases = [
    uc('d', { owner: 'clinic', suggested: { data_classes: ['phi'], because: ['mentions patient'] } }),
    uc('a', { owner: 'clinic', suggested: { data_classes: ['phi'], because: ['mentions patient'] } }),
    uc('b', { owner: 'hr', suggested: { data_classes: ['employee_data'], because: ['mentions payroll'] } }),
    uc('c', { suggested: { data_classes: ['phi'], task: 'extraction' } }),
    uc('e', { owner: 'clinic', suggested: { data_classes: ['phi'], dismissed: 'no' } }),
  ];
  it('by owner: largest first, members by id, each reason once with its count; dismissed left out', () => {
    expect(groupSuggestions(cases, 'owner')).toEqual([
      {
        key: 'clinic',
        use_cases: ['a', 'd'],
        because: [{ text: 'mentions patient', count: 2 }],
        classes: [{ name: 'phi', count: 2 }],
      },
      { key: '(no owner)', use_cases: ['c'], because: [], classes: [{ name: 'phi', count: 1 }] },
      {
        key: 'hr',
        use_cases: ['b'],
        because: [{ text: 'mentions payroll', count: 1 }],
        classes: [{ name: 'employee_data', count: 1 }],
      },
    ]);
  });
  it('by suggestion: the same classes and task group together, whatever the order', () => {
    expect(groupSuggestions(cases, 'suggestion').map((g) => [g.key, g.use_cases])).toEqual([
      ['phi', ['a', 'd']],
      ['employee_data', ['b']],
      ['phi · task extraction', ['c']],
    ]);
  });
});

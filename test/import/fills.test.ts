// constants: and defaults: in an import mapping (docs/import.md#constants-and-defaults).
import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../src/core/import/mapping-types.js';
import { imported, run } from './helpers.js';

const H = 'ID,Name,Agency,Task,PII,Rules\n';
const BASE: ImportMapping = {
  version: 1,
  columns: { id: 'ID', name: 'Name', task: 'Task' },
  data_classes: [{ column: 'PII', values: { yes: ['pii'], no: [] } }],
  regimes: [{ column: 'Rules' }],
};

describe('constants', () => {
  it('set every row; list constants are added to what the columns say', () => {
    const r = imported(
      { ...BASE, constants: { owner: 'AI office', regimes: ['gdpr'], residency: ['us'], tools: false } },
      `${H}a,A,VA,,yes,hipaa\nb,B,DoD,,no,\n`,
    );
    expect(r.useCases.map((u) => [u.owner, u.data, u.needs])).toEqual([
      ['AI office', { classes: ['pii'], regimes: ['hipaa', 'gdpr'], residency: ['us'] }, { tools: false }],
      ['AI office', { classes: [], regimes: ['gdpr'], residency: ['us'] }, { tools: false }],
    ]);
  });

  it('constant data classes are added to known classes, and only suggested where the row leaves them unknown', () => {
    const r = imported({ ...BASE, constants: { data_classes: ['financial'] } }, `${H}a,A,,,yes,\nb,B,,,,\n`);
    expect(r.useCases[0]!.data).toEqual({ classes: ['pii', 'financial'] });
    expect(r.useCases[1]!.data).toBeUndefined();
    expect(r.useCases[1]!.suggested).toEqual({
      data_classes: ['financial'],
      because: ["data classes financial: the mapping's constants (the row's own data classes are not known)"],
    });
  });

  it('a scalar constant for a field a column maps is refused, at the constant', () => {
    const r = run({ ...BASE, constants: { task: 'search' } }, `${H}a,A,,,,\n`);
    expect(r.result).toBeUndefined();
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'mapping-conflict',
        severity: 'error',
        path: ['constants', 'task'],
        message: 'task is both a constant and a column (columns.task): a row cannot take both',
      }),
    ]);
  });

  it('names the policy does not know are refused with a did-you-mean', () => {
    const r = run(
      { ...BASE, constants: { data_classes: ['phiz'] }, defaults: [{ set: { regimes: ['hipa'] } }] },
      `${H}a,A,,,,\n`,
    );
    expect(r.problems.map((p) => [p.code, p.path, p.hint])).toEqual([
      ['unknown-data-class', ['constants', 'data_classes', 0], 'did you mean "phi"?'],
      ['unknown-regime', ['defaults', 0, 'set', 'regimes', 0], 'did you mean "hipaa"?'],
    ]);
  });
});

describe('defaults', () => {
  const rules: ImportMapping['defaults'] = [
    { when: { column: 'Agency', equals: 'va' }, set: { owner: 'VA AI office', data_classes: ['phi'] } },
    { when: { column: 'Agency', in: ['DoD', 'Army'] }, set: { owner: 'DoD CDAO', regimes: ['itar'] } },
    { when: { column: 'Agency', matches: '^dep' }, set: { owner: 'Department', task: 'unknown' } },
    { set: { owner: 'Unassigned', task: 'search', regimes: ['gdpr'] } },
  ];

  it('fill blanks in rule order, the first matching rule winning per field', () => {
    const r = imported(
      { ...BASE, columns: { ...BASE.columns, owner: 'Owner' }, defaults: rules },
      'ID,Name,Agency,Task,PII,Rules,Owner\n' +
        'a,A,VA,,no,,\n' +
        'b,B,Army,,no,,\n' +
        'c,C,Dept of X,,no,,\n' +
        'd,D,Other,,no,,\n' +
        'e,E,VA,code,no,hipaa,Ann\n',
    );
    expect(r.useCases.map((u) => [u.id, u.owner, u.needs?.task, u.data?.regimes])).toEqual([
      ['a', 'VA AI office', 'search', ['gdpr']],
      ['b', 'DoD CDAO', 'search', ['itar']],
      ['c', 'Department', undefined, ['gdpr']],
      ['d', 'Unassigned', 'search', ['gdpr']],
      ['e', 'Ann', 'code', ['hipaa']],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('a data-class default never replaces an unknown answer: it is a suggestion with its reason', () => {
    const r = imported({ ...BASE, defaults: rules }, `${H}a,A,VA,,,\nb,B,VA,,no,\n`);
    expect(r.useCases[0]!.data).toEqual({ regimes: ['gdpr'] });
    expect(r.useCases[0]!.suggested).toEqual({
      data_classes: ['phi'],
      because: ['data classes phi: default for "Agency" = "va" (the row\'s own data classes are not known)'],
    });
    // Answered by the row: the default is not used.
    expect(r.useCases[1]!.data?.classes).toEqual([]);
    expect(r.useCases[1]!.suggested).toBeUndefined();
  });

  it('a when with no test, or a bad regular expression, is refused at its place', () => {
    const r = run(
      {
        ...BASE,
        defaults: [
          { when: { column: 'Agency' }, set: { owner: 'x' } },
          { when: { column: 'Agency', matches: '(' }, set: { owner: 'y' } },
          { when: { column: 'Agencyy', equals: 'VA' }, set: { owner: 'z' } },
        ],
      },
      `${H}a,A,,,,\n`,
    );
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['missing-key', ['defaults', 0, 'when']],
      ['invalid-value', ['defaults', 1, 'when', 'matches']],
      ['unknown-column', ['defaults', 2, 'when', 'column']],
    ]);
  });

  it('a pattern that could backtrack without bound is refused; a cell over 256 characters never matches', () => {
    const bad = run(
      { ...BASE, defaults: [{ when: { column: 'Agency', matches: '^(a+)+$' }, set: { owner: 'x' } }] },
      `${H}a,A,,,,\n`,
    );
    expect(bad.problems).toEqual([
      expect.objectContaining({ code: 'invalid-value', message: expect.stringMatching(/bounded time/) }),
    ]);
    const long = `${'dept '.repeat(60)}`;
    const r = imported(
      { ...BASE, defaults: [{ when: { column: 'Agency', matches: '^dept' }, set: { owner: 'D' } }] },
      `${H}a,A,${long},,no,\nb,B,dept x,,no,\n`,
    );
    expect(r.useCases.map((u) => u.owner)).toEqual([undefined, 'D']);
  });
});

describe('task: unknown', () => {
  it('in values or as the cell itself: no needs.task and no warning; a default does not fill it', () => {
    const mapping: ImportMapping = {
      ...BASE,
      columns: { ...BASE.columns, task: { column: 'Task', values: { tbd: 'unknown' } } },
      defaults: [{ set: { task: 'search' } }],
    };
    const r = imported(mapping, `${H}a,A,,TBD,no,\nb,B,,Unknown,no,\nc,C,,,no,\nd,D,,Nonsense,no,\n`);
    expect(r.useCases.map((u) => u.needs?.task)).toEqual([undefined, undefined, 'search', 'search']);
    expect(r.warnings.map((w) => w.id)).toEqual(['d']);
  });
});

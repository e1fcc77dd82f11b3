// Many use cases edited in one pass: comments and untouched text kept byte for byte, the result
// checked once, a flow-style file handled through the Document API, and a large file in one parse.
import { describe, expect, it } from 'vitest';
import { acceptChanges } from '../../src/core/classify/decide.js';
import type { Change } from '../../src/core/interactive/answers.js';
import type { UseCase } from '../../src/core/policy/types.js';
import { editUseCases } from '../../src/io/edit/write-back.js';
import { parseYaml } from '../../src/io/source/parse-yaml.js';

const TEXT = `version: 1 # inventory
use_cases:
  # the clinic's
  - id: derm
    name: Skin triage # keep me
    data:
      classes: []
    suggested:
      data_classes: [phi]
      because: ['mentions "patients"']
  - id: copy
    name: Marketing copy
    data: { classes: [] }
  - id: notes
    name: Notes
    suggested: { data_classes: [phi], task: summarization }
`;

const accepted = (text: string, ids: string[]): string => {
  const inv = parseYaml(text, 'inv.yaml').value as { use_cases: UseCase[] };
  const changes = new Map<string, Change[]>(
    inv.use_cases.filter((u) => ids.includes(u.id)).map((u) => [u.id, acceptChanges(u)]),
  );
  return editUseCases(text, 'inv.yaml', changes);
};

describe('editUseCases', () => {
  it('edits every selected use case; comments and the untouched use case stay byte for byte', () => {
    const out = accepted(TEXT, ['derm', 'notes']);
    expect(out).toContain('version: 1 # inventory\nuse_cases:\n  # the clinic');
    expect(out).toContain('name: Skin triage # keep me');
    expect(out).toContain('  - id: copy\n    name: Marketing copy\n    data: { classes: [] }\n');
    expect(out).not.toContain('suggested');
    const inv = parseYaml(out, 'inv.yaml').value as { use_cases: UseCase[] };
    expect(inv.use_cases.map((u) => [u.id, u.data?.classes, u.needs?.task])).toEqual([
      ['derm', ['phi'], undefined],
      ['copy', [], undefined],
      ['notes', ['phi'], 'summarization'],
    ]);
  });

  it('a use case written in flow style goes through the Document API, with the same result', () => {
    const flow =
      'version: 1\nuse_cases:\n  - { id: a, name: A, suggested: { data_classes: [phi] } }\n  - { id: b, name: B, suggested: { data_classes: [pii] } }\n';
    const inv = parseYaml(accepted(flow, ['a', 'b']), 'inv.yaml').value as { use_cases: UseCase[] };
    expect(inv.use_cases).toEqual([
      { id: 'a', name: 'A', data: { classes: ['phi'] } },
      { id: 'b', name: 'B', data: { classes: ['pii'] } },
    ]);
  });

  it('refuses a use case the file no longer holds, and writes nothing', () => {
    const changes = new Map<string, Change[]>([
      ['derm', [{ path: ['suggested'] }]],
      ['gone', [{ path: ['suggested'] }]],
    ]);
    expect(() => editUseCases(TEXT, 'inv.yaml', changes)).toThrow(/no longer holds a use case with id gone/);
  });

  it('3,000 use cases in one file: every one edited, in one pass', () => {
    const n = 3000;
    const lines = ['version: 1', 'use_cases:'];
    for (let i = 0; i < n; i++)
      lines.push(`  - id: uc-${i}`, `    name: Case ${i} # ${i}`, '    suggested:', '      data_classes: [phi]');
    const out = accepted(
      `${lines.join('\n')}\n`,
      Array.from({ length: n }, (_, i) => `uc-${i}`),
    );
    const inv = parseYaml(out, 'inv.yaml').value as { use_cases: UseCase[] };
    expect(inv.use_cases.every((u) => u.data?.classes?.[0] === 'phi' && u.suggested === undefined)).toBe(true);
    expect(out).toContain('name: Case 2999 # 2999');
  });
});

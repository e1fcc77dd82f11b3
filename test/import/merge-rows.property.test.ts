// Merging a grown sheet into the inventory its first rows made: every row lands exactly once,
// whatever the order of the rows and wherever the new ones are inserted; ids never move.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importRows } from '../../src/core/import/importer.js';
import type { ImportMapping } from '../../src/core/import/mapping-types.js';
import { mergeImported } from '../../src/core/import/merge.js';
import type { UseCase } from '../../src/core/policy/types.js';
import { VOCABULARY } from './helpers.js';

const HEADER = ['ID', 'Name', 'Owner', 'Description', 'PII'];
const MAPPING: ImportMapping = {
  version: 1,
  columns: { id: 'ID', name: 'Name', owner: 'Owner', description: 'Description' },
  data_classes: [{ column: 'PII', values: { yes: ['pii'], no: [] } }],
};

// Ids, names and owners from small pools so that rows often want the same id; descriptions
// unique so that every row is a distinct use case.
const row = fc.record({
  id: fc.constantFrom('', '', '', '35', '36', 'UC 1'),
  name: fc.constantFrom('Chatbot', 'chatbot!', 'Claims triage', 'Café', `${'Long name '.repeat(8)}x`, '客服'),
  owner: fc.constantFrom('', 'Agency A', 'Agency B'),
  pii: fc.constantFrom('yes', 'no', ''),
});

const run = (rows: string[][]) => {
  const r = importRows(
    MAPPING,
    HEADER,
    rows.map((cells, i) => ({ cells, line: i + 2 })),
    VOCABULARY,
  ).result!;
  return r;
};

const sheet = fc
  .tuple(fc.array(row, { minLength: 0, maxLength: 25 }), fc.array(row, { minLength: 0, maxLength: 10 }))
  .chain(([old, grown]) => {
    const cells = [...old, ...grown].map((r, k) => [r.id, r.name, r.owner, `row ${k}`, r.pii]);
    const all = cells.map((_, k) => k);
    return fc.tuple(fc.constant(cells), fc.constant(old.length), fc.shuffledSubarray(all, { minLength: all.length }));
  });

const key = (u: UseCase): string => u.description!;

describe('--merge of a grown, reordered sheet', () => {
  it('adds exactly the new rows, finds every old one unchanged, and never drops or duplicates a row', () => {
    fc.assert(
      fc.property(sheet, ([cells, oldCount, order]) => {
        const first = run(cells.slice(0, oldCount));
        const existing = first.useCases;
        const second = run(order.map((k) => cells[k]!));
        const { inventory, report } = mergeImported(existing, second);
        expect(report.conflicting).toEqual([]);
        expect(report.changed).toEqual([]);
        expect(report.unchanged).toHaveLength(oldCount);
        expect(report.added).toHaveLength(cells.length - oldCount);
        // Exactly the union: each row once, ids unique, old ids where they were.
        const rows = inventory.use_cases.map(key).sort();
        expect(rows).toEqual(cells.map((c) => c[3]!).sort());
        expect(new Set(inventory.use_cases.map((u) => u.id)).size).toBe(inventory.use_cases.length);
        expect(inventory.use_cases.slice(0, oldCount)).toEqual(existing);
        // Every added use case is a new row, with the id the grown sheet gave it.
        const fresh = new Set(cells.slice(oldCount).map((c) => c[3]));
        for (const u of inventory.use_cases.slice(oldCount)) expect(fresh.has(key(u))).toBe(true);
      }),
      { numRuns: 1000, seed: 20261206 },
    );
  });
});

describe('merge outcomes', () => {
  const csv = (lines: string[]) => run(lines.map((l) => l.split(',')));

  it('a row inserted before a same-named one is added; the old one is unchanged (not a copy of it)', () => {
    const before = csv([',Chatbot,Agency A,one,no']);
    const after = csv([',Chatbot,Agency B,two,yes', ',Chatbot,Agency A,one,no']);
    const m = mergeImported(before.useCases, after);
    expect(before.useCases[0]!.id).toBe('chatbot');
    expect(m.report.unchanged).toEqual([{ line: 3, id: 'chatbot' }]);
    expect(m.added).toEqual([after.useCases[0]]);
    expect(m.added[0]!.data?.classes).toEqual(['pii']);
  });

  it('changed fields are listed and kept; a data class the row adds is written, fail-closed', () => {
    const before = csv(['35,Claims,Agency A,one,no']);
    const after = csv(['35,Claims,Agency B,one,yes']);
    const m = mergeImported(before.useCases, after);
    expect(m.report.changed).toEqual([]);
    expect(m.report.updated).toEqual([{ line: 2, id: '35', fields: ['data.classes'], kept: ['owner'] }]);
    expect(m.updates.get('35')).toEqual([{ path: ['data', 'classes'], value: ['pii'] }]);
    expect(m.inventory.use_cases).toEqual([{ ...before.useCases[0]!, data: { classes: ['pii'] } }]);
  });

  it('only the other fields, and nothing lowering, when the row lowers sensitivity', () => {
    const before = csv(['35,Claims,Agency A,one,yes']);
    const after = csv(['35,Claims,Agency B,one,no']);
    expect(mergeImported(before.useCases, after).report.changed).toEqual([
      { line: 2, id: '35', fields: ['owner', 'data.classes'] },
    ]);
    const m = mergeImported(before.useCases, after, { update: true });
    expect(m.report.updated).toEqual([{ line: 2, id: '35', fields: ['owner'], kept: ['data.classes'] }]);
    expect(m.inventory.use_cases[0]!.owner).toBe('Agency B');
    expect(m.inventory.use_cases[0]!.data?.classes).toEqual(['pii']);
  });

  it('a class suggested anew reopens a dismissed suggestion', () => {
    const held: UseCase = {
      id: 'notes',
      name: 'Notes',
      suggested: { data_classes: ['pii'], because: ['a'], dismissed: 'not personal' },
    };
    const row: UseCase = { id: 'notes', name: 'Notes', suggested: { data_classes: ['pii', 'phi'], because: ['a'] } };
    const m = mergeImported([held], {
      useCases: [row],
      lines: [2],
      ids: [{ id: 'notes', base: 'notes', derived: false, notes: [] }],
    });
    expect(m.report.updated[0]!.fields).toEqual(['suggested.data_classes', 'suggested.dismissed']);
    expect(m.inventory.use_cases[0]!.suggested).toEqual({ data_classes: ['pii', 'phi'], because: ['a'] });
  });

  it('a derived id meeting a use case of another name conflicts; nothing is written for it', () => {
    const existing: UseCase[] = [{ id: 'cafe', name: 'CAFE (the canteen)' }];
    const m = mergeImported(existing, csv([',Café,,menu,no']));
    expect(m.report.conflicting).toEqual([
      {
        line: 2,
        id: 'cafe',
        reason: 'the id was made from the name, but the inventory\'s "cafe" is named "CAFE (the canteen)"',
      },
    ]);
    expect(m.added).toEqual([]);
  });

  it('two rows that could both be one hand-edited use case conflict', () => {
    const existing: UseCase[] = [{ id: 'chatbot', name: 'Chatbot', description: 'edited by hand' }];
    const m = mergeImported(existing, csv([',Chatbot,Agency A,one,no', ',Chatbot,Agency B,two,no']));
    expect(m.report.conflicting.map((c) => c.line)).toEqual([2, 3]);
    expect(m.report.conflicting[0]!.reason).toBe('2 rows could be the inventory\'s "chatbot" (same name)');
  });
});

// Invariants of the importer over arbitrary rows: ids are valid, unique slugs; every row read
// is imported, skipped or blank; the same rows give the same result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importRows } from '../../src/core/import/importer.js';
import type { ImportMapping } from '../../src/core/import/mapping-types.js';
import { SLUG_PATTERN } from '../../src/core/import/text.js';
import { checkInventory } from '../../src/core/policy/check-inventory.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { checkDocument } from '../../src/io/schema/schemas.js';
import { AS_OF, VOCABULARY } from './helpers.js';

const HEADER = ['ID', 'Name', 'Stage', 'PII', 'Tier', 'Why', 'Until', 'Rules', 'Where'];
const MAPPING: ImportMapping = {
  version: 1,
  columns: {
    id: 'ID',
    name: 'Name',
    status: 'Stage',
    override_tier: 'Tier',
    override_reason: 'Why',
    override_expires: 'Until',
  },
  data_classes: [{ column: 'PII', values: { yes: ['pii'], no: [] } }],
  regimes: [{ column: 'Rules' }],
  residency: [{ column: 'Where', values: { germany: ['eu'] } }],
  suggest: [{ words: ['patient*'], data_class: 'phi' }],
};

// Cells drawn from messy material: blanks, spaces, accents, punctuation, near-duplicates, long text.
const cell = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.constantFrom(
    'Claims triage',
    'claims-triage',
    'Café',
    'CAFÉ ',
    '客服',
    '---',
    'x',
    'Patient intake',
    'a'.repeat(80),
    'n'.repeat(10_001),
    'Live',
    'PoC',
    'yes',
    'No',
    'on-prem',
    'DSA',
    '2027-01-01',
    '01/02/2027',
    'soon',
    'api',
    'GDPR; HIPAA',
    'us',
    'Germany',
    ',;|',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const row = fc.array(cell, { minLength: 0, maxLength: HEADER.length + 1 });
const rows = fc.array(row, { maxLength: 60 });

const runRows = (cells: string[][]) =>
  importRows(
    MAPPING,
    HEADER,
    cells.map((c, i) => ({ cells: c, line: i + 2 })),
    VOCABULARY,
  );

describe('importer invariants', () => {
  it('ids are valid slugs of at most 63 characters, and unique', () => {
    fc.assert(
      fc.property(rows, (cells) => {
        const ids = runRows(cells).result!.useCases.map((u) => u.id);
        for (const id of ids) {
          expect(id).toMatch(SLUG_PATTERN);
          expect(id.length).toBeLessThanOrEqual(63);
        }
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });

  it('what is imported always passes the inventory schema and the policy checks (what `validate` runs)', () => {
    fc.assert(
      fc.property(rows, (cells) => {
        const inventory = { version: 1 as const, use_cases: runRows(cells).result!.useCases };
        expect(checkDocument('inventory', inventory)).toEqual([]);
        expect(checkInventory(inventory, DEFAULT_POLICY, AS_OF).filter((p) => p.severity === 'error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('imported + skipped + blank = rows read', () => {
    fc.assert(
      fc.property(rows, (cells) => {
        const r = runRows(cells).result!;
        expect(r.read).toBe(cells.length);
        expect(r.imported + r.skipped.length + r.blank).toBe(r.read);
        expect(r.useCases.length).toBe(r.imported);
      }),
      { numRuns: 300 },
    );
  });

  it('deterministic: the same rows give the same result', () => {
    fc.assert(
      fc.property(rows, (cells) => {
        expect(JSON.stringify(runRows(cells))).toBe(JSON.stringify(runRows(cells.map((c) => [...c]))));
      }),
      { numRuns: 100 },
    );
  });

  it('ids of rows with a valid given id that no earlier row took are kept as given', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,2}$/), { maxLength: 30 }),
        (ids) => {
          const r = runRows(ids.map((id) => [id, `Name ${id}`])).result!;
          expect(r.useCases.map((u) => u.id)).toEqual(ids);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shuffling the rows gives each row the same id', () => {
    // Names and ids from a small pool, so that rows often want the same id.
    const pool = fc.constantFrom('', 'Claims triage', 'claims-triage', 'CLAIMS TRIAGE!', 'Café', '35', 'a'.repeat(80));
    const stage = fc.constantFrom('', 'Live', 'PoC');
    const idRow = fc.tuple(pool, pool, stage).map(([id, name, st]) => [id, name, st]);
    fc.assert(
      fc.property(
        fc.array(idRow, { maxLength: 30 }).chain((cells) =>
          fc.tuple(
            fc.constant(cells),
            fc.shuffledSubarray(
              cells.map((_, i) => i),
              { minLength: cells.length },
            ),
          ),
        ),
        ([cells, order]) => {
          // Each use case (its content without the id) with its id: the same pairs in any order.
          const pairs = (rs: string[][]) =>
            runRows(rs)
              .result!.useCases.map((u) => `${JSON.stringify({ ...u, id: '' })} → ${u.id}`)
              .sort();
          const straight = pairs(cells);
          expect(pairs(order.map((i) => cells[i]!))).toEqual(straight);
        },
      ),
      { numRuns: 1000, seed: 20261206 },
    );
  });
});

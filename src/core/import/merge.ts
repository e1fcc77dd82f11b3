// Merging an import into an inventory that exists (docs/import.md#merging). Each imported row is
// matched to the use case it is, by the key that made its id, never by position:
//  - a row whose id the inventory has is that use case;
//  - a row that the sheet alone would have given another id (a fingerprint added because another
//    row now wants the same slug) is the use case holding the plain slug when name, owner and
//    description are the same — or, when exactly one row could be it, when only the name is the
//    same (the rest edited by hand).
// A row the same in name, owner and description wins over one that only shares the id.
// Then each row is added (a new use case), unchanged, updated, changed or conflicting (two rows
// claim one use case, or a derived id meets a use case of another name: nothing is written for it
// and it is reported). A matched row that differs updates the use case only where that cannot make
// it less sensitive: data classes and regimes the row adds are always added (a sheet that now says
// "PII" must not be ignored), and with `update` every other field takes the row's value; classes
// and regimes are never removed by a merge. The rest is listed, the inventory's values kept: it is
// where architects classify. No row is ever dropped silently or written twice.
import { applyChanges, type Change } from '../interactive/answers.js';
import type { Inventory, UseCase } from '../policy/types.js';
import { identityOf, type Allocated } from './ids.js';
import { normalizeKey } from './text.js';

interface MergeRow {
  line: number;
  id: string;
}

export interface MergeReport {
  added: MergeRow[];
  /** Rows that changed the use case: `fields` written, `kept` differing fields left as they were. */
  updated: (MergeRow & { fields: string[]; kept: string[] })[];
  /** Fields whose values differ from the inventory's; the inventory's are kept. */
  changed: (MergeRow & { fields: string[] })[];
  unchanged: MergeRow[];
  conflicting: (MergeRow & { reason: string })[];
}

export interface MergedImport {
  inventory: Inventory;
  /** The imported use cases the inventory did not have, in row order. */
  added: UseCase[];
  /** The changes to write into existing use cases, by id. */
  updates: Map<string, Change[]>;
  report: MergeReport;
}

export interface MergeOptions {
  /** Write every field the row fills and the inventory holds otherwise (classes and regimes: only additions). */
  update?: boolean;
}

interface Imported {
  useCases: UseCase[];
  lines: number[];
  ids: Allocated[];
}

export function mergeImported(existing: UseCase[], imported: Imported, opts: MergeOptions = {}): MergedImport {
  const byId = new Map(existing.map((u) => [u.id, u]));
  const { useCases, lines, ids } = imported;
  const claims = new Map<string, number[]>();
  const claim = (id: string, i: number): void => {
    const c = claims.get(id);
    if (c) c.push(i);
    else claims.set(id, [i]);
  };
  const sameName = (a: UseCase, b: UseCase): boolean => normalizeKey(a.name) === normalizeKey(b.name);
  const unmatched: number[] = [];
  const weak: number[] = [];
  const sameIdentity = (held: UseCase, u: UseCase): boolean => identityOf('', held) === identityOf('', u);
  // First the rows that are plainly a use case of the inventory: its id, or the slug they would
  // have alone, and the same name, owner and description.
  useCases.forEach((u, i) => {
    const a = ids[i]!;
    const held = byId.get(a.id);
    const plain = a.base !== a.id ? byId.get(a.base) : undefined;
    if (held && sameIdentity(held, u)) claim(a.id, i);
    else if (plain && sameIdentity(plain, u)) claim(plain.id, i);
    else if (held) weak.push(i);
    else unmatched.push(i);
  });
  // Then the rows whose id the inventory has, with other values (edited in the sheet or by hand).
  const shadowed = weak.filter((i) => claims.has(ids[i]!.id));
  for (const i of weak) if (!claims.has(ids[i]!.id)) claim(ids[i]!.id, i);
  // Last, rows that may be a use case edited by hand: the plain slug's holder, of the same name.
  const loose = new Map<string, number[]>();
  for (const i of unmatched) {
    const a = ids[i]!;
    const plain = a.base !== a.id ? byId.get(a.base) : undefined;
    if (plain && !claims.has(plain.id) && sameName(plain, useCases[i]!)) {
      const l = loose.get(plain.id);
      if (l) l.push(i);
      else loose.set(plain.id, [i]);
    }
  }
  const report: MergeReport = { added: [], updated: [], changed: [], unchanged: [], conflicting: [] };
  const updates = new Map<string, Change[]>();
  const outcome: ('added' | 'matched' | 'conflicting')[] = useCases.map(() => 'added');
  const conflict = (i: number, reason: string): void => {
    outcome[i] = 'conflicting';
    report.conflicting.push({ line: lines[i]!, id: useCases[i]!.id, reason });
  };
  for (const i of shadowed) {
    const other = claims.get(useCases[i]!.id)!.map((j) => lines[j]);
    conflict(
      i,
      `the inventory's "${useCases[i]!.id}" is the use case of ${unitsOf(other)}: give this row an id of its own`,
    );
  }
  for (const [id, rows] of loose) {
    if (rows.length === 1) claim(id, rows[0]!);
    else for (const i of rows) conflict(i, `${rows.length} rows could be the inventory's "${id}" (same name)`);
  }
  for (const [id, rows] of claims) {
    const held = byId.get(id)!;
    if (rows.length > 1) {
      const where = rows.map((i) => lines[i]).join(', ');
      for (const i of rows) conflict(i, `rows ${where} all match the inventory's "${id}": give them ids of their own`);
      continue;
    }
    const i = rows[0]!;
    const u = useCases[i]!;
    if (ids[i]!.derived && !sameName(held, u)) {
      conflict(i, `the id was made from the name, but the inventory's "${id}" is named "${held.name}"`);
      continue;
    }
    outcome[i] = 'matched';
    const fields = changedFields(held, u);
    const changes = fields.flatMap((f) => changeFor(held, u, f, opts.update === true));
    const written = changes.map((c) => c.path.join('.'));
    const kept = fields.filter((f) => !written.includes(f));
    if (fields.length === 0) report.unchanged.push({ line: lines[i]!, id });
    else if (changes.length === 0) report.changed.push({ line: lines[i]!, id, fields });
    else {
      report.updated.push({ line: lines[i]!, id, fields: written, kept });
      updates.set(id, changes);
    }
  }
  const added = useCases.filter((_, i) => outcome[i] === 'added');
  useCases.forEach((u, i) => {
    if (outcome[i] === 'added') report.added.push({ line: lines[i]!, id: u.id });
  });
  const byLine = (a: MergeRow, b: MergeRow): number => a.line - b.line;
  report.updated.sort(byLine);
  report.changed.sort(byLine);
  report.unchanged.sort(byLine);
  report.conflicting.sort(byLine);
  const kept = existing.map((u) => {
    const c = updates.get(u.id);
    return c ? applyChanges(u, c) : u;
  });
  return { inventory: { version: 1, use_cases: [...kept, ...added] }, added, updates, report };
}

// Lists whose every value counts toward sensitivity: a merge adds to them and never removes.
const RAISING = new Set(['data.classes', 'data.regimes', 'suggested.data_classes']);

/** The change a differing `field` makes to `held`, if any (see the header). */
function changeFor(held: UseCase, row: UseCase, field: string, update: boolean): Change[] {
  const path = field.split('.') as [string] | [string, string];
  const mine = valueAt(held, path);
  const theirs = valueAt(row, path);
  if (RAISING.has(field)) {
    const have = Array.isArray(mine) ? (mine as unknown[]) : [];
    const more = Array.isArray(theirs) ? (theirs as unknown[]).filter((v) => !have.includes(v)) : [];
    if (more.length === 0) return [];
    const changes: Change[] = [{ path, value: [...have, ...more] }];
    // A dismissal answered the classes suggested then, not these: they count until answered again.
    if (field === 'suggested.data_classes' && held.suggested?.dismissed !== undefined)
      changes.push({ path: ['suggested', 'dismissed'], value: undefined });
    return changes;
  }
  return update ? [{ path, value: theirs }] : [];
}

function valueAt(u: UseCase, path: readonly string[]): unknown {
  let v: unknown = u;
  for (const k of path) v = isRecord(v) ? v[k] : undefined;
  return v;
}

/** Fields the row has whose values differ from the inventory's (data.classes, status…). */
function changedFields(held: UseCase, row: UseCase): string[] {
  const fields: string[] = [];
  const a = held as unknown as Record<string, unknown>;
  const b = row as unknown as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (key === 'id') continue;
    const x = a[key];
    const y = b[key];
    // Field by field even where the inventory has no such group yet (`data` absent): a class the
    // row brings must be seen as `data.classes`, the field a merge always writes.
    if ((isRecord(x) || x === undefined) && isRecord(y) && key !== 'override') {
      const held = x ?? {};
      for (const sub of Object.keys(y)) if (!same(held[sub], y[sub])) fields.push(`${key}.${sub}`);
    } else if (!same(x, y)) fields.push(key);
  }
  return fields;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(sorted(x)) === JSON.stringify(sorted(y));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (isRecord(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted(v[k])]),
    );
  return v;
}

const unitsOf = (lines: (number | undefined)[]): string => `${lines.length === 1 ? 'row' : 'rows'} ${lines.join(', ')}`;

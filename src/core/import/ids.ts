// Use case ids for imported rows, independent of row order: the same rows in any order, or with
// rows inserted among them, give each row the same id (docs/import.md#ids).
//  - The id column (or columns, joined: [Agency, ID] → agency-35) when filled: kept when it is a
//    slug, else made one.
//  - Otherwise the slug of the name.
//  - A slug longer than 63 characters is cut at a word boundary and gets the fingerprint of the
//    whole text, so two long names that begin alike stay apart.
//  - When several rows would get the same id, each of them gets the fingerprint of what
//    identifies it (id, name, owner, description) appended: never -2, -3 by position. Rows
//    identical in all of that are numbered in the order of their whole content.
import type { UseCase } from '../policy/types.js';
import type { CompiledMapping } from './compile.js';
import { cut, fingerprint, normalizeKey, SLUG_MAX, SLUG_PATTERN, slugify } from './text.js';

/**
 * The id cell of a row; a composite id's cells each made a slug and joined with hyphens ("Agency
 * A", "35" → agency-a-35). '' when any part is blank: the id is then derived.
 */
export function givenIdOf(m: CompiledMapping, cell: (i: number) => string): string {
  const parts = m.idParts.map((c) => cell(c.index));
  if (parts.some((p) => p === '')) return '';
  if (parts.length === 1) return parts[0]!;
  return parts.map((p) => slugify(p, Number.MAX_SAFE_INTEGER) || fingerprint(p)).join('-');
}

/** What identifies a row, for the fingerprint that separates rows wanting the same id. */
export function identityOf(givenId: string, u: Pick<UseCase, 'name' | 'owner' | 'description'>): string {
  return fingerprint([givenId, u.name, u.owner ?? '', u.description ?? ''].map(normalizeKey).join('\u0000'));
}

export interface IdRequest {
  givenId: string;
  useCase: UseCase;
}

export interface Allocated {
  id: string;
  /** The id the row would have alone: its slug before any fingerprint for a repeat. */
  base: string;
  /** Made from the name: the id cell was blank. */
  derived: boolean;
  notes: string[];
}

const HASHED = SLUG_MAX - 9;

/** Ids for all rows at once: a row's id depends on the rows beside it, never on their order. */
export function allocateIds(rows: readonly IdRequest[]): Allocated[] {
  const out: Allocated[] = rows.map(({ givenId, useCase }) => baseOf(givenId, useCase.name));
  const groups = new Map<string, number[]>();
  out.forEach((a, i) => {
    const g = groups.get(a.base);
    if (g) g.push(i);
    else groups.set(a.base, [i]);
  });
  for (const [base, members] of groups) {
    if (members.length === 1) continue;
    // A given id keeps its slug when the other rows wanting it derived theirs from a name.
    const given = members.filter((i) => !out[i]!.derived);
    const movers = given.length === 1 ? members.filter((i) => out[i]!.derived) : members;
    for (const i of movers) {
      const r = rows[i]!;
      out[i]!.id = `${cut(base, HASHED)}-${identityOf(r.givenId, r.useCase)}`;
      // The same text for every row of the group, so that the summary shows it once with its count.
      out[i]!.notes.push(
        `${members.length} rows want the id "${base}": each gets a fingerprint of its id, name, owner and description${
          given.length > 1 ? ' (or map a composite id, e.g. columns: { id: [Agency, ID] })' : ''
        }`,
      );
    }
  }
  separateIdentical(out, rows);
  return out;
}

function baseOf(givenId: string, name: string): Allocated {
  const notes: string[] = [];
  if (givenId !== '' && SLUG_PATTERN.test(givenId) && givenId.length <= SLUG_MAX)
    return { id: givenId, base: givenId, derived: false, notes };
  const derived = givenId === '';
  const source = derived ? name : givenId;
  const full = slugify(source, Number.MAX_SAFE_INTEGER);
  let base: string;
  if (full === '') base = `${derived ? 'use-case' : 'id'}-${fingerprint(source)}`;
  else if (full.length > SLUG_MAX) base = `${cut(full, HASHED)}-${fingerprint(source)}`;
  else base = full;
  // Upper case is only a spelling: "UC-001" becoming "uc-001" needs no warning.
  if (!derived && base !== givenId.toLowerCase())
    notes.push(
      `id "${givenId}" is not a slug (lowercase letters, digits and hyphens, at most ${SLUG_MAX}): "${base}" is used`,
    );
  return { id: base, base, derived, notes };
}

/** Rows still sharing an id (identical identities, or a fingerprint met by chance) get -2, -3… */
function separateIdentical(out: Allocated[], rows: readonly IdRequest[]): void {
  const byId = new Map<string, number[]>();
  out.forEach((a, i) => {
    const g = byId.get(a.id);
    if (g) g.push(i);
    else byId.set(a.id, [i]);
  });
  const taken = new Set(byId.keys());
  for (const [id, members] of byId) {
    if (members.length === 1) continue;
    const content = (i: number): string => JSON.stringify([rows[i]!.givenId, { ...rows[i]!.useCase, id: '' }]);
    const sorted = [...members].sort((a, b) => (content(a) < content(b) ? -1 : content(a) > content(b) ? 1 : 0));
    let n = 2;
    for (const i of sorted.slice(1)) {
      let next: string;
      do {
        const suffix = `-${n++}`;
        next = `${cut(id, SLUG_MAX - suffix.length)}${suffix}`;
      } while (taken.has(next));
      taken.add(next);
      out[i]!.id = next;
      out[i]!.notes.push(
        `another row is identical to this one in id, name, owner and description: this row gets "${next}"`,
      );
    }
  }
}

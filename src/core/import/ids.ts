// Use case ids for imported rows: the given id when it is a slug, else a slug of it or of the
// name; repeats get -2, -3… in row order. The same rows always give the same ids.
import { cut, fingerprint, SLUG_MAX, SLUG_PATTERN, slugify } from './text.js';

export interface Allocated {
  id: string;
  /** Made from the name: the id cell was blank. */
  derived: boolean;
  notes: string[];
}

export class IdAllocator {
  private readonly used = new Set<string>();
  /** Where the search for a free -N starts, per base: every smaller N is taken for good. */
  private readonly nextSuffix = new Map<string, number>();

  allocate(givenId: string, name: string): Allocated {
    const notes: string[] = [];
    let base: string;
    let derived = false;
    if (givenId !== '' && SLUG_PATTERN.test(givenId) && givenId.length <= SLUG_MAX) base = givenId;
    else {
      derived = givenId === '';
      base = (givenId !== '' ? slugify(givenId) : '') || slugify(name) || `use-case-${fingerprint(name)}`;
      // Upper case is only a spelling: "UC-001" becoming "uc-001" needs no warning.
      if (givenId !== '' && base !== givenId.toLowerCase())
        notes.push(
          `id "${givenId}" is not a slug (lowercase letters, digits and hyphens, at most ${SLUG_MAX}): "${base}" is used`,
        );
    }
    let id = base;
    let n = this.nextSuffix.get(base) ?? 2;
    while (this.used.has(id)) {
      const suffix = `-${n++}`;
      id = `${cut(base, SLUG_MAX - suffix.length)}${suffix}`;
    }
    if (id !== base) this.nextSuffix.set(base, n);
    if (id !== base) notes.push(`id "${base}" is already used by an earlier row: this row gets "${id}"`);
    this.used.add(id);
    return { id, derived, notes };
  }
}

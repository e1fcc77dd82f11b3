// Merging an import into an inventory that exists: ids are made as for a fresh import, so the
// rows whose use case the inventory already holds are left alone and importing the same sheet
// again adds nothing.
import type { Inventory, UseCase } from '../policy/types.js';

export interface MergedImport {
  inventory: Inventory;
  /** The imported use cases the inventory did not have, in row order. */
  added: UseCase[];
  /** Rows whose id the inventory already holds: their line and id. */
  alreadyPresent: { line: number; id: string }[];
}

/** `imported[i]` came from line `lines[i]`. */
export function mergeImported(existing: UseCase[], imported: UseCase[], lines: number[]): MergedImport {
  const present = new Set(existing.map((u) => u.id));
  const added = imported.filter((u) => !present.has(u.id));
  const alreadyPresent = imported.flatMap((u, i) => (present.has(u.id) ? [{ line: lines[i]!, id: u.id }] : []));
  return { inventory: { version: 1, use_cases: [...existing, ...added] }, added, alreadyPresent };
}

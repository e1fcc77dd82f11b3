// The inventory `tierplan import` writes: built as data and serialised by the yaml library
// (a cell's text can never change the file's structure), with the schema line editors use.
// Strings a YAML 1.1 reader would read otherwise are double-quoted (yaml-safe.ts).
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Inventory, UseCase } from '../../core/policy/types.js';
import { commentSafe, escapeRawBreaks, quoteIfRisky } from './yaml-safe.js';

export interface InventoryHeader {
  schemaRef: string;
  source: string;
  mapping: string;
  suggested: number;
}

const OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;
// Every use case written out in full: a value shared by two rows is never an anchor and alias
// (which some readers refuse), and the library keeps no table of the objects it has seen.
const DOCUMENT = { aliasDuplicateObjects: false } as const;

export function renderImportedInventory(inventory: Inventory, h: InventoryHeader): string {
  const doc = new Document(inventory, DOCUMENT);
  const n = inventory.use_cases.length;
  const lines = [
    ` yaml-language-server: $schema=${h.schemaRef}`,
    '',
    ` Imported by \`tierplan import\` from ${h.source} with the mapping ${h.mapping}: ${n} use case${n === 1 ? '' : 's'}.`,
    ' Check it with `tierplan validate`, then place it with `tierplan plan`.',
  ];
  if (h.suggested > 0) {
    lines.push(
      " A `suggested:` block holds guesses from the mapping's keyword rules. Until confirmed or dismissed,",
      ' suggested data classes are applied fail-closed: `tierplan plan` on a terminal asks you to confirm them.',
    );
  }
  doc.commentBefore = lines.map(commentSafe).join('\n');
  return finish(doc);
}

/** Use cases as a top-level YAML list (`- id: …`), styled as the imported inventory: for appending to one. */
export function renderUseCaseItems(useCases: UseCase[]): string {
  return finish(new Document(useCases, DOCUMENT));
}

function finish(doc: Document): string {
  style(doc.contents);
  const text = escapeRawBreaks(doc.toString(OPTIONS));
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Short lists of names read best on one line (classes: [pii, phi]); strings a YAML 1.1 reader
 * would read otherwise are double-quoted. A walk of its own: the library's `visit` took longer
 * than building the document on 10,000 use cases.
 */
function style(node: unknown): void {
  if (isScalar(node)) quoteIfRisky(node);
  else if (isSeq(node)) {
    if (
      node.items.length <= 8 &&
      node.items.every(
        (i) => isScalar(i) && typeof i.value === 'string' && !i.value.includes('\n') && i.value.length < 40,
      )
    )
      node.flow = true;
    for (const item of node.items) style(item);
  } else if (isMap(node))
    for (const pair of node.items) {
      style(pair.key);
      style(pair.value);
    }
}

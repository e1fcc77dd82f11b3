// The starter mapping `tierplan import --init-mapping` writes: the guessed mapping as data,
// with comments saying why each entry is there and which columns are left to map.
import type { GuessedMapping } from '../../core/import/guess-mapping.js';
import { Document, isMap, isScalar, visit, type Node, type Scalar, type YAMLMap } from 'yaml';

export function renderStarterMapping(g: GuessedMapping, schemaRef: string, source: string, self: string): string {
  const doc = new Document(g.mapping);
  doc.commentBefore = [
    ` yaml-language-server: $schema=${schemaRef}`,
    '',
    ` Import mapping for ${source}, guessed from its header by \`tierplan import --init-mapping\`.`,
    ' Check every guess, map the columns listed at the end, then run:',
    `   tierplan import ${source} --mapping ${self} --output-file inventory.yaml`,
    '',
    ' A column is a header name ("Title"), { name: "Notes", occurrence: 2 } for a repeated',
    ' header, a 1-based position (3) or { letter: C }. Value keys ignore case and spaces.',
    ' data_classes: a blank or unknown answer leaves a use case unclassified: the plan treats',
    ' it as the most sensitive data and asks, never guesses.',
  ].join('\n');
  for (const note of g.notes) {
    const last = note.path[note.path.length - 1];
    const parent =
      note.path.length === 1 ? doc.contents : (doc.getIn(note.path.slice(0, -1), true) as Node | undefined);
    let node: Node | undefined;
    if (typeof last === 'string' && isMap(parent))
      node = (parent as YAMLMap).items.find((p) => isScalar(p.key) && (p.key as Scalar).value === last)?.key as
        | Node
        | undefined;
    else node = doc.getIn(note.path, true) as Node | undefined;
    if (node) node.commentBefore = ` ${note.text}`;
  }
  visit(doc, {
    Seq(_, seq) {
      if (seq.items.every((i) => isScalar(i))) seq.flow = true;
    },
    Map(_, map) {
      // Small value maps and column references ({ name: Notes, occurrence: 2 }) on one line.
      if (map.items.length <= 2 && map.items.every((p) => isScalar(p.value))) map.flow = true;
    },
  });
  const unmapped =
    g.unmapped.length === 0
      ? ' Every column is mapped.'
      : [
          ' Columns not mapped yet (map them above, or leave them out):',
          ...g.unmapped.map(
            (u) =>
              `   ${u.letter.padEnd(3)} ${u.label}${typeof u.ref === 'object' && 'name' in u.ref ? `  (a repeated header: { name: ${JSON.stringify(u.ref.name)}, occurrence: ${u.ref.occurrence ?? 1} })` : ''}`,
          ),
        ].join('\n');
  doc.comment = `\n${unmapped}\n\n${FILLS_EXAMPLE}`;
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Commented out: fields the sheet lacks (docs/import.md#constants-and-defaults). */
const FILLS_EXAMPLE = [
  " Fields the sheet lacks: constants set them on every row; defaults fill a row's blanks, the",
  ' first matching rule winning per field (a data_classes default is only a suggestion):',
  ' constants:',
  '   regimes: [gdpr]',
  ' defaults:',
  '   - when: { column: Department, equals: HR }   # or in: [...], or matches: "regex"',
  '     set: { owner: HR systems, data_classes: [employee_data] }',
  '   - set: { task: unknown }',
].join('\n');

import { Document, isMap, isScalar, isSeq, visit, type Node, type Scalar, type YAMLMap } from 'yaml';

type Path = (string | number)[];

/** Serialisation shared by the scaffolded files: no folding, `[a, b]` for short lists. */
export const SCAFFOLD_YAML = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * A document built from data, with a header comment whose first line is the
 * yaml-language-server schema reference editors look for.
 */
export function scaffoldDocument(
  data: unknown,
  schemaRef: string,
  header: readonly string[],
  inline: readonly string[] = [],
): Document {
  const doc = new Document(data);
  doc.commentBefore = [` yaml-language-server: $schema=${schemaRef}`, '', ...header.map(line)].join('\n');
  flowSmallNodes(doc, inline);
  return doc;
}

/** Comment lines above the entry at `path` (a map key or a list item); `gap` puts a blank line before them. */
export function above(doc: Document, path: Path, lines: readonly string[], gap = false): void {
  const node = entryNode(doc, path);
  if (!node) return;
  node.commentBefore = lines.map(line).join('\n');
  if (gap) node.spaceBefore = true;
}

/** A comment at the end of the line of the value at `path` (a scalar or a `[a, b]` list). */
export function beside(doc: Document, path: Path, text: string): void {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node) node.comment = line(text);
}

/** A blank line before the entry at `path`. */
export function gapBefore(doc: Document, path: Path): void {
  const node = entryNode(doc, path);
  if (node) node.spaceBefore = true;
}

// A comment "before" a map entry belongs on its key; before a list item, on the item itself.
function entryNode(doc: Document, path: Path): Node | undefined {
  const last = path[path.length - 1];
  const parent = path.length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as Node | undefined);
  if (typeof last === 'string' && isMap(parent)) {
    const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && (p.key as Scalar).value === last);
    return pair?.key as Node | undefined;
  }
  return doc.getIn(path, true) as Node | undefined;
}

// Lists of scalars, and the small maps named in `inline` (prices, conditions), read best on one line.
function flowSmallNodes(doc: Document, inline: readonly string[]): void {
  visit(doc, {
    Seq(_, seq) {
      if (seq.items.every((i) => isScalar(i))) seq.flow = true;
    },
    Pair(_, pair) {
      if (!isScalar(pair.key) || !inline.includes(String(pair.key.value)) || !isMap(pair.value)) return;
      if (
        pair.value.items.every((p) => isScalar(p.value) || (isSeq(p.value) && p.value.items.every((i) => isScalar(i))))
      )
        pair.value.flow = true;
    },
  });
}

// yaml writes each comment line after a `#`; a leading space keeps `# text` readable.
const line = (text: string): string => (text === '' ? '' : ` ${text}`);

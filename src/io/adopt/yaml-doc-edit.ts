// Additions to a YAML document through the yaml Document API: comments, key order and quoting of
// everything already there are kept; new nodes are block mappings with short lists in flow
// style, as the rest of tierplan writes them.
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLib } from '../source/yaml-lib.js';

/** A node for `value`: mappings in block style, lists of scalars in flow style. */
export function plainNode(doc: Document, value: unknown, comment?: string): Node {
  const { isMap, isSeq, isScalar, visit } = yamlLib();
  const node = doc.createNode(value) as Node;
  visit(node, {
    Map: (_, n) => {
      if (isMap(n)) n.flow = false;
    },
    Seq: (_, n) => {
      if (isSeq(n)) n.flow = n.items.every((i) => isScalar(i));
    },
  });
  if (comment !== undefined) node.commentBefore = comment;
  return node;
}

/** The sequence at `key` of `map`, created (empty, block style) when absent. */
export function seqAt(doc: Document, map: YAMLMap, key: string): YAMLSeq {
  const { isSeq } = yamlLib();
  const found = map.get(key, true);
  if (isSeq(found)) return found;
  if (found !== undefined && found !== null)
    throw new Error(`"${key}" is not a list: adopt cannot add to it (fix the file first)`);
  const seq = doc.createNode([]) as YAMLSeq;
  seq.flow = false;
  map.set(key, seq);
  return seq;
}

/** The mapping in `seq` whose `id` is `id`. */
export function entryWithId(seq: YAMLSeq, id: string): YAMLMap | undefined {
  const { isMap } = yamlLib();
  for (const item of seq.items) if (isMap(item) && item.get('id') === id) return item;
  return undefined;
}

/** A YAML comment body: one line, nothing a parser could read as a line break. */
export function commentText(s: string): string {
  return ` ${s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, ' ')}`;
}

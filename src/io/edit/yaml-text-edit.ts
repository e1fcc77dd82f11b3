// Edits to a YAML file's text at the source ranges of its nodes, so that every comment, key
// order, quoting style and blank line of everything not changed stays byte for byte; new values
// are serialised by the yaml library, as the inventory writes them.
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { yamlLib } from '../source/yaml-lib.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Why the text could not be edited in place; the caller falls back to the Document API. */
export class LayoutNotHandled extends Error {
  override name = 'LayoutNotHandled';
}

const SERIALISE = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Just after the line break that ends the line holding `offset` (the end of the text on the last line). */
export function afterLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyName(p) === key);
}

export function keyName(p: Pair): string {
  const k = p.key as { value?: unknown } | null;
  return String(k?.value ?? '');
}

/** A value on one line: a scalar, or a list in flow style (`[pii, phi]`), as the inventory writes them. */
export function renderValue(value: unknown): string {
  const doc = newDocument(value, true);
  return doc.toString(SERIALISE).replace(/\n$/, '');
}

/**
 * `key: value`, continuation lines indented under the key; mappings as blocks (or one flow
 * mapping when `flowMap`), lists in flow style unless `flowLists` is false.
 */
export function renderPair(
  key: string,
  value: unknown,
  indent: number,
  eol: string,
  style: { flowLists?: boolean; flowMap?: boolean } = {},
): string {
  const { isMap } = yamlLib();
  const doc = newDocument({ [key]: value }, style.flowLists ?? true);
  const inner = (doc.contents as YAMLMap).items[0]?.value;
  if (isMap(inner) && style.flowMap) inner.flow = true;
  const lines = doc.toString(SERIALISE).replace(/\n$/, '').split('\n');
  return lines.map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(indent) + l)).join(eol);
}

/** A document of plain data: mappings as blocks, lists in flow style when `flowLists`. */
export function newDocument(value: unknown, flowLists: boolean): Document {
  const { Document, visit, isMap, isSeq } = yamlLib();
  const doc = new Document(value);
  visit(doc, {
    Map: (_, node) => {
      if (isMap(node)) node.flow = false;
    },
    Seq: (_, node) => {
      if (isSeq(node)) node.flow = flowLists;
    },
  });
  return doc;
}

export function apply(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.end > sorted[i - 1]!.start) throw new LayoutNotHandled('two changes overlap');
  }
  // Pieces joined once: splicing the whole text per edit is quadratic when one pass edits
  // thousands of use cases.
  const pieces: string[] = [];
  let end = text.length;
  for (const e of sorted) {
    pieces.push(text.slice(e.end, end), e.text);
    end = e.start;
  }
  pieces.push(text.slice(0, end));
  return pieces.reverse().join('');
}

/** The start of a node's source, or a LayoutNotHandled when it has none. */
export function start(node: unknown): number {
  const s = rangeStart(node);
  if (s === undefined) throw new LayoutNotHandled('a node without a source position');
  return s;
}

/** keyColumn, or a LayoutNotHandled. */
export function column(text: string, map: YAMLMap): number {
  const c = keyColumn(text, map);
  if (c === undefined) throw new LayoutNotHandled('a mapping without a source position');
  return c;
}

export function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** The column (0-based) at which the keys of a block mapping start. */
export function keyColumn(text: string, map: YAMLMap): number | undefined {
  const start = rangeStart(map.items[0]?.key);
  if (start === undefined) return undefined;
  return start - (text.lastIndexOf('\n', start - 1) + 1);
}

/** The offset just after the last character (not a comment) of a pair's key or value. */
export function lastContent(text: string, pair: Pair): number {
  const ends = [(pair.key as Node | null)?.range?.[1], (pair.value as Node | null)?.range?.[1]].filter(
    (n): n is number => n !== undefined,
  );
  let end = Math.max(...ends);
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * The start of the comment lines written right above a key at its indentation (no blank line
 * between): they speak of that key and go with it. Other comments stay.
 */
export function commentsAbove(text: string, lineStart: number, indent: number): number {
  let start = lineStart;
  while (start > 0) {
    const prev = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(prev, start).replace(/\r?\n$/, '');
    if (!/^ *#/.test(line) || line.indexOf('#') !== indent) break;
    start = prev;
  }
  return start;
}

/** The offset of the end of the line holding `offset` (before its `\r\n` or `\n`). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** A scalar written on one line, or undefined when it needs more (a mapping, a multi-line string). */
export function renderScalar(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return undefined;
  const { Document } = yamlLib();
  const s = new Document(value).toString(SERIALISE).replace(/\n$/, '');
  return s.includes('\n') ? undefined : s;
}

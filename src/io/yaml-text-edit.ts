// Edits to a YAML file's text at the source ranges of its nodes, so that every comment, key
// order, quoting style and blank line of everything not changed stays byte for byte.
import type { Node, Pair, YAMLMap } from 'yaml';
import { yamlLib } from './yaml-lib.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

const BY_HAND = 'change it by hand';

/**
 * The text edit that makes the entry hold `to` at `path`, or why it cannot be made safely.
 * A scalar is replaced where it stands (its line comment stays); a key is removed with the
 * lines of its value; a new key goes after the last key of its mapping, at that mapping's
 * indentation, with any mapping value written as a block.
 */
export function planEdit(text: string, entry: YAMLMap, path: string[], to: unknown): Edit | string {
  const { isMap, isScalar, isAlias } = yamlLib();
  let map: YAMLMap = entry;
  for (const step of path.slice(0, -1)) {
    const value = findPair(map, step)?.value;
    if (!isMap(value)) return `${path.join('.')}: ${step} is not a mapping in the inventory; ${BY_HAND}`;
    map = value;
  }
  if (map.flow) return `the entry is written in flow style ({ … }); ${BY_HAND}`;
  const key = path[path.length - 1]!;
  const pair = findPair(map, key);
  const value = pair?.value;
  if (isAlias(value) || (value as { anchor?: string } | null | undefined)?.anchor) return `the value uses a YAML anchor or alias; ${BY_HAND}`;
  const indent = keyColumn(text, map);
  if (indent === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  if (pair && to !== null && to !== undefined) {
    const keyStart = rangeStart(pair.key);
    if (keyStart === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
    const inline = renderScalar(to);
    if (isScalar(value) && value.range && inline !== undefined && value.source !== '' && (value.type === 'PLAIN' || value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE')) {
      return { start: value.range[0], end: value.range[1], text: inline };
    }
    return { start: keyStart, end: lastContent(text, pair), text: renderPair(key, to, indent, eol) };
  }
  if (pair) {
    // Remove the key and its value's lines; comments on other lines stay.
    const keyStart = rangeStart(pair.key);
    if (keyStart === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    if (text.slice(lineStart, keyStart).trim() === '') return { start: commentsAbove(text, lineStart, indent), end: afterLine(text, lastContent(text, pair)), text: '' };
    // The key shares its line with the list item's dash: the next key moves up to take its place.
    const next = map.items[map.items.indexOf(pair) + 1];
    const nextStart = next ? rangeStart(next.key) : undefined;
    if (nextStart === undefined) return `the key ${key} is the only one of its mapping; ${BY_HAND}`;
    return { start: keyStart, end: nextStart, text: '' };
  }
  if (to === null || to === undefined) return 'nothing to change';
  const last = map.items[map.items.length - 1];
  if (!last) return `the mapping is empty; ${BY_HAND}`;
  const at = lineEnd(text, lastContent(text, last));
  return { start: at, end: at, text: eol + ' '.repeat(indent) + renderPair(key, to, indent, eol) };
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  const { isScalar } = yamlLib();
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** The column (0-based) at which the keys of a block mapping start. */
function keyColumn(text: string, map: YAMLMap): number | undefined {
  const start = rangeStart(map.items[0]?.key);
  if (start === undefined) return undefined;
  return start - (text.lastIndexOf('\n', start - 1) + 1);
}

/** The offset just after the last character (not a comment) of a pair's key or value. */
function lastContent(text: string, pair: Pair): number {
  const ends = [(pair.key as Node | null)?.range?.[1], (pair.value as Node | null)?.range?.[1]].filter((n): n is number => n !== undefined);
  let end = Math.max(...ends);
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * The start of the comment lines written right above a key at its indentation (no blank line
 * between): they speak of that key and go with it. Other comments stay.
 */
function commentsAbove(text: string, lineStart: number, indent: number): number {
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
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset just after the line break that ends the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

const SERIALISE = { lineWidth: 0 } as const;

/** A scalar written on one line, or undefined when it needs more (a mapping, a multi-line string). */
function renderScalar(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return undefined;
  const { Document } = yamlLib();
  const s = new Document(value).toString(SERIALISE).replace(/\n$/, '');
  return s.includes('\n') ? undefined : s;
}

/** `key: value`, a mapping as a block, its continuation lines indented to sit under the key. */
function renderPair(key: string, value: unknown, indent: number, eol: string): string {
  const { Document, isMap } = yamlLib();
  const doc = new Document({ [key]: value });
  // Nested mappings as blocks, whatever yaml would pick for short ones.
  if (isMap(doc.contents)) doc.contents.flow = false;
  const lines = doc.toString(SERIALISE).replace(/\n$/, '').split('\n');
  return lines.map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(indent) + l)).join(eol);
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// Writes answers into an inventory's text where they belong, changing nothing else: the
// document is parsed with the yaml Document API for the nodes' source ranges, each change
// becomes a text edit at those ranges, and the new values are serialised by the same library.
// Comments, blank lines, key order, quoting and the alignment of line comments all stay.
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { KEY_ORDER, type Change } from '../../core/interactive/answers.js';
import {
  afterLine,
  apply,
  column,
  findPair,
  keyName,
  lastContent,
  LayoutNotHandled,
  renderPair,
  renderValue,
  start,
  type Edit,
} from './yaml-text-edit.js';
import { removeKeyLines } from './key-removal.js';
import { yamlLib } from '../source/yaml-lib.js';

export { LayoutNotHandled, newDocument } from './yaml-text-edit.js';

/** Whole lines to insert at the start of a line, ordered among others at the same place by `order`. */
interface Insert {
  at: number;
  order: number;
  text: string;
}

interface Edits {
  edits: Edit[];
  inserts: Insert[];
  eol: string;
}

/** `text` with `changes` made to the use case mapping `entry` (a node of `text`'s document). */
export function editInPlace(text: string, entry: YAMLMap, changes: readonly Change[]): string {
  return editManyInPlace(text, [{ entry, changes }]);
}

/** `text` with the changes of several use cases made at once (their edits never overlap). */
export function editManyInPlace(
  text: string,
  entries: readonly { entry: YAMLMap; changes: readonly Change[] }[],
): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return apply(
    text,
    entries.flatMap((e) => entryEdits(text, e.entry, e.changes, eol)),
  );
}

function entryEdits(text: string, entry: YAMLMap, changes: readonly Change[], eol: string): Edit[] {
  if (entry.flow) throw new LayoutNotHandled('the use case is written in flow style ({ … })');
  const { isMap } = yamlLib();
  const out: Edits = { edits: [], inserts: [], eol };
  const groups = new Map<string, Change[]>();
  for (const c of changes) groups.set(c.path[0], [...(groups.get(c.path[0]) ?? []), c]);
  for (const [group, list] of groups) {
    const pair = findPair(entry, group);
    const whole = list.find((c) => c.path.length === 1);
    if (whole) {
      if (whole.value !== undefined) throw new LayoutNotHandled('only removal of a whole group is supported');
      if (pair) out.edits.push(removal(text, pair));
      continue;
    }
    const value = pair?.value;
    if (!pair) {
      const merged = mergeInto({}, group, list);
      if (Object.keys(merged).length > 0) insertKey(text, entry, { group: '', key: group, value: merged }, out);
    } else if (isMap(value) && !value.flow && value.items.length > 0) {
      editMap(text, value, group, list, out);
    } else {
      // `needs: {}`, `data:` with nothing, or a flow mapping: written anew, with what it held.
      const old = (value as Node | null)?.toJSON?.() as Record<string, unknown> | null | undefined;
      const merged = mergeInto(old ?? {}, group, list);
      const flowMap = isMap(value) && value.flow && value.items.length > 0;
      out.edits.push({
        start: start(pair.key),
        end: lastContent(text, pair),
        text: renderPair(group, merged, column(text, entry), out.eol, { flowMap }),
      });
    }
  }
  const at = new Map<number, Insert[]>();
  for (const i of out.inserts) at.set(i.at, [...(at.get(i.at) ?? []), i]);
  for (const [offset, list] of at) {
    const joined = list
      .sort((a, b) => a.order - b.order)
      .map((i) => i.text)
      .join('');
    // At the end of a file without a final line break, the new lines start on a line of their own.
    const lead = offset === text.length && text.length > 0 && !text.endsWith('\n') ? out.eol : '';
    out.edits.push({ start: offset, end: offset, text: lead + (lead ? joined.slice(0, -out.eol.length) : joined) });
  }
  return out.edits;
}

/** Sorts insertions that meet at one line: a group before the next, a key's own lines before the next key. */
const orderOf = (group: string, key?: string, within = 0): number =>
  rank('', group) * 100 + (key === undefined ? 0 : rank(group, key) + 1) + within;

function editMap(text: string, map: YAMLMap, group: string, list: Change[], out: Edits): void {
  const { isAlias, isScalar, isSeq } = yamlLib();
  const removed = list.filter((c) => c.value === undefined && findPair(map, c.path[1]!)).length;
  if (removed > 0 && removed >= map.items.length && list.every((c) => c.value === undefined)) {
    throw new LayoutNotHandled(`removing every key of ${group}`);
  }
  for (const c of list) {
    const key = c.path[1]!;
    const pair = findPair(map, key);
    const value = pair?.value as Node | null | undefined;
    if (c.value === undefined) {
      if (pair) out.edits.push(removal(text, pair));
    } else if (!pair) {
      insertKey(text, map, { group, key, value: c.value }, out);
    } else if (value?.anchor || isAlias(value)) {
      throw new LayoutNotHandled(`${group}.${key} uses a YAML anchor or alias`);
    } else if (isScalar(value) && value.range && !Array.isArray(c.value) && isOneLine(value.type)) {
      out.edits.push({ start: value.range[0], end: value.range[1], text: renderValue(c.value) });
    } else if (isSeq(value) && value.flow && value.range && Array.isArray(c.value)) {
      out.edits.push({ start: value.range[0], end: value.range[1], text: renderValue(c.value) });
    } else if (
      !(
        isSeq(value) &&
        !value.flow &&
        Array.isArray(c.value) &&
        blockItemEdits(text, value, c.value, orderOf(group, key, 0.5), out)
      )
    ) {
      const block = isSeq(value) && !value.flow;
      out.edits.push({
        start: start(pair.key),
        end: lastContent(text, pair),
        text: renderPair(key, c.value, column(text, map), out.eol, { flowLists: !block }),
      });
    }
  }
}

/**
 * A block list changed item by item, so the items kept keep their line comments: possible when
 * the new list is the kept items in their order followed by the added ones. False otherwise.
 */
function blockItemEdits(text: string, seq: YAMLSeq, next: readonly unknown[], order: number, out: Edits): boolean {
  const { isScalar } = yamlLib();
  const items = seq.items.map((item) => {
    if (!isScalar(item) || !item.range || !isOneLine(item.type)) return undefined;
    const lineStart = text.lastIndexOf('\n', item.range[0] - 1) + 1;
    const prefix = text.slice(lineStart, item.range[0]);
    return /^ *- +$/.test(prefix) ? { value: item.value, lineStart, prefix, end: item.range[1] } : undefined;
  });
  if (items.length === 0 || items.some((i) => i === undefined)) return false;
  const present = items as NonNullable<(typeof items)[number]>[];
  const kept = present.filter((i) => next.some((v) => sameScalar(v, i.value)));
  const added = next.slice(kept.length);
  if (
    !kept.every((k, n) => sameScalar(next[n], k.value)) ||
    added.some((v) => present.some((i) => sameScalar(v, i.value)))
  )
    return false;
  for (const item of present)
    if (!kept.includes(item)) out.edits.push({ start: item.lineStart, end: afterLine(text, item.end), text: '' });
  const last = present[present.length - 1]!;
  if (added.length > 0)
    out.inserts.push({
      at: afterLine(text, last.end),
      order,
      text: added.map((v) => `${last.prefix}${renderValue(v)}${out.eol}`).join(''),
    });
  return true;
}

const sameScalar = (a: unknown, b: unknown): boolean => a === b;

const isOneLine = (type: string | undefined): boolean =>
  type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';

function mergeInto(old: Record<string, unknown>, group: string, list: Change[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...old };
  for (const c of list) {
    if (c.value === undefined) delete merged[c.path[1]!];
    else merged[c.path[1]!] = c.value;
  }
  const order = KEY_ORDER[group] ?? [];
  const keys = Object.keys(merged).sort((a, b) => rankIn(order, a) - rankIn(order, b));
  return Object.fromEntries(keys.map((k) => [k, merged[k]]));
}

const rankIn = (order: readonly string[], key: string): number =>
  order.includes(key) ? order.indexOf(key) : order.length;
const rank = (group: string, key: string): number => rankIn(KEY_ORDER[group] ?? [], key);

/**
 * A new key goes on the line after the last key that comes before it in the usual order or,
 * when none does, on its own line just before the first key.
 */
/** A key to add to a mapping: `group` is the mapping's own key in the use case, '' at the top. */
interface NewKey {
  group: string;
  key: string;
  value: unknown;
}

function insertKey(text: string, map: YAMLMap, { group, key, value }: NewKey, out: Edits): void {
  const indent = column(text, map);
  const line = ' '.repeat(indent) + renderPair(key, value, indent, out.eol) + out.eol;
  const order = group === '' ? orderOf(key) : orderOf(group, key);
  const before = map.items.filter((p) => rank(group, keyName(p)) < rank(group, key));
  const after = before[before.length - 1];
  if (after) return void out.inserts.push({ at: afterLine(text, lastContent(text, after)), order, text: line });
  const first = map.items[0];
  if (!first) throw new LayoutNotHandled('an empty mapping');
  const keyStart = start(first.key);
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '')
    throw new LayoutNotHandled(`${key} would go before a key that shares its line`);
  out.inserts.push({ at: lineStart, order, text: line });
}

/** The lines of a key and its value, with the comments that speak of it (key-removal.ts). */
function removal(text: string, pair: Pair): Edit {
  const keyStart = start(pair.key);
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '')
    throw new LayoutNotHandled(`${keyName(pair)} shares its line with the item's dash`);
  return removeKeyLines(text, pair, lineStart, keyStart - lineStart);
}

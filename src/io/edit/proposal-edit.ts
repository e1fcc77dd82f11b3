// The one change a proposal makes to a use case, as an edit of the inventory's text (see
// yaml-text-edit.ts), or the reason it cannot be made safely and must be made by hand.
import type { YAMLMap } from 'yaml';
import { removeDashKey, removeKeyLines } from './key-removal.js';
import {
  findPair,
  keyColumn,
  lastContent,
  lineEnd,
  rangeStart,
  renderPair,
  renderScalar,
  type Edit,
} from './yaml-text-edit.js';
import { yamlLib } from '../source/yaml-lib.js';

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
  if (isAlias(value) || (value as { anchor?: string } | null | undefined)?.anchor)
    return `the value uses a YAML anchor or alias; ${BY_HAND}`;
  const indent = keyColumn(text, map);
  if (indent === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  if (pair && to !== null && to !== undefined) {
    const keyStart = rangeStart(pair.key);
    if (keyStart === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
    const inline = renderScalar(to);
    if (
      isScalar(value) &&
      value.range &&
      inline !== undefined &&
      value.source !== '' &&
      (value.type === 'PLAIN' || value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE')
    ) {
      return { start: value.range[0], end: value.range[1], text: inline };
    }
    return {
      start: keyStart,
      end: lastContent(text, pair),
      text: renderPair(key, to, indent, eol, { flowLists: false }),
    };
  }
  if (pair) {
    // Remove the key and its value's lines with the comments that speak of it (key-removal.ts).
    const keyStart = rangeStart(pair.key);
    if (keyStart === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    if (text.slice(lineStart, keyStart).trim() === '') return removeKeyLines(text, pair, lineStart, indent);
    // The key shares its line with the list item's dash: the next key moves up to take its place.
    const next = map.items[map.items.indexOf(pair) + 1];
    const nextStart = next ? rangeStart(next.key) : undefined;
    if (nextStart === undefined) return `the key ${key} is the only one of its mapping; ${BY_HAND}`;
    return removeDashKey(text, pair, nextStart, lineStart);
  }
  if (to === null || to === undefined) return 'nothing to change';
  const last = map.items[map.items.length - 1];
  if (!last) return `the mapping is empty; ${BY_HAND}`;
  const at = lineEnd(text, lastContent(text, last));
  return {
    start: at,
    end: at,
    text: eol + ' '.repeat(indent) + renderPair(key, to, indent, eol, { flowLists: false }),
  };
}

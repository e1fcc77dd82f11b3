// Removing a key with its value from a block mapping's text, and with it the comments that speak
// of it, so that no comment is left behind describing something that is gone and no comment of
// a neighbour goes with it:
//   - the comment lines right above the key at its indentation (no blank line between) go;
//   - line comments beside the key and inside its value go (they are on its lines);
//   - the comment lines right below its value (no blank line between) at its indentation or
//     deeper go, except those at its indentation that sit right above the next key of the same
//     mapping: they speak of that key and stay with it;
//   - a blank line the removal would leave doubled (or trailing at the end of the file) goes.
// Every other byte stays.
import type { Pair } from 'yaml';
import { afterLine, lastContent, commentsAbove, type Edit } from './yaml-text-edit.js';

/** The edit that removes `pair`, a key on a line of its own at column `indent` starting at `lineStart`. */
export function removeKeyLines(text: string, pair: Pair, lineStart: number, indent: number): Edit {
  let start = commentsAbove(text, lineStart, indent);
  const end = commentsBelow(text, afterLine(text, lastContent(text, pair)), indent);
  const before = previousLineStart(text, start);
  if (before !== undefined && isBlank(lineAt(text, before)) && (end === text.length || isBlank(lineAt(text, end))))
    start = before;
  return { start, end, text: '' };
}

/**
 * The edit that removes `pair`, a key on the line of a list item's dash (`- override:`), by
 * moving the next key of its mapping up onto the dash line. The comment lines above that next key
 * move, byte for byte, above the dash line: they still come right before what they speak of.
 */
export function removeDashKey(text: string, pair: Pair, nextKeyStart: number, dashLineStart: number): Edit {
  const keyStart = (pair.key as { range?: [number, number] }).range![0];
  const indent = keyStart - dashLineStart;
  const nextLineStart = text.lastIndexOf('\n', nextKeyStart - 1) + 1;
  const ownEnd = Math.min(commentsBelow(text, afterLine(text, lastContent(text, pair)), indent), nextLineStart);
  const moved = text.slice(ownEnd, nextLineStart);
  return { start: dashLineStart, end: nextKeyStart, text: moved + text.slice(dashLineStart, keyStart) };
}

/**
 * The end of the comment lines starting at `from` (the start of the line after a removed value)
 * that belong to what was removed: see the header of this file.
 */
function commentsBelow(text: string, from: number, indent: number): number {
  const lines: { end: number; deeper: boolean }[] = [];
  let at = from;
  while (at < text.length) {
    const m = /^( *)#/.exec(lineAt(text, at));
    if (!m || m[1]!.length < indent) break;
    at = afterLine(text, at);
    lines.push({ end: at, deeper: m[1]!.length > indent });
  }
  const next = at < text.length ? lineAt(text, at) : '';
  const sibling = !isBlank(next) && next.length - next.trimStart().length === indent;
  if (sibling) while (lines.length > 0 && !lines[lines.length - 1]!.deeper) lines.pop();
  return lines.length > 0 ? lines[lines.length - 1]!.end : from;
}

/** The text of the line starting at `lineStart`, without its line break. */
function lineAt(text: string, lineStart: number): string {
  return text.slice(lineStart, afterLine(text, lineStart)).replace(/\r?\n$/, '');
}

function previousLineStart(text: string, lineStart: number): number | undefined {
  if (lineStart === 0) return undefined;
  return text.lastIndexOf('\n', lineStart - 2) + 1;
}

const isBlank = (line: string): boolean => line.trim() === '';

// Column references of a mapping (header name, named occurrence, position, letter) resolved
// against a spreadsheet's header row, with "did you mean" when a name is not there.
import { didYouMean, type Problem } from '../diagnostics/problems.js';
import type { ColumnRef } from './mapping-types.js';
import { normalizeKey } from './text.js';

export interface Column {
  /** 0-based index into a row's cells. */
  index: number;
  /** How messages name it: the header text, or "column C" when the header cell is blank. */
  label: string;
}

type Path = (string | number)[];

/** 1 → A, 27 → AA. */
export function letterOf(position: number): string {
  let s = '';
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function positionOfLetter(letter: string): number {
  return [...letter.toUpperCase()].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0);
}

export class HeaderIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly loose = new Map<string, number[]>();

  constructor(readonly header: string[]) {
    header.forEach((h, i) => {
      push(this.exact, h, i);
      push(this.loose, normalizeKey(h), i);
    });
  }

  label(index: number): string {
    const h = this.header[index] ?? '';
    return h !== '' ? h : `column ${letterOf(index + 1)}`;
  }

  /** How many columns carry this header name (exactly, or else ignoring case and spaces). */
  count(name: string): number {
    return (this.exact.get(name) ?? this.loose.get(normalizeKey(name)) ?? []).length;
  }

  /** The column `ref` names, or a problem placed at `path` in the mapping. */
  resolve(ref: ColumnRef, path: Path): Column | Problem {
    if (typeof ref === 'number') return this.position(ref, path);
    if (typeof ref === 'object' && 'letter' in ref)
      return this.position(positionOfLetter(ref.letter), path, ` (letter ${ref.letter.toUpperCase()})`);
    const name = typeof ref === 'string' ? ref : ref.name;
    const occurrence = typeof ref === 'string' ? 1 : (ref.occurrence ?? 1);
    const found = this.exact.get(name) ?? this.loose.get(normalizeKey(name));
    const index = found?.[occurrence - 1];
    if (index !== undefined) return { index, label: this.label(index) };
    if (found) {
      return problem(
        path,
        `the header has ${found.length} column${found.length === 1 ? '' : 's'} named "${name}", not ${occurrence}`,
        `columns named "${name}" are at ${found.map((i) => letterOf(i + 1)).join(', ')}`,
      );
    }
    const named = this.header.filter((h) => h !== '');
    return problem(
      path,
      `no column "${name}" in the header`,
      [didYouMean(name, named), `the header has: ${named.map((h) => `"${h}"`).join(', ')}`].filter(Boolean).join('\n'),
    );
  }

  private position(position: number, path: Path, extra = ''): Column | Problem {
    if (position >= 1 && position <= this.header.length)
      return { index: position - 1, label: this.label(position - 1) };
    return problem(
      path,
      `column ${position}${extra} is past the end of the header, which has ${this.header.length} column${this.header.length === 1 ? '' : 's'}`,
      `the last column is ${letterOf(this.header.length)} ("${this.label(this.header.length - 1)}")`,
    );
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function problem(path: Path, message: string, hint: string): Problem {
  return { code: 'unknown-column', severity: 'error', message, hint, path };
}

export const isProblem = (x: Column | Problem): x is Problem => 'code' in x;

import { displayWidth } from './display-width.js';

// Column widths for terminal tables that must fit a given width: short columns (ids, states,
// dates) get what their widest entry needs, shrunk toward a floor only when the terminal is
// narrow; the prose columns share the rest. Widths include one space of padding on each side.

export interface Column {
  /** The widest entry plus padding, capped by the caller. */
  natural: number;
  /** Narrowest it may get before the prose columns give up room. */
  min: number;
}

/** The widest of `texts` (display columns) plus padding, at least `floor` + padding. */
export function widest(texts: Iterable<string>, floor: number): number {
  let w = floor;
  for (const t of texts) for (const line of t.split('\n')) w = Math.max(w, displayWidth(line));
  return w + 2;
}

/** `room` columns (including the flexible columns' borders) split evenly among `n` columns. */
export function evenly(room: number, n: number, min = 8): number[] {
  const rest = Math.max(n * min, room - n - 1);
  const each = Math.floor(rest / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? rest - each * (n - 1) : each));
}

/** Widths for `fixed` columns then `flexible` prose columns, borders included, adding up to `width`. */
export function fitColumns(width: number, fixed: Column[], flexible: number, minFlex = 16): number[] {
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const natural = fixed.map((c) => Math.max(c.min, c.natural));
  const floor = sum(fixed.map((c) => c.min));
  const budget = width - (fixed.length + flexible + 1) - flexible * minFlex;
  let widths = natural;
  if (sum(natural) > budget) {
    const k = budget <= floor ? 0 : (budget - floor) / (sum(natural) - floor);
    widths = fixed.map((c, i) => c.min + Math.floor(((natural[i] ?? c.min) - c.min) * k));
  }
  return [...widths, ...evenly(width - fixed.length - sum(widths), flexible)];
}

/** The widest space-separated word, or part of one after a hyphen (where wrapCell may break). */
function widestPart(texts: Iterable<string>): number {
  let w = 0;
  for (const t of texts)
    for (const word of t.split(/\s+/)) for (const part of word.split(/(?<=-)/)) w = Math.max(w, displayWidth(part));
  return w;
}

/**
 * Widths, padding included, for a table whose borders must fit `width`: every column as wide as
 * its widest line when that fits; otherwise the prose columns (`prose[i]`) start from their
 * longest word (ids wrap at hyphens) and share the room left evenly, a short column taking only
 * what it needs and leaving the rest to the long ones, while figures, months and amounts keep
 * their width. Only when even that does not fit does the widest column shrink further, so the
 * table never runs past `width`.
 */
export function fitToContent(width: number, head: string[], rows: string[][], prose: boolean[]): number[] {
  const n = head.length;
  const column = (i: number): string[] => [head[i] ?? '', ...rows.map((r) => r[i] ?? '')];
  const natural = head.map((_, i) => widest(column(i), 1));
  const room = width - (n + 1);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const widths = [...natural];
  if (sum(widths) > room) {
    const flex = head.map((_, i) => i).filter((i) => prose[i]);
    for (const i of flex) widths[i] = Math.min(natural[i]!, Math.max(8, widestPart(column(i)) + 2));
    let left = room - sum(widths);
    for (;;) {
      const open = flex.filter((i) => widths[i]! < natural[i]!);
      if (open.length === 0 || left <= 0) break;
      const share = Math.max(1, Math.floor(left / open.length));
      for (const i of open) {
        const add = Math.min(share, natural[i]! - widths[i]!, left);
        widths[i]! += add;
        left -= add;
      }
    }
  }
  // Still too wide: take from the widest column, one column of text at a time.
  for (let excess = sum(widths) - room; excess > 0; excess--) {
    const i = widths.indexOf(Math.max(...widths));
    if (widths[i]! <= 4) break;
    widths[i]!--;
  }
  return widths;
}

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

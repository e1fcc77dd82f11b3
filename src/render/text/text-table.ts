import { displayWidth } from './display-width.js';
import { wrapCell, type WrappedLine } from './wrap.js';

// Box-drawn terminal tables, laid out in time linear in the text: each cell is wrapped once and
// padded once. (cli-table3 re-measured a cell once per character it cut, which made a page of
// thousands of use cases take minutes.) The frame is cli-table3's, so output looks as before.

type Align = 'left' | 'right';

export interface TextTable {
  head: string[];
  rows: string[][];
  /** Column widths including one space of padding on each side; natural widths when absent. */
  widths?: number[];
  align?: Align[];
  /** No rule between body rows. */
  compact?: boolean;
}

/** Each column as wide as its widest line, plus padding. */
function naturalWidths(t: TextTable): number[] {
  const widths = t.head.map((h) => displayWidth(h) + 2);
  for (const row of t.rows) {
    row.forEach((cell, i) => {
      for (const line of cell.split('\n')) widths[i] = Math.max(widths[i] ?? 0, displayWidth(line) + 2);
    });
  }
  return widths;
}

export function drawTable(t: TextTable): string {
  const widths = (t.widths ?? naturalWidths(t)).map((w) => Math.max(3, w));
  const inner = widths.map((w) => Math.max(1, w - 2));
  const rule = (left: string, mid: string, right: string): string =>
    `${left}${widths.map((w) => '─'.repeat(w)).join(mid)}${right}`;
  const pad = (line: WrappedLine | undefined, i: number): string => {
    const room = ' '.repeat(Math.max(0, (inner[i] ?? 1) - (line?.width ?? 0)));
    const text = line?.text ?? '';
    return t.align?.[i] === 'right' ? `${room}${text}` : `${text}${room}`;
  };
  const out: string[] = [rule('┌', '┬', '┐')];
  const row = (cells: string[]): void => {
    const wrapped = widths.map((_, i) => wrapCell(cells[i] ?? '', inner[i] ?? 1));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) out.push(`│ ${wrapped.map((w, i) => pad(w[k], i)).join(' │ ')} │`);
  };
  row(t.head);
  t.rows.forEach((r, i) => {
    if (i === 0 || !t.compact) out.push(rule('├', '┼', '┤'));
    row(r);
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

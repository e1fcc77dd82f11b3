// One interface over a CSV record and a JSON object, so each format is mapped once, and the
// cell readers the mappers share (counts, money, instants, tags), which reject a row by throwing
// a Rejection with the reason.

import type { UsageRow } from '../../core/review/usage-types.js';
import type { CsvRecord } from './csv-scanner.js';
import {
  isNullText,
  parseInstant,
  parseJsonCell,
  MAX_COST,
  MAX_COUNT,
  parseNumber,
  tierplanTags,
  tierplanTagsOfText,
  type TimeFormat,
} from './values.js';

export interface Cells {
  /** The cell as text; null when absent, empty or NULL. */
  text(i: number): string | null;
  /** The cell as a value: JSON text parsed for CSV, the value itself for JSON. */
  value(i: number): unknown;
  /** Cheap pre-check before parsing JSON: might the cell contain this ASCII text? */
  mayHold(i: number, needle: Buffer): boolean;
  /** A non-negative integer read without decoding, or -1 (then use text). */
  digits(i: number): number;
  /** The tierplan tags in the cell (see values.tierplanTags). */
  tagsOf(i: number): readonly string[];
}

export class CsvCells implements Cells {
  r!: CsvRecord;
  text(i: number): string | null {
    if (i < 0 || this.r.isEmpty(i)) return null;
    const s = this.r.field(i);
    return isNullText(s) ? null : s;
  }
  value(i: number): unknown {
    const s = this.text(i);
    return s === null ? null : parseJsonCell(s);
  }
  mayHold(i: number, needle: Buffer): boolean {
    return this.r.includes(i, needle);
  }
  digits(i: number): number {
    return this.r.digits(i);
  }
  tagsOf(i: number): readonly string[] {
    const s = this.text(i);
    return s === null ? NO_TAGS : tierplanTagsOfText(s);
  }
}

export class JsonCells implements Cells {
  o: Record<string, unknown> = {};
  constructor(private readonly names: string[]) {}
  private get(i: number): unknown {
    if (i < 0) return undefined;
    const name = this.names[i]!;
    if (name in this.o) return this.o[name];
    if (!name.includes('.')) return undefined;
    let v: unknown = this.o;
    for (const step of name.split('.'))
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
    return v;
  }
  text(i: number): string | null {
    const v = this.get(i);
    if (v === undefined || v === null) return null;
    const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return isNullText(s) ? null : s;
  }
  value(i: number): unknown {
    const v = this.get(i);
    return typeof v === 'string' ? parseJsonCell(v) : (v ?? null);
  }
  mayHold(i: number, needle: Buffer): boolean {
    const v = this.get(i);
    if (v === undefined || v === null) return false;
    return (typeof v === 'string' ? v : JSON.stringify(v)).includes(needle.toString('latin1'));
  }
  digits(i: number): number {
    const v = this.get(i);
    // + 0: JSON's -0 counts as 0, as the text path reads it.
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_COUNT ? v + 0 : -1;
  }
  tagsOf(i: number): readonly string[] {
    const v = this.get(i);
    return typeof v === 'string' ? tierplanTagsOfText(v) : tierplanTags(v);
  }
}

/** Thrown by a mapper for a row that cannot be read; caught once per row. */
export class Rejection {
  constructor(readonly reason: string) {}
}

export type Mapper = (cells: Cells, file: string, line: number) => UsageRow;

const TIERPLAN = Buffer.from('tierplan');

export function count(cells: Cells, i: number, name: string): number {
  if (i < 0) return 0;
  const d = cells.digits(i);
  if (d >= 0) return d;
  const t = cells.text(i);
  if (t === null) return 0;
  const n = checkedNumber(t, name, MAX_COUNT, `${name} is negative`);
  return n === undefined ? 0 : Math.round(n);
}

export function money(cells: Cells, i: number, name: string, allowNegative: boolean): number | null {
  if (i < 0) return null;
  const t = cells.text(i);
  if (t === null) return null;
  const n = checkedNumber(t, name, MAX_COST, allowNegative ? null : `negative cost in ${name}`);
  return n === undefined ? null : n;
}

/**
 * The one rule every format's numbers pass (the fast paths only take what it would accept):
 * decimal notation, finite, at most `max` in size, negative only when `negative` is null (else
 * it is the reason). An out-of-range value is shown as the number it reads as, so `1e309` in
 * CSV and the Infinity JSON.parse makes of it give the same reason.
 */
export function checkedNumber(t: string, name: string, max: number, negative: string | null): number | undefined {
  const n = parseNumber(t);
  if (n === undefined) return undefined;
  if (Number.isNaN(n)) throw new Rejection(`${name} is not a number: ${clip(t)}`);
  if (n < 0 && negative !== null) throw new Rejection(`${negative}: ${clip(t)}`);
  if (n > max || n < -max)
    throw new Rejection(`${name} is out of range (at most ${max.toExponential()} in size): ${String(n)}`);
  return n;
}

export function instant(cells: Cells, i: number, name: string, format: TimeFormat = 'auto'): string {
  const t = cells.text(i);
  if (t === null) throw new Rejection(`${name} is empty`);
  const iso = parseInstant(t, format);
  if (iso === null)
    throw new Rejection(
      `${name} is not a date and time: ${clip(t)} (expected ISO 8601, YYYY-MM-DD HH:MM:SS in UTC, or MM/DD/YYYY HH:MM)`,
    );
  return iso;
}

/** Where a format keeps a request's latency: a duration column (-1: none) or an end time (-1: none). */
export interface LatencyColumns {
  duration: number;
  /** The duration column's name, for rejections. */
  durationName: string;
  end: number;
  format?: TimeFormat;
}

/** A duration column when the export has one, else end − start; null when neither is there. */
export function latencyOf(
  cells: Cells,
  { duration, durationName, end, format = 'auto' }: LatencyColumns,
  start: string,
): number | null {
  if (duration >= 0 && cells.text(duration) !== null) return count(cells, duration, durationName);
  const finished = optionalInstant(cells, end, format);
  return finished === null ? null : Math.max(0, Date.parse(finished) - Date.parse(start));
}

function optionalInstant(cells: Cells, i: number, format: TimeFormat = 'auto'): string | null {
  const t = i < 0 ? null : cells.text(i);
  return t === null ? null : parseInstant(t, format);
}

function clip(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

export function tagsOf(cells: Cells, a: number, b: number): string[] {
  const first = a >= 0 && cells.mayHold(a, TIERPLAN) ? cells.tagsOf(a) : NO_TAGS;
  const second = b >= 0 && cells.mayHold(b, TIERPLAN) ? cells.tagsOf(b) : NO_TAGS;
  if (second.length === 0) return [...first];
  return [...new Set([...first, ...second])];
}

const NO_TAGS: readonly string[] = [];

export const FAILED = new Set(['failure', 'failed', 'error', 'fail']);

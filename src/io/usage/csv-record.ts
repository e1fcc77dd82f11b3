// What the CSV scanner takes and hands out: its options, and one record with its fields as byte
// offsets, decoded on demand.

export type CsvEncoding = 'utf8' | 'cp1252';

/** What was wrong with a record's quoting; the record is still delivered, a reader rejects it. */
export type CsvRecordProblem = 'unterminated-quote' | 'stray-quote';

export interface CsvScannerOptions {
  /** One character; detected from the header line when absent. */
  delimiter?: string;
  /** Detected when absent: UTF-8 (BOM or valid sample), else Windows-1252. */
  encoding?: CsvEncoding;
  /** Where the first byte written sits in the file (a part of a file read on its own); 0 by default. */
  offset?: number;
  /** Records starting at or after this file offset are left alone; `stoppedAt` tells where that was. */
  stopAt?: number;
  /** Line number of the first byte written; 1 by default. */
  firstLine?: number;
  /**
   * Ranges [first, last] of adjacent columns whose bytes repeat from row to row (at most four,
   * ascending): each is recognised as a remembered run of bytes when it can be (csv-runs.ts),
   * and `runIds` tells which.
   */
  runs?: readonly (readonly [number, number])[];
  /** Longest record and field, in bytes: beyond them `write` throws a LimitExceeded (limits.ts). Unbounded by default. */
  maxRecordBytes?: number;
  maxFieldBytes?: number;
}

/**
 * One record, valid only during the `onRecord` call (the scanner reuses it and its buffer).
 * Fields are decoded on demand.
 */
export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  /** Number of fields. */
  readonly count: number;
  readonly problem: CsvRecordProblem | null;
  /** Field `i`, decoded and unquoted; '' when the record has fewer fields. */
  field(i: number): string;
  /** True when field `i` is absent or has no bytes. */
  isEmpty(i: number): boolean;
  /** Whether field `i`'s raw bytes contain `needle` (ASCII), without decoding it. */
  includes(i: number, needle: Buffer): boolean;
  /** Field `i` as a non-negative integer read straight from ASCII digits, or -1 when it is not one. */
  digits(i: number): number;
  /**
   * Raw access for byte-level readers: field `i` (i < count) is buf[starts[i], ends[i]), without
   * its enclosing quotes; flags[i] is 0 (plain), 1 (quoted, holds doubled quotes) or 2 (malformed
   * quoting, bytes as they are). Decoding is then `field(i)`.
   */
  readonly buf: Buffer;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /**
   * Per range of the `runs` option: the number of the remembered run the record's cells there
   * are (the same number, the same bytes), or -1. Absent without `runs`.
   */
  readonly runIds?: Int32Array;
}

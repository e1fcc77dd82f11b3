// Bytes of one usage file (or of a part of it) in, rows out: the CSV scanner or a JSON splitter
// feeding the format's mapper, with every row that cannot be read counted and the first few
// kept with their line. The same sink serves the whole-file reader and each worker thread's part.

import type { UsageAccumulator } from '../../core/review/aggregate.js';
import type { ReadCounts, RejectedRow, UsageRow } from '../../core/review/usage-types.js';
import { CsvCells, JsonCells, Rejection, type Cells } from './cells.js';
import { CsvScanner } from './csv-scanner.js';
import { litellmColumns } from './formats.js';
import { JsonArrayObjects, JsonLines, longestJsonString } from './json-containers.js';
import { DEFAULT_READ_LIMITS, LimitExceeded } from './limits.js';
import { litellmCsvReader } from './litellm-csv.js';
import { litellmJsonlReader } from './litellm-jsonl.js';
import { mapperFor } from './mappers.js';
import type { FilePlan, PlanOptions } from './plan-file.js';

export const MAX_REJECTED_SHOWN = 20;

/** What was read so far: read === accepted + rejected; the first MAX_REJECTED_SHOWN rejections. */
export interface Tally {
  counts: ReadCounts;
  rejected: RejectedRow[];
}

/**
 * A part of a file: from `offset` (0: the start, header included) to the first record at or
 * after `stopAt`; `line` is the line number at `offset` (1 when unknown: lines are then relative).
 */
export interface Part {
  offset: number;
  stopAt?: number;
  line?: number;
}

export interface RecordSink {
  feed(chunk: Buffer): void;
  finish(): void;
  /** Whether a record at or after `stopAt` was reached: the rest of the input is not needed. */
  readonly stopped: boolean;
  /** Line of the last record seen (for messages about a read that broke off). */
  readonly lastLine: number;
  /** File offset where the records read end (the next part's true start), after `finish` or once stopped. */
  readonly endOffset: number;
  /** Line at `endOffset`, counted from `part.line`. */
  readonly endLine: number;
}

/** Where rows go: a callback, or an accumulator (rows the fast paths read are then added without building them). */
export type RowsInto = ((row: UsageRow) => void) | UsageAccumulator;

export function recordSink(
  plan: FilePlan,
  opts: PlanOptions,
  tally: Tally,
  into: RowsInto,
  part: Part = { offset: 0 },
): RecordSink {
  const { file } = plan;
  // Told apart by shape, not `instanceof`: the accumulator may come from another copy of the module.
  const acc = typeof into === 'function' ? undefined : into;
  const onRow = typeof into === 'function' ? into : (row: UsageRow): void => into.add(row);
  const mapper = mapperFor(plan, opts);
  const limits = opts.limits ?? DEFAULT_READ_LIMITS;
  const counts = tally.counts;
  const reject = (line: number, reason: string): void => {
    counts.read++;
    counts.rejected++;
    if (tally.rejected.length < MAX_REJECTED_SHOWN) tally.rejected.push({ file, line, reason });
  };
  const deliver = (cells: Cells, line: number): void => {
    let row: UsageRow;
    try {
      row = mapper(cells, file, line);
    } catch (e) {
      if (!(e instanceof Rejection)) throw e;
      reject(line, e.reason);
      return;
    }
    counts.read++;
    counts.accepted++;
    onRow(row);
  };
  let lastLine = 1;

  if (plan.container === 'csv') {
    const width = plan.names.length;
    const cells = new CsvCells();
    // LiteLLM rows in the common shapes are read from their bytes; the rest through `mapper`.
    const fast = plan.format === 'litellm' ? litellmCsvReader(litellmColumns(plan.names), acc) : undefined;
    let header = part.offset === 0;
    const scanner = new CsvScanner(
      (r) => {
        lastLine = r.line;
        if (header) {
          header = false;
          return;
        }
        if (r.problem === 'unterminated-quote')
          return reject(
            r.line,
            'a quoted field is never closed: the record runs to the end of the file (truncated export?)',
          );
        if (r.problem === 'stray-quote')
          return reject(r.line, 'text after a closing quote: a quote inside a quoted field must be doubled ("")');
        if (r.count !== width)
          return reject(
            r.line,
            `has ${r.count} field${r.count === 1 ? '' : 's'}, the header has ${width}${r.count < width ? ' (truncated line?)' : ''}`,
          );
        if (fast !== undefined) {
          if (acc !== undefined) {
            if (fast.fold(r, file)) {
              counts.read++;
              counts.accepted++;
              return;
            }
          } else {
            const row = fast.row(r, file);
            if (row !== undefined) {
              counts.read++;
              counts.accepted++;
              onRow(row);
              return;
            }
          }
        }
        cells.r = r;
        deliver(cells, r.line);
      },
      {
        ...(plan.delimiter ? { delimiter: plan.delimiter } : {}),
        ...(plan.encoding ? { encoding: plan.encoding } : {}),
        offset: part.offset,
        firstLine: part.line ?? 1,
        ...(part.stopAt !== undefined ? { stopAt: part.stopAt } : {}),
        ...(fast !== undefined ? { runs: fast.runs } : {}),
        maxRecordBytes: limits.recordBytes,
        maxFieldBytes: limits.fieldBytes,
      },
    );
    return {
      feed: (chunk) => scanner.write(chunk),
      finish: () => scanner.end(),
      get stopped() {
        return scanner.stoppedAt >= 0;
      },
      get lastLine() {
        return lastLine;
      },
      get endOffset() {
        return scanner.endOffset;
      },
      get endLine() {
        return scanner.nextLineNumber;
      },
    };
  }

  const cells = new JsonCells(plan.names);
  const onObject = (text: string, line: number): void => {
    lastLine = line;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      reject(line, `not valid JSON (truncated line?): ${(e as Error).message}`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      reject(line, `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
      return;
    }
    cells.o = value as Record<string, unknown>;
    deliver(cells, line);
  };
  if (plan.container === 'jsonl') {
    // LiteLLM lines in the common shapes are read from their bytes; the rest parsed.
    const fast = plan.format === 'litellm' ? litellmJsonlReader(plan.names, file, acc) : undefined;
    const lines = new JsonLines(
      (buf, s, e, escaped, line) => {
        // Only a line longer than a field may be has its strings measured.
        if (e - s > limits.fieldBytes && longestJsonString(buf, s, e) > limits.fieldBytes)
          throw new LimitExceeded('fieldBytes', `a string on line ${line}`, line);
        if (fast !== undefined) {
          if (acc !== undefined) {
            if (fast.fold(buf, s, e, escaped, line)) {
              lastLine = line;
              counts.read++;
              counts.accepted++;
              return;
            }
          } else {
            const row = fast.row(buf, s, e, escaped, line);
            if (row !== undefined) {
              lastLine = line;
              counts.read++;
              counts.accepted++;
              onRow(row);
              return;
            }
          }
        }
        const text = buf.toString('utf8', s, e).trim();
        if (text !== '') onObject(text, line);
      },
      part.offset,
      part.stopAt,
      part.line ?? 1,
      limits.recordBytes,
    );
    return {
      feed: (chunk) => lines.write(chunk),
      finish: () => lines.end(),
      get stopped() {
        return lines.stoppedAt >= 0;
      },
      get lastLine() {
        return lastLine;
      },
      get endOffset() {
        return lines.endOffset;
      },
      get endLine() {
        return lines.line;
      },
    };
  }
  if (part.offset !== 0 || part.stopAt !== undefined) throw new Error('recordSink: a JSON array is read whole');
  const objects = new JsonArrayObjects(
    onObject,
    (line, msg) => reject(line, msg),
    limits.recordBytes,
    limits.fieldBytes,
  );
  return {
    feed: (chunk) => objects.write(chunk),
    finish: () => objects.end(),
    stopped: false,
    get lastLine() {
      return lastLine;
    },
    endOffset: plan.size,
    endLine: 0,
  };
}

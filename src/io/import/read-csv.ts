// Streams a CSV export into the importer: UTF-8 with or without BOM or Windows-1252, CRLF or
// LF, quoted cells with newlines and doubled quotes, `,` `;` tab or `|` (detected from the
// header line unless given). The file is read in chunks; only the rows' cells are kept.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { CsvScanner, type CsvRecord } from '../usage/csv-scanner.js';
import { InputError } from '../source/errors.js';
import { formatSize } from '../source/read-text.js';
import { type ImportLimits, limitError } from './limits.js';
import type { StartRows, TableInfo } from './table.js';

export type EncodingOption = 'utf8' | 'windows-1252' | 'auto';

export interface CsvOptions {
  encoding: EncodingOption;
  delimiter?: string;
  limits: ImportLimits;
}

const CHUNK_BYTES = 1 << 20;

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export async function readCsvTable(file: string, opts: CsvOptions, start: StartRows): Promise<TableInfo> {
  const first = await pass(
    file,
    opts.encoding === 'windows-1252' ? 'cp1252' : opts.encoding === 'utf8' ? 'utf8' : undefined,
    opts.delimiter,
    start,
    opts.limits,
  );
  if (first.invalidAt === undefined || first.encoding === 'cp1252')
    return info(first, opts.encoding === 'auto' && first.encoding === 'cp1252');
  if (opts.encoding === 'utf8') {
    throw new InputError([
      {
        code: 'invalid-utf8',
        severity: 'error',
        file,
        line: first.invalidAt.line,
        column: 1,
        message: `the file is not valid UTF-8 (byte 0x${first.invalidAt.byte.toString(16)} on this line)`,
        hint: 'it was probably saved by Excel as Windows-1252: pass --encoding windows-1252, or --encoding auto',
      },
    ]);
  }
  // Auto, and the invalid byte came after the sample the scanner decided on: read it again as Windows-1252.
  return info(await pass(file, 'cp1252', opts.delimiter, start, opts.limits), true);
}

function info(p: Pass, detected: boolean): TableInfo {
  const encoding = p.encoding === 'cp1252' ? 'windows-1252' : 'utf8';
  const name = DELIMITER_NAMES[p.delimiter] ?? JSON.stringify(p.delimiter);
  const source = `CSV, ${encoding}${detected ? ' (detected: the file is not valid UTF-8)' : ''}${p.bom ? ' with BOM' : ''}, ${name}-separated`;
  return { source, encoding, delimiter: p.delimiter, unit: 'line' };
}

interface Pass {
  encoding: 'utf8' | 'cp1252';
  delimiter: string;
  bom: boolean;
  invalidAt?: { line: number; byte: number };
}

async function pass(
  file: string,
  encoding: 'utf8' | 'cp1252' | undefined,
  delimiter: string | undefined,
  start: StartRows,
  limits: ImportLimits,
): Promise<Pass> {
  let sink: ReturnType<StartRows> | undefined;
  let headerSeen = false;
  let delivered = false;
  const onRecord = (r: CsvRecord): void => {
    delivered = true;
    const cells = Array.from({ length: r.count }, (_, i) => r.field(i));
    if (!headerSeen) {
      headerSeen = true;
      sink = start(
        cells.map((c) => c.trim()),
        r.line,
      );
      return;
    }
    if (r.problem === 'unterminated-quote')
      sink!.skip(
        r.line,
        'a quoted cell starting on this line is never closed (a " is missing): the rest of the file was read as that one cell',
      );
    else
      sink!.add(
        cells,
        r.line,
        r.problem === 'stray-quote' ? 'a cell has text after its closing quote: read as written' : undefined,
      );
  };
  const scanner = new CsvScanner(onRecord, { ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) });
  const check = new Utf8Check();
  let bom: boolean | undefined;
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  // The scanner keeps an unfinished record whole: `pending` bounds its size from above (all of
  // this chunk when a record ended in it), so a record is refused within a chunk past the limit,
  // never after the scanner has buffered a gigabyte of it. Finished records are measured exactly.
  let pending = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bom ??= chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      if (encoding !== 'cp1252') check.write(chunk);
      delivered = false;
      scanner.write(chunk);
      pending = delivered ? chunk.length : pending + chunk.length;
      if (pending > limits.rowBytes + CHUNK_BYTES) {
        const line = scanner.nextLineNumber;
        throw limitError(
          file,
          'rowBytes',
          limits,
          `the row starting on this line has not ended after ${formatSize(pending - CHUNK_BYTES)} (a quoted cell that is never closed also reads the rest of the file into one row)`,
          { line, column: 1 },
        );
      }
      // Auto detection decided on UTF-8 but the bytes disagree: stop, the caller re-reads.
      if (check.invalidAt && scanner.encoding === 'utf8' && encoding === undefined) break;
    }
  } finally {
    stream.destroy();
  }
  if (!check.invalidAt || scanner.encoding !== 'utf8') scanner.end();
  if (!headerSeen) {
    throw new InputError([
      {
        code: 'empty-file',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: 'the file holds no header row: expected a CSV export with column names on its first line',
      },
    ]);
  }
  return {
    encoding: scanner.encoding ?? 'utf8',
    delimiter: scanner.delimiter,
    bom: bom === true,
    ...(check.invalidAt ? { invalidAt: check.invalidAt } : {}),
  };
}

/** Checks UTF-8 validity across chunk boundaries, and where the first invalid byte is. */
class Utf8Check {
  invalidAt: { line: number; byte: number } | undefined;
  private tail = Buffer.alloc(0);
  private lines = 1;

  write(chunk: Buffer): void {
    if (this.invalidAt) return;
    const bytes = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    const end = completePrefix(bytes);
    const body = bytes.subarray(0, end);
    if (!isUtf8(body)) {
      const at = firstInvalid(body);
      this.invalidAt = { line: this.lines + count(body.subarray(0, at), 0x0a), byte: body[at] ?? 0 };
      return;
    }
    this.lines += count(body, 0x0a);
    this.tail = Buffer.from(bytes.subarray(end));
  }
}

function count(b: Buffer, byte: number): number {
  let n = 0;
  for (let i = b.indexOf(byte); i >= 0; i = b.indexOf(byte, i + 1)) n++;
  return n;
}

// A chunk may end inside a multi-byte character: those bytes wait for the next chunk.
function completePrefix(b: Buffer): number {
  for (let k = 1; k <= 3 && b.length - k >= 0; k++) {
    const c = b[b.length - k]!;
    if (c < 0x80) return b.length;
    if (c >= 0xc0) return k < (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) ? b.length - k : b.length;
  }
  return b.length;
}

function firstInvalid(b: Buffer): number {
  let lo = 0;
  let hi = b.length;
  // The longest valid prefix, by bisection (isUtf8 is native and fast); the invalid byte is just after.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isUtf8(b.subarray(0, completePrefix(b.subarray(0, mid))))) lo = mid;
    else hi = mid - 1;
  }
  return completePrefix(b.subarray(0, lo));
}

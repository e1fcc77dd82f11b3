// A byte-level streaming CSV record scanner. Chunks of bytes go in (`write`, then `end`); each
// complete record comes out through `onRecord` as field offsets into the current buffer, so
// nothing is decoded until a reader asks for a column (`field(i)`). RFC 4180: fields may be
// quoted, a quote inside is doubled, a quoted field may hold delimiters and newlines; records
// end with LF, CRLF or a lone CR. A UTF-8 BOM is skipped. The delimiter (`,` `;` tab `|`) is
// detected from the header line unless given; the encoding is UTF-8 unless the first 64 KiB
// are not valid UTF-8, in which case the file is read as Windows-1252 (or as told).

import { isUtf8 } from 'node:buffer';
import type { CsvEncoding, CsvRecord, CsvRecordProblem, CsvScannerOptions } from './csv-record.js';
import { RunMemo } from './csv-runs.js';
import { LimitExceeded } from './limits.js';
import { completeUtf8Prefix, decodeCp1252, detectDelimiter, endOfFirstLine, hasBom, utf8 } from './csv-text.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export { DELIMITER_CANDIDATES } from './csv-text.js';

export type { CsvEncoding, CsvRecord, CsvRecordProblem, CsvScannerOptions } from './csv-record.js';

// Flags per field: how to turn its bytes into a string.
const PLAIN = 0;
const QUOTED_ESCAPED = 1; // quoted, with doubled quotes to undouble
const RAW = 2; // malformed quoting: the bytes as they are

export class CsvScanner implements CsvRecord {
  line = 1;
  count = 0;
  problem: CsvRecordProblem | null = null;

  buf: Buffer = Buffer.alloc(0);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  runIds: Int32Array | undefined;
  private readonly memo: RunMemo | null = null;
  private started = false;
  private skipLF = false;
  private nextLine = 1;
  private delim = -1;
  private enc: CsvEncoding | undefined;
  private readonly special = new Uint8Array(256);
  private readonly onRecord: (record: CsvRecord) => void;
  /** File offset of work[0]. */
  private base: number;
  private readonly offset: number;
  private readonly stopAt: number;
  /** File offset of the first record left alone because of `stopAt`, else -1. */
  stoppedAt = -1;
  private readonly maxRecord: number;
  private readonly maxField: number;
  /** A complete record longer than this is looked at more closely (`checkRecord`). */
  private readonly maxEither: number;
  /** Where the unfinished record's open field starts in the work buffer (after the last scan). */
  private openField = 0;
  /** An unfinished record is scanned again only once `have` reaches this (see `write`). */
  private rescanAt = 0;

  constructor(onRecord: (record: CsvRecord) => void, options: CsvScannerOptions = {}) {
    this.onRecord = onRecord;
    if (options.delimiter !== undefined) {
      if (options.delimiter.length !== 1 || options.delimiter.charCodeAt(0) > 0x7f || options.delimiter === '"') {
        throw new Error(
          `a CSV delimiter is one ASCII character other than a quote, not ${JSON.stringify(options.delimiter)}`,
        );
      }
      this.delim = options.delimiter.charCodeAt(0);
    }
    this.enc = options.encoding;
    this.offset = this.base = options.offset ?? 0;
    this.stopAt = options.stopAt ?? Number.POSITIVE_INFINITY;
    this.line = this.nextLine = options.firstLine ?? 1;
    this.maxRecord = options.maxRecordBytes ?? Number.POSITIVE_INFINITY;
    this.maxField = options.maxFieldBytes ?? Number.POSITIVE_INFINITY;
    this.maxEither = Math.min(this.maxRecord, this.maxField);
    if (options.runs !== undefined && options.runs.length > 0 && options.runs.length <= 4) {
      this.memo = new RunMemo(options.runs);
      this.runIds = new Int32Array(options.runs.length);
    }
  }

  /** Line of the next record (1 at `offset`): after `stoppedAt` is set, the line where it is. */
  get nextLineNumber(): number {
    return this.nextLine;
  }

  /** Where the records read end: `stoppedAt`, or the end of the input once `end` was called. */
  get endOffset(): number {
    return this.stoppedAt >= 0 ? this.stoppedAt : this.base + this.have;
  }

  /** The delimiter in use ('' until the header line has been seen). */
  get delimiter(): string {
    return this.delim < 0 ? '' : String.fromCharCode(this.delim);
  }

  get encoding(): CsvEncoding | undefined {
    return this.enc;
  }

  write(chunk: Buffer): void {
    if (chunk.length === 0 || this.stoppedAt >= 0) return;
    this.append(chunk);
    if (!this.started) {
      if (!this.start(this.work.subarray(0, this.have), false)) {
        if (this.have > this.maxRecord) this.refuse('recordBytes', 'the header line');
        return;
      }
      this.skipBom();
    }
    // A long unfinished record is scanned again from its start only once the bytes have doubled
    // (or a limit may be crossed), so a record of n bytes costs O(n) scanning, not O(n²).
    const have = this.have;
    if (have < this.rescanAt && have <= this.maxRecord && have - this.openField <= this.maxField) return;
    this.consume(false);
    this.rescanAt = this.have >= 1 << 20 ? this.have * 2 : 0;
    if (this.have === 0) return;
    if (this.have > this.maxRecord) this.refuse('recordBytes', `a record starting at line ${this.line}`);
    if (this.have - this.openField > this.maxField)
      this.refuse('fieldBytes', `a field of the record starting at line ${this.line}`);
  }

  private refuse(limit: 'recordBytes' | 'fieldBytes', what: string): never {
    throw new LimitExceeded(limit, what, this.line);
  }

  // A complete record over a limit (only when a chunk is larger than the limit): its length is
  // checked once, its fields only when the record itself is longer than a field may be.
  private checkRecord(recStart: number, end: number): void {
    const len = end - recStart;
    if (len > this.maxRecord) this.refuse('recordBytes', `a record starting at line ${this.line}`);
    if (len > this.maxField)
      for (let f = 0; f < this.count; f++)
        if (this.ends[f]! - this.starts[f]! > this.maxField)
          this.refuse('fieldBytes', `field ${f + 1} of the record at line ${this.line}`);
  }

  /** No more input: the last record, even unterminated, is delivered. */
  end(): void {
    if (this.stoppedAt >= 0) return;
    if (!this.started) {
      this.start(this.work.subarray(0, this.have), true);
      this.skipBom();
    }
    this.consume(true);
  }

  // Bytes not yet scanned (an unfinished record) stay at the front of one reused work buffer;
  // each chunk is copied after them, so there is one memcpy per chunk and no allocation.
  private work: Buffer = Buffer.alloc(0);
  private have = 0;

  private append(chunk: Buffer): void {
    const need = this.have + chunk.length;
    if (need > this.work.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.work.length * 2, 64 * 1024));
      this.work.copy(bigger, 0, 0, this.have);
      this.work = bigger;
    }
    chunk.copy(this.work, this.have);
    this.have = need;
  }

  private skipBom(): void {
    if (this.offset === 0 && hasBom(this.work.subarray(0, this.have))) {
      this.work.copyWithin(0, 3, this.have);
      this.have -= 3;
      this.base += 3;
    }
  }

  private consume(final: boolean): void {
    const used = this.scan(this.work, this.have, final);
    if (used > 0) {
      this.work.copyWithin(0, used, this.have);
      this.have -= used;
      this.base += used;
    }
    if (final) {
      this.base += this.have;
      this.have = 0;
    }
  }

  // Decides the encoding and delimiter once enough of the start is there (a header line, or 64 KiB).
  private start(buf: Buffer, final: boolean): boolean {
    const bom = this.offset === 0 && hasBom(buf);
    const body = bom ? buf.subarray(3) : buf;
    const headerEnd = endOfFirstLine(body);
    if (headerEnd < 0 && !final && body.length < 64 * 1024) return false;
    if (this.enc === undefined) {
      if (bom) this.enc = 'utf8';
      else this.enc = isUtf8(completeUtf8Prefix(body.subarray(0, 64 * 1024))) ? 'utf8' : 'cp1252';
    }
    if (this.delim < 0)
      this.delim = detectDelimiter(body.subarray(0, headerEnd < 0 ? body.length : headerEnd)).charCodeAt(0);
    this.started = true;
    return true;
  }

  /** Scans buf[0, n) and returns how many bytes were used (the rest is an unfinished record). */
  private scan(buf: Buffer, n: number, final: boolean): number {
    this.buf = buf;
    const memo = this.memo;
    const runIds = this.runIds;
    const delim = this.delim;
    const special = this.special;
    if (special[delim] === 0) {
      special.fill(0);
      special[delim] = special[QUOTE] = special[LF] = special[CR] = 1;
    }
    const top = Math.max(delim, QUOTE);
    let i = 0;
    if (this.skipLF) {
      if (n > 0 && buf[0] === LF) i = 1;
      if (n > 0 || final) this.skipLF = false;
    }
    while (i < n) {
      const recStart = i;
      if (this.base + i >= this.stopAt) {
        this.stoppedAt = this.base + i;
        return n;
      }
      this.line = this.nextLine;
      let lines = 0;
      let count = 0;
      let problem: CsvRecordProblem | null = null;
      let fieldStart = i;
      let ended = false; // a line end (not end of input) closed the record
      let incomplete = false;
      // The next column where a run may start (or, once `runAt` is set, where the one being
      // scanned ends); -1 when there is none.
      let group = 0;
      let watch = -1;
      let runAt = -1;
      let linesAt = 0;
      if (memo !== null) {
        watch = memo.first[0]!;
        runIds!.fill(-1);
      }
      for (;;) {
        if (i >= n) {
          if (!final) incomplete = true;
          else count = this.push(count, fieldStart, n, PLAIN);
          break;
        }
        if (count === watch && i === fieldStart) {
          if (runAt < 0) {
            const k = memo!.match(group, buf, i, n);
            if (k >= 0) {
              count = this.pushRun(memo!, group, k, count, i);
              runIds![group] = k;
              i += memo!.lengthOf(group, k);
              if (memo!.endsRecord[group]![k]) {
                ended = true;
                break;
              }
              fieldStart = i;
              group++;
              watch = group < memo!.groups ? memo!.first[group]! : -1;
              continue;
            }
            runAt = i;
            linesAt = lines;
            watch = memo!.last[group]! + 1;
          } else {
            // The group's cells were scanned, the delimiter after them too.
            if (problem === null && lines === linesAt)
              runIds![group] = memo!.store(group, {
                buf,
                from: runAt,
                to: i,
                starts: this.starts,
                ends: this.ends,
                flags: this.flags,
                count,
                endsRecord: false,
              });
            runAt = -1;
            group++;
            watch = group < memo!.groups ? memo!.first[group]! : -1;
          }
        }
        // Plain bytes (everything but the delimiter, quote, CR and LF) in a tight loop.
        // Bytes above both the quote and the delimiter (letters, digits, most punctuation) are plain
        // on one comparison, four at a time: a table lookup per byte was most of the scan.
        if (i > fieldStart || buf[i] !== QUOTE) {
          const n4 = n - 4;
          while (i <= n4 && buf[i]! > top && buf[i + 1]! > top && buf[i + 2]! > top && buf[i + 3]! > top) i += 4;
          while (i < n) {
            const b = buf[i]!;
            if (b <= top && special[b] !== 0) break;
            i++;
          }
          if (i >= n) continue;
        }
        let c = buf[i]!;
        if (c === QUOTE && i === fieldStart) {
          let j = i + 1;
          let escaped = false;
          let closed = false;
          while (j < n) {
            const d = buf[j]!;
            if (d > QUOTE) {
              j++;
              continue;
            }
            if (d === QUOTE) {
              if (j + 1 < n) {
                if (buf[j + 1] === QUOTE) {
                  escaped = true;
                  j += 2;
                  continue;
                }
                closed = true;
                break;
              }
              // A quote as the last byte: closing only if no more input can follow.
              if (final) closed = true;
              break;
            }
            if (d === LF) lines++;
            j++;
          }
          if (!closed) {
            if (!final) {
              incomplete = true;
              break;
            }
            problem = 'unterminated-quote';
            count = this.push(count, i + 1, n, escaped ? QUOTED_ESCAPED : PLAIN);
            i = n;
            break;
          }
          i = j + 1;
          c = i < n ? buf[i]! : LF;
          if (i >= n && !final) {
            incomplete = true;
            break;
          }
          if (c === delim || c === LF || c === CR || i >= n) {
            count = this.push(count, fieldStart + 1, j, escaped ? QUOTED_ESCAPED : PLAIN);
            if (i >= n) break;
            if (c === delim) {
              i++;
              fieldStart = i;
              continue;
            }
            // fall through to the line end handling below with c = LF or CR
          } else {
            // Text after a closing quote: keep the field's bytes as they are, up to the delimiter.
            problem = 'stray-quote';
            while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) i++;
            if (i >= n && !final) {
              incomplete = true;
              break;
            }
            count = this.push(count, fieldStart, i, RAW);
            if (i >= n) break;
            c = buf[i]!;
            if (c === delim) {
              i++;
              fieldStart = i;
              continue;
            }
          }
          // c is LF or CR at i
          if (c === LF) {
            i++;
          } else {
            i++;
            if (i < n) {
              if (buf[i] === LF) i++;
            } else if (!final) this.skipLF = true;
          }
          if (runAt >= 0 && count === watch)
            this.storeAtLineEnd(group, runAt, i, count, problem === null && lines === linesAt);
          ended = true;
          break;
        }
        if (c === delim) {
          count = this.push(count, fieldStart, i, PLAIN);
          i++;
          fieldStart = i;
          continue;
        }
        if (c === LF || c === CR) {
          count = this.push(count, fieldStart, i, PLAIN);
          i++;
          if (c === CR) {
            if (i < n) {
              if (buf[i] === LF) i++;
            } else if (!final) this.skipLF = true;
          }
          if (runAt >= 0 && count === watch)
            this.storeAtLineEnd(group, runAt, i, count, problem === null && lines === linesAt);
          ended = true;
          break;
        }
        // A quote inside an unquoted field is taken literally (lenient, like most spreadsheets).
        i++;
      }
      if (incomplete) {
        this.openField = fieldStart - recStart;
        return recStart;
      }
      this.nextLine = this.line + lines + (ended ? 1 : 0);
      this.count = count;
      this.problem = problem;
      // A blank line is not a record.
      if (count === 1 && this.starts[0] === this.ends[0] && this.flags[0] === PLAIN && buf[recStart] !== QUOTE)
        continue;
      if (i - recStart > this.maxEither) this.checkRecord(recStart, i);
      this.onRecord(this);
    }
    return n;
  }

  // A run that ends its record is remembered only with its LF (a lone CR could be a CRLF split
  // across chunks).
  private storeAtLineEnd(group: number, runAt: number, i: number, count: number, clean: boolean): void {
    if (!clean || this.buf[i - 1] !== LF) return;
    const memo = this.memo!;
    this.runIds![group] = memo.store(group, {
      buf: this.buf,
      from: runAt,
      to: i,
      starts: this.starts,
      ends: this.ends,
      flags: this.flags,
      count,
      endsRecord: true,
    });
  }

  private pushRun(memo: RunMemo, group: number, k: number, count: number, at: number): number {
    const s = memo.starts[group]![k]!;
    const e = memo.ends[group]![k]!;
    const f = memo.flags[group]![k]!;
    const m = s.length;
    while (count + m > this.starts.length) this.push(this.starts.length, 0, 0, 0);
    const starts = this.starts;
    const ends = this.ends;
    const flags = this.flags;
    for (let c = 0; c < m; c++) {
      starts[count + c] = at + s[c]!;
      ends[count + c] = at + e[c]!;
      flags[count + c] = f[c]!;
    }
    return count + m;
  }

  private push(count: number, start: number, end: number, flag: number): number {
    if (count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (k) => new Int32Array(k));
      this.ends = grow(this.ends, (k) => new Int32Array(k));
      this.flags = grow(this.flags, (k) => new Uint8Array(k));
    }
    this.starts[count] = start;
    this.ends[count] = end;
    this.flags[count] = flag;
    return count + 1;
  }

  field(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e) return '';
    const text = this.enc === 'cp1252' ? decodeCp1252(this.buf, s, e) : utf8(this.buf, s, e);
    return this.flags[i] === QUOTED_ESCAPED ? text.replaceAll('""', '"') : text;
  }

  isEmpty(i: number): boolean {
    return i < 0 || i >= this.count || this.starts[i] === this.ends[i];
  }

  includes(i: number, needle: Buffer): boolean {
    if (i < 0 || i >= this.count) return false;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (e - s < needle.length) return false;
    return this.buf.subarray(s, e).indexOf(needle) >= 0;
  }

  digits(i: number): number {
    if (i < 0 || i >= this.count) return -1;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === e || e - s > 15) return -1;
    const buf = this.buf;
    let v = 0;
    for (let k = s; k < e; k++) {
      const d = buf[k]! - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }
}

/** Every record of a complete text or buffer, decoded: for tests and small inputs. */
export function parseCsv(
  input: string | Buffer,
  options: CsvScannerOptions = {},
): { line: number; fields: string[]; problem: CsvRecordProblem | null }[] {
  const out: { line: number; fields: string[]; problem: CsvRecordProblem | null }[] = [];
  const scanner = new CsvScanner((r) => {
    const fields: string[] = [];
    for (let i = 0; i < r.count; i++) fields.push(r.field(i));
    out.push({ line: r.line, fields, problem: r.problem });
  }, options);
  scanner.write(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  scanner.end();
  return out;
}

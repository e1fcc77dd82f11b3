// JSON containers streamed a chunk at a time: JSONL (one object per line) and a top-level array
// of objects (tracked by strings and nesting), each object handed on as text with its line.

import { LimitExceeded } from './limits.js';

const LF = 0x0a;

/** A line's bytes [s, e) in `buf`; `escaped` when they hold a backslash (a JSON escape). */
export type OnLine = (buf: Buffer, s: number, e: number, escaped: boolean, line: number) => void;

/**
 * One JSON value per line, handed on as bytes. For a part of a file: `offset` is where the first
 * byte written sits in the file, and lines starting at or after `stopAt` are left alone
 * (`stoppedAt` tells where that was). Chunks may be reused by the caller: an unfinished line is
 * copied. A UTF-8 BOM at the start of the file is skipped.
 */
export class JsonLines {
  private pending: Buffer | null = null;
  /** Chunks of an unfinished line beyond `pending`, joined once its end arrives (not per chunk). */
  private more: Buffer[] = [];
  private pendingBytes = 0;
  /** Line of the next line to emit (`firstLine` at `offset`). */
  line: number;
  stoppedAt = -1;
  private base: number;
  private readonly stopAt: number;
  constructor(
    private readonly onLine: OnLine,
    private readonly offset = 0,
    stopAt?: number,
    firstLine = 1,
    /** Longest line, in bytes: beyond it `write` throws a LimitExceeded. */
    private readonly maxLine = Number.POSITIVE_INFINITY,
  ) {
    this.base = offset;
    this.line = firstLine;
    this.stopAt = stopAt ?? Number.POSITIVE_INFINITY;
  }
  write(chunk: Buffer): void {
    if (this.stoppedAt >= 0) return;
    let buf = chunk;
    if (this.pending) {
      // Only the line that spans the chunks is joined; the rest of the chunk is read in place.
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        this.more.push(Buffer.from(chunk));
        this.pendingBytes += chunk.length;
        this.checkLine(this.pendingBytes);
        return;
      }
      this.checkLine(this.pendingBytes + nl);
      const joined = Buffer.concat([this.pending, ...this.more, chunk.subarray(0, nl + 1)]);
      this.pending = null;
      this.more = [];
      this.write(joined);
      if (this.stoppedAt >= 0) return;
      buf = chunk.subarray(nl + 1);
    }
    let start = 0;
    let backslash = -2; // next backslash at or after `start` (-1: none), -2: not looked for yet
    for (;;) {
      if (this.base + start >= this.stopAt) {
        this.stoppedAt = this.base + start;
        return;
      }
      const nl = buf.indexOf(LF, start);
      if (nl < 0) break;
      if (nl - start > this.maxLine) this.checkLine(nl - start);
      if (backslash === -2 || (backslash >= 0 && backslash < start)) backslash = buf.indexOf(0x5c, start);
      this.emit(buf, start, nl, backslash >= 0 && backslash < nl);
      start = nl + 1;
    }
    if (start < buf.length) {
      this.pending = Buffer.from(buf.subarray(start));
      this.pendingBytes = this.pending.length;
      this.checkLine(this.pendingBytes);
    }
    this.base += start;
  }
  private checkLine(bytes: number): void {
    if (bytes > this.maxLine) throw new LimitExceeded('recordBytes', `line ${this.line}`, this.line);
  }
  end(): void {
    const rest = this.pending === null ? null : Buffer.concat([this.pending, ...this.more]);
    this.pending = null;
    this.more = [];
    if (rest === null || this.stoppedAt >= 0) return;
    if (this.base >= this.stopAt) {
      this.stoppedAt = this.base;
      return;
    }
    this.emit(rest, 0, rest.length, rest.indexOf(0x5c) >= 0, false);
    this.base += rest.length;
  }
  /** Where the lines read end: `stoppedAt`, or the end of the input. */
  get endOffset(): number {
    return this.stoppedAt >= 0 ? this.stoppedAt : this.base + (this.pending === null ? 0 : this.pendingBytes);
  }
  private emit(buf: Buffer, s: number, e: number, escaped: boolean, newline = true): void {
    const line = this.line;
    if (newline) this.line++;
    if (this.offset === 0 && this.base === 0 && s === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) s = 3;
    this.onLine(buf, s, e, escaped, line);
  }
}

/** Bytes of the longest string in the JSON text buf[s, e) (quotes excluded). */
export function longestJsonString(buf: Buffer, s: number, e: number): number {
  let longest = 0;
  let at = -1;
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    if (at < 0) {
      if (b === 0x22) at = i + 1;
    } else if (b === 0x5c) i++;
    else if (b === 0x22) {
      longest = Math.max(longest, i - at);
      at = -1;
    }
  }
  return at < 0 ? longest : Math.max(longest, e - at);
}

/**
 * Top-level objects of a JSON array, found by tracking strings and nesting, one at a time. An
 * unfinished object is kept with the state at its end, so each byte is looked at once; objects
 * and strings longer than the limits throw a LimitExceeded.
 */
export class JsonArrayObjects {
  private pending: Buffer | null = null;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  private objectLine = 1;
  /** Where the open string started, relative to the pending object (-1: none). */
  private stringAt = -1;
  constructor(
    private readonly onObject: (text: string, line: number) => void,
    private readonly onBad: (line: number, message: string) => void,
    private readonly maxObject = Number.POSITIVE_INFINITY,
    private readonly maxString = Number.POSITIVE_INFINITY,
  ) {}
  write(chunk: Buffer): void {
    let buf = chunk;
    let from = 0;
    let objStart = -1;
    let stringAt = -1;
    if (this.pending) {
      // Go on from where the unfinished object was left, with the state as it was there.
      from = this.pending.length;
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = null;
      objStart = 0;
      stringAt = this.stringAt;
    }
    // `depth` counts brackets including the outer array; an element object starts at depth 1.
    for (let i = from; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === LF) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (b === 0x5c) this.escape = true;
        else if (b === 0x22) {
          this.inString = false;
          if (i - stringAt > this.maxString)
            this.tooLong('fieldBytes', `a string of the object at line ${this.objectLine}`);
        }
        continue;
      }
      if (b === 0x22) {
        this.inString = true;
        stringAt = i;
      } else if (b === 0x7b || b === 0x5b) {
        if (this.depth === 1 && b === 0x7b) {
          objStart = i;
          this.objectLine = this.line;
        }
        this.depth++;
      } else if (b === 0x7d || b === 0x5d) {
        this.depth--;
        if (this.depth === 1 && b === 0x7d && objStart >= 0) {
          if (i + 1 - objStart > this.maxObject) this.tooLong('recordBytes', `the object at line ${this.objectLine}`);
          this.onObject(buf.toString('utf8', objStart, i + 1), this.objectLine);
          objStart = -1;
        }
      }
    }
    if (objStart >= 0) {
      this.pending = Buffer.from(buf.subarray(objStart));
      this.stringAt = this.inString ? stringAt - objStart : -1;
      if (this.pending.length > this.maxObject) this.tooLong('recordBytes', `the object at line ${this.objectLine}`);
      if (this.inString && this.pending.length - this.stringAt > this.maxString)
        this.tooLong('fieldBytes', `a string of the object at line ${this.objectLine}`);
    }
  }
  private tooLong(limit: 'recordBytes' | 'fieldBytes', what: string): never {
    throw new LimitExceeded(limit, what, this.objectLine);
  }
  end(): void {
    if (this.pending) this.onBad(this.objectLine, 'the JSON array ends inside this object (truncated export?)');
    this.pending = null;
  }
}

export function firstLineObject(b: Buffer): Record<string, unknown> | string {
  const nl = b.indexOf(LF);
  return asObject(b.toString('utf8', 0, nl < 0 ? b.length : nl));
}

export function firstArrayObject(b: Buffer): Record<string, unknown> | string {
  let found: Record<string, unknown> | string = 'the array holds no object in its first MiB';
  let done = false;
  const splitter = new JsonArrayObjects(
    (text) => {
      if (!done) found = asObject(text);
      done = true;
    },
    () => {},
  );
  splitter.write(b);
  return found;
}

function asObject(text: string): Record<string, unknown> | string {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : `found ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`;
  } catch (e) {
    return (e as Error).message;
  }
}

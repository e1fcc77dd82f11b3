// Reading a file, or a part of it, through a record sink. Plain files are read into one reused
// buffer (peak memory stays flat whatever the file size) and reading stops as soon as the sink
// has what its part needs; gzip is streamed through zlib.

import { open } from 'node:fs/promises';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from '../source/errors.js';
import { DEFAULT_READ_LIMITS, LimitExceeded, limitDiagnostic, RATIO_FLOOR, type ReadLimits } from './limits.js';
import { CHUNK, diag, openBytes, type FilePlan, type PlanOptions } from './plan-file.js';
import { recordSink, type Part, type RecordSink, type RowsInto, type Tally } from './record-sink.js';

export interface PartRead {
  /** File offset where the part's records end, and the line there. */
  endOffset: number;
  endLine: number;
  /** Set when reading broke off (a corrupt .gz, an I/O error): the rows before it still count. */
  failure?: { line: number; message: string };
}

/** The diagnostic for a read that broke off; `shift` turns a part's relative lines into the file's. */
export function failureDiagnostic(
  plan: FilePlan,
  failure: NonNullable<PartRead['failure']>,
  shift = 0,
): PlacedDiagnostic {
  const line = failure.line + shift;
  return diag(
    plan.file,
    plan.gzip ? 'unreadable-gzip' : 'unreadable-file',
    `${plan.gzip ? 'decompression' : 'reading'} failed after line ${line}: ${failure.message}; the rows before it were read`,
    plan.gzip ? 'the file is damaged or truncated; export it again' : undefined,
    line,
  );
}

interface ReadPartJob {
  plan: FilePlan;
  opts: PlanOptions;
  tally: Tally;
  /** A row callback or an accumulator. */
  into: RowsInto;
  part?: Part;
  /** Gets the bytes read from disk so far. */
  onBytes?: (bytes: number) => void;
}

/** Reads `part` of the file (all of it by default) into `tally` and `into`. */
export async function readPart({
  plan,
  opts,
  tally,
  into,
  part = { offset: 0 },
  onBytes,
}: ReadPartJob): Promise<PartRead> {
  const sink = recordSink(plan, opts, tally, into, part);
  const limits = opts.limits ?? DEFAULT_READ_LIMITS;
  try {
    if (plan.gzip) await inflate(plan.file, sink, limits, onBytes);
    else await pump(plan.file, part.offset, sink, onBytes);
  } catch (e) {
    // A crossed limit stops the whole run: the report would be of a file tierplan refused to read.
    if (e instanceof LimitExceeded) throw new InputError([limitDiagnostic(plan.file, e, limits)]);
    sink.finish();
    return {
      endOffset: sink.endOffset,
      endLine: sink.endLine,
      failure: { line: sink.lastLine, message: (e as Error).message },
    };
  }
  sink.finish();
  return { endOffset: sink.endOffset, endLine: sink.endLine };
}

// Decompressed bytes are counted as they come out of zlib, so a gzip bomb is stopped as soon as
// it crosses the size or ratio limit, never inflated whole first.
async function inflate(
  file: string,
  sink: RecordSink,
  limits: ReadLimits,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  let raw = 0;
  let out = 0;
  const stream = openBytes(file, true, (bytes) => {
    raw = bytes;
    onBytes?.(bytes);
  });
  for await (const chunk of stream) {
    out += (chunk as Buffer).length;
    if (out > limits.decompressedBytes)
      throw new LimitExceeded('decompressedBytes', `the decompressed data (past line ${sink.lastLine})`, sink.lastLine);
    if (out > RATIO_FLOOR && out > limits.ratio * raw)
      throw new LimitExceeded(
        'ratio',
        `the compression ratio (${Math.floor(out / raw)}:1 after ${raw} compressed bytes, past line ${sink.lastLine})`,
        sink.lastLine,
      );
    sink.feed(chunk as Buffer);
  }
}

async function pump(file: string, from: number, sink: RecordSink, onBytes?: (bytes: number) => void): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let position = from;
    let read = 0;
    while (!sink.stopped) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      read += bytesRead;
      sink.feed(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
      onBytes?.(read);
    }
  } finally {
    await handle.close();
  }
}

/**
 * File offset of the first line start at or after `at` (just past a LF), or the file size: also
 * when none is within `within` bytes (that record is over the record limit, which the reader of
 * the part before will find: no need to read on to the end of the file).
 */
export async function lineStartFrom(
  file: string,
  at: number,
  size: number,
  within = Number.POSITIVE_INFINITY,
): Promise<number> {
  if (at <= 0) return 0;
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let position = at - 1;
    while (position < size && position - at <= within) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) break;
      const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
      if (nl >= 0) return position + nl + 1;
      position += bytesRead;
    }
    return size;
  } finally {
    await handle.close();
  }
}

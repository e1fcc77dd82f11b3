// A large plain CSV or JSONL file folded by two threads. The file is split at a byte offset: the
// main thread reads the first part into the review's accumulator and goes on past the split to
// the end of the record under it; a worker thread starts after the first line end past the split
// and folds the rest into an accumulator of its own. When the first part ends where the worker
// began (no quoted newline straddled the split: always for JSONL), the worker's totals are merged
// with its line numbers shifted; otherwise its work is thrown away and the rest is read again
// from the true record boundary. Either way the result is what one thread reading it all gives.

import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AccumulatorLimits, UsageAccumulator } from '../../core/review/aggregate.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import type { Policy } from '../../core/policy/types.js';
import { foldPart, type PartJob, type PartResult } from './fold-part.js';
import { DEFAULT_READ_LIMITS } from './limits.js';
import type { FilePlan, PlanOptions } from './plan-file.js';
import { failureDiagnostic, lineStartFrom, readPart, type PartRead } from './read-part.js';
import { MAX_REJECTED_SHOWN, type Tally } from './record-sink.js';

/** A part run elsewhere: its result, and how to stop it when it is not needed. */
export interface RunningPart {
  result: Promise<PartResult>;
  cancel(): void;
}

export interface Fold {
  /** The review's accumulator: rows of every file end up here, in file order. */
  accumulator: UsageAccumulator;
  /** The policy `accumulator` was built from; a worker builds its own from it. */
  policy: Policy;
  /** The inventory's use case ids `accumulator` was built with, likewise. */
  useCases?: readonly string[];
  /** The inventory's aliases `accumulator` was built with, likewise. */
  aliases?: ReadonlyMap<string, string>;
  /** The accumulator limits `accumulator` was built with, likewise. */
  limits?: AccumulatorLimits;
  /** Files smaller than this are read in one thread (a worker takes ~50 ms to start). Default 32 MiB. */
  minBytes?: number;
  /** Where to split (default: the middle of the file); tests put it next to a quoted newline. */
  splitAt?: number;
  /** Runs the second part (default: in a worker thread); tests run it in this thread. */
  runPart?: (job: PartJob, onBytes: (bytes: number) => void) => RunningPart;
}

const MIN_BYTES = 32 * 2 ** 20;

export function splittable(plan: FilePlan, fold: Fold): boolean {
  if (plan.gzip || (plan.container !== 'csv' && plan.container !== 'jsonl')) return false;
  if (fold.splitAt !== undefined) return fold.splitAt > 0 && fold.splitAt < plan.size;
  return plan.size >= (fold.minBytes ?? MIN_BYTES) && availableParallelism() >= 2;
}

/** Folds the file in two parts; returns the diagnostic when reading broke off. */
export async function foldSplit(
  plan: FilePlan,
  opts: PlanOptions,
  fold: Fold,
  tally: Tally,
  onBytes?: (bytes: number) => void,
): Promise<PlacedDiagnostic | undefined> {
  const acc = fold.accumulator;
  const split = fold.splitAt ?? Math.floor(plan.size / 2);
  const guess = await lineStartFrom(plan.file, split, plan.size, (opts.limits ?? DEFAULT_READ_LIMITS).recordBytes);
  let firstBytes = 0;
  let secondBytes = 0;
  let shown = 0;
  const report = (): void => {
    // Never backwards, even when the second part is read again.
    shown = Math.max(shown, Math.min(plan.size, firstBytes + secondBytes));
    onBytes?.(shown);
  };
  const second = (fold.runPart ?? inWorker)(
    {
      plan,
      opts,
      policy: fold.policy,
      useCases: fold.useCases,
      aliases: fold.aliases,
      limits: fold.limits,
      part: { offset: guess },
    },
    (b) => {
      secondBytes = b;
      report();
    },
  );
  let first: PartRead;
  try {
    first = await readPart({
      plan,
      opts,
      tally,
      into: acc,
      part: { offset: 0, stopAt: split },
      onBytes: (b) => {
        firstBytes = b;
        report();
      },
    });
  } catch (e) {
    second.cancel();
    throw e;
  }
  if (first.failure) {
    second.cancel();
    return failureDiagnostic(plan, first.failure);
  }
  const readRestHere = async (): Promise<PlacedDiagnostic | undefined> => {
    secondBytes = 0;
    const rest = await readPart({
      plan,
      opts,
      tally,
      into: acc,
      part: { offset: first.endOffset, line: first.endLine },
      onBytes: (b) => {
        secondBytes = b;
        report();
      },
    });
    return rest.failure ? failureDiagnostic(plan, rest.failure) : undefined;
  };
  if (first.endOffset !== guess) {
    second.cancel();
    return readRestHere();
  }
  let done: PartResult;
  try {
    done = await second.result;
  } catch {
    // The worker could not run (no worker threads here, a resource limit): this thread reads its part.
    second.cancel();
    return readRestHere();
  }
  const { read, tally: t, snapshot } = done;
  const shift = first.endLine - 1;
  tally.counts.read += t.counts.read;
  tally.counts.accepted += t.counts.accepted;
  tally.counts.rejected += t.counts.rejected;
  for (const r of t.rejected)
    if (tally.rejected.length < MAX_REJECTED_SHOWN) tally.rejected.push({ ...r, line: r.line + shift });
  const shifted = (rows: { line: number }[]): void => {
    for (const r of rows) r.line += shift;
  };
  for (const g of snapshot.evidence) shifted(g.first);
  acc.merge({ ...snapshot, first: snapshot.first.map((r) => ({ ...r, line: r.line + shift })) });
  return read.failure ? failureDiagnostic(plan, read.failure, shift) : undefined;
}

/** Runs a part in this thread (for tests: the same code a worker runs). */
export function inThisThread(job: PartJob, onBytes: (bytes: number) => void): RunningPart {
  const result = foldPart(structuredClone(job), onBytes);
  result.catch(() => {});
  return { result, cancel: () => {} };
}

const WORKER = new URL('./workers/part-worker.js', import.meta.url);
let spare: Worker | undefined;

/**
 * Starts the worker thread ahead when a file is large enough to be split, so its ~0.1 s of start-up overlaps loading the inventory and
 * the plan; the first split file hands it its part. Unreferenced until then: an unused one never
 * keeps the process alive.
 */
export async function startWorkerAhead(files: string[], minBytes = MIN_BYTES): Promise<void> {
  if (spare || availableParallelism() < 2) return;
  const sizes = await Promise.all(
    files.map((f) =>
      f.endsWith('.gz')
        ? 0
        : stat(f).then(
            (s) => s.size,
            () => 0,
          ),
    ),
  );
  if (!sizes.some((s) => s >= minBytes)) return;
  spare = new Worker(WORKER);
  spare.on('error', () => {
    spare = undefined;
  });
  spare.unref();
}

function inWorker(job: PartJob, onBytes: (bytes: number) => void): RunningPart {
  let worker: Worker;
  if (spare) {
    worker = spare;
    spare = undefined;
    worker.ref();
    worker.postMessage(job);
  } else worker = new Worker(WORKER, { workerData: job });
  let settled = false;
  const result = new Promise<PartResult>((resolve, reject) => {
    worker.on('message', (m: { bytes?: number; done?: PartResult }) => {
      if (m.done !== undefined) {
        settled = true;
        resolve(m.done);
      } else if (m.bytes !== undefined) onBytes(m.bytes);
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the usage reader's worker thread exited with code ${code} before it finished`));
    });
  });
  // Awaited only when needed: a cancelled part's failure is of no interest.
  result.catch(() => {});
  return {
    result,
    cancel: () => {
      settled = true;
      void worker.terminate();
    },
  };
}

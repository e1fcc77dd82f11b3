// One part of a usage file folded into an accumulator of its own: what a worker thread does,
// callable in any thread. The result is plain data (structured-clonable) for the main thread
// to merge.

import { UsageAccumulator, type AccumulatorLimits, type AccumulatorSnapshot } from '../../core/review/aggregate.js';
import type { Policy } from '../../core/policy/types.js';
import type { FilePlan, PlanOptions } from './plan-file.js';
import { readPart, type PartRead } from './read-part.js';
import type { Part, Tally } from './record-sink.js';

export interface PartJob {
  plan: FilePlan;
  opts: PlanOptions;
  policy: Policy;
  /** The inventory's use case ids, for attribution (who.ts). */
  useCases?: readonly string[] | undefined;
  /** The inventory's aliases → use case ids, likewise. */
  aliases?: ReadonlyMap<string, string> | undefined;
  limits?: AccumulatorLimits | undefined;
  part: Part;
}

export interface PartResult {
  read: PartRead;
  tally: Tally;
  snapshot: AccumulatorSnapshot;
}

export async function foldPart(job: PartJob, onBytes?: (bytes: number) => void): Promise<PartResult> {
  const acc = new UsageAccumulator(job.policy, 10, { useCases: job.useCases, aliases: job.aliases }, job.limits ?? {});
  const tally: Tally = { counts: { read: 0, accepted: 0, rejected: 0 }, rejected: [] };
  const read = await readPart({ plan: job.plan, opts: job.opts, tally, into: acc, part: job.part, onBytes });
  return { read, tally, snapshot: acc.snapshot() };
}

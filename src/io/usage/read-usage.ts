// Reads usage exports into normalised UsageRows, streaming: LiteLLM spend logs (CSV, JSON array,
// JSONL), FinOps FOCUS cost exports (CSV, 1.0–1.3), and any CSV/JSONL through a mapping file.
// Plain or gzip. Every file's header is checked before any row is delivered, so a wrong file
// fails fast (InputError, exit 2) instead of after a long run; problems in rows are counted and
// the first few reported with their line; a file that breaks off midway (a corrupt .gz) is
// reported in `diagnostics` and the rows read before it still count. With `fold`, large plain
// CSV and JSONL files are folded by two threads (fold-parallel.ts) with the same result.

import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import type { ReadCounts, RejectedRow, UsageRow } from '../../core/review/usage-types.js';
import { InputError, sortDiagnostics } from '../source/errors.js';
import { foldSplit, splittable, type Fold } from './fold-parallel.js';
import type { CostColumn, UsageFormat } from './formats.js';
import type { ReadLimits } from './limits.js';
import type { Mapping } from './mapping.js';
import { describePlan, planFile, type FilePlan } from './plan-file.js';
import { failureDiagnostic, readPart } from './read-part.js';

export type { CostColumn, UsageFormat } from './formats.js';
export type { ReadLimits } from './limits.js';

export interface ReadUsageOptions {
  /** Skip detection: read every file as this format. `mapped` needs `mapping`. */
  format?: UsageFormat;
  /** A mapping (see mapping.ts); when given without `format`, files are read through it. */
  mapping?: Mapping;
  /** FOCUS only: which cost column is the row's cost. Default EffectiveCost. */
  costColumn?: CostColumn;
  /** FOCUS only: billed provider names → the policy's provider ids (`providerNameTable(policy)`); the built-in table when absent. */
  providerNames?: Readonly<Record<string, string>>;
  /** The limits every file is read within (limits.ts); DEFAULT_READ_LIMITS when absent. */
  limits?: ReadLimits;
  /** Bytes read from disk so far (compressed bytes for .gz) and the total size of all files. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  onRow: (row: UsageRow) => void;
  /**
   * When `onRow` only adds rows to an accumulator: that accumulator and its policy. Files that can
   * be split are then folded by two threads and merged into it, without going through `onRow`.
   */
  fold?: Fold;
}

export interface ReadUsageResult {
  /** read === accepted + rejected, always. */
  counts: ReadCounts;
  /** The first MAX_REJECTED_SHOWN rejected rows, in reading order. */
  rejected: RejectedRow[];
  /** Per file, what it was read as: e.g. `litellm (csv, ";", cp1252, gzip)`. */
  formats: Record<string, string>;
  /** Files that broke off after their header (e.g. a corrupt .gz): the rows before still count. */
  diagnostics: PlacedDiagnostic[];
}

/** Reads every file in turn, calling `onRow` for each accepted row. */
export async function readUsage(files: string[], opts: ReadUsageOptions): Promise<ReadUsageResult> {
  if (opts.format === 'mapped' && opts.mapping === undefined) {
    throw new Error('readUsage: format "mapped" needs a mapping');
  }
  const plans: FilePlan[] = [];
  const problems: PlacedDiagnostic[] = [];
  for (const file of files) {
    const plan = await planFile(file, opts, problems);
    if (plan) plans.push(plan);
  }
  if (problems.length > 0) throw new InputError(sortDiagnostics(problems));

  const result: ReadUsageResult = {
    counts: { read: 0, accepted: 0, rejected: 0 },
    rejected: [],
    formats: {},
    diagnostics: [],
  };
  const planOpts = {
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    ...(opts.costColumn ? { costColumn: opts.costColumn } : {}),
    ...(opts.providerNames ? { providerNames: opts.providerNames } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  };
  const total = plans.reduce((sum, p) => sum + p.size, 0);
  let done = 0;
  for (const plan of plans) {
    result.formats[plan.file] = describePlan(plan);
    const progress = opts.onProgress ? (bytes: number) => opts.onProgress!(done + bytes, total) : undefined;
    if (opts.fold && splittable(plan, opts.fold)) {
      const broke = await foldSplit(plan, planOpts, opts.fold, result, progress);
      if (broke) result.diagnostics.push(broke);
    } else {
      // With `fold`, rows go straight into its accumulator (the fast paths then build no rows).
      const read = await readPart({
        plan,
        opts: planOpts,
        tally: result,
        into: opts.fold?.accumulator ?? opts.onRow,
        onBytes: progress,
      });
      if (read.failure) result.diagnostics.push(failureDiagnostic(plan, read.failure));
    }
    done += plan.size;
    opts.onProgress?.(done, total);
  }
  return result;
}

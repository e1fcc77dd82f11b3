// `tierplan review` past its inputs: the usage exports folded into one accumulator (large plain
// files by two threads), last quarter's review.json, and the review of the run's plan. Progress
// bars and Ctrl-C stay with the cli, which hands in `onProgress`.
import { UsageAccumulator } from '../core/review/aggregate.js';
import type { UsageAggregate } from '../core/review/aggregate-types.js';
import { previousReviewOf, type PreviousReview } from '../core/review/previous.js';
import { providerNameTable } from '../core/review/provider-names.js';
import { computeReview } from '../core/review/review.js';
import type { Review } from '../core/review/review-types.js';
import type { Inventory, Policy } from '../core/policy/types.js';
import { InputError } from '../io/source/errors.js';
import { toDiagnostics } from '../io/source/locate.js';
import { readJson } from '../io/source/read-json.js';
import { readText } from '../io/source/read-text.js';
import { MAX_REJECTED_SHOWN } from '../io/usage/record-sink.js';
import type { UsageQueryOptions } from '../core/sql/usage-query.js';
import { isAggregateFile, readAggregateCsv } from '../io/usage/aggregate-csv.js';
import { isPostgresUrl } from '../io/usage/postgres-url.js';
import type { PostgresRead } from '../io/usage/postgres-usage.js';
import type { Mapping } from '../io/usage/mapping.js';
import {
  readUsage,
  type CostColumn,
  type ReadLimits,
  type ReadUsageResult,
  type UsageFormat,
} from '../io/usage/read-usage.js';
import type { Pipeline } from './pipeline.js';

/** `aggregate`: files in tierplan's aggregate format (core/review/aggregate-format.ts). */
export type UsageFormatOption = UsageFormat | 'aggregate';

interface UsageRequest {
  files: string[];
  /** The inventory's use case ids: a row's name that is none of them never hides one that is. */
  useCases: readonly string[];
  /** The inventory's aliases (another name → its use case id): their rows count for the use case. */
  aliases?: ReadonlyMap<string, string>;
  format?: UsageFormatOption;
  mapping?: Mapping;
  costColumn: CostColumn;
  /** The limits files are read within (io/usage/limits.ts); the defaults when absent. */
  limits?: ReadLimits;
  /** Distinct names outside the inventory held one by one (core/review/aggregate.ts). */
  maxIdentities?: number;
  onProgress?: (done: number, total: number) => void;
  /** For `--usage postgresql://…`: which table and columns the pushed-down query reads. */
  query?: UsageQueryOptions;
}

export interface UsageTotals {
  /** Counts, the first rejected rows, and files that broke off midway (their rows before the damage count). */
  read: ReadUsageResult;
  aggregate: UsageAggregate;
  /** Databases read (`--usage postgresql://…`), with the time the database took. */
  databases: PostgresRead[];
}

export async function readUsageTotals(policy: Policy, req: UsageRequest): Promise<UsageTotals> {
  const limits = req.maxIdentities !== undefined ? { identities: req.maxIdentities } : {};
  const acc = new UsageAccumulator(policy, 10, { useCases: req.useCases, aliases: req.aliases }, limits);
  // Aggregates (`--usage-format aggregate`, or a header naming tierplan_aggregate) are added first,
  // as groups; the raw exports follow through the file readers.
  const aggregates: string[] = [];
  const raw: string[] = [];
  const urls = req.files.filter(isPostgresUrl);
  for (const f of req.files.filter((x) => !isPostgresUrl(x)))
    (req.format === 'aggregate' || (req.format === undefined && (await isAggregateFile(f))) ? aggregates : raw).push(f);
  const tally = { counts: { read: 0, accepted: 0, rejected: 0 }, rejected: [] as ReadUsageResult['rejected'] };
  const databases: PostgresRead[] = [];
  if (urls.length > 0) {
    // Loaded only when a database is read: the client is not needed for files.
    const { readPostgresUsage } = await import('../io/usage/postgres-usage.js');
    for (const url of urls)
      databases.push(
        await readPostgresUsage(url, req.query ?? { source: 'litellm' }, acc, tally, providerNameTable(policy)),
      );
  }
  await readAggregateCsv(aggregates, acc, tally, providerNameTable(policy));
  const format = req.format === 'aggregate' ? undefined : req.format;
  const read = await readUsage(raw, {
    ...(format ? { format } : {}),
    ...(req.mapping ? { mapping: req.mapping } : {}),
    costColumn: req.costColumn,
    ...(req.limits ? { limits: req.limits } : {}),
    // Cloud bills name providers their own way (`AWS`); rows carry the policy's ids (`bedrock`).
    providerNames: providerNameTable(policy),
    onRow: (row) => acc.add(row),
    // Rows of files that can be split go straight into `acc` from two threads, not through onRow.
    fold: {
      accumulator: acc,
      policy,
      useCases: req.useCases,
      ...(req.aliases ? { aliases: req.aliases } : {}),
      limits,
    },
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
  if (aggregates.length > 0 || databases.length > 0) {
    read.counts.read += tally.counts.read;
    read.counts.accepted += tally.counts.accepted;
    read.counts.rejected += tally.counts.rejected;
    read.rejected = [...tally.rejected, ...read.rejected].slice(0, MAX_REJECTED_SHOWN);
    for (const f of aggregates) read.formats[f] = 'aggregate (csv)';
    for (const d of databases) read.formats[d.shown] = 'postgresql (aggregated by the database)';
  }
  return { read, aggregate: acc.result(), databases };
}

/** Last quarter's review.json: the months each trigger's condition already held, and its usage for the split. */
export async function readPreviousReview(file: string): Promise<PreviousReview> {
  const { value, locator } = readJson(
    await readText(file, { expected: 'a review.json from `tierplan review --out`' }),
    file,
    'a review.json',
  );
  const { previous, problems } = previousReviewOf(value);
  if (!previous) throw new InputError(toDiagnostics(problems, locator));
  return previous;
}

export function reviewOf(
  run: Pipeline,
  inventory: Inventory,
  usage: UsageTotals,
  period: { from: string; to: string },
  previous: PreviousReview | undefined,
): Review {
  const { counts, rejected } = usage.read;
  return computeReview({
    plan: run.plan(),
    inventory,
    policy: run.policy,
    aggregate: usage.aggregate,
    counts,
    rejected,
    period,
    previous,
  });
}

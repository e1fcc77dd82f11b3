import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { aliasOwners } from '../../core/policy/check-aliases.js';
import type { Review } from '../../core/review/review-types.js';
import { InputError, UsageError } from '../../io/source/errors.js';
import { REVIEW_CODES } from '../../core/diagnostics/catalog.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { terminalText } from '../../core/diagnostics/terminal-text.js';
import { changeInWords } from '../../core/review/change-words.js';
import { failOnSummary } from '../../core/review/first-findings.js';
import { startWorkerAhead } from '../../io/usage/fold-parallel.js';
import { DEFAULT_READ_LIMITS } from '../../io/usage/limits.js';
import { loadMapping } from '../../io/usage/mapping.js';
import type { CostColumn } from '../../io/usage/read-usage.js';
import type { AppliedChange, ApplyResult } from '../../io/edit/proposals-patch.js';
import { writeOutputs } from '../../io/output/write-output.js';
import { pipelineFromInputs } from '../../pipeline/pipeline.js';
import { readPreviousReview, readUsageTotals, reviewOf, type UsageFormatOption } from '../../pipeline/review.js';
import { INTERRUPTED, type CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, loadPolicy, resolveAsOf, type InputOptions } from '../inputs.js';
import type { Policy } from '../../core/policy/types.js';
import { reviewPeriod } from '../period.js';
import { progressBar } from '../progress.js';
import { type Annotations, printAnnotations, refuseWithMachineFormat } from '../annotations.js';
import { placedReviewDiagnostics } from '../review-findings.js';
import { version } from '../version.js';
import { emitSql, queryOptions, type ReviewSqlOptions } from '../review-sql.js';
import { isPostgresUrl } from '../../io/usage/postgres-url.js';

export interface ReviewOptions extends InputOptions, ReviewSqlOptions {
  usage?: string[];
  usageDb?: string;
  usageFormat?: UsageFormatOption;
  mapping?: string;
  costColumn: CostColumn;
  quarter?: string;
  from?: string;
  to?: string;
  previous?: string;
  format?: 'table' | 'markdown' | 'html' | 'json' | 'sarif';
  /** Columns of the terminal table; over $COLUMNS and the terminal's width. */
  width?: number;
  annotations?: Annotations;
  out?: string;
  propose?: string;
  apply?: string;
  failOn: 'breach' | 'drift' | 'trigger' | 'any' | 'none';
  maxDecompressedBytes?: number;
  maxRatio?: number;
  maxRecordBytes?: number;
  maxFieldBytes?: number;
  maxIdentities?: number;
}

export async function review(ctx: CliContext, opts: ReviewOptions): Promise<number> {
  if (opts.apply !== undefined) return apply(ctx, opts, opts.apply, opts.inventory);
  refuseWithMachineFormat(opts.annotations, opts.format);
  if (opts.emitSql) return emitSql(ctx, opts);
  // `--usage` takes every word after it, so `--usage --inventory inv.yaml` reads "--inventory" as a file.
  const option = opts.usage?.find((u) => /^--?[a-z]/i.test(u) && !existsSync(u));
  if (option !== undefined)
    throw new UsageError(
      `--usage ${option}: that is an option, not a usage export; give the files right after --usage (--usage spend-logs.csv --inventory …)`,
    );
  if ((!opts.usage || opts.usage.length === 0) && opts.usageDb === undefined)
    throw new UsageError(
      'give the usage exports to review with --usage FILE..., a database named in the policy with --usage-db NAME, or a patch to apply with --apply FILE',
    );
  // The reading thread starts while the inventory and the plan load.
  await startWorkerAhead((opts.usage ?? []).filter((u) => !isPostgresUrl(u)));
  const inputs = await loadInputs(opts);
  const sources = [
    ...(opts.usage ?? []),
    ...(opts.usageDb === undefined ? [] : [databaseUrl(inputs.policy, opts.usageDb)]),
  ];
  for (const d of inputs.warnings) ctx.err(`${formatDiagnostic(d)}\n`);
  const period = reviewPeriod(opts, inputs.asOf);
  const mapping = opts.mapping !== undefined ? await loadMapping(opts.mapping) : undefined;
  if (opts.usageFormat === 'mapped' && !mapping) throw new UsageError('--usage-format mapped needs --mapping FILE');
  const run = pipelineFromInputs(inputs, { generator: generator() });
  const plan = run.plan();

  const bar = ctx.progress ? progressBar(ctx.err, 'reading usage') : undefined;
  // Ctrl-C while a bar is drawn: clear it so the shell prompt starts on a clean line. Nothing has
  // been written yet (outputs come after the read), and the reading thread ends with the process.
  const interrupted = (): void => {
    bar?.done();
    ctx.err('interrupted while reading the usage: nothing written\n');
    process.exit(INTERRUPTED);
  };
  if (bar) process.once('SIGINT', interrupted);
  // The bar is cleared on failure too, so the error message starts on a clean line.
  const usage = await readUsageTotals(inputs.policy, {
    files: sources,
    useCases: inputs.inventory.use_cases.map((u) => u.id),
    aliases: aliasOwners(inputs.inventory),
    ...(opts.usageFormat ? { format: opts.usageFormat } : {}),
    ...(mapping ? { mapping } : {}),
    costColumn: opts.costColumn,
    limits: {
      decompressedBytes: opts.maxDecompressedBytes ?? DEFAULT_READ_LIMITS.decompressedBytes,
      ratio: opts.maxRatio ?? DEFAULT_READ_LIMITS.ratio,
      recordBytes: opts.maxRecordBytes ?? DEFAULT_READ_LIMITS.recordBytes,
      fieldBytes: opts.maxFieldBytes ?? DEFAULT_READ_LIMITS.fieldBytes,
    },
    ...(opts.maxIdentities !== undefined ? { maxIdentities: opts.maxIdentities } : {}),
    ...(sources.some(isPostgresUrl) ? { query: queryOptions(opts) } : {}),
    ...(bar ? { onProgress: (d: number, t: number) => bar.update(d, t) } : {}),
  }).finally(() => {
    bar?.done();
    process.off('SIGINT', interrupted);
  });
  const read = usage.read;
  for (const db of usage.databases)
    ctx.err(
      `read ${db.shown}: ${db.records} aggregate record${db.records === 1 ? '' : 's'}; the database took ${(db.firstRecordMs / 1000).toFixed(1)} s to its first record\n`,
    );
  for (const d of read.diagnostics) ctx.err(`${formatDiagnostic(d)}\n`);
  const previous = opts.previous !== undefined ? await readPreviousReview(opts.previous) : undefined;
  const result = reviewOf(run, inputs.inventory, usage, period, previous);

  const { makeReviewRenderers } = await import('../../render/review/review-registry.js');
  // Tier colours in the policy's order, as in the matrix.
  const reviewRenderers = makeReviewRenderers({ tierOrder: plan.tiers.map((t) => t.id) });
  const files: { path: string; text: string }[] = [];
  if (opts.out !== undefined) {
    files.push(
      { path: join(opts.out, 'review.md'), text: reviewRenderers.markdown(result, { color: false }) },
      { path: join(opts.out, 'review.html'), text: reviewRenderers.html(result, { color: false }) },
      { path: join(opts.out, 'review.json'), text: reviewRenderers.json(result, { color: false }) },
    );
  }
  if (opts.propose !== undefined) {
    const { inventoryForPatch, renderProposalsPatch } = await import('../../io/edit/proposals-patch.js');
    const given = inputs.loaded.files.length === 1 ? inputs.loaded.files[0]! : (opts.inventory ?? 'inventory');
    const inventory = inventoryForPatch(given, opts.propose);
    files.push({
      path: opts.propose,
      text: renderProposalsPatch(result.proposals, {
        generator: generator(),
        period: `${period.from}..${period.to}`,
        inventory,
      }),
    });
  }
  if (files.length > 0) {
    await writeOutputs(files);
    ctx.err(`wrote ${files.map((f) => f.path).join(', ')}\n`);
  }
  const format = opts.format ?? (files.length === 0 ? 'table' : undefined);
  const placed =
    format === 'sarif' || opts.annotations !== undefined ? await placedReviewDiagnostics(result, inputs) : [];
  if (format === 'sarif') {
    const { renderSarif } = await import('../../render/diagnostics/sarif.js');
    ctx.out(renderSarif(placed, { version: version(), rules: REVIEW_CODES }));
  } else if (format)
    ctx.out(
      reviewRenderers[format](result, {
        color: format === 'table' && ctx.color,
        // Without --width, COLUMNS or a terminal (a pipe, a CI log) the renderer's default: 80 columns.
        width: opts.width ?? ctx.columns,
      }),
    );
  printAnnotations(ctx, opts.annotations, placed);
  const findings = failOn(result, opts.failOn, ctx);
  // A file damaged midway still gets its report (the rows before the damage count), but CI must
  // not take a partial quarter for a clean one: bad input wins over findings.
  if (read.diagnostics.length > 0) {
    ctx.err(
      `${read.diagnostics.length} usage file(s) broke off before their end: the report covers only the rows before the damage (exit 2)\n`,
    );
    return 2;
  }
  return findings;
}

async function apply(
  ctx: CliContext,
  opts: ReviewOptions,
  patch: string,
  inventory: string | undefined,
): Promise<number> {
  if (opts.format !== undefined && opts.format !== 'table' && opts.format !== 'json')
    throw new UsageError(`--apply lists the changes it made as table or json, not ${opts.format}`);
  if (opts.annotations !== undefined)
    throw new UsageError(
      '--annotations places review findings, and --apply reports no findings: drop --annotations (--format json lists the changes for a script)',
    );
  const { applyProposalsPatchFile } = await import('../../io/edit/proposals-patch.js');
  // The patched inventory must pass validate's checks, which need the policy the review used.
  const { policy, diagnostics } = await loadPolicy(opts.policy);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  const result = await applyProposalsPatchFile(inventory, patch, { policy, asOf: resolveAsOf(opts.asOf) });
  if (opts.format === 'json') {
    ctx.out(`${JSON.stringify(appliedJson(result), null, 2)}\n`);
    return 0;
  }
  for (const s of result.skipped) ctx.err(`skipped ${terminalText(s.use_case)}: ${s.reason}\n`);
  const where = result.files.join(', ') || result.inventory;
  const n = `${result.applied} proposal${result.applied === 1 ? '' : 's'}`;
  if (result.changes.length === 0) {
    ctx.out(`applied no proposal to ${terminalText(where)}: the inventory is unchanged\n`);
    return 0;
  }
  ctx.out(`applied ${n} to ${terminalText(where)}:\n`);
  // Two lines a change, so a list of long ids and overrides still reads at 80 columns.
  const at = (c: AppliedChange): string =>
    result.files.length > 1 ? `${terminalText(c.file)}:${c.line}` : `line ${c.line}`;
  for (const c of result.changes)
    ctx.out(`  ${terminalText(c.use_case)} (${at(c)}), ${c.action}:\n    ${terminalText(changeInWords(c.change))}\n`);
  ctx.out('run `tierplan plan` and `tierplan gateway` to regenerate the matrix and routing\n');
  return 0;
}

/** `review --apply --format json`: what changed, where, in words and as data; what was skipped and why. */
function appliedJson(result: ApplyResult): unknown {
  return {
    inventory: result.inventory,
    files: result.files,
    applied: result.changes.map((c) => ({
      use_case: c.use_case,
      action: c.action,
      file: c.file,
      line: c.line,
      change: { path: c.change.path, from: c.change.from ?? null, to: c.change.to ?? null },
      summary: changeInWords(c.change),
      trigger: c.trigger,
    })),
    skipped: result.skipped,
  };
}

function failOn(r: Review, level: ReviewOptions['failOn'], ctx: CliContext): number {
  const summary = failOnSummary(r, level);
  if (summary !== null) ctx.err(`${summary}\n`);
  return summary === null ? 0 : 1;
}

/** The URL of the database the policy names `name`, from its environment variable; never printed. */
function databaseUrl(policy: Policy, name: string): string {
  const databases = policy.review?.databases ?? {};
  const db = databases[name];
  if (!db) {
    const known = Object.keys(databases);
    throw new UsageError(
      `--usage-db ${name}: the policy names no such database${known.length > 0 ? ` (it names ${known.join(', ')})` : ''}; add it under review.databases with the environment variable that holds its URL (docs/review.md#straight-from-the-database-or-the-warehouse)`,
    );
  }
  const url = process.env[db.url_env];
  if (url === undefined || url === '')
    throw new UsageError(
      `--usage-db ${name}: the environment variable ${db.url_env} is not set; set it to the database's postgresql:// URL`,
    );
  if (!isPostgresUrl(url))
    throw new UsageError(
      `--usage-db ${name}: ${db.url_env} does not hold a postgresql:// (or postgres://) URL; its value is not printed, as it may hold a password`,
    );
  return url;
}

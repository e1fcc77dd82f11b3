import { join } from 'node:path';
import type { Review } from '../../core/review/review-types.js';
import { InputError, UsageError } from '../../io/source/errors.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { terminalText } from '../../core/diagnostics/terminal-text.js';
import { firstFindings } from '../../core/review/first-findings.js';
import { startWorkerAhead } from '../../io/usage/fold-parallel.js';
import { DEFAULT_READ_LIMITS } from '../../io/usage/limits.js';
import { loadMapping } from '../../io/usage/mapping.js';
import type { CostColumn } from '../../io/usage/read-usage.js';
import { writeOutputs } from '../../io/output/write-output.js';
import { pipelineFromInputs } from '../../pipeline/pipeline.js';
import { readPreviousReview, readUsageTotals, reviewOf, type UsageFormatOption } from '../../pipeline/review.js';
import { INTERRUPTED, type CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, loadPolicy, resolveAsOf, type InputOptions } from '../inputs.js';
import { reviewPeriod } from '../period.js';
import { progressBar } from '../progress.js';
import { emitSql, queryOptions, type ReviewSqlOptions } from '../review-sql.js';
import { isPostgresUrl } from '../../io/usage/postgres-url.js';

export interface ReviewOptions extends InputOptions, ReviewSqlOptions {
  usage?: string[];
  usageFormat?: UsageFormatOption;
  mapping?: string;
  costColumn: CostColumn;
  quarter?: string;
  from?: string;
  to?: string;
  previous?: string;
  format?: 'table' | 'markdown' | 'html' | 'json';
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
  if (opts.emitSql) return emitSql(ctx, opts);
  if (!opts.usage || opts.usage.length === 0)
    throw new UsageError(
      'give the usage exports to review with --usage FILE..., or a patch to apply with --apply FILE',
    );
  // The reading thread starts while the inventory and the plan load.
  await startWorkerAhead(opts.usage.filter((u) => !isPostgresUrl(u)));
  const inputs = await loadInputs(opts);
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
    files: opts.usage,
    useCases: inputs.inventory.use_cases.map((u) => u.id),
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
    ...(opts.usage.some(isPostgresUrl) ? { query: queryOptions(opts) } : {}),
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
    const { renderProposalsPatch } = await import('../../io/edit/proposals-patch.js');
    const inventory = inputs.loaded.files.length === 1 ? inputs.loaded.files[0]! : (opts.inventory ?? 'inventory');
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
  if (format) ctx.out(reviewRenderers[format](result, { color: format === 'table' && ctx.color }));
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
  const { applyProposalsPatchFile } = await import('../../io/edit/proposals-patch.js');
  // The patched inventory must pass validate's checks, which need the policy the review used.
  const { policy, diagnostics } = await loadPolicy(opts.policy);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  const result = await applyProposalsPatchFile(inventory, patch, { policy, asOf: resolveAsOf(opts.asOf) });
  for (const s of result.skipped) ctx.err(`skipped ${s.use_case}: ${s.reason}\n`);
  for (const c of result.changes)
    ctx.out(
      `  ${terminalText(c.use_case)}: ${c.action} — ${c.change.path.join('.')} ${show(c.change.from)} → ${show(c.change.to)}\n`,
    );
  ctx.out(
    `applied ${result.applied} proposal${result.applied === 1 ? '' : 's'} to ${result.files.join(', ') || result.inventory}; run \`tierplan plan\` and \`tierplan gateway\` to regenerate\n`,
  );
  return 0;
}

function failOn(r: Review, level: ReviewOptions['failOn'], ctx: CliContext): number {
  // Rows on a deployment nobody can identify are judged as the most open tier: a breach when it is not cleared.
  const breaches = r.counts.breaches;
  // Traffic to a retired use case is traffic where the plan puts none: the drift level, with unregistered
  // aliases and labels that contradict where the rows ran.
  const drift = r.findings.filter(
    (f) =>
      f.kind === 'drift' ||
      f.kind === 'unregistered' ||
      f.kind === 'retired-traffic' ||
      f.kind === 'label-mismatch' ||
      f.kind === 'use-case-mismatch',
  ).length;
  const found = {
    none: 0,
    breach: breaches,
    drift: breaches + drift,
    trigger: breaches + drift + r.triggers.length,
    any: r.findings.filter((f) => f.severity !== 'info').length + r.triggers.length,
  }[level];
  if (found > 0) ctx.err(`${found} finding${found === 1 ? '' : 's'} at --fail-on ${level}: ${firstFindings(r)}\n`);
  return found > 0 ? 1 : 0;
}

/** A proposal's value on one line: strings bare, anything else as JSON, removal as "(none)". */
const show = (v: unknown): string =>
  v === null || v === undefined ? '(none)' : terminalText(typeof v === 'string' ? v : JSON.stringify(v));

import { formatDiagnostic } from '../../core/diagnostics/format.js';
import type { Plan } from '../../core/plan/plan-types.js';
import { pipelineFromInputs } from '../../pipeline/pipeline.js';
import { GATEWAY_TARGETS, TARGET_DIRS } from '../../render/gateway/gateway-files.js';
import { INTERRUPTED, type CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, type InputOptions } from '../inputs.js';
import { writeOutTree } from '../out-tree.js';

export interface PlanOptions extends InputOptions {
  /** Undefined: the table on stdout, or nothing when --out writes the files. */
  format?: 'table' | 'markdown' | 'html' | 'json';
  out?: string;
  failOn: 'none' | 'gap' | 'unclassified' | 'suggestion' | 'any';
  interactive: boolean;
  /** Columns of the terminal table; over $COLUMNS and the terminal's width. */
  width?: number;
}

export async function plan(ctx: CliContext, opts: PlanOptions): Promise<number> {
  let inputs = await loadInputs(opts);
  for (const d of inputs.warnings) ctx.err(`${formatDiagnostic(d)}\n`);
  if (ctx.interactive) {
    const { askAndSave } = await import('../interactive/plan-questions.js');
    const asked = await askAndSave(ctx, inputs, opts);
    if (asked === 'interrupted') return INTERRUPTED;
    if (asked === 'saved') inputs = await loadInputs(opts);
  }
  const run = pipelineFromInputs(inputs, { generator: generator() });
  if (opts.out !== undefined) {
    const matrix = await run.matrixFiles();
    const files = [...matrix, ...(await run.gatewayFiles(GATEWAY_TARGETS))];
    const scope = [...matrix.map((f) => f.path), ...GATEWAY_TARGETS.map((t) => TARGET_DIRS[t])];
    const removed = await writeOutTree(ctx, opts.out, files, scope);
    ctx.err(
      `wrote ${files.length} files under ${opts.out}: matrix.md, matrix.html, plan.json, litellm/, portkey/${removed}\n`,
    );
  }
  // With --out the files are the output; stdout repeats one only when asked with --format.
  const format = opts.format ?? (opts.out === undefined ? 'table' : undefined);
  if (format) {
    const { planRenderers } = await import('../../render/matrix/registry.js');
    // Without --width, COLUMNS or a terminal (a pipe, a CI log) the renderer's default: 80 columns.
    const width = opts.width ?? ctx.columns;
    ctx.out(planRenderers[format](run.plan(), { color: format === 'table' && ctx.color, width }));
  }
  return findingsExit(run.plan(), opts.failOn, ctx);
}

function findingsExit(p: Plan, failOn: PlanOptions['failOn'], ctx: CliContext): number {
  const refused = p.use_cases.filter(
    (u) => u.override && (u.override.state === 'refused' || u.override.state === 'expired'),
  );
  const found = {
    gap: p.gaps.length,
    unclassified: p.unclassified.length,
    suggestion: p.pending.length,
    any: p.gaps.length + p.unclassified.length + p.pending.length + refused.length,
    none: 0,
  }[failOn];
  if (found > 0) ctx.err(`${found} finding(s) at --fail-on ${failOn}\n`);
  return found > 0 ? 1 : 0;
}

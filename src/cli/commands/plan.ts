import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { countedFindings, type FailOn, findingsSummary, planFindings } from '../../core/plan/plan-findings.js';
import type { Plan } from '../../core/plan/plan-types.js';
import { pipelineFromInputs } from '../../pipeline/pipeline.js';
import { GATEWAY_TARGETS, TARGET_DIRS } from '../../render/gateway/gateway-files.js';
import { type Annotations, printAnnotations, refuseWithMachineFormat } from '../annotations.js';
import { INTERRUPTED, type CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, type InputOptions, type Inputs } from '../inputs.js';
import { writeOutTree } from '../out-tree.js';

export interface PlanOptions extends InputOptions {
  /** Undefined: the table on stdout, or nothing when --out writes the files. */
  format?: 'table' | 'markdown' | 'html' | 'json';
  out?: string;
  failOn: FailOn;
  annotations?: Annotations;
  interactive: boolean;
  /** Columns of the terminal table; over $COLUMNS and the terminal's width. */
  width?: number;
}

export async function plan(ctx: CliContext, opts: PlanOptions): Promise<number> {
  refuseWithMachineFormat(opts.annotations, opts.format);
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
  return findingsExit(inputs, run.plan(), opts, ctx);
}

function findingsExit(inputs: Inputs, p: Plan, opts: PlanOptions, ctx: CliContext): number {
  const findings = planFindings(p);
  if (opts.annotations !== undefined) {
    const index = new Map(inputs.inventory.use_cases.map((u, i) => [u.id, i]));
    const placed = findings.map((f) => {
      const pos = inputs.loaded.locator.locate(['use_cases', index.get(f.use_case) ?? 0, 'id']);
      return { ...f, file: pos.file, line: pos.line, column: pos.column };
    });
    printAnnotations(ctx, opts.annotations, placed);
  }
  const counted = countedFindings(findings, opts.failOn);
  if (counted.length > 0) ctx.err(`${findingsSummary(counted, opts.failOn)}\n`);
  return counted.length > 0 ? 1 : 0;
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffPlans, isEmptyDiff } from '../../core/diff/plan-diff.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import type { Plan } from '../../core/plan/plan-types.js';
import { copyAtRevision } from '../../io/git/revision-files.js';
import { loadPlanFile } from '../../io/inputs/load-plan.js';
import { UsageError } from '../../io/source/errors.js';
import { DEFAULT_INVENTORY, loadCheckedInputs } from '../../pipeline/inputs.js';
import { pipelineFromInputs } from '../../pipeline/pipeline.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../render/diff/diff-report.js';
import type { CliContext } from '../context.js';
import { generator } from '../generator.js';
import { resolveAsOf, type InputOptions } from '../inputs.js';

export interface DiffOptions extends InputOptions {
  base?: string;
  head?: string;
  format: 'table' | 'markdown' | 'json';
  failOn: 'none' | 'widen' | 'any';
}

const POLICY_FILE = 'tierplan.policy.yaml';

export async function diff(ctx: CliContext, files: string[], opts: DiffOptions): Promise<number> {
  const [base, head] = await plans(ctx, files, opts);
  const d = diffPlans(base, head);
  const render = { table: renderDiffText, markdown: renderDiffMarkdown, json: renderDiffJson }[opts.format];
  ctx.out(render(d));
  const found = opts.failOn === 'widen' ? d.widened.length : opts.failOn === 'any' && !isEmptyDiff(d) ? 1 : 0;
  if (found > 0)
    ctx.err(`${opts.failOn === 'widen' ? `${d.widened.length} widened` : 'changes'} at --fail-on ${opts.failOn}\n`);
  return found > 0 ? 1 : 0;
}

async function plans(ctx: CliContext, files: string[], opts: DiffOptions): Promise<[Plan, Plan]> {
  if (files.length === 2) {
    if (opts.base !== undefined || opts.head !== undefined)
      throw new UsageError('give two plan.json files, or --base REV (and --head REV), not both');
    return [await loadPlanFile(files[0]!), await loadPlanFile(files[1]!)];
  }
  if (files.length === 1) throw new UsageError('give two plan.json files (BASE HEAD), or --base REV to compare with');
  if (opts.base === undefined)
    throw new UsageError('nothing to compare: give BASE.json HEAD.json, or --base REV (e.g. --base origin/main)');
  // One date for both sides, so the date alone never makes a difference.
  const asOf = resolveAsOf(opts.asOf);
  const dir = await mkdtemp(join(tmpdir(), 'tierplan-diff-'));
  try {
    const base = await planAt(ctx, opts.base, opts, asOf, join(dir, 'base'));
    const head =
      opts.head === undefined
        ? await planOf(ctx, { inventory: opts.inventory, policy: opts.policy }, asOf)
        : await planAt(ctx, opts.head, opts, asOf, join(dir, 'head'));
    return [base, head];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function planAt(ctx: CliContext, rev: string, opts: DiffOptions, asOf: string, into: string): Promise<Plan> {
  const inventoryPath = opts.inventory ?? DEFAULT_INVENTORY;
  const inventory = await copyAtRevision(rev, inventoryPath, into);
  if (inventory === undefined) throw new UsageError(`${inventoryPath} does not exist at ${rev}`);
  const policyPath = opts.policy ?? POLICY_FILE;
  const policy = await copyAtRevision(rev, policyPath, into);
  if (policy === undefined && opts.policy !== undefined)
    ctx.err(`note: ${policyPath} does not exist at ${rev}; the built-in default policy is used for it\n`);
  // Warnings about the old revision would point into a temporary copy: the head's are what to fix.
  return planOf(undefined, { inventory, policy: policy ?? null }, asOf);
}

async function planOf(
  ctx: CliContext | undefined,
  paths: { inventory?: string | undefined; policy?: string | null | undefined },
  asOf: string,
): Promise<Plan> {
  const inputs = await loadCheckedInputs({
    ...(paths.inventory !== undefined ? { inventory: paths.inventory } : {}),
    ...(paths.policy !== undefined ? { policy: paths.policy } : {}),
    asOf,
  });
  for (const d of inputs.warnings) ctx?.err(`${formatDiagnostic(d)}\n`);
  return pipelineFromInputs(inputs, { generator: generator() }).plan();
}

import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { aliasOwners } from '../../core/policy/check-aliases.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { verifyConfigs } from '../../core/verify/verify.js';
import { readGatewayConfigs } from '../../io/configs/read-gateway-configs.js';
import { pipelineFromInputs, type Pipeline } from '../../pipeline/pipeline.js';
import { pipelineFromPlanJson } from '../../pipeline/plan-json.js';
import { type PlacedVerifyFinding, verifyDiagnostic } from '../../core/verify/verify-types.js';
import { renderVerify, type VerifyFormat } from '../../render/verify/verify-report.js';
import { type Annotations, printAnnotations, refuseWithMachineFormat } from '../annotations.js';
import type { CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, type InputOptions } from '../inputs.js';
import { version } from '../version.js';

export interface VerifyCommandOptions extends InputOptions {
  plan?: string;
  format: VerifyFormat;
  annotations?: Annotations;
}

/** Exit 1 on any error finding (violation or drift), 0 when only warnings or nothing. */
export async function verify(ctx: CliContext, paths: string[], opts: VerifyCommandOptions): Promise<number> {
  refuseWithMachineFormat(opts.annotations, opts.format);
  const run = await start(ctx, opts);
  const plan = run.plan();
  const routes = await run.routes();
  const { configs, locators } = await readGatewayConfigs(paths);
  const { checkLitellmConfig, checkPortkeyConfig } = await import('../../io/configs/gateway-schemas.js');
  const lint = (c: { dialect: string; value: unknown }) =>
    c.dialect === 'litellm' ? checkLitellmConfig(c.value) : checkPortkeyConfig(c.value);
  const result = verifyConfigs(configs, plan, run.policy, {
    lint,
    ...(routes ? { routes } : {}),
    ...(run.inventory ? { aliases: aliasOwners(run.inventory) } : {}),
  });
  const placed = result.findings.map((f): PlacedVerifyFinding => {
    const locator = locators.get(f.file);
    if (!locator) return f;
    const pos = locator.locate(f.steps);
    return { ...f, line: pos.line, column: pos.column };
  });
  ctx.out(renderVerify(result, placed, opts.format, version()));
  printAnnotations(ctx, opts.annotations, placed.map(verifyDiagnostic));
  return result.summary.errors > 0 ? 1 : 0;
}

/** The plan from --plan (checked against its schema and the policy) or computed from --inventory, as `gateway` does. */
async function start(ctx: CliContext, opts: VerifyCommandOptions): Promise<Pipeline> {
  const warn = (d: PlacedDiagnostic): void => ctx.err(`${formatDiagnostic(d)}\n`);
  if (opts.plan !== undefined) {
    return pipelineFromPlanJson(
      {
        plan: opts.plan,
        ...(opts.policy !== undefined ? { policy: opts.policy } : {}),
        ...(opts.inventory !== undefined ? { inventory: opts.inventory } : {}),
      },
      warn,
    );
  }
  const inputs = await loadInputs(opts);
  inputs.warnings.forEach(warn);
  return pipelineFromInputs(inputs, { generator: generator() });
}

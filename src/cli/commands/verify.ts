import { computePlan } from '../../core/plan/plan.js';
import type { Plan } from '../../core/plan/plan-types.js';
import { compileRoutes } from '../../core/gateway/routing.js';
import type { RoutingModel } from '../../core/gateway/routing-types.js';
import type { Policy } from '../../core/policy/types.js';
import { verifyConfigs } from '../../core/verify/verify.js';
import type { PlacedVerifyFinding } from '../../core/verify/verify-types.js';
import { InputError, UsageError } from '../../io/source/errors.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { loadInventory } from '../../io/inputs/load-inventory.js';
import { loadPlanFile } from '../../io/inputs/load-plan.js';
import { readGatewayConfigs } from '../../io/configs/read-gateway-configs.js';
import { renderVerify, type VerifyFormat } from '../../render/verify/verify-report.js';
import type { CliContext } from '../context.js';
import { generator } from '../generator.js';
import { loadInputs, loadPolicy, type InputOptions } from '../inputs.js';
import { version } from '../version.js';

export interface VerifyCommandOptions extends InputOptions {
  plan?: string;
  format: VerifyFormat;
}

/** Exit 1 on any error finding (violation or drift), 0 when only warnings or nothing. */
export async function verify(ctx: CliContext, paths: string[], opts: VerifyCommandOptions): Promise<number> {
  const { plan, policy, routes } = await planAndPolicy(ctx, opts);
  const { configs, locators } = await readGatewayConfigs(paths);
  const { checkLitellmConfig, checkPortkeyConfig } = await import('../../io/configs/gateway-schemas.js');
  const lint = (c: { dialect: string; value: unknown }) => (c.dialect === 'litellm' ? checkLitellmConfig(c.value) : checkPortkeyConfig(c.value));
  const result = verifyConfigs(configs, plan, policy, { lint, ...(routes ? { routes } : {}) });
  const placed = result.findings.map((f): PlacedVerifyFinding => {
    const locator = locators.get(f.file);
    if (!locator) return f;
    const pos = locator.locate(f.steps);
    return { ...f, line: pos.line, column: pos.column };
  });
  ctx.out(renderVerify(result, placed, opts.format, version()));
  return result.summary.errors > 0 ? 1 : 0;
}

interface Source {
  plan: Plan;
  policy: Policy;
  /** Known only with an inventory: the metadata each use case sends to a conditional config. */
  routes?: RoutingModel;
}

/** The plan from --plan (checked against its schema) or computed from --inventory, as `gateway` does. */
async function planAndPolicy(ctx: CliContext, opts: VerifyCommandOptions): Promise<Source> {
  if (opts.plan === undefined) {
    const inputs = await loadInputs(opts, 'plan');
    for (const d of inputs.warnings) ctx.err(`${formatDiagnostic(d)}\n`);
    const plan = computePlan(inputs.inventory, inputs.policy, { asOf: inputs.asOf, generator: generator() });
    return { plan, policy: inputs.policy, routes: compileRoutes(plan, inputs.inventory, inputs.policy) };
  }
  const { policy, diagnostics } = await loadPolicy(opts.policy);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  for (const d of diagnostics) ctx.err(`${formatDiagnostic(d)}\n`);
  const plan = await loadPlanFile(opts.plan);
  checkPlanAgainstPolicy(plan, policy, opts.plan);
  const inventory = opts.inventory === undefined ? undefined : (await loadInventory(opts.inventory)).inventory;
  return { plan, policy, ...(inventory ? { routes: compileRoutes(plan, inventory, policy) } : {}) };
}

/** Deployments are looked up in the policy: a plan made with another policy would be judged wrongly. */
function checkPlanAgainstPolicy(plan: Plan, policy: Policy, file: string): void {
  for (const u of plan.use_cases) {
    if (u.tier === null) continue;
    const tier = policy.tiers.find((t) => t.id === u.tier);
    if (!tier || (u.deployment !== null && !tier.deployments.some((d) => d.id === u.deployment))) {
      throw new UsageError(`${file} places "${u.id}" on ${u.tier}${u.deployment ? ` / ${u.deployment}` : ''}, which the policy${plan.policy !== policy.name ? ` ("${policy.name}"; the plan was made with "${plan.policy}")` : ''} does not have: pass the --policy the plan was made with`);
    }
  }
}

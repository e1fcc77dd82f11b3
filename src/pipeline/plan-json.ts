// A run that starts from a plan.json (`verify --plan`): the plan is read and checked against its
// schema, never recomputed, and judged against the policy it must have been made with.
import type { PlacedDiagnostic } from '../core/diagnostics/problems.js';
import type { Plan } from '../core/plan/plan-types.js';
import type { Policy } from '../core/policy/types.js';
import { loadInventory } from '../io/inputs/load-inventory.js';
import { loadPlanFile } from '../io/inputs/load-plan.js';
import { InputError, UsageError } from '../io/source/errors.js';
import { loadPolicy } from './inputs.js';
import { pipelineFromPlan, type Pipeline } from './pipeline.js';

interface PlanJsonPaths {
  plan: string;
  policy?: string;
  /** Optional: with it the run knows the routes each use case is given. */
  inventory?: string;
}

/** `warn` hears the policy's warnings as soon as they are known, before the plan is read. */
export async function pipelineFromPlanJson(
  paths: PlanJsonPaths,
  warn: (d: PlacedDiagnostic) => void,
): Promise<Pipeline> {
  const { policy, policyPath, diagnostics } = await loadPolicy(paths.policy);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  for (const d of diagnostics) warn(d);
  const plan = await loadPlanFile(paths.plan);
  checkPlanAgainstPolicy(plan, policy, paths.plan);
  const inventory = paths.inventory === undefined ? undefined : (await loadInventory(paths.inventory)).inventory;
  const sources = [
    paths.plan,
    ...(paths.inventory !== undefined ? [paths.inventory] : []),
    policyPath ?? 'built-in default policy',
  ];
  return pipelineFromPlan(plan, policy, sources, inventory);
}

/** Deployments are looked up in the policy: a plan made with another policy would be judged wrongly. */
function checkPlanAgainstPolicy(plan: Plan, policy: Policy, file: string): void {
  for (const u of plan.use_cases) {
    if (u.tier === null) continue;
    const tier = policy.tiers.find((t) => t.id === u.tier);
    if (!tier || (u.deployment !== null && !tier.deployments.some((d) => d.id === u.deployment))) {
      throw new UsageError(
        `${file} places "${u.id}" on ${u.tier}${u.deployment ? ` / ${u.deployment}` : ''}, which the policy${plan.policy !== policy.name ? ` ("${policy.name}"; the plan was made with "${plan.policy}")` : ''} does not have: pass the --policy the plan was made with`,
      );
    }
  }
}

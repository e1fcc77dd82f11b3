import { computePlan, type PlanOptions } from '../plan/plan.js';
import type { Plan, PlannedUseCase } from '../plan/plan-types.js';
import type { Policy, UseCase } from '../policy/types.js';

export interface Preview {
  /** A plan of this one use case, for the renderers that need the plan's context. */
  plan: Plan;
  placed: PlannedUseCase;
}

/** Where the use case would land with its answers written in: the same decision `plan` makes. */
export function previewPlacement(uc: UseCase, policy: Policy, opts: PlanOptions): Preview {
  const plan = computePlan({ version: 1, use_cases: [uc] }, policy, opts);
  return { plan, placed: plan.use_cases[0]! };
}

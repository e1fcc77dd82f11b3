// The bundled example, loaded as the CLI does, for gateway tests.
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { loadPolicyFile } from '../../src/io/inputs/load-policy.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { Plan } from '../../src/core/plan/plan-types.js';
import type { RoutingModel } from '../../src/core/gateway/routing-types.js';
import type { Inventory, Policy } from '../../src/core/policy/types.js';

export interface Example {
  inventory: Inventory;
  policy: Policy;
  plan: Plan;
  model: RoutingModel;
}

export async function loadExample(): Promise<Example> {
  const inventory = (await loadInventory('examples/inventory.yaml')).inventory;
  const policy = mergePolicy((await loadPolicyFile('examples/tierplan.policy.yaml')).file, DEFAULT_POLICY);
  const plan = computePlan(inventory, policy, { asOf: '2026-11-24', generator: 'tierplan test' });
  return { inventory, policy, plan, model: compileRoutes(plan, inventory, policy) };
}

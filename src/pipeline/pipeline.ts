// One run's way from inputs to outputs: the plan, the routing model compiled from it, and the
// files rendered from them, each made at most once and only when first asked for. A command
// that needs only the plan never compiles routes, and never loads the gateway renderers.
import { join } from 'node:path';
import type { Plan } from '../core/plan/plan-types.js';
import { computePlan } from '../core/plan/plan.js';
import type { RoutingModel } from '../core/gateway/routing-types.js';
import type { Inventory, Policy } from '../core/policy/types.js';
import type { OutputFile } from '../io/output/write-output.js';
import type { GatewayFile, GatewayTarget } from '../render/gateway/gateway-files.js';
import type { Inputs } from './inputs.js';

export interface Pipeline {
  readonly policy: Policy;
  /** The inventory the plan was made from; undefined when the run started from a plan.json without one. */
  readonly inventory?: Inventory;
  /** The plan: computed from the inputs, or the plan.json the run started from. */
  plan(): Plan;
  /** The routing model; undefined when the run started from a plan.json without an inventory. */
  routes(): Promise<RoutingModel | undefined>;
  /** Gateway config files for `targets`, paths relative to the output folder, in a stable order. */
  gatewayFiles(targets: readonly GatewayTarget[]): Promise<GatewayFile[]>;
  /** matrix.md, matrix.html and plan.json, paths relative to the output folder. */
  matrixFiles(): Promise<OutputFile[]>;
  /** Everything `plan --out DIR` writes: the matrix files, then every gateway dialect. */
  outFiles(dir: string): Promise<OutputFile[]>;
}

/** Where a run starts: the plan is either made from the inventory or read from a plan.json. */
interface Start {
  policy: Policy;
  inventory?: Inventory;
  plan: () => Plan;
  /** The input files, named in the header of generated gateway configs. */
  sources: string[];
}

export function pipelineFromInputs(inputs: Inputs, opts: { generator: string }): Pipeline {
  const files = inputs.loaded.files;
  const named = [...files.slice(0, 3), ...(files.length > 3 ? [`… ${files.length - 3} more`] : [])];
  return makePipeline({
    policy: inputs.policy,
    inventory: inputs.inventory,
    plan: () => computePlan(inputs.inventory, inputs.policy, { asOf: inputs.asOf, generator: opts.generator }),
    sources: [...named, inputs.policyPath ?? 'built-in default policy'],
  });
}

/** A plan read back from plan.json: the hub other outputs are re-rendered from, never recomputed. */
export function pipelineFromPlan(plan: Plan, policy: Policy, sources: string[], inventory?: Inventory): Pipeline {
  return makePipeline({ policy, ...(inventory ? { inventory } : {}), plan: () => plan, sources });
}

function makePipeline(start: Start): Pipeline {
  const plan = once(start.plan);
  const routes = once(async (): Promise<RoutingModel | undefined> => {
    if (!start.inventory) return undefined;
    const { compileRoutes } = await import('../core/gateway/routing.js');
    return compileRoutes(plan(), start.inventory, start.policy);
  });
  const rendered = new Map<string, Promise<GatewayFile[]>>();
  const gatewayFiles = (targets: readonly GatewayTarget[]): Promise<GatewayFile[]> => {
    const key = targets.join(',');
    let files = rendered.get(key);
    if (!files) {
      files = renderGateway(start, routes, [...targets]);
      rendered.set(key, files);
    }
    return files;
  };
  const matrixFiles = once(async (): Promise<OutputFile[]> => {
    const { planRenderers } = await import('../render/matrix/registry.js');
    const p = plan();
    return [
      { path: 'matrix.md', text: planRenderers.markdown(p, { color: false }) },
      { path: 'matrix.html', text: planRenderers.html(p, { color: false }) },
      { path: 'plan.json', text: planRenderers.json(p, { color: false }) },
    ];
  });
  return {
    policy: start.policy,
    ...(start.inventory ? { inventory: start.inventory } : {}),
    plan,
    routes,
    gatewayFiles,
    matrixFiles,
    async outFiles(dir) {
      const files = [...(await matrixFiles()), ...(await gatewayFiles(['litellm', 'portkey']))];
      return files.map((f) => ({ path: join(dir, f.path), text: f.text }));
    },
  };
}

async function renderGateway(
  start: Start,
  routes: () => Promise<RoutingModel | undefined>,
  targets: GatewayTarget[],
): Promise<GatewayFile[]> {
  const model = await routes();
  if (!model) throw new Error('gateway configs are compiled from an inventory: this run has a plan but no inventory');
  const { gatewayFiles } = await import('../render/gateway/gateway-files.js');
  return gatewayFiles(model, start.policy, targets, { inputs: start.sources });
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

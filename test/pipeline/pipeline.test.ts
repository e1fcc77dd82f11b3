import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { Plan } from '../../src/core/plan/plan-types.js';
import { UsageError } from '../../src/io/source/errors.js';
import { gatewayFiles } from '../../src/render/gateway/gateway-files.js';
import { loadCheckedInputs } from '../../src/pipeline/inputs.js';
import { pipelineFromInputs, pipelineFromPlan } from '../../src/pipeline/pipeline.js';
import { pipelineFromPlanJson } from '../../src/pipeline/plan-json.js';

// The stages are counted where they are defined, so the pipeline's own module graph is used as is.
vi.mock('../../src/core/plan/plan.js', async (real) => {
  const m = await real<typeof import('../../src/core/plan/plan.js')>();
  return { ...m, computePlan: vi.fn(m.computePlan) };
});
vi.mock('../../src/core/gateway/routing.js', async (real) => {
  const m = await real<typeof import('../../src/core/gateway/routing.js')>();
  return { ...m, compileRoutes: vi.fn(m.compileRoutes) };
});
vi.mock('../../src/render/gateway/gateway-files.js', async (real) => {
  const m = await real<typeof import('../../src/render/gateway/gateway-files.js')>();
  return { ...m, gatewayFiles: vi.fn(m.gatewayFiles) };
});

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const inputs = () =>
  loadCheckedInputs({
    inventory: `${EXAMPLES}inventory.yaml`,
    policy: `${EXAMPLES}tierplan.policy.yaml`,
    asOf: '2026-11-24',
  });
const GENERATOR = { generator: 'tierplan 0.0.0-test' };

beforeEach(() => {
  vi.clearAllMocks();
});

describe('the pipeline', () => {
  it('a run that needs only the plan computes it once, compiles no routes and renders no gateway file', async () => {
    const run = pipelineFromInputs(await inputs(), GENERATOR);
    expect(run.plan()).toBe(run.plan());
    await run.matrixFiles();
    expect(computePlan).toHaveBeenCalledTimes(1);
    expect(compileRoutes).not.toHaveBeenCalled();
    expect(gatewayFiles).not.toHaveBeenCalled();
  });

  it('plan --out: one plan and one routing model for the matrix and every dialect, each file set rendered once', async () => {
    const run = pipelineFromInputs(await inputs(), GENERATOR);
    const files = await run.outFiles('out');
    await run.outFiles('elsewhere');
    await run.gatewayFiles(['litellm']);
    await run.gatewayFiles(['litellm']);
    expect(computePlan).toHaveBeenCalledTimes(1);
    expect(compileRoutes).toHaveBeenCalledTimes(1);
    expect(gatewayFiles).toHaveBeenCalledTimes(2);
    const paths = files.map((f) => f.path);
    expect(paths.slice(0, 7)).toEqual([
      join('out', 'matrix.md'),
      join('out', 'matrix.html'),
      join('out', 'plan.json'),
      join('out', 'litellm/config.yaml'),
      join('out', 'litellm/keys.json'),
      join('out', 'portkey/conditional.json'),
      join('out', 'portkey/routes.json'),
    ]);
    expect(paths.slice(7).every((p) => p.startsWith(join('out', 'portkey/use-cases/')))).toBe(true);
  });

  it('plan.json is the hub: a run started from it renders the same bytes without computing a plan', async () => {
    const loaded = await inputs();
    const first = pipelineFromInputs(loaded, GENERATOR);
    const matrix = await first.matrixFiles();
    const gateway = await first.gatewayFiles(['litellm', 'portkey']);
    const planJson = matrix.find((f) => f.path === 'plan.json')!.text;
    vi.clearAllMocks();

    const sources = [...loaded.loaded.files, loaded.policyPath!];
    const again = pipelineFromPlan(JSON.parse(planJson) as Plan, loaded.policy, sources, loaded.inventory);
    expect(await again.matrixFiles()).toEqual(matrix);
    expect(await again.gatewayFiles(['litellm', 'portkey'])).toEqual(gateway);
    expect(computePlan).not.toHaveBeenCalled();
  });

  it('from a plan.json without an inventory there are no routes, and gateway files say why they cannot be made', async () => {
    const loaded = await inputs();
    const plan = pipelineFromInputs(loaded, GENERATOR).plan();
    const run = pipelineFromPlan(plan, loaded.policy, ['plan.json']);
    expect(await run.routes()).toBeUndefined();
    await expect(run.gatewayFiles(['litellm'])).rejects.toThrow(/no inventory/);
  });
});

describe('starting from a plan.json file', () => {
  async function planJson(edit: (p: Plan) => void = () => undefined): Promise<string> {
    const plan = structuredClone(pipelineFromInputs(await inputs(), GENERATOR).plan());
    edit(plan);
    const file = join(mkdtempSync(join(tmpdir(), 'tierplan-pipeline-')), 'plan.json');
    writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
    return file;
  }

  it('reads the plan as written, and the routes come from the inventory given beside it', async () => {
    const file = await planJson();
    vi.clearAllMocks();
    const warned: string[] = [];
    const run = await pipelineFromPlanJson(
      { plan: file, policy: `${EXAMPLES}tierplan.policy.yaml`, inventory: `${EXAMPLES}inventory.yaml` },
      (d) => warned.push(d.code),
    );
    expect(run.plan().generator).toBe('tierplan 0.0.0-test');
    expect((await run.routes())?.routes.length).toBeGreaterThan(0);
    expect(computePlan).not.toHaveBeenCalled();
    expect(warned).toEqual([]);
  });

  it('refuses a plan placing a use case on a deployment the policy does not have', async () => {
    const file = await planJson((p) => {
      const placed = p.use_cases.find((u) => u.tier !== null && u.deployment !== null)!;
      placed.deployment = 'no-such-deployment';
    });
    const opened = pipelineFromPlanJson({ plan: file, policy: `${EXAMPLES}tierplan.policy.yaml` }, () => undefined);
    await expect(opened).rejects.toBeInstanceOf(UsageError);
    await expect(opened).rejects.toThrow(
      /no-such-deployment, which the policy does not have: pass the --policy the plan was made with/,
    );
  });
});

// Invariant 1 over thousands of random policies and inventories: the configs tierplan generates
// always pass `verify`; one added cross-tier fallback, load-balance member or conditional branch
// always fails it; and LiteLLM and Portkey send every use case to the same set of tiers.
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rank } from '../../src/core/plan/classify.js';
import { clearTier } from '../../src/core/plan/clearance.js';
import { litellmParams, portkeyLeaf } from '../../src/core/gateway/leaves.js';
import type { Plan, PlannedUseCase } from '../../src/core/plan/plan-types.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes, dataProfile, deploymentIndex } from '../../src/core/gateway/routing.js';
import type { RoutingModel } from '../../src/core/gateway/routing-types.js';
import type { Deployment, Inventory, Policy } from '../../src/core/policy/types.js';
import { verifyConfigs } from '../../src/core/verify/verify.js';
import type { ConfigInput } from '../../src/core/verify/verify-types.js';
import { renderLitellmConfig } from '../../src/render/gateway/litellm-config.js';
import { renderPortkeyConditional } from '../../src/render/gateway/portkey-conditional.js';
import { renderPortkeyConfigs } from '../../src/render/gateway/portkey-config.js';
import { inventoryArb, policyArb } from '../core/arbitraries.js';

const AS_OF = '2026-11-24';

/** Random deployments share model names across tiers; give each a distinct endpoint, as real ones have. */
const distinct = (p: Policy): Policy => ({
  ...p,
  tiers: p.tiers.map((t) => ({
    ...t,
    deployments: t.deployments.map((d) => ({
      ...d,
      provider: 'hosted_vllm',
      model: `org/${d.id}`,
      endpoint: `http://${d.id}.models.example:8000/v1`,
      credentials: { api_key_env: 'VLLM_KEY' },
    })),
  })),
});

interface World {
  policy: Policy;
  inventory: Inventory;
  plan: Plan;
  routes: RoutingModel;
  litellm: Record<string, any>;
  useCases: Map<string, Record<string, any>>;
  conditional: Record<string, any>;
  routesJson: Record<string, unknown>;
}

const world = fc.tuple(policyArb(), fc.boolean()).chain(([raw, overrides]) => {
  const policy = distinct(raw);
  return inventoryArb(
    policy.tiers.map((t) => t.id),
    overrides,
  ).map((inventory): World => {
    const plan = computePlan(inventory, policy, { asOf: AS_OF, generator: 'test' });
    const routes = compileRoutes(plan, inventory, policy);
    const { config, routes: routesText } = renderPortkeyConditional(routes, policy);
    return {
      policy,
      inventory,
      plan,
      routes,
      litellm: parse(renderLitellmConfig(routes, policy, { inputs: ['inventory.yaml'] })) as Record<string, any>,
      useCases: new Map(
        [...renderPortkeyConfigs(routes, policy)].map(([f, text]) => [
          f.replace(/\.json$/, ''),
          JSON.parse(text) as Record<string, any>,
        ]),
      ),
      conditional: JSON.parse(config) as Record<string, any>,
      routesJson: JSON.parse(routesText) as Record<string, unknown>,
    };
  });
});

const configsOf = (w: World): ConfigInput[] => [
  { file: 'litellm/config.yaml', dialect: 'litellm', value: w.litellm },
  ...[...w.useCases].map(
    ([alias, value]): ConfigInput => ({
      file: `portkey/use-cases/${alias}.json`,
      dialect: 'portkey',
      value,
      set: 'portkey/use-cases',
    }),
  ),
  {
    file: 'portkey/conditional.json',
    dialect: 'portkey',
    value: w.conditional,
    metadata: { file: 'portkey/routes.json', value: w.routesJson },
  },
];
const errors = (w: World, configs: ConfigInput[]) =>
  verifyConfigs(configs, w.plan, w.policy).findings.filter((f) => f.severity === 'error');

/** A deployment this use case must never reach: on a tier not cleared for it, or more open than its own. */
function forbidden(w: World, u: PlannedUseCase): { deployment: Deployment; tier: string } | undefined {
  const levels = w.policy.sensitivity.levels;
  const own = w.policy.tiers.find((t) => t.id === u.tier)!;
  for (const t of w.policy.tiers) {
    if (t.id === u.tier) continue;
    const bad =
      !clearTier(t, dataProfile(u), w.policy).cleared || rank(levels, t.clearance) < rank(levels, own.clearance);
    if (bad && t.deployments[0]) return { deployment: t.deployments[0], tier: t.id };
  }
  return undefined;
}

const victims = (w: World) =>
  w.plan.use_cases.flatMap((u) => {
    const f = u.tier !== null && u.deployment !== null ? forbidden(w, u) : undefined;
    return f ? [{ u, ...f }] : [];
  });

const RUNS = { numRuns: 1000, seed: 20261124 };

describe('gateway invariants over random policies', () => {
  it('generated configs always pass verify', () => {
    fc.assert(
      fc.property(world, (w) => {
        expect(errors(w, configsOf(w))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('one added cross-tier fallback, load-balance member or conditional branch always fails verify', () => {
    const mutation = fc.constantFrom(
      'litellm-fallback',
      'litellm-member',
      'litellm-access-group',
      'portkey-fallback',
      'conditional-branch',
    );
    fc.assert(
      fc.property(world, mutation, fc.nat(), (w, kind, pick) => {
        const all = victims(w);
        fc.pre(all.length > 0);
        const { u, deployment, tier } = all[pick % all.length]!;
        const w2: World = structuredClone(w);
        const leaf = portkeyLeaf(
          { id: `${u.id}.${deployment.id}`, deployment: deployment.id, tier, weight: 1 },
          deployment,
        );
        if (kind === 'litellm-fallback') {
          w2.litellm.model_list.push({ model_name: `${u.id}--sneaky`, litellm_params: litellmParams(deployment, []) });
          w2.litellm.router_settings.fallbacks = [
            ...(w2.litellm.router_settings.fallbacks ?? []),
            { [u.id]: [`${u.id}--sneaky`] },
          ];
        } else if (kind === 'litellm-access-group') {
          // A group of its own, no route to it: only the use case's key can reach it.
          w2.litellm.model_list.push({
            model_name: 'elsewhere',
            litellm_params: litellmParams(deployment, []),
            model_info: { access_groups: [`tierplan-uc:${u.id}`] },
          });
        } else if (kind === 'litellm-member') {
          w2.litellm.model_list.push({ model_name: u.id, litellm_params: litellmParams(deployment, []) });
        } else if (kind === 'portkey-fallback') {
          w2.useCases.get(u.id)!.targets.push(leaf);
        } else {
          w2.conditional.strategy.conditions.unshift({
            query: {
              'metadata.tierplan_route': { $eq: (w2.routesJson[u.id] as Record<string, string>).tierplan_route },
            },
            then: 'sneaky',
          });
          w2.conditional.targets.push({ ...leaf, name: 'sneaky' });
        }
        const found = errors(w2, configsOf(w2)).filter((f) => f.use_case === u.id);
        expect(found.map((f) => f.code)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              kind === 'litellm-access-group'
                ? /^access-group-uncleared$/
                : /^(uncleared-tier|more-open-fallback|outside-residency)$/,
            ),
          ]),
        );
      }),
      { ...RUNS, numRuns: 600 },
    );
  });

  it("each use case's access group covers exactly its primary and fallback entries, all on cleared tiers", () => {
    fc.assert(
      fc.property(world, (w) => {
        const index = deploymentIndex(w.policy);
        const planned = new Map(w.plan.use_cases.map((u) => [u.id, u]));
        const entries = w.litellm.model_list as Record<string, any>[];
        for (const r of w.routes.routes) {
          const u = planned.get(r.alias)!;
          const group = `tierplan-uc:${r.alias}`;
          const inGroup = entries.filter((m) => (m.model_info.access_groups as string[]).includes(group));
          const primary = new Set(r.primary.map((t) => t.deployment));
          const expected = new Set([
            r.alias,
            ...[...r.fallbacks, ...r.context_window_fallbacks]
              .filter((t) => !primary.has(t.deployment))
              .map((t) => `${r.alias}--${t.deployment}`),
          ]);
          expect(new Set(inGroup.map((m) => m.model_name as string))).toEqual(expected);
          // No entry outside the use case's groups carries its access group, and every entry one group.
          expect(inGroup.every((m) => m.model_info.tierplan_use_case === r.alias)).toBe(true);
          for (const m of inGroup) {
            expect(m.model_info.access_groups).toEqual([group]);
            const tier = index.get((m.model_info.id as string).slice(r.alias.length + 1))!.tier;
            expect(r.allowed_tiers).toContain(tier.id);
            expect(clearTier(tier, dataProfile(u), w.policy).cleared || u.decided_by === 'exception').toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('LiteLLM and Portkey route every use case to the same set of tiers', () => {
    fc.assert(
      fc.property(world, (w) => {
        const index = deploymentIndex(w.policy);
        for (const r of w.routes.routes) {
          const viaLitellm = new Set<string>(
            (w.litellm.model_list as Record<string, any>[])
              .filter(
                (m) =>
                  m.model_info.tierplan_use_case === r.alias &&
                  m.model_info.tierplan_role !== 'context-window-fallback',
              )
              .map((m) => m.model_info.tierplan_tier as string),
          );
          const leaves = (node: Record<string, any>): string[] =>
            node.targets ? (node.targets as Record<string, any>[]).flatMap(leaves) : [node.name as string];
          const viaPortkey = new Set(
            leaves(w.useCases.get(r.alias)!).map(
              (name) => index.get(name.slice(r.alias.length + 1).replace(/\.peer$/, ''))!.tier.id,
            ),
          );
          expect([...viaPortkey].sort()).toEqual([...viaLitellm].sort());
        }
      }),
      RUNS,
    );
  });
});

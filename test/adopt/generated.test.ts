// Adopting the configs `tierplan gateway` generates gives back the policy they came from: every
// entry is recognised as the policy's own deployment on its own tier, and, against a policy that
// has lost its deployments, each is proposed again on the same tier and connects the same way.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NO_PRICES } from '../../src/core/adopt/known-models.js';
import { proposeAdoption } from '../../src/core/adopt/propose.js';
import { litellmSource, portkeySource } from '../../src/core/adopt/sources.js';
import { litellmParams, portkeyLeaf } from '../../src/core/gateway/leaves.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Deployment, Policy } from '../../src/core/policy/types.js';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { parseYaml } from '../../src/io/source/parse-yaml.js';
import { gatewayFiles } from '../../src/render/gateway/gateway-files.js';

const examples = fileURLToPath(new URL('../../examples/inventory.yaml', import.meta.url));

describe('adopting what tierplan gateway generates', async () => {
  const { inventory } = await loadInventory(examples);
  const plan = computePlan(inventory, DEFAULT_POLICY, { asOf: '2026-12-01', generator: 'test' });
  const routes = compileRoutes(plan, inventory, DEFAULT_POLICY);
  const files = gatewayFiles(routes, DEFAULT_POLICY, ['litellm', 'portkey'], { inputs: [] });
  const text = (p: string): string => files.find((f) => f.path === p)!.text;
  const config = parseYaml(text('litellm/config.yaml'), 'config.yaml', undefined, 'pyyaml').value;
  const used = new Set(
    routes.routes.flatMap((r) =>
      [...r.primary, ...r.fallbacks, ...r.context_window_fallbacks].map((t) => t.deployment),
    ),
  );
  const tierOf = new Map(DEFAULT_POLICY.tiers.flatMap((t) => t.deployments.map((d) => [d.id, t.id])));
  const original = new Map(DEFAULT_POLICY.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d])));
  // The same tiers, without a deployment: what adopt proposes is all it knows.
  const bare: Policy = { ...DEFAULT_POLICY, tiers: DEFAULT_POLICY.tiers.map((t) => ({ ...t, deployments: [] })) };
  const withoutCost = (p: Record<string, unknown>): Record<string, unknown> => {
    const { input_cost_per_token: _a, output_cost_per_token: _b, tags: _c, ...rest } = p;
    return rest;
  };

  it('LiteLLM: every entry is the policy deployment it was made from; the names are the use cases', () => {
    const p = proposeAdoption(litellmSource('config.yaml', config), DEFAULT_POLICY, inventory, NO_PRICES);
    expect(p.deployments.every((d) => d.existing)).toBe(true);
    expect(new Set(p.deployments.map((d) => d.deployment.id))).toEqual(used);
    for (const d of p.deployments) expect(d.tier).toBe(tierOf.get(d.deployment.id));
    expect(p.aliases.every((a) => a.kind === 'use-case')).toBe(true);
    expect(p.aliases.map((a) => a.name).sort()).toEqual(routes.routes.map((r) => r.alias).sort());
    expect(p.fallbackGroups.length).toBeGreaterThan(0);
    expect(p.notes.filter((n) => n.code !== 'adopt-not-carried')).toEqual([]);
  });

  it('LiteLLM: against a policy without deployments, each is proposed again on its tier, connecting the same way', () => {
    const p = proposeAdoption(litellmSource('config.yaml', config), bare, inventory, NO_PRICES);
    expect(p.deployments).toHaveLength(used.size);
    for (const d of p.deployments) {
      const twin = [...original.values()].find(
        (o) =>
          JSON.stringify(withoutCost(litellmParams(o, []))) ===
          JSON.stringify(withoutCost(litellmParams(d.deployment, []))),
      ) as Deployment | undefined;
      expect(twin, d.deployment.id).toBeDefined();
      expect(d.tier).toBe(tierOf.get(twin!.id));
      expect([twin!.region, 'unknown']).toContain(d.deployment.region);
    }
  });

  it('Portkey: the per-use-case configs give back the same deployments on the same tiers', () => {
    const configs = files
      .filter((f) => f.path.startsWith('portkey/use-cases/'))
      .map((f) => ({
        file: f.path,
        dialect: 'portkey' as const,
        value: JSON.parse(f.text) as unknown,
        set: 'portkey/use-cases',
      }));
    const p = proposeAdoption(portkeySource(configs), DEFAULT_POLICY, inventory, NO_PRICES);
    expect(p.deployments.every((d) => d.existing)).toBe(true);
    expect(new Set(p.deployments.map((d) => d.deployment.id))).toEqual(used);
    const again = proposeAdoption(portkeySource(configs), bare, inventory, NO_PRICES);
    for (const d of again.deployments) {
      const leaf = (x: Deployment) =>
        JSON.stringify(portkeyLeaf({ id: 'x', deployment: x.id, tier: 't', weight: 1 }, x));
      const twin = [...original.values()].find((o) => leaf(o) === leaf({ ...d.deployment, id: o.id }));
      expect(twin, d.deployment.id).toBeDefined();
      expect(d.tier).toBe(tierOf.get(twin!.id));
    }
  });

  it('the routes.json tierplan writes maps every name to its branch', () => {
    const routesJson = JSON.parse(text('portkey/routes.json')) as Record<string, unknown>;
    const p = proposeAdoption(
      portkeySource([
        {
          file: 'portkey/conditional.json',
          dialect: 'portkey',
          value: JSON.parse(text('portkey/conditional.json')) as unknown,
          metadata: { file: 'portkey/routes.json', value: routesJson },
        },
      ]),
      DEFAULT_POLICY,
      inventory,
      NO_PRICES,
    );
    expect(p.aliases.map((a) => a.name).sort()).toEqual(Object.keys(routesJson).sort());
    for (const a of p.aliases) {
      const route = routes.routes.find((r) => r.alias === a.name)!;
      expect(a.deployments).toEqual([route.primary[0]!.deployment]);
    }
  });
});

import { deploymentIndex } from '../../core/gateway/routing.js';
import type { RouteTarget, RoutingModel, UseCaseRoute } from '../../core/gateway/routing-types.js';
import type { Policy } from '../../core/policy/types.js';
import { portkeyLeaf } from '../../core/gateway/leaves.js';
import { assertOnlyPortkeyReferences } from './references.js';

/** The config for one use case: fallback over its primary group, then its cleared fallbacks. */
export function portkeyRouteConfig(r: UseCaseRoute, model: RoutingModel, policy: Policy): Record<string, unknown> {
  const index = deploymentIndex(policy);
  const leaf = (t: RouteTarget): Record<string, unknown> => portkeyLeaf(t, index.get(t.deployment)!.deployment);
  const primary =
    r.primary.length === 1
      ? leaf(r.primary[0]!)
      : {
          name: `${r.alias}.primary`,
          strategy: { mode: 'loadbalance' },
          targets: r.primary.map((t) => ({ ...leaf(t), weight: t.weight })),
        };
  // A failing load-balance member does not hand over to its peers: list them again after the group.
  const peers = r.primary.length > 1 ? r.primary.map((t) => ({ ...leaf(t), name: `${t.id}.peer` })) : [];
  return {
    strategy: { mode: 'fallback', on_status_codes: model.fallback_status_codes },
    targets: [primary, ...peers, ...r.fallbacks.map(leaf)],
  };
}

/** One file per use case, keyed by file name: `<alias>.json`. */
export function renderPortkeyConfigs(model: RoutingModel, policy: Policy): Map<string, string> {
  const files = new Map<string, string>();
  for (const r of model.routes) {
    const config = portkeyRouteConfig(r, model, policy);
    assertOnlyPortkeyReferences(config);
    files.set(`${r.alias}.json`, `${JSON.stringify(config, null, 2)}\n`);
  }
  return files;
}

import { deploymentIndex } from '../../core/gateway/routing.js';
import type { RouteTarget, RoutingModel, UseCaseRoute } from '../../core/gateway/routing-types.js';
import type { Policy } from '../../core/policy/types.js';
import { portkeyLeaf } from '../../core/gateway/leaves.js';
import { assertOnlyPortkeyReferences } from './references.js';

/** The config for one use case: fallback over its primary group, then its cleared fallbacks. */
export function portkeyRouteConfig(
  r: UseCaseRoute,
  model: RoutingModel,
  policy: Policy,
  // Built once by the caller that renders thousands of configs.
  index = deploymentIndex(policy),
): Record<string, unknown> {
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

const SAFE_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;

/** One file per use case, keyed by file name: `<alias>.json`. */
export function renderPortkeyConfigs(model: RoutingModel, policy: Policy): Map<string, string> {
  const files = new Map<string, string>();
  const index = deploymentIndex(policy);
  for (const r of model.routes) {
    const config = portkeyRouteConfig(r, model, policy, index);
    assertOnlyPortkeyReferences(config);
    const text = `${JSON.stringify(config, null, 2)}\n`;
    files.set(`${r.alias}.json`, text);
    // An alias gets its own copy when its name is a safe file name; routes.json carries every alias.
    for (const a of r.aliases ?? []) if (SAFE_FILE.test(a) && !files.has(`${a}.json`)) files.set(`${a}.json`, text);
  }
  return files;
}

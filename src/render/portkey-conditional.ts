import { deploymentIndex } from '../core/routing.js';
import { ROUTE_KEY, routeClasses } from '../core/route-classes.js';
import type { RoutingModel, UseCaseRoute } from '../core/routing-types.js';
import type { Policy } from '../core/types.js';
import { portkeyLeaf } from '../core/gateway-leaves.js';
// Route classes live in core, where `verify` derives each use case's metadata; re-exported for existing importers.
export { ROUTE_KEY, routeClasses, type RouteClass } from '../core/route-classes.js';

/**
 * The compact config for the `x-portkey-config` header, one key per query object. It has no
 * `default`: a request without a known route gets a 400 from the gateway instead of being
 * sent somewhere its data may not go.
 */
export function renderPortkeyConditional(model: RoutingModel, policy: Policy): { config: string; routes: string } {
  const index = deploymentIndex(policy);
  const classes = routeClasses(model);
  const targets = classes.map((c) => {
    const leaf = (t: UseCaseRoute['primary'][number]): Record<string, unknown> => ({ ...portkeyLeaf(t, index.get(t.deployment)!.deployment), name: `${c.name}.${t.deployment}` });
    const primary = c.route.primary.length === 1
      ? leaf(c.route.primary[0]!)
      : { name: `${c.name}.primary`, strategy: { mode: 'loadbalance' }, targets: c.route.primary.map((t) => ({ ...leaf(t), weight: t.weight })) };
    // A failing load-balance member does not hand over to its peers: list them again after the group.
    const peers = c.route.primary.length > 1 ? c.route.primary.map((t) => ({ ...leaf(t), name: `${c.name}.${t.deployment}.peer` })) : [];
    return { name: c.name, strategy: { mode: 'fallback', on_status_codes: model.fallback_status_codes }, targets: [primary, ...peers, ...c.route.fallbacks.map(leaf)] };
  });
  const config = {
    strategy: {
      mode: 'conditional',
      conditions: classes.map((c) => ({ query: { [`metadata.${ROUTE_KEY}`]: { $eq: c.name } }, then: c.name })),
    },
    targets,
  };
  const routes: Record<string, Record<string, string>> = {};
  for (const c of classes) for (const a of c.aliases) routes[a] = { [ROUTE_KEY]: c.name };
  const sorted = Object.fromEntries(Object.entries(routes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { config: `${JSON.stringify(config, null, 2)}\n`, routes: `${JSON.stringify(sorted, null, 2)}\n` };
}

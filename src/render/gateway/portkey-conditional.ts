import { deploymentIndex } from '../../core/gateway/routing.js';
import { ROUTE_KEY, routeClasses } from '../../core/gateway/route-classes.js';
import type { RouteTarget, RoutingModel } from '../../core/gateway/routing-types.js';
import type { Policy } from '../../core/policy/types.js';
import { portkeyLeaf } from '../../core/gateway/leaves.js';
import { assertOnlyPortkeyReferences } from './references.js';
// Route classes live in core, where `verify` derives each use case's metadata; re-exported for existing importers.
export { ROUTE_KEY } from '../../core/gateway/route-classes.js';

/**
 * The compact config for the `x-portkey-config` header, one key per query object. It has no
 * `default`: a request without a known route gets a 400 from the gateway instead of being
 * sent somewhere its data may not go.
 */
export function renderPortkeyConditional(model: RoutingModel, policy: Policy): { config: string; routes: string } {
  const index = deploymentIndex(policy);
  const classes = routeClasses(model);
  const targets = classes.map((c) => {
    // Leaves carry no `name` here: nothing refers to them, and every byte counts in a header.
    const leaf = (t: RouteTarget): Record<string, unknown> => {
      const { name: _unused, ...rest } = portkeyLeaf(t, index.get(t.deployment)!.deployment);
      return rest;
    };
    return {
      name: c.name,
      strategy: { mode: 'fallback', on_status_codes: model.fallback_status_codes },
      targets: [c.primary, ...c.fallbacks].map(leaf),
    };
  });
  const config = {
    strategy: {
      mode: 'conditional',
      // biome-ignore lint/suspicious/noThenProperty: Portkey's conditional router names a condition's target `then`; this object is serialised, never awaited.
      conditions: classes.map((c) => ({ query: { [`metadata.${ROUTE_KEY}`]: { $eq: c.name } }, then: c.name })),
    },
    targets,
  };
  assertOnlyPortkeyReferences(config);
  const routes: Record<string, Record<string, string>> = {};
  for (const c of classes) for (const a of c.aliases) routes[a] = { [ROUTE_KEY]: c.name };
  const sorted = Object.fromEntries(Object.entries(routes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { config: `${JSON.stringify(config, null, 2)}\n`, routes: `${JSON.stringify(sorted, null, 2)}\n` };
}

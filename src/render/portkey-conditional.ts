import { deploymentIndex } from '../core/routing.js';
import type { RoutingModel, UseCaseRoute } from '../core/routing-types.js';
import type { Policy } from '../core/types.js';
import { portkeyLeaf } from './portkey-config.js';

/** The metadata key the conditional config routes on; each use case sends its route's name. */
export const ROUTE_KEY = 'tierplan_route';

export interface RouteClass {
  name: string;
  /** Any member: all members share the same targets in the same order. */
  route: UseCaseRoute;
  aliases: string[];
}

/**
 * Use cases whose routes are identical share one branch, so the conditional config grows with
 * the number of distinct routes (a handful per tier), not with the number of use cases —
 * it stays far below the gateway's 16 KiB header limit for any portfolio.
 */
export function routeClasses(model: RoutingModel): RouteClass[] {
  const bySignature = new Map<string, RouteClass>();
  for (const r of model.routes) {
    const signature = JSON.stringify([r.primary.map((t) => [t.deployment, t.weight]), r.fallbacks.map((t) => t.deployment)]);
    const found = bySignature.get(signature);
    if (found) found.aliases.push(r.alias);
    else bySignature.set(signature, { name: '', route: r, aliases: [r.alias] });
  }
  const classes = [...bySignature.values()];
  const taken = new Map<string, number>();
  for (const c of classes) {
    const base = `${c.route.tier}.${c.route.primary[0]!.deployment}`;
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    c.name = n === 1 ? base : `${base}.${n}`;
  }
  return classes;
}

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
    return { name: c.name, strategy: { mode: 'fallback', on_status_codes: model.fallback_status_codes }, targets: [primary, ...c.route.fallbacks.map(leaf)] };
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

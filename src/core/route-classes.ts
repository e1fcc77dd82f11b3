// Use cases that share a route share a branch of the Portkey conditional config. In core
// because `verify` needs the metadata tierplan tells each use case to send.
import type { RoutingModel, UseCaseRoute } from './routing-types.js';

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

/** The `x-portkey-metadata` each routed use case sends: `{ tierplan_route: <its class> }`. */
export function routeMetadata(model: RoutingModel): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const c of routeClasses(model)) for (const a of c.aliases) out.set(a, { [ROUTE_KEY]: c.name });
  return out;
}

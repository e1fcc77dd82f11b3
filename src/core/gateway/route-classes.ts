// Use cases that share a route share a branch of the Portkey conditional config. In core
// because `verify` needs the metadata tierplan tells each use case to send.
import type { RouteTarget, RoutingModel, UseCaseRoute } from './routing-types.js';

/** The metadata key the conditional config routes on; each use case sends its route's name. */
export const ROUTE_KEY = 'tierplan_route';

export interface RouteClass {
  name: string;
  /** The first member. */
  route: UseCaseRoute;
  /** The deployment every member tries first. */
  primary: RouteTarget;
  /** What the branch tries after the primary group: allowed for every member. */
  fallbacks: RouteTarget[];
  aliases: string[];
}

/** Targets tried after a branch's primary group in the compact config. */
const MAX_BRANCH_FALLBACKS = 2;

/**
 * Use cases whose first primary deployment is the same share one branch, so the conditional
 * config grows with the number of deployments, never with the number of use cases. A branch
 * falls back only to targets that every member's own route allows, in the first member's
 * order — its load-balance peers, then its fallbacks — and only the first few: the header must
 * stay far below 16 KiB. Load balancing and the full chains are in the per-use-case configs.
 */
export function routeClasses(model: RoutingModel): RouteClass[] {
  const byPrimary = new Map<string, UseCaseRoute[]>();
  for (const r of model.routes) {
    const key = r.primary[0]!.deployment;
    const found = byPrimary.get(key);
    if (found) found.push(r);
    else byPrimary.set(key, [r]);
  }
  const chain = (r: UseCaseRoute): RouteTarget[] => [...r.primary.slice(1), ...r.fallbacks];
  return [...byPrimary.values()].map((members) => {
    const route = members[0]!;
    const common = chain(route).filter((t) =>
      members.every((m) => chain(m).some((f) => f.deployment === t.deployment)),
    );
    return {
      name: `${route.tier}.${route.primary[0]!.deployment}`,
      route,
      primary: route.primary[0]!,
      fallbacks: common.slice(0, MAX_BRANCH_FALLBACKS),
      // A use case's aliases send the same metadata as its id: applications calling them keep working.
      aliases: members.flatMap((m) => [m.alias, ...(m.aliases ?? [])]),
    };
  });
}

/** The `x-portkey-metadata` each routed use case sends: `{ tierplan_route: <its class> }`. */
export function routeMetadata(model: RoutingModel): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const c of routeClasses(model)) for (const a of c.aliases) out.set(a, { [ROUTE_KEY]: c.name });
  return out;
}

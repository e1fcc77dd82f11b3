// What changes for each name applications call: where it runs today (primary route, then every
// fallback the config lets it take) beside where the config `gateway` generates sends it.
// Deployments are named by what they connect to (the deployment catalog of the new policy),
// never by the config's labels.
import type { RoutingModel } from '../gateway/routing-types.js';
import type { DeploymentCatalog } from '../identify/catalog.js';
import type { Dialect, ReachPath } from '../verify/verify-types.js';
import type { AliasProposal } from './adopt-types.js';

interface RouteSide {
  primary: string[];
  fallbacks: string[];
}

export interface RouteDiff {
  name: string;
  use_case: string;
  today: RouteSide;
  /** null: tierplan does not route the use case (a gap, retired). */
  tierplan: RouteSide | null;
  /** Deployments today's config can reach that tierplan's never does. */
  dropped: string[];
  /** Deployments tierplan's config adds. */
  added: string[];
  changed: boolean;
}

const label = (id: string, tier: string): string => `${id} (${tier})`;

export function routeDiffs(
  aliases: AliasProposal[],
  reachOf: (name: string) => ReachPath[],
  dialect: Dialect,
  catalog: DeploymentCatalog,
  routes: RoutingModel,
): RouteDiff[] {
  const byUseCase = new Map(routes.routes.map((r) => [r.alias, r]));
  const tierOf = new Map(
    routes.routes.flatMap((r) =>
      [...r.primary, ...r.fallbacks, ...r.context_window_fallbacks].map((t) => [t.deployment, t.tier]),
    ),
  );
  return aliases.map((a) => {
    const today: RouteSide = { primary: [], fallbacks: [] };
    for (const p of reachOf(a.name)) {
      if (!p.live) continue;
      const refs = dialect === 'litellm' ? catalog.litellm(p.value) : catalog.portkey(p.value);
      const names = refs.length > 0 ? refs.map((r) => label(r.deployment.id, r.tier.id)) : ['unknown deployment'];
      const side = p.primary ? today.primary : today.fallbacks;
      for (const n of names) if (!side.includes(n)) side.push(n);
    }
    today.fallbacks = today.fallbacks.filter((f) => !today.primary.includes(f));
    const r = byUseCase.get(a.use_case);
    const tierplan: RouteSide | null = r
      ? {
          primary: r.primary.map((t) => label(t.deployment, t.tier)),
          fallbacks: [
            ...new Set(
              [...r.fallbacks, ...r.context_window_fallbacks]
                .map((t) => label(t.deployment, tierOf.get(t.deployment) ?? t.tier))
                .filter((x) => !r.primary.some((p) => label(p.deployment, p.tier) === x)),
            ),
          ],
        }
      : null;
    const before = new Set([...today.primary, ...today.fallbacks]);
    const after = new Set(tierplan ? [...tierplan.primary, ...tierplan.fallbacks] : []);
    const dropped = [...before].filter((x) => !after.has(x));
    const added = [...after].filter((x) => !before.has(x));
    const changed =
      dropped.length > 0 ||
      added.length > 0 ||
      JSON.stringify(today.primary) !== JSON.stringify(tierplan?.primary ?? []);
    return { name: a.name, use_case: a.use_case, today, tierplan, dropped, added, changed };
  });
}

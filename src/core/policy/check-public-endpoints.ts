// A tier cleared above the most open one promises that its data stays off the public APIs; a
// deployment there that connects to api.openai.com (or names a public provider with no private
// endpoint, which LiteLLM sends to the public API) breaks that promise before any traffic flows.
// `verify` would see it in a generated config; `validate` refuses it at the source.
import type { Problem } from '../diagnostics/problems.js';
import { sameEndpoint } from '../identify/endpoint.js';
import { allPublicHosts, publicHosts } from '../identify/providers.js';
import type { Deployment, Policy } from './types.js';

/** The public API host a deployment connects to, or null when it has a private endpoint or provider. */
export function publicHostOf(d: Deployment): string | null {
  if (d.endpoint === undefined || d.endpoint.trim() === '') return publicHosts(d.provider)?.[0] ?? null;
  for (const host of allPublicHosts()) {
    if (sameEndpoint(d.endpoint, `https://${host}`)) return host;
    // Regional hosts of a public API (eu.api.openai.com) are the same public service.
    const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?([^/:?#]+)/i.exec(d.endpoint.trim());
    if (m?.[1]?.toLowerCase().endsWith(`.${host}`)) return host;
  }
  return null;
}

export function checkPublicEndpoints(p: Policy): Problem[] {
  const levels = p.sensitivity.levels;
  const rank = (t: { clearance: string }): number => levels.indexOf(t.clearance);
  const ranks = p.tiers.map(rank).filter((r) => r >= 0);
  if (ranks.length === 0) return [];
  const open = Math.min(...ranks);
  const mostOpen = levels[open]!;
  const problems: Problem[] = [];
  p.tiers.forEach((t, i) => {
    if (rank(t) <= open) return;
    t.deployments.forEach((d, j) => {
      const host = publicHostOf(d);
      if (host === null) return;
      const named = d.endpoint === undefined || d.endpoint.trim() === '';
      problems.push({
        code: 'public-endpoint-in-cleared-tier',
        severity: 'error',
        message: named
          ? `deployment ${d.id} in tier ${t.id} (cleared for ${t.clearance}) names provider ${d.provider} with no endpoint, so it connects to the public API at ${host}`
          : `deployment ${d.id} in tier ${t.id} (cleared for ${t.clearance}) connects to the public API at ${host}`,
        hint: `give it a private endpoint (a dedicated or in-region deployment), or move it to a tier cleared for ${mostOpen}`,
        path: ['tiers', i, 'deployments', j, named ? 'provider' : 'endpoint'],
      });
    });
  });
  return problems;
}

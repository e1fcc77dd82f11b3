// Which deployments a usage row's connection can be: its provider, model, endpoint and region
// against every deployment of the policy. A field the row does not carry is unknown and rules
// nothing out; a field it carries must agree. The same knowledge of provider prefixes, public
// hosts and endpoint spellings as the config side (providers.ts, endpoint.ts).
import type { Deployment } from '../policy/types.js';
import { regionOfEndpoint, sameEndpoint } from './endpoint.js';
import { canonicalProvider, OPENAI_COMPATIBLE, publicHosts, splitModel } from './providers.js';

/** What a usage row shows it connected to; null = not in the row. */
export interface Connection {
  provider: string | null;
  model: string | null;
  endpoint: string | null;
  region: string | null;
}

/** The provider a connection shows: its provider column, else its model string's prefix. */
export function providerOf(c: Connection): string | null {
  if (c.provider !== null && c.provider.trim() !== '') return canonicalProvider(c.provider);
  return c.model === null ? null : splitModel(c.model).prefix;
}

export const showsNothing = (c: Connection): boolean =>
  c.provider === null && c.model === null && c.endpoint === null && c.region === null;

/** Where a deployment is reached: its endpoint, else its provider's public API. */
function endpointsOf(d: Deployment): string[] {
  if (d.endpoint !== undefined) return [d.endpoint];
  return (publicHosts(d.provider) ?? []).map((h) => `https://${h}`);
}

const lower = (s: string): string => s.trim().toLowerCase();

function modelMatches(d: Deployment, model: string): boolean {
  const m = lower(model);
  const own = lower(d.model);
  if (m === own || m === lower(`${d.provider}/${d.model}`)) return true;
  const { prefix, rest } = splitModel(model);
  if (prefix === null || lower(rest) !== own) return false;
  const dp = canonicalProvider(d.provider);
  return prefix === dp || (prefix === 'openai' && OPENAI_COMPATIBLE.has(dp));
}

/** Whether deployment `d` can be the one a row with connection `c` reached. */
export function connectionMatches(d: Deployment, c: Connection, provider: string | null): boolean {
  const dp = canonicalProvider(d.provider);
  if (provider !== null && provider !== dp) {
    // vLLM and its kin speak OpenAI's API: `openai` with their endpoint reaches them.
    if (!(provider === 'openai' && OPENAI_COMPATIBLE.has(dp) && c.endpoint !== null)) return false;
  }
  if (c.model !== null && !modelMatches(d, c.model)) return false;
  if (c.endpoint !== null) {
    const own = endpointsOf(d);
    const same = own.some((e) => sameEndpoint(c.endpoint!, e));
    // Bedrock and Vertex deployments name a region; their endpoint hosts carry it.
    const region = regionOfEndpoint(c.endpoint);
    if (!same && !(region !== null && d.endpoint !== undefined && lower(d.endpoint) === region)) return false;
  }
  if (c.region !== null) {
    const r = lower(c.region);
    if (r !== lower(d.region) && (d.endpoint === undefined || r !== lower(d.endpoint))) return false;
  }
  return true;
}

/**
 * A public API provider reached without a private endpoint: the row went to the provider's
 * public API even when its model is none the policy knows. The provider, or null.
 */
export function publicProvider(c: Connection): string | null {
  const provider = providerOf(c);
  if (provider === null) return null;
  const hosts = publicHosts(provider);
  if (hosts === undefined) return null;
  if (c.endpoint === null) return provider;
  const sameHost = hosts.some((h) => sameEndpoint(c.endpoint!, `https://${h}`));
  return sameHost ? provider : null;
}

/** The connection in words, for evidence: `model gpt-4o, provider openai, endpoint https://…`. */
export function describeConnection(c: Connection): string {
  const parts: string[] = [];
  if (c.model !== null) parts.push(`model ${c.model}`);
  if (c.provider !== null) parts.push(`provider ${c.provider}`);
  if (c.endpoint !== null) parts.push(`endpoint ${c.endpoint}`);
  if (c.region !== null) parts.push(`region ${c.region}`);
  return parts.length > 0 ? parts.join(', ') : 'no provider, model, endpoint or region';
}

// The tier a connection is proposed on, from what it connects to, with why. Placing a
// deployment on a tier claims it may receive that tier's data, so every doubt resolves toward
// the most open tier (docs/design.md, invariant 6): a connection adopt cannot place is proposed
// there, and the user moves it after checking.
import { rank } from '../plan/classify.js';
import { publicHosts } from '../identify/providers.js';
import type { Policy, Tier } from '../policy/types.js';
import type { FoundConnection } from './adopt-types.js';

/** Providers whose deployments run in the customer's own cloud account. */
const CLOUD = new Set(['bedrock', 'azure', 'azure_ai', 'vertex_ai', 'sagemaker']);
/** Servers people run themselves; where they run is in the endpoint. */
const SELF_HOSTED = new Set(['hosted_vllm', 'vllm', 'ollama', 'ollama_chat', 'xinference', 'lm_studio', 'openai_like']);
/** What these servers listen on when the config gives no api_base. */
const DEFAULT_BASE: Record<string, string> = {
  ollama: 'http://localhost:11434',
  ollama_chat: 'http://localhost:11434',
};

export interface TierProposal {
  tier: string;
  why: string;
}

function tierRoles(policy: Policy): { open: Tier; private: Tier | null; onPrem: Tier } {
  const levels = policy.sensitivity.levels;
  const byOpenness = [...policy.tiers].sort(
    (a, b) => rank(levels, a.clearance) - rank(levels, b.clearance) || a.regimes.length - b.regimes.length,
  );
  const open = byOpenness[0]!;
  const onPrem =
    policy.tiers.find((t) => t.id === 'on-prem') ??
    policy.tiers.find((t) => /on.?prem/i.test(t.name)) ??
    byOpenness[byOpenness.length - 1]!;
  const priv =
    policy.tiers.find((t) => t.id === 'private-cloud') ??
    policy.tiers.find((t) => /private.?cloud/i.test(t.name)) ??
    null;
  return { open, private: priv, onPrem };
}

export function proposeTier(c: FoundConnection, policy: Policy): TierProposal {
  const roles = tierRoles(policy);
  const open = (why: string): TierProposal => ({
    tier: roles.open.id,
    why: `${why}: the most open tier until you confirm`,
  });
  if (c.provider === null) return open('the config does not say which provider serves it');
  if (CLOUD.has(c.provider)) {
    if (roles.private === null)
      return open(`${c.provider} runs in your cloud account, but the policy has no private-cloud tier`);
    const where = c.cloudRegion ?? c.endpoint ?? (c.endpointEnv !== null ? `$${c.endpointEnv}` : null);
    return {
      tier: roles.private.id,
      why: `${c.provider} runs in your own cloud account${where !== null ? ` (${where})` : ''}`,
    };
  }
  const base = c.endpoint ?? (c.endpointEnv === null ? (DEFAULT_BASE[c.provider] ?? null) : null);
  if (c.endpointEnv !== null)
    return open(`its endpoint is read from $${c.endpointEnv} at start-up; adopt cannot see the host`);
  const hosts = publicHosts(c.provider);
  if (base === null) {
    if (hosts !== undefined) return { tier: roles.open.id, why: `${c.provider}'s public API (${hosts[0]})` };
    return open(`${c.provider} without an endpoint`);
  }
  const host = hostOf(base);
  if (host === null) return open(`endpoint "${base}" is not a URL adopt can read`);
  if (hosts?.some((h) => host === h || host.endsWith(`.${h}`)) || /(^|\.)api\.openai\.com$/.test(host))
    return { tier: roles.open.id, why: `${c.provider}'s public API (${host})` };
  if (isPrivateHost(host))
    return {
      tier: roles.onPrem.id,
      why: `${base === c.endpoint ? 'api_base' : 'its default endpoint'} ${host} is a private or loopback address${SELF_HOSTED.has(c.provider) ? ` (${c.provider}, self-hosted)` : ''}`,
    };
  return open(`${host} is a public host adopt cannot place`);
}

/** The host of an http(s) URL; null for anything else (a URL adopt cannot read places nothing). */
function hostOf(url: string): string | null {
  const m = /^https?:\/\/(?:[^@/\s]*@)?(\[[^\]\s]+\]|[^/:?#\s]+)(?::\d+)?(?:[/?#]\S*)?$/i.exec(url.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** Loopback, RFC 1918 and unique-local addresses, and names that only resolve inside a network. */
export function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === 'host.docker.internal') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (/^f[cd][0-9a-f]{2}:/i.test(h)) return true;
  // A name without a dot is a service on the local network (Docker, Kubernetes).
  if (!h.includes('.')) return true;
  return /\.(internal|local|lan|corp|intranet|home\.arpa|svc|cluster\.local)$/.test(h);
}

/** The residency region a cloud region or endpoint names (`us-east-1` → us, `europe-west4` → eu). */
export function residencyOf(c: FoundConnection, regions: readonly string[]): string | null {
  const candidates = [c.cloudRegion, c.model, c.endpoint].filter((x): x is string => x !== null);
  for (const text of candidates) {
    const t = text.toLowerCase();
    const found =
      /^(us|eu|ap|ca|sa|me|af|il|mx)[-.]/.exec(t)?.[1] ??
      (/^europe-/.test(t) ? 'eu' : undefined) ??
      /^https?:\/\/(eu|us)\.api\./.exec(t)?.[1];
    if (found !== undefined) return regions.includes(found) || c.cloudRegion === text ? found : null;
  }
  return null;
}

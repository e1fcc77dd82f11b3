// Endpoints as configs and usage rows write them: `https://Host:443/v1/`, `host/v1`, or a cloud
// region (`us-east-1`) where a provider is reached by region. Two spellings of one endpoint
// must compare equal, and nothing else may: a breach hides behind a false match.

/** Absent and empty are the same; a trailing slash does not change a URL. Configs compare by this. */
export function normaliseConfigValue(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') return JSON.stringify(v);
  return /^https?:\/\//i.test(v) ? v.replace(/\/+$/, '') : v;
}

interface EndpointParts {
  /** Lower case; null when the text had none (`host/path`). */
  scheme: string | null;
  /** Lower case, without user info and default port. */
  host: string;
  /** Without trailing slashes; '' for none. */
  path: string;
}

const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/** A URL or `host/path` split into its parts; null for text that is not one (a region name). */
function endpointParts(text: string): EndpointParts | null {
  const t = text.trim();
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#\s]+)([^?#\s]*)/i.exec(t);
  if (!m) return null;
  const scheme = m[1]?.toLowerCase() ?? null;
  let host = m[2]!.toLowerCase().replace(/^.*@/, '');
  // Without a scheme only something shaped like a host name counts: `us-east-1` is a region.
  if (scheme === null && !/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/.test(host)) return null;
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && scheme !== null && DEFAULT_PORT[scheme] === port) host = host.slice(0, -port.length - 1);
  return { scheme, host, path: (m[3] ?? '').replace(/\/+$/, '') };
}

/**
 * Whether two endpoints are the same: scheme, host and path when both sides give them, the host
 * alone when one side knows only a host. Text that is no URL (a region) compares as text.
 */
export function sameEndpoint(a: string, b: string): boolean {
  const x = endpointParts(a);
  const y = endpointParts(b);
  if (x === null || y === null) return x === null && y === null && plain(a) === plain(b);
  if (x.host !== y.host) return false;
  if (x.scheme !== null && y.scheme !== null && x.scheme !== y.scheme) return false;
  return x.path === '' || y.path === '' || x.path === y.path;
}

const plain = (s: string): string => s.trim().toLowerCase().replace(/\/+$/, '');

/** The cloud region an endpoint's host names (Bedrock runtime, Vertex AI), if any. */
export function regionOfEndpoint(text: string): string | null {
  const host = endpointParts(text)?.host;
  if (host === undefined) return null;
  const aws = /^bedrock(?:-runtime)?(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(host);
  if (aws) return aws[1]!;
  const gcp = /^([a-z0-9-]+)-aiplatform\.googleapis\.com/.exec(host);
  return gcp ? gcp[1]! : null;
}

// The identity of a gateway config entry. Labels and names in a config can be edited
// to say anything, so they are never trusted: an entry is recognised only by the fields that
// decide where a request goes, compared with what tierplan would write for each deployment.
import type { Deployment, Tier } from '../policy/types.js';
import { maskEndpoint } from '../policy/check-endpoints.js';
import { normaliseConfigValue } from './endpoint.js';

/** A value as a message shows it: a URL's credentials masked, so a finding never repeats them. */
const showValue = (v: unknown): string => JSON.stringify(typeof v === 'string' ? maskEndpoint(v) : v);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface DeploymentRef {
  deployment: Deployment;
  tier: Tier;
}

/**
 * LiteLLM: the model (its prefix picks the provider) and where it is served. `base_url`,
 * `aws_bedrock_runtime_endpoint` and `litellm_credential_name` also redirect a request;
 * tierplan never writes them, so an entry carrying one matches nothing.
 */
const LITELLM_KEYS = [
  'model',
  'api_base',
  'base_url',
  'aws_region_name',
  'aws_bedrock_runtime_endpoint',
  'vertex_location',
  'litellm_credential_name',
];

/** Portkey: snake_case as tierplan writes it; the gateway also accepts the camelCase form. */
const PORTKEY_KEYS: [string, string][] = [
  ['provider', 'provider'],
  ['custom_host', 'customHost'],
  ['aws_region', 'awsRegion'],
  ['vertex_region', 'vertexRegion'],
  ['resource_name', 'resourceName'],
  ['deployment_id', 'deploymentId'],
];

export function litellmKey(params: Record<string, unknown>): string | null {
  if (typeof params.model !== 'string') return null;
  return JSON.stringify(LITELLM_KEYS.map((k) => normaliseConfigValue(params[k])));
}

export function portkeyKey(leaf: Record<string, unknown>): string | null {
  const fields: (string | null)[] = [];
  for (const [snake, camel] of PORTKEY_KEYS) {
    const a = normaliseConfigValue(leaf[snake]);
    const b = normaliseConfigValue(leaf[camel]);
    // Both spellings with different values: which one the gateway keeps is not ours to guess.
    if (a !== null && b !== null && a !== b) return null;
    fields.push(a ?? b);
  }
  const params = isRecord(leaf.override_params)
    ? leaf.override_params
    : isRecord(leaf.overrideParams)
      ? leaf.overrideParams
      : {};
  // Without override_params.model the client's body picks the model: not a known deployment.
  if (typeof params.model !== 'string') return null;
  return JSON.stringify([...fields, params.model]);
}

/** A short description of an entry's identifying fields, for "matches no deployment" messages. */
export function describeLitellmEntry(entry: Record<string, unknown>): string {
  const p = isRecord(entry.litellm_params) ? entry.litellm_params : {};
  const parts = LITELLM_KEYS.filter((k) => p[k] !== undefined).map((k) => `${k} ${showValue(p[k])}`);
  return parts.length > 0 ? parts.join(', ') : 'no litellm_params.model';
}

export function describePortkeyLeaf(leaf: Record<string, unknown>): string {
  const params = isRecord(leaf.override_params)
    ? leaf.override_params
    : isRecord(leaf.overrideParams)
      ? leaf.overrideParams
      : {};
  const parts = PORTKEY_KEYS.flatMap(([s, c]) =>
    leaf[s] !== undefined
      ? [`${s} ${showValue(leaf[s])}`]
      : leaf[c] !== undefined
        ? [`${c} ${showValue(leaf[c])}`]
        : [],
  );
  parts.push(
    params.model !== undefined
      ? `override_params.model ${JSON.stringify(params.model)}`
      : 'no override_params.model (the client picks the model)',
  );
  return parts.join(', ');
}

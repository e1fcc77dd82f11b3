// What a LiteLLM config connects to: every `model_list` entry read by its real fields (model
// prefix, api_base, region, credentials by variable name), and every key adopt does not carry
// into the policy or the generated config, listed. The names applications call are read with
// verify's own graph of the config (model groups, `model_group_alias` of both settings sections).
import { splitModel } from '../identify/providers.js';
import { callableNames, litellmGraph, litellmReach, targetNames } from '../verify/litellm.js';
import { isRecord, jsonPath, type Path } from '../verify/verify-types.js';
import type { AdoptNote, FoundConnection, NoteKind } from './adopt-types.js';
import { envName, envNamesIn, isLiteralSecret } from './env-refs.js';

/** `litellm_params` keys adopt reads; the others are listed as not carried into the generated config. */
const READ_PARAMS = new Set([
  'model',
  'api_key',
  'api_base',
  'aws_region_name',
  'vertex_location',
  'vertex_project',
  'input_cost_per_token',
  'output_cost_per_token',
  'tags',
  'aws_access_key_id',
  'aws_secret_access_key',
]);
/** Read, but tierplan's generated config sets its own value or none: the user should know. */
const REPLACED_PARAMS: Record<string, string> = {
  api_version: 'tierplan writes its own Azure api_version',
  aws_profile_name: 'the generated config authenticates with the AWS default credential chain',
  aws_role_name: 'the generated config authenticates with the AWS default credential chain',
  aws_session_name: 'the generated config authenticates with the AWS default credential chain',
  aws_session_token: 'the generated config authenticates with the AWS default credential chain',
  vertex_credentials: 'the generated config reads VERTEXAI_PROJECT and the default Google credentials',
  rpm: 'rate limits are not generated',
  tpm: 'rate limits are not generated',
  timeout: 'the policy sets gateway.timeout_seconds for every deployment',
  stream_timeout: 'the policy sets gateway.timeout_seconds for every deployment',
  max_retries: 'the policy sets gateway.num_retries',
  weight: 'load-balance weights are not generated',
  order: 'deployment priorities are not generated',
  organization: 'an OpenAI organization is not generated',
  region_name: 'the policy states the region',
};
const READ_INFO = new Set([
  'id',
  'max_input_tokens',
  'max_tokens',
  'base_model',
  'access_groups',
  'mode',
  'tierplan_use_case',
  'tierplan_tier',
  'tierplan_sensitivity',
  'tierplan_role',
]);
const READ_TOP = new Set([
  'model_list',
  'router_settings',
  'litellm_settings',
  'general_settings',
  'environment_variables',
]);
/** Settings keys adopt reads (routing); the others are named as not carried (tierplan writes its own retries, timeouts and strategy). */
const READ_SETTINGS = new Set([
  'fallbacks',
  'context_window_fallbacks',
  'content_policy_fallbacks',
  'default_fallbacks',
  'model_group_alias',
  'enforce_fallback_model_access',
]);

export interface LitellmRead {
  connections: FoundConnection[];
  /** Names applications call: model groups and `model_group_alias` keys, with where each is defined. */
  names: { name: string; steps: Path; aliasOf: string | null; primary: Path[] }[];
  /** Names only fallbacks reach that tierplan itself generates (`<alias>--<deployment>`). */
  fallbackGroups: string[];
  notes: AdoptNote[];
}

export function readLitellmConnections(file: string, config: unknown): LitellmRead {
  const root = isRecord(config) ? config : {};
  const notes: AdoptNote[] = [];
  const note = (steps: Path, code: NoteKind, message: string): void =>
    void notes.push({ file, path: jsonPath(steps), steps, code: `adopt-${code}` as AdoptNote['code'], message });
  const connections: FoundConnection[] = [];
  for (const key of Object.keys(root)) {
    if (key === 'environment_variables' && isRecord(root[key]))
      note(
        [key],
        'not-carried',
        `environment_variables sets ${Object.keys(root[key]).length} variable(s) at start-up (${Object.keys(root[key]).sort().join(', ')}): set them in the environment instead; their values are not read`,
      );
    else if (!READ_TOP.has(key))
      note([key], 'not-carried', `${key} is not carried into tierplan's generated config: keep it by hand`);
  }
  for (const section of ['router_settings', 'litellm_settings', 'general_settings'] as const) {
    const s = root[section];
    if (!isRecord(s) || section === 'general_settings') continue;
    for (const key of Object.keys(s))
      if (!READ_SETTINGS.has(key))
        note([section, key], 'not-carried', `${section}.${key} is not carried into tierplan's generated config`);
  }
  const list = Array.isArray(root.model_list) ? root.model_list : [];
  if (!Array.isArray(root.model_list))
    note(['model_list'], 'not-understood', 'model_list is not a list: no deployment could be read');
  list.forEach((entry: unknown, index) => {
    const steps: Path = ['model_list', index];
    if (!isRecord(entry) || typeof entry.model_name !== 'string') {
      note(steps, 'not-understood', 'an entry without a model_name string: the proxy skips it; adopt does too');
      return;
    }
    const params = isRecord(entry.litellm_params) ? entry.litellm_params : null;
    if (params === null || typeof params.model !== 'string') {
      note(steps, 'not-understood', `"${entry.model_name}" has no litellm_params.model: the proxy skips it`);
      return;
    }
    connections.push(readEntry(file, entry, params, steps, note));
  });
  const g = litellmGraph(config);
  const targets = new Set(targetNames(g).map((t) => t.name));
  const names: LitellmRead['names'] = [];
  const fallbackGroups: string[] = [];
  for (const name of callableNames(g)) {
    const generated = name.includes('--') && targets.has(name);
    if (generated) {
      fallbackGroups.push(name);
      continue;
    }
    const group = g.groups.get(name)?.[0];
    const alias = g.aliases.get(name)?.[0];
    names.push({
      name,
      steps: group ? ['model_list', group.index, 'model_name'] : (alias?.steps ?? ['model_list']),
      aliasOf: group ? null : (alias?.name ?? null),
      primary: litellmReach(g, name)
        .filter((p) => p.primary)
        .map((p) => p.leaf),
    });
  }
  return { connections, names, fallbackGroups: fallbackGroups.sort(), notes };
}

type Note = (steps: Path, code: NoteKind, message: string) => void;

function readEntry(
  file: string,
  entry: Record<string, unknown>,
  params: Record<string, unknown>,
  steps: Path,
  note: Note,
): FoundConnection {
  const name = entry.model_name as string;
  const model = (params.model as string).trim();
  const info = isRecord(entry.model_info) ? entry.model_info : {};
  const literalSecrets: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (isLiteralSecret(k, v)) {
      literalSecrets.push(`litellm_params.${k}`);
      note(
        [...steps, 'litellm_params', k],
        'secret-literal',
        `"${name}": litellm_params.${k} holds a literal credential (not copied): put it in an environment variable and write os.environ/NAME`,
      );
    } else if (!READ_PARAMS.has(k)) {
      const why = REPLACED_PARAMS[k];
      note(
        [...steps, 'litellm_params', k],
        why ? 'not-carried' : 'not-understood',
        why
          ? `"${name}": litellm_params.${k} is not carried: ${why}`
          : `"${name}": litellm_params.${k} is not understood by adopt and not carried into the generated config`,
      );
    }
  }
  const own = Array.isArray(params.tags)
    ? params.tags.filter((t) => typeof t !== 'string' || !t.startsWith('tierplan-'))
    : [];
  if (own.length > 0)
    note(
      [...steps, 'litellm_params', 'tags'],
      'not-carried',
      `"${name}": tags ${JSON.stringify(own)} are not carried: the generated config tags each entry with its tier and use case (tag routing is not generated)`,
    );
  for (const k of Object.keys(info))
    if (!READ_INFO.has(k))
      note([...steps, 'model_info', k], 'not-carried', `"${name}": model_info.${k} is not carried`);
  const { provider, rest } = providerAndModel(model);
  const wildcard = model.includes('*') || name.includes('*');
  if (provider === null)
    note(
      [...steps, 'litellm_params', 'model'],
      'unknown-provider',
      `"${name}": model "${model}" has no provider prefix adopt knows (LiteLLM guesses the provider from its model map): proposed on the most open tier until you say`,
    );
  const apiBase = params.api_base ?? params.base_url;
  const endpointEnv = envName(apiBase);
  const endpoint = typeof apiBase === 'string' && endpointEnv === null && apiBase.trim() !== '' ? apiBase.trim() : null;
  const regionField = provider === 'vertex_ai' ? params.vertex_location : params.aws_region_name;
  const cloudRegion = typeof regionField === 'string' && envName(regionField) === null ? regionField.trim() : null;
  if (typeof regionField === 'string' && envName(regionField) !== null)
    note(
      [...steps, 'litellm_params', provider === 'vertex_ai' ? 'vertex_location' : 'aws_region_name'],
      'not-understood',
      `"${name}": its region is read from $${envName(regionField)} at start-up: adopt cannot tell the region; state it in the policy`,
    );
  if (params.aws_bedrock_runtime_endpoint !== undefined)
    note(
      [...steps, 'litellm_params', 'aws_bedrock_runtime_endpoint'],
      'not-carried',
      `"${name}": a custom Bedrock runtime endpoint is not generated by tierplan (requests would go to the regional endpoint)`,
    );
  const ctx = numberOf(info.max_input_tokens) ?? numberOf(info.max_tokens);
  const inPrice = numberOf(params.input_cost_per_token);
  const outPrice = numberOf(params.output_cost_per_token);
  return {
    file,
    dialect: 'litellm',
    steps,
    name,
    provider,
    model: rest,
    endpoint,
    endpointEnv,
    cloudRegion,
    apiKeyEnv: envName(params.api_key),
    envNames: envNamesIn(params),
    literalSecrets,
    contextTokens: ctx !== null && Number.isInteger(ctx) && ctx > 0 ? ctx : null,
    price: inPrice !== null && outPrice !== null ? { input: inPrice, output: outPrice } : null,
    baseModel: typeof info.base_model === 'string' ? info.base_model : null,
    wildcard,
    value: entry,
  };
}

const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/**
 * The provider as the policy spells it (the prefix as written, lower case) and the provider's
 * model id. A bare name (`gpt-4o`) has no provider in the config itself: LiteLLM looks it up in
 * its model map, which the caller may do with the bundled copy.
 */
function providerAndModel(model: string): { provider: string | null; rest: string } {
  const slash = model.indexOf('/');
  if (slash > 0 && splitModel(model).prefix !== null)
    return { provider: model.slice(0, slash).toLowerCase(), rest: model.slice(slash + 1) };
  return { provider: null, rest: model };
}

// What Portkey configs connect to: every leaf under `targets` (any depth, every strategy mode,
// conditional branches included), read with what it inherits (`override_params` merge down,
// `custom_host` is inherited), by its real fields. A leaf with only a `virtual_key` hides its
// provider in Portkey's vault: it is listed and proposed fail-closed.
import { isRecord, jsonPath, type Path } from '../verify/verify-types.js';
import type { AdoptNote, FoundConnection, NoteKind } from './adopt-types.js';
import { envName, envNamesIn, isLiteralSecret } from './env-refs.js';

/** Portkey provider names → the policy's (LiteLLM's) spelling. */
const PROVIDERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'azure-openai': 'azure',
  'azure-ai': 'azure_ai',
  bedrock: 'bedrock',
  'vertex-ai': 'vertex_ai',
  google: 'gemini',
  mistral: 'mistral',
  'mistral-ai': 'mistral',
  groq: 'groq',
  cohere: 'cohere',
  deepseek: 'deepseek',
  'x-ai': 'xai',
  'together-ai': 'together_ai',
  'fireworks-ai': 'fireworks_ai',
  perplexity: 'perplexity',
  'perplexity-ai': 'perplexity',
  openrouter: 'openrouter',
  ollama: 'ollama',
  huggingface: 'huggingface',
  sagemaker: 'sagemaker',
};
const MODES = new Set(['fallback', 'loadbalance', 'single', 'conditional']);
const LEAF_KEYS = new Set([
  'name',
  'provider',
  'virtual_key',
  'virtualKey',
  'api_key',
  'apiKey',
  'custom_host',
  'customHost',
  'override_params',
  'overrideParams',
  'aws_region',
  'awsRegion',
  'vertex_region',
  'vertexRegion',
  'vertex_project_id',
  'vertexProjectId',
  'resource_name',
  'resourceName',
  'deployment_id',
  'deploymentId',
  'api_version',
  'apiVersion',
  'aws_access_key_id',
  'awsAccessKeyId',
  'aws_secret_access_key',
  'awsSecretAccessKey',
  'weight',
  'retry',
  'cache',
  'strategy',
  'targets',
  'on_status_codes',
]);
/** Keys of a node with `targets` that adopt reads (the routing). */
const GROUP_KEYS = new Set([
  'name',
  'strategy',
  'targets',
  'override_params',
  'overrideParams',
  'custom_host',
  'customHost',
  'weight',
]);
const MAX_DEPTH = 64;

export interface PortkeyRead {
  connections: FoundConnection[];
  notes: AdoptNote[];
}

/** `name`: what applications call to get this config (its file's alias, or a conditional branch). */
export function readPortkeyConnections(file: string, config: unknown, name: string): PortkeyRead {
  const connections: FoundConnection[] = [];
  const notes: AdoptNote[] = [];
  const note = (steps: Path, code: NoteKind, message: string): void =>
    void notes.push({ file, path: jsonPath(steps), steps, code: `adopt-${code}` as AdoptNote['code'], message });
  const conditional = isRecord(config) && isRecord(config.strategy) && config.strategy.mode === 'conditional';
  const walk = (node: unknown, steps: Path, inherited: Inherited, branch: string): void => {
    if (!isRecord(node)) {
      note(steps, 'not-understood', 'a target that is not an object: the gateway refuses the config');
      return;
    }
    const here: Inherited = {
      params: { ...inherited.params, ...recordOf(node.override_params), ...recordOf(node.overrideParams) },
      host: node.custom_host ?? node.customHost ?? inherited.host,
    };
    const mode = isRecord(node.strategy) ? node.strategy.mode : undefined;
    if (Array.isArray(node.targets) && steps.length < 2 * MAX_DEPTH) {
      for (const k of Object.keys(node))
        if (!GROUP_KEYS.has(k))
          note(
            [...steps, k],
            k === 'retry' || k === 'cache' || k === 'request_timeout' ? 'not-carried' : 'not-understood',
            `${k} is not carried into the generated config`,
          );
      if (typeof mode !== 'string' || !MODES.has(mode))
        note(
          [...steps, 'strategy'],
          'not-understood',
          `strategy mode ${JSON.stringify(mode)} is not one Portkey knows`,
        );
      (node.targets as unknown[]).forEach((t, i) => {
        const sub = conditional && steps.length === 0 && isRecord(t) && typeof t.name === 'string' ? t.name : branch;
        walk(t, [...steps, 'targets', i], here, sub);
      });
      return;
    }
    connections.push(readLeaf(file, node, steps, here, branch, note));
  };
  walk(config, [], { params: {}, host: undefined }, name);
  return { connections, notes };
}

interface Inherited {
  params: Record<string, unknown>;
  host: unknown;
}

const recordOf = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const pick = (node: Record<string, unknown>, snake: string, camel: string): unknown => node[snake] ?? node[camel];

function readLeaf(
  file: string,
  node: Record<string, unknown>,
  steps: Path,
  here: Inherited,
  name: string,
  note: (steps: Path, code: NoteKind, message: string) => void,
): FoundConnection {
  const literalSecrets: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (isLiteralSecret(k, v) && k !== 'virtual_key' && k !== 'virtualKey') {
      literalSecrets.push(k);
      note(
        [...steps, k],
        'secret-literal',
        `${k} holds a literal credential (not copied): pass it as \${NAME} and substitute it when the header is built`,
      );
    } else if (!LEAF_KEYS.has(k)) note([...steps, k], 'not-understood', `${k} is not understood by adopt`);
  }
  const raw = typeof node.provider === 'string' ? node.provider.trim().toLowerCase() : null;
  const host = typeof here.host === 'string' ? here.host.trim() : null;
  const hostEnv = envName(host);
  let provider = raw === null ? null : (PROVIDERS[raw] ?? null);
  // tierplan writes a self-hosted OpenAI-compatible server as `openai` with a custom host.
  if (provider === 'openai' && host !== null && hostEnv === null && !/api\.openai\.com/i.test(host))
    provider = 'hosted_vllm';
  if (raw !== null && provider === null)
    note(
      [...steps, 'provider'],
      'unknown-provider',
      `provider "${raw}" is not one adopt knows: proposed on the most open tier`,
    );
  if (raw === null)
    note(
      steps,
      'unknown-provider',
      pick(node, 'virtual_key', 'virtualKey') !== undefined
        ? 'a virtual_key keeps its provider and credentials in Portkey: adopt cannot see where it connects; proposed on the most open tier'
        : 'a target without a provider: proposed on the most open tier',
    );
  const model = typeof here.params.model === 'string' ? here.params.model : null;
  const deploymentId = pick(node, 'deployment_id', 'deploymentId');
  const azureModel = provider === 'azure' && typeof deploymentId === 'string' ? deploymentId : model;
  const resource = pick(node, 'resource_name', 'resourceName');
  const region =
    provider === 'vertex_ai' ? pick(node, 'vertex_region', 'vertexRegion') : pick(node, 'aws_region', 'awsRegion');
  const endpoint =
    provider === 'azure' && typeof resource === 'string' && envName(resource) === null
      ? `https://${resource}.openai.azure.com`
      : host !== null && hostEnv === null && host !== ''
        ? host
        : null;
  if (model === null)
    note(
      steps,
      'not-understood',
      'no override_params.model: the client picks the model, so adopt cannot name the deployment',
    );
  if (pick(node, 'api_version', 'apiVersion') !== undefined)
    note(
      [...steps, 'api_version'],
      'not-carried',
      'api_version is not carried: tierplan writes its own Azure api_version',
    );
  const key = pick(node, 'api_key', 'apiKey');
  return {
    file,
    dialect: 'portkey',
    steps,
    name,
    provider,
    model: azureModel,
    endpoint,
    endpointEnv: hostEnv ?? (typeof resource === 'string' ? envName(resource) : null),
    cloudRegion: typeof region === 'string' && envName(region) === null ? region : null,
    apiKeyEnv: envName(key),
    envNames: envNamesIn(node),
    literalSecrets,
    contextTokens: null,
    price: null,
    baseModel: null,
    wildcard: false,
    value: { ...node, override_params: here.params, ...(host !== null ? { custom_host: host } : {}) },
  };
}

// What a gateway is told about one deployment: LiteLLM `litellm_params`, a Portkey leaf.
// Pure data, in core because two sides need the same answer: the renderers write these
// leaves, and `verify` recognises the deployment behind a config entry by rebuilding them.
import type { RouteTarget } from './routing-types.js';
import type { Deployment } from '../policy/types.js';

/** Providers whose `api_base` is the deployment's endpoint URL. */
const URL_PROVIDERS = new Set([
  'openai',
  'anthropic',
  'azure',
  'hosted_vllm',
  'ollama_chat',
  'ollama',
  'huggingface',
  'xinference',
  'mistral',
]);
const AZURE_API_VERSION = '2024-10-21';

/** Self-hosted OpenAI-compatible servers (vLLM, TGI…) are Portkey `openai` targets with a custom host. */
const OPENAI_COMPATIBLE = new Set(['openai', 'hosted_vllm', 'xinference', 'huggingface']);

/** LiteLLM reads `os.environ/NAME` at load time; secrets never appear in a config. */
const env = (name: string): string => `os.environ/${name}`;

/** Portkey leaves cannot read the environment; `${NAME}` is substituted when the header is built (envsubst). */
const envRef = (name: string): string => `\${${name}}`;

/** LiteLLM deployment tags, copied into spend logs' `request_tags`: where traffic ran, for `review`. */
export const TIER_TAG_PREFIX = 'tierplan-tier:';
export const tierTag = (tier: string): string => `${TIER_TAG_PREFIX}${tier}`;
export const useCaseTag = (alias: string): string => `tierplan-uc:${alias}`;

/**
 * The LiteLLM access group (`model_info.access_groups`) of one use case: every entry its alias can
 * reach carries it, and the application's key is scoped to it (`models: [group]`). LiteLLM checks
 * a key's `models` against the requested model and against every fallback sent in the request
 * body, so a key scoped to this group cannot leave the entries cleared for the use case. A `:`
 * occurs in no use case or deployment id, so the name cannot collide with a model group.
 */
/** LiteLLM's name for a fallback group: `--` never occurs in a use case id, so it cannot collide. */
export const fallbackGroup = (alias: string, deployment: string): string => `${alias}--${deployment}`;

const ACCESS_GROUP_PREFIX = 'tierplan-uc:';
export const accessGroup = (alias: string): string => `${ACCESS_GROUP_PREFIX}${alias}`;

/**
 * LiteLLM's `model_info.mode`, only where the policy makes it certain: a deployment that takes
 * audio and nothing else is a transcription model (its health check and routing need the mode,
 * which LiteLLM cannot look up for a self-hosted model). Embedding and image generation cannot be
 * told from a deployment's input modalities, so no mode is written for them.
 */
export function litellmMode(d: Deployment): string | undefined {
  return d.modalities?.length === 1 && d.modalities[0] === 'audio' ? 'audio_transcription' : undefined;
}

export function litellmParams(d: Deployment, tags: string[]): Record<string, unknown> {
  const p: Record<string, unknown> = { model: `${d.provider}/${d.model}` };
  if (d.credentials?.api_key_env) p.api_key = env(d.credentials.api_key_env);
  if (d.credentials?.api_base_env) p.api_base = env(d.credentials.api_base_env);
  else if (d.endpoint && URL_PROVIDERS.has(d.provider)) p.api_base = d.endpoint;
  if (d.provider === 'azure') p.api_version = AZURE_API_VERSION;
  if (d.provider === 'bedrock' && d.endpoint) p.aws_region_name = d.endpoint;
  if (d.provider === 'vertex_ai') {
    p.vertex_project = env('VERTEXAI_PROJECT');
    if (d.endpoint) p.vertex_location = d.endpoint;
  }
  // Self-hosted spend is 0 in LiteLLM's logs unless a rate is set: charge the capacity rate.
  if (d.fixed_cost) {
    const perToken = d.fixed_cost.monthly / d.fixed_cost.capacity_tokens_per_month;
    p.input_cost_per_token = perToken;
    p.output_cost_per_token = perToken;
  }
  p.tags = tags;
  return p;
}

export function portkeyLeaf(t: RouteTarget, d: Deployment): Record<string, unknown> {
  const leaf: Record<string, unknown> = { name: t.id };
  const apiKey = d.credentials?.api_key_env ? envRef(d.credentials.api_key_env) : 'not-used';
  if (OPENAI_COMPATIBLE.has(d.provider)) {
    leaf.provider = 'openai';
    leaf.api_key = apiKey;
    if (d.credentials?.api_base_env) leaf.custom_host = envRef(d.credentials.api_base_env);
    else if (d.endpoint) leaf.custom_host = d.endpoint;
  } else if (d.provider === 'ollama_chat' || d.provider === 'ollama') {
    leaf.provider = 'ollama';
    if (d.endpoint) leaf.custom_host = d.endpoint;
  } else if (d.provider === 'azure') {
    leaf.provider = 'azure-openai';
    leaf.api_key = apiKey;
    leaf.resource_name = azureResource(d.endpoint);
    leaf.deployment_id = d.model;
    leaf.api_version = AZURE_API_VERSION;
  } else if (d.provider === 'bedrock') {
    leaf.provider = 'bedrock';
    leaf.aws_access_key_id = envRef('AWS_ACCESS_KEY_ID');
    leaf.aws_secret_access_key = envRef('AWS_SECRET_ACCESS_KEY');
    if (d.endpoint) leaf.aws_region = d.endpoint;
  } else if (d.provider === 'vertex_ai') {
    leaf.provider = 'vertex-ai';
    leaf.api_key = d.credentials?.api_key_env ? apiKey : envRef('VERTEX_ACCESS_TOKEN');
    leaf.vertex_project_id = envRef('VERTEXAI_PROJECT');
    if (d.endpoint) leaf.vertex_region = d.endpoint;
  } else {
    leaf.provider = d.provider;
    leaf.api_key = apiKey;
    if (d.endpoint) leaf.custom_host = d.endpoint;
  }
  leaf.override_params = { model: d.model };
  return leaf;
}

function azureResource(endpoint: string | undefined): string {
  const host = endpoint ? /^https?:\/\/([^./]+)/.exec(endpoint)?.[1] : undefined;
  return host ?? envRef('AZURE_RESOURCE_NAME');
}

import { deploymentIndex } from '../core/routing.js';
import type { RouteTarget, RoutingModel, UseCaseRoute } from '../core/routing-types.js';
import type { Deployment, Policy } from '../core/types.js';
import { AZURE_API_VERSION } from './litellm-config.js';

/** Portkey leaves cannot read the environment; `${NAME}` is substituted when the header is built (envsubst). */
export const envRef = (name: string): string => `\${${name}}`;

/** Self-hosted OpenAI-compatible servers (vLLM, TGI…) are Portkey `openai` targets with a custom host. */
const OPENAI_COMPATIBLE = new Set(['openai', 'hosted_vllm', 'xinference', 'huggingface']);

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

/** The config for one use case: fallback over its primary group, then its cleared fallbacks. */
export function portkeyRouteConfig(r: UseCaseRoute, model: RoutingModel, policy: Policy): Record<string, unknown> {
  const index = deploymentIndex(policy);
  const leaf = (t: RouteTarget): Record<string, unknown> => portkeyLeaf(t, index.get(t.deployment)!.deployment);
  const primary = r.primary.length === 1
    ? leaf(r.primary[0]!)
    : { name: `${r.alias}.primary`, strategy: { mode: 'loadbalance' }, targets: r.primary.map((t) => ({ ...leaf(t), weight: t.weight })) };
  return {
    strategy: { mode: 'fallback', on_status_codes: model.fallback_status_codes },
    targets: [primary, ...r.fallbacks.map(leaf)],
  };
}

/** One file per use case, keyed by file name: `<alias>.json`. */
export function renderPortkeyConfigs(model: RoutingModel, policy: Policy): Map<string, string> {
  const files = new Map<string, string>();
  for (const r of model.routes) files.set(`${r.alias}.json`, `${JSON.stringify(portkeyRouteConfig(r, model, policy), null, 2)}\n`);
  return files;
}

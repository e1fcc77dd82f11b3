// What the gateway's provider names mean: the prefix of a LiteLLM model string picks the
// provider (`openai/gpt-4o`, `bedrock/converse/…`, `azure/<deployment>`), some names are
// spellings of one provider, and public API providers have a public host that a private
// endpoint is not.

/** Provider prefixes LiteLLM reads from `litellm_params.model` (and writes into spend logs' `model`). */
const LITELLM_PREFIXES = new Set([
  'openai',
  'text-completion-openai',
  'anthropic',
  'azure',
  'azure_ai',
  'bedrock',
  'sagemaker',
  'vertex_ai',
  'gemini',
  'mistral',
  'groq',
  'cohere',
  'deepseek',
  'xai',
  'together_ai',
  'fireworks_ai',
  'perplexity',
  'openrouter',
  'hosted_vllm',
  'vllm',
  'ollama',
  'ollama_chat',
  'huggingface',
  'xinference',
]);

/** Spellings of one provider, mapped to the one the policy uses. */
const SAME_PROVIDER: Record<string, string> = {
  'text-completion-openai': 'openai',
  ollama_chat: 'ollama',
  vllm: 'hosted_vllm',
};

/** The provider name as compared: lower case, one spelling per provider. */
export const canonicalProvider = (p: string): string => {
  const l = p.trim().toLowerCase();
  return SAME_PROVIDER[l] ?? l;
};

/** OpenAI-compatible servers LiteLLM also reaches as `openai/<model>` with an `api_base`. */
export const OPENAI_COMPATIBLE = new Set(['hosted_vllm', 'xinference', 'huggingface']);

/** A LiteLLM model string split into its provider prefix (when it has a known one) and the provider's model id. */
export function splitModel(model: string): { prefix: string | null; rest: string } {
  const m = model.trim();
  const slash = m.indexOf('/');
  if (slash <= 0) return { prefix: null, rest: m };
  const prefix = m.slice(0, slash).toLowerCase();
  if (!LITELLM_PREFIXES.has(prefix)) return { prefix: null, rest: m };
  let rest = m.slice(slash + 1);
  // Bedrock's route selectors are not part of the model id.
  if (prefix === 'bedrock') rest = rest.replace(/^(converse|invoke|converse_like)\//i, '');
  return { prefix: canonicalProvider(prefix), rest };
}

/**
 * Public API providers and their public hosts: a request to one of these without a private
 * endpoint went to the provider's public API, whatever model name it carried.
 */
const PUBLIC_HOSTS: Record<string, string[]> = {
  openai: ['api.openai.com'],
  anthropic: ['api.anthropic.com'],
  gemini: ['generativelanguage.googleapis.com'],
  mistral: ['api.mistral.ai'],
  groq: ['api.groq.com'],
  cohere: ['api.cohere.com', 'api.cohere.ai'],
  deepseek: ['api.deepseek.com'],
  xai: ['api.x.ai'],
  together_ai: ['api.together.xyz'],
  fireworks_ai: ['api.fireworks.ai'],
  perplexity: ['api.perplexity.ai'],
  openrouter: ['openrouter.ai'],
};

/** The public hosts of a public API provider; undefined for other providers. */
export const publicHosts = (provider: string): readonly string[] | undefined =>
  PUBLIC_HOSTS[canonicalProvider(provider)];

/** Every public API host of every provider (a private deployment must connect to none of them). */
export const allPublicHosts = (): readonly string[] => Object.values(PUBLIC_HOSTS).flat();

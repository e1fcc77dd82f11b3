// What cloud bills call a provider, mapped to the provider ids a policy's deployments use (LiteLLM's
// ids: `bedrock`, `azure`, `vertex_ai`…). A FOCUS row says `AWS` or `Amazon Bedrock` where the
// policy says `bedrock`; without this table no billed row could match a deployment. Who served
// the request decides: Anthropic's model billed by AWS is `bedrock`; the publisher (the model's
// vendor) is never the provider. Names are compared trimmed and case-insensitively; a name the
// table does not know stays as billed, never guessed. A policy adds or overrides entries under
// `review.provider_names`.
import type { Policy } from '../policy/types.js';

/** Name as billed (lower case) → provider id. Documented in docs/review.md#provider-names. */
export const BILLED_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  // Amazon: the company, its billing entities, and the services that serve models.
  aws: 'bedrock',
  amazon: 'bedrock',
  'amazon web services': 'bedrock',
  'amazon web services, inc.': 'bedrock',
  'amazon bedrock': 'bedrock',
  'amazon bedrock service': 'bedrock',
  bedrock: 'bedrock',
  'amazon sagemaker': 'sagemaker',
  // Microsoft
  microsoft: 'azure',
  'microsoft azure': 'azure',
  azure: 'azure',
  'azure openai': 'azure',
  'azure openai service': 'azure',
  'azure ai foundry': 'azure',
  'azure ai services': 'azure',
  'foundry models': 'azure',
  // Google
  google: 'vertex_ai',
  'google cloud': 'vertex_ai',
  'google cloud platform': 'vertex_ai',
  gcp: 'vertex_ai',
  'vertex ai': 'vertex_ai',
  'vertex ai api': 'vertex_ai',
  'gemini api': 'gemini',
  'generative language api': 'gemini',
  'google ai studio': 'gemini',
  // Oracle
  oracle: 'oci',
  oci: 'oci',
  'oracle cloud infrastructure': 'oci',
  'oci generative ai': 'oci',
  // IBM
  ibm: 'watsonx',
  'ibm cloud': 'watsonx',
  'watsonx.ai': 'watsonx',
  // Model vendors that also serve their models through their own API.
  openai: 'openai',
  'openai, llc': 'openai',
  anthropic: 'anthropic',
  'anthropic, pbc': 'anthropic',
  'mistral ai': 'mistral',
  mistral: 'mistral',
  cohere: 'cohere',
  meta: 'meta_llama',
  deepseek: 'deepseek',
  xai: 'xai',
  groq: 'groq',
  'together ai': 'together_ai',
  'fireworks ai': 'fireworks_ai',
  databricks: 'databricks',
  snowflake: 'snowflake',
  perplexity: 'perplexity',
};

/** Third-party models on Bedrock are billed as `<model> (Amazon Bedrock Edition)`. */
const BEDROCK_EDITION = /\(amazon bedrock edition\)$/;

const key = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The built-in table with the policy's `review.provider_names` over it, keys normalised. */
export function providerNameTable(policy: Pick<Policy, 'review'>): Record<string, string> {
  const table: Record<string, string> = { ...BILLED_PROVIDER_NAMES };
  for (const [name, id] of Object.entries(policy.review?.provider_names ?? {})) table[key(name)] = id.trim();
  return table;
}

/** The provider id a billed name stands for, or null when the table does not know it. */
export function providerIdOf(table: Readonly<Record<string, string>>, name: string | null): string | null {
  if (name === null) return null;
  const k = key(name);
  if (k === '') return null;
  const hit = Object.hasOwn(table, k) ? table[k] : undefined;
  if (hit !== undefined) return hit;
  return BEDROCK_EDITION.test(k) ? (table['amazon bedrock'] ?? 'bedrock') : null;
}

/** The names a bill gives for one charge; any may be null. */
export interface BilledNames {
  /** FOCUS ServiceName, e.g. `Amazon Bedrock`: the most specific, so it is asked first. */
  service: string | null;
  /** FOCUS 1.3 HostProviderName: whose infrastructure ran it. */
  host: string | null;
  /** FOCUS 1.3 ServiceProviderName. */
  serviceProvider: string | null;
  /** FOCUS 1.0–1.2 ProviderName. */
  provider: string | null;
}

/**
 * The provider of a charge: the first of service, host, service provider and provider that the
 * table maps; else the provider name as billed (host, service provider, then provider). The
 * publisher is deliberately not an input: it names whose model it is, not who served it.
 */
export function billedProvider(table: Readonly<Record<string, string>>, names: BilledNames): string | null {
  for (const n of [names.service, names.host, names.serviceProvider, names.provider]) {
    const id = providerIdOf(table, n);
    if (id !== null) return id;
  }
  return billedName(names);
}

/** The provider name as billed, unmapped: whose infrastructure, else who sold the service. */
export const billedName = (names: BilledNames): string | null => names.host ?? names.serviceProvider ?? names.provider;

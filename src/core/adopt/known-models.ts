// What is known of a model before anyone is asked: the policy's own deployments of it (same
// provider and model), else the bundled copy of LiteLLM's price map (context window, prices,
// tool use, vision). Capability is a judgement the price map does not make: only the policy's.
import { canonicalProvider } from '../identify/providers.js';
import type { Deployment, Modality, Policy } from '../policy/types.js';

/** One entry of the price map, per 1M tokens. */
export interface PriceEntry {
  provider?: string;
  input_per_1m?: number;
  output_per_1m?: number;
  context_tokens?: number;
  tools?: boolean;
  modalities?: Modality[];
}

/** Looks a key of the price map up (`gpt-4o`, `azure/gpt-4o`, `us.anthropic.claude-…`). */
export type PriceLookup = (key: string) => PriceEntry | undefined;

export const NO_PRICES: PriceLookup = () => undefined;

export function policyModel(policy: Policy, provider: string, model: string): Deployment | undefined {
  const p = canonicalProvider(provider);
  const m = model.toLowerCase();
  for (const t of policy.tiers)
    for (const d of t.deployments) if (canonicalProvider(d.provider) === p && d.model.toLowerCase() === m) return d;
  return undefined;
}

/** The price-map entry of a model: by `provider/model`, the bare model, a base model; Bedrock's regional prefix dropped last. */
export function priceOf(
  lookup: PriceLookup,
  provider: string | null,
  model: string,
  baseModel: string | null,
): { key: string; entry: PriceEntry } | undefined {
  const keys: string[] = [];
  if (baseModel !== null) keys.push(baseModel);
  if (provider !== null) keys.push(`${provider}/${model}`);
  keys.push(model);
  const bare = model.replace(/^(converse|invoke)\//, '');
  if (bare !== model) keys.push(bare);
  const regional = /^(us|eu|apac|au|jp|ca|us-gov)\.(.+)$/.exec(bare);
  if (regional) keys.push(regional[2]!);
  for (const key of keys) {
    const entry = lookup(key);
    if (entry !== undefined) return { key, entry };
  }
  return undefined;
}

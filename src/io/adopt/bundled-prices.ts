// The bundled copy of LiteLLM's model price map (data/litellm-model-prices.json, MIT, licence
// beside it), compacted by scripts/compact-prices.mjs. Read once, on first use, from the package.
import { readFileSync } from 'node:fs';
import type { PriceEntry, PriceLookup } from '../../core/adopt/known-models.js';
import type { Modality } from '../../core/policy/types.js';

type Row = [string | null, number, number, number | null, 0 | 1, Modality[]];

let table: Map<string, Row> | undefined;

function load(): Map<string, Row> {
  // src/io/adopt or dist/io/adopt → ../../../data
  const text = readFileSync(new URL('../../../data/litellm-model-prices.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as { models: Record<string, Row> };
  return new Map(Object.entries(parsed.models).map(([k, v]) => [k.toLowerCase(), v]));
}

export const bundledPrices: PriceLookup = (key: string): PriceEntry | undefined => {
  table ??= load();
  const row = table.get(key.toLowerCase());
  if (row === undefined) return undefined;
  const [provider, input, output, context, tools, modalities] = row;
  return {
    ...(provider !== null ? { provider } : {}),
    input_per_1m: input,
    output_per_1m: output,
    ...(context !== null ? { context_tokens: context } : {}),
    tools: tools === 1,
    modalities,
  };
};

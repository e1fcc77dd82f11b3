// Maintenance step (not part of the build): compacts LiteLLM's model price map into
// data/litellm-model-prices.json, the copy `tierplan adopt` reads. Only entries priced per token
// are kept, and of each only what adopt uses: [provider, input $/1M, output $/1M, context tokens,
// tools (0/1), modalities]. Usage: node scripts/compact-prices.mjs <model_prices_and_context_window.json>
import { readFileSync, writeFileSync } from 'node:fs';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/compact-prices.mjs <model_prices_and_context_window.json>');
  process.exit(2);
}
const map = JSON.parse(readFileSync(source, 'utf8'));
const perMillion = (x) => Math.round(x * 1e6 * 1e6) / 1e6;
const models = {};
for (const key of Object.keys(map).sort()) {
  const e = map[key];
  if (key === 'sample_spec' || typeof e !== 'object' || e === null) continue;
  if (typeof e.input_cost_per_token !== 'number' || typeof e.output_cost_per_token !== 'number') continue;
  const ctx = typeof e.max_input_tokens === 'number' ? e.max_input_tokens : null;
  const modalities = ['text'];
  if (e.supports_vision === true) modalities.push('image');
  if (e.supports_audio_input === true || e.mode === 'audio_transcription') modalities.push('audio');
  models[key] = [
    typeof e.litellm_provider === 'string' ? e.litellm_provider : null,
    perMillion(e.input_cost_per_token),
    perMillion(e.output_cost_per_token),
    ctx,
    e.supports_function_calling === true ? 1 : 0,
    e.mode === 'audio_transcription' ? ['audio'] : modalities,
  ];
}
const out = {
  source: 'BerriAI/litellm model_prices_and_context_window.json (MIT), copy dated 2026-07-24',
  fields: ['provider', 'input_per_1m', 'output_per_1m', 'context_tokens', 'tools', 'modalities'],
  models,
};
writeFileSync(new URL('../data/litellm-model-prices.json', import.meta.url), `${JSON.stringify(out)}\n`);
console.log(`${Object.keys(models).length} models`);

// Writes a LiteLLM config of N model groups for timing `tierplan adopt` (bench/README.md):
// a third public OpenAI, a third Bedrock, a third vLLM on 50 internal hosts; every other group
// falls back to the next. Usage: node bench/adopt-config.mjs N > config.yaml
const n = Number(process.argv[2] ?? 1000);
const kinds = [
  () => ['openai/gpt-4o', 'api_key: os.environ/OPENAI_API_KEY'],
  () => ['bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws_region_name: us-east-1'],
  (i) => ['hosted_vllm/meta-llama/Llama-3.1-8B-Instruct', `api_base: http://vllm${i % 50}.internal:8000/v1`],
];
const lines = ['model_list:'];
for (let i = 0; i < n; i++) {
  const [model, extra] = kinds[i % 3](i);
  lines.push(`  - model_name: app-${i}`, '    litellm_params:', `      model: ${model}`, `      ${extra}`);
}
lines.push('router_settings:', '  fallbacks:');
for (let i = 0; i < n; i += 2) lines.push(`    - app-${i}: [app-${(i + 1) % n}]`);
process.stdout.write(`${lines.join('\n')}\n`);

// `tierplan verify` reads configs the way the gateways do, through the built binary (run
// `npm run build` first): PyYAML merge keys and line breaks, both model_group_alias maps,
// bounded patterns and nesting.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const inputs = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];
const generated = (): string => {
  const out = join(mkdtempSync(join(tmpdir(), 'tierplan-verify-yaml-')), 'gateway');
  expect(tierplan(['gateway', ...inputs, '--out', out]).code).toBe(0);
  return out;
};
/** The generated LiteLLM config, edited by `edit`; returns its path and the edited text. */
function litellmConfig(edit: (text: string) => string): { config: string; text: string } {
  const config = join(generated(), 'litellm/config.yaml');
  const before = readFileSync(config, 'utf8');
  const text = edit(before);
  expect(text).not.toBe(before);
  writeFileSync(config, text);
  return { config, text };
}
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('tierplan verify reads configs as the gateways do', () => {
  it('exits 1 when a merge key moves a PHI use case to a public deployment', () => {
    // claims-triage (PHI) is served by an on-prem vLLM; a merge key gives it OpenAI's gpt-5.4.
    const own =
      '      model: hosted_vllm/meta-llama/Llama-3.3-70B-Instruct\n      api_key: os.environ/VLLM_API_KEY\n      api_base: http://vllm-large.dc1.internal:8000/v1\n';
    const { config, text } = litellmConfig((t) => {
      const at = t.indexOf('  - model_name: claims-triage\n');
      const i = t.indexOf(own, at);
      expect(i).toBe(at + '  - model_name: claims-triage\n    litellm_params:\n'.length);
      return `${t.slice(0, i)}      <<: {model: openai/gpt-5.4, api_key: os.environ/OPENAI_API_KEY}\n${t.slice(i + own.length)}`;
    });
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    const line = lineOf(text, '      <<: {model: openai/gpt-5.4');
    expect(r.stdout).toMatch(
      new RegExp(
        `^${config}:${line - 2}:\\d+: \\$\\.model_list\\[\\d+\\]: error uncleared-tier: "claims-triage" \\(regulated; regimes hipaa; residency us\\) can reach deployment "openai-gpt-5-4" on tier api`,
        'm',
      ),
    );
    // The merged config is what the proxy runs; the `<<` key is no unknown key to it.
    expect(r.stdout).not.toMatch(/unknown key "<<"/);
  });

  it("follows router_settings' model_group_alias when litellm_settings maps the same name elsewhere", () => {
    const { config, text } = litellmConfig((t) =>
      t
        .replace('router_settings:\n', 'router_settings:\n  model_group_alias:\n    claims-triage: code-assistant\n')
        .replace(
          'general_settings:\n',
          'litellm_settings:\n  model_group_alias:\n    claims-triage: card-dispute-letters--vllm-llama-70b\ngeneral_settings:\n',
        ),
    );
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    const line = lineOf(text, '    claims-triage: code-assistant');
    expect(r.stdout).toContain(
      `${config}:${line}:20: $.router_settings.model_group_alias["claims-triage"]: error uncleared-tier: "claims-triage"`,
    );
  });

  it('exits 2 on a config that relies on a PyYAML-only line break, naming where it is', () => {
    const { config, text } = litellmConfig((t) =>
      t.replace('general_settings:\n', '# reviewed\u0085general_settings: {}\ngeneral_settings:\n'),
    );
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${config}:${lineOf(text, '# reviewed')}:11: error yaml-line-break:`);
  });

  it('exits 2 on a 10,000-deep Portkey config, with a position, not a stack overflow', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tierplan-verify-deep-')), 'deep.json');
    writeFileSync(
      file,
      `{"strategy": {"mode": "fallback"},\n "targets": [${'{"targets": ['.repeat(10_000)}${']}'.repeat(10_000)}]}`,
    );
    const r = tierplan(['verify', file, ...inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2:${14 + 31 * 13}: error config-too-deep:`);
    expect(r.stderr + r.stdout).not.toMatch(/call stack|internal error/i);
  });

  it('refuses to run a $regex that backtracks without bound, and answers at once', () => {
    const out = generated();
    const file = join(out, 'portkey/conditional.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    // A Portkey condition names its branch in `then`; built from entries so it is no thenable.
    const condition = Object.fromEntries([
      ['query', { 'metadata.tierplan_route': { $regex: '^(a+)+$' } }],
      ['then', config.targets[0].name],
    ]);
    config.strategy.conditions.unshift(condition);
    writeFileSync(file, JSON.stringify(config, null, 2));
    const r = tierplan(['verify', file, ...inputs]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}:8:23: $.strategy.conditions[0].query["metadata.tierplan_route"]["$regex"]: error config-problem: unsafe-regex: cannot evaluate this $regex safely`,
    );
  });
});

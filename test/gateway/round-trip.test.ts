// Strings from the inputs travel into the generated configs as data: quotes, newlines, `#`,
// `{{`, `${`, unicode and 10 kB lengths come back unchanged and never change the structure.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { Inventory, Policy } from '../../src/core/policy/types.js';
import { gatewayFiles } from '../../src/render/gateway/gateway-files.js';

const nasty = [
  `He said "hi" & left: 'quoted' \\ back`,
  'line one\nline two\r\n- model_name: injected',
  '# not a comment } ] {{ handlebars }} ${HOME} $(rm -rf /) `tick`',
  'Zürich – 東京 – ✓ – \u202e reversed',
  'x'.repeat(10_000),
];

const policy: Policy = structuredClone(DEFAULT_POLICY);
policy.name = 'policy\n# with: "quotes" and ${VAR}';
const onprem = policy.tiers.find((t) => t.id === 'on-prem')!;
// No `${…}` or `{{…}}` in a deployment: validate refuses them (envsubst would expand them in the
// Portkey files), and the serialisers refuse them too (test/gateway/references.test.ts).
onprem.deployments[0]!.model = `org/model "${nasty[0]}" # not a comment } ] ${nasty[3]}`;
onprem.deployments[0]!.endpoint = 'http://vllm.example:8000/v1?a="b"&c=#d';

const inventory: Inventory = {
  version: 1,
  use_cases: nasty.map((name, i) => ({
    id: `nasty-${i}`,
    name,
    status: 'production',
    data: { classes: ['classified'] },
    needs: { task: 'classification' },
  })),
};
const plan = computePlan(inventory, policy, { asOf: '2026-11-24', generator: 'tierplan test' });
const model = compileRoutes(plan, inventory, policy);
const files = gatewayFiles(model, policy, ['litellm', 'portkey'], { inputs: ['inv\nentory.yaml', 'pol#icy.yaml'] });

describe('generated configs are data, not pasted strings', () => {
  it('LiteLLM: names and policy strings round-trip; the structure is exactly what was generated', () => {
    const text = files.find((f) => f.path === 'litellm/config.yaml')!.text;
    const config = parse(text) as {
      model_list: {
        model_name: string;
        litellm_params: Record<string, unknown>;
        model_info: Record<string, unknown>;
      }[];
    };
    expect(Object.keys(config)).toEqual(['model_list', 'router_settings', 'general_settings']);
    const primaries = config.model_list.filter((m) => m.model_info.tierplan_role === 'primary');
    // Names are free text: LiteLLM serves model_info to any caller, so only ids go there.
    expect(primaries.map((m) => m.model_info.tierplan_use_case)).toEqual(nasty.map((_, i) => `nasty-${i}`));
    for (const m of config.model_list) for (const v of Object.values(m.model_info)) expect(nasty).not.toContain(v);
    expect(config.model_list.every((m) => /^nasty-\d(--.+)?$/.test(m.model_name))).toBe(true);
    const first = config.model_list.find((m) => m.model_info.id === 'nasty-0.vllm-llama-8b')!;
    expect(first.litellm_params.model).toBe(`hosted_vllm/${onprem.deployments[0]!.model}`);
    expect(first.litellm_params.api_base).toBe(onprem.deployments[0]!.endpoint);
    // The header comment stays comment: every line before model_list starts with '#'.
    const head = text.slice(0, text.indexOf('model_list:')).split('\n').filter(Boolean);
    expect(head.every((l) => l.startsWith('#'))).toBe(true);
  });

  it('Portkey: policy strings round-trip through every file', () => {
    for (const f of files.filter((x) => x.path.startsWith('portkey/'))) {
      const json = JSON.stringify(JSON.parse(f.text));
      if (f.path.includes('use-cases') || f.path.endsWith('conditional.json'))
        expect(json).toContain(JSON.stringify(onprem.deployments[0]!.model));
    }
  });

  it('is byte-identical when generated twice', () => {
    const again = gatewayFiles(
      compileRoutes(
        computePlan(inventory, policy, { asOf: '2026-11-24', generator: 'tierplan test' }),
        inventory,
        policy,
      ),
      policy,
      ['litellm', 'portkey'],
      { inputs: ['inv\nentory.yaml', 'pol#icy.yaml'] },
    );
    expect(again).toEqual(files);
  });
});

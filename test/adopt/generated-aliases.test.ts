// Aliases are strings from an input: whatever characters the schema lets through, the generated
// LiteLLM config (read as PyYAML would) and Portkey routes carry exactly those names, routed
// like their use case, and nothing else.
import { describe, expect, it } from 'vitest';
import jsyaml from 'js-yaml';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Inventory } from '../../src/core/policy/types.js';
import { gatewayFiles } from '../../src/render/gateway/gateway-files.js';

const ALIASES = [
  'gpt-4o',
  'openai/gpt-4o',
  "it's",
  '"quoted"',
  '#not-a-comment',
  '&anchor',
  '!tag',
  'a:b',
  '[x]',
  '{y}',
  'yes',
  '1e3',
  '~',
];

describe('aliases in the generated configs', () => {
  const inventory: Inventory = {
    version: 1,
    use_cases: [
      {
        id: 'claims-triage',
        name: 'Claims',
        data: { classes: ['phi'] },
        needs: { task: 'extraction' },
        aliases: ALIASES,
      },
    ],
  };
  const plan = computePlan(inventory, DEFAULT_POLICY, { asOf: '2026-12-01', generator: 'test' });
  const routes = compileRoutes(plan, inventory, DEFAULT_POLICY);
  const files = gatewayFiles(routes, DEFAULT_POLICY, ['litellm', 'portkey'], { inputs: [] });
  const text = (p: string): string => files.find((f) => f.path === p)!.text;

  it('LiteLLM: each alias is a model group with the same entries and fallbacks as the use case', () => {
    const config = jsyaml.load(text('litellm/config.yaml')) as {
      model_list: { model_name: unknown; litellm_params: { model: string }; model_info: { id: string } }[];
      router_settings: { fallbacks: Record<string, string[]>[] };
    };
    const names = new Set(config.model_list.map((e) => e.model_name));
    for (const a of ALIASES) expect(names.has(a), a).toBe(true);
    const models = (n: string) =>
      config.model_list.filter((e) => e.model_name === n).map((e) => e.litellm_params.model);
    for (const a of ALIASES) expect(models(a)).toEqual(models('claims-triage'));
    const fallbacks = new Map(config.router_settings.fallbacks.flatMap((f) => Object.entries(f)));
    for (const a of ALIASES) expect(fallbacks.get(a)).toEqual(fallbacks.get('claims-triage'));
    const ids = config.model_list.map((e) => e.model_info.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Portkey: routes.json gives each alias the use case metadata; files only for safe file names', () => {
    const routesJson = JSON.parse(text('portkey/routes.json')) as Record<string, unknown>;
    for (const a of ALIASES) expect(routesJson[a]).toEqual(routesJson['claims-triage']);
    const perFile = files
      .filter((f) => f.path.startsWith('portkey/use-cases/'))
      .map((f) => f.path.slice('portkey/use-cases/'.length));
    expect(perFile.sort()).toEqual(['1e3.json', 'claims-triage.json', 'gpt-4o.json', 'yes.json']);
  });
});

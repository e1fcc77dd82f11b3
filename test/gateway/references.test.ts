// The serialisers' last line behind validate: a value a gateway would resolve or expand is never
// written, whatever path skipped validation; the references tierplan builds still are.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { Inventory, Policy } from '../../src/core/policy/types.js';
import { gatewayFiles } from '../../src/render/gateway/gateway-files.js';

const inventory: Inventory = {
  version: 1,
  use_cases: [
    {
      id: 'secret-work',
      name: 'x',
      status: 'production',
      data: { classes: ['classified'] },
      needs: { task: 'classification' },
    },
  ],
};
function files(target: 'litellm' | 'portkey', edit: (p: Policy) => void) {
  const policy = structuredClone(DEFAULT_POLICY);
  edit(policy);
  const plan = computePlan(inventory, policy, { asOf: '2026-11-24', generator: 'tierplan test' });
  return () => gatewayFiles(compileRoutes(plan, inventory, policy), policy, [target], { inputs: ['inventory.yaml'] });
}
const vllm = (p: Policy) => p.tiers.find((t) => t.id === 'on-prem')!.deployments[0]!;

describe('serialisers refuse what a gateway would resolve', () => {
  it('LiteLLM: an endpoint written os.environ/… is not copied into api_base', () => {
    expect(
      files('litellm', (p) => {
        vllm(p).endpoint = 'os.environ/OPENAI_API_KEY';
      }),
    ).toThrow(/api_base/);
  });
  it('LiteLLM: the credential references built from the policy are written', () => {
    const text = files('litellm', (p) => {
      vllm(p).credentials = { api_key_env: 'VLLM_KEY' };
    })()[0]!.text;
    expect(text).toContain('api_key: os.environ/VLLM_KEY');
  });
  it.each(['org/${HOME}', 'org/$HOME', 'org/{{ key }}'])('Portkey: a model %s is not written', (model) => {
    expect(
      files('portkey', (p) => {
        vllm(p).model = model;
      }),
    ).toThrow(/envsubst/);
  });
  it('Portkey: the ${NAME} credential references are written', () => {
    const all = files('portkey', (p) => {
      vllm(p).credentials = { api_key_env: 'VLLM_KEY' };
    })();
    expect(all.find((f) => f.path === 'portkey/use-cases/secret-work.json')!.text).toContain(
      '"api_key": "${VLLM_KEY}"',
    );
  });
});

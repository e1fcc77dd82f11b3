import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/core/policy/check-policy.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import {
  checkAnswers,
  defaultAnswers,
  providerChoices,
  regionChoices,
  type InitAnswers,
} from '../../src/core/init/answers.js';
import { workedExample } from '../../src/core/init/example-use-case.js';
import { scaffoldPolicy } from '../../src/core/init/scaffold-policy.js';

const base = DEFAULT_POLICY;
const all = defaultAnswers(base);
const answers = (over: Partial<InitAnswers>): InitAnswers => ({ ...all, ...over });

describe('answers → policy', () => {
  it('the default answers keep the whole default policy and leave nothing out', () => {
    const { policy, leftOut } = scaffoldPolicy(base, all);
    expect(all).toEqual({
      tiers: ['api', 'private-cloud', 'on-prem'],
      regions: ['us', 'eu'],
      providers: ['openai', 'anthropic', 'bedrock', 'azure', 'vertex_ai', 'hosted_vllm'],
      regimes: ['gdpr', 'sox', 'glba', 'hipaa', 'pci_dss', 'itar', 'fedramp'],
    });
    const { name: _n, ...rest } = policy;
    const { name: _b, ...baseRest } = base;
    expect(rest).toEqual(baseRest);
    expect(leftOut).toEqual({ tiers: [], deployments: [], regimes: [], data_classes: [], triggers: [] });
  });

  it('no on-prem: the tier, its place in preference and reference split, and the triggers about it go', () => {
    const { policy, leftOut } = scaffoldPolicy(base, answers({ tiers: ['api', 'private-cloud'] }));
    expect(policy.tiers.map((t) => t.id)).toEqual(['api', 'private-cloud']);
    expect(policy.preference).toEqual(['api', 'private-cloud']);
    expect(policy.reference_split).toEqual({ api: 0.75, 'private-cloud': 0.25 });
    // capacity and break-even need a self-hosted (fixed-cost) deployment, which only on-prem had.
    expect(leftOut.triggers).toEqual(['onprem-underused', 'onprem-capacity', 'api-break-even']);
    expect(policy.triggers?.map((t) => t.id)).toEqual(['pc-spend-high', 'idle']);
    expect(leftOut.tiers).toEqual(['on-prem']);
  });

  it('one cloud in one region keeps only those deployments, and the tier regions follow', () => {
    const { policy, leftOut } = scaffoldPolicy(
      base,
      answers({ regions: ['eu'], providers: ['openai', 'azure', 'hosted_vllm'] }),
    );
    expect(policy.tiers.map((t) => [t.id, t.regions, t.deployments.map((d) => d.id)])).toEqual([
      ['api', ['eu'], ['openai-eu-gpt-5-4']],
      ['private-cloud', ['eu'], ['azure-gpt-5-4-eu']],
      ['on-prem', ['eu'], ['vllm-qwen-eu']],
    ]);
    expect(leftOut.deployments).toContain('bedrock-claude-opus');
    expect(leftOut.deployments).not.toContain('azure-gpt-5-4-eu');
  });

  it('a regime that does not apply goes, with the data classes that imply it, from the catalog and the tiers', () => {
    const { policy, leftOut } = scaffoldPolicy(base, answers({ regimes: ['gdpr', 'sox'] }));
    expect(Object.keys(policy.sensitivity.regimes)).toEqual(['gdpr', 'sox']);
    expect(leftOut.data_classes).toEqual(['phi', 'pci', 'export_controlled']);
    expect(policy.sensitivity.data_classes.classified).toBeDefined();
    for (const t of policy.tiers) expect(t.regimes.every((r) => ['gdpr', 'sox'].includes(r))).toBe(true);
  });

  it('refuses unknown names with a suggestion, and a tier that would keep no deployment', () => {
    expect(checkAnswers(base, answers({ tiers: ['onprem'] }))).toEqual([
      '--tiers: unknown tier "onprem" (did you mean "on-prem"?); tiers are api, private-cloud, on-prem',
    ]);
    expect(checkAnswers(base, answers({ tiers: [] }))).toEqual([
      'choose at least one tier: a policy without tiers places nothing',
    ]);
    const [problem] = checkAnswers(base, answers({ tiers: ['private-cloud'], providers: ['openai'] }));
    expect(problem).toMatch(
      /^tier private-cloud would keep no deployment .* it offers bedrock in us, azure in eu, azure in us, vertex_ai in eu;/,
    );
    expect(checkAnswers(base, all)).toEqual([]);
  });

  it('offers only the regions and providers of the tiers chosen', () => {
    expect(regionChoices(base, ['on-prem']).map((c) => c.value)).toEqual(['us', 'eu']);
    expect(providerChoices(base, ['api'], ['eu']).map((c) => c.value)).toEqual(['openai']);
    expect(providerChoices(base, ['private-cloud'], ['us']).map((c) => c.name)).toEqual([
      'AWS Bedrock (Private cloud; us)',
      'Azure OpenAI (Private cloud; us)',
    ]);
  });
});

describe('the worked example', () => {
  it('under the default policy: GDPR data kept in the EU, on the private cloud', () => {
    const { useCase, placed } = workedExample(scaffoldPolicy(base, all).policy);
    expect(useCase.data).toEqual({ classes: ['customer_data', 'pii'], regimes: ['gdpr'], residency: ['eu'] });
    expect([placed.sensitivity, placed.capability, placed.tier, placed.deployment]).toEqual([
      'confidential',
      'mid',
      'private-cloud',
      'azure-gpt-5-4-eu',
    ]);
  });

  it('under an API-only policy it falls back to internal data the API tier is cleared for', () => {
    const { useCase, placed } = workedExample(scaffoldPolicy(base, answers({ tiers: ['api'] })).policy);
    expect(useCase.id).toBe('internal-wiki-search');
    expect(placed.tier).toBe('api');
  });

  const subset = <T>(xs: T[]): fc.Arbitrary<T[]> => fc.subarray(xs);
  const anyAnswers = fc.record({
    tiers: subset(all.tiers),
    regions: subset(all.regions),
    providers: subset(all.providers),
    regimes: subset(all.regimes),
  });

  it('for any answers that pass the check, the policy has no errors or warnings and the example is placed', () => {
    fc.assert(
      fc.property(anyAnswers, (a) => {
        fc.pre(checkAnswers(base, a).length === 0);
        const { policy } = scaffoldPolicy(base, a);
        expect(checkPolicy(policy)).toEqual([]);
        expect(policy.tiers.every((t) => t.deployments.length > 0)).toBe(true);
        const { placed } = workedExample(policy);
        expect(placed.tier, JSON.stringify(a)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

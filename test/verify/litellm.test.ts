// LiteLLM configs broken by hand, one way at a time: each gives exactly the finding expected.
import { describe, expect, it } from 'vitest';
import { litellmPaths } from '../../src/core/verify/litellm.js';
import { brief, check, DEPLOYMENTS, entry, generate, index, litellm } from './fixture.js';

const g = generate();
const fresh = (): Record<string, any> => structuredClone(g.litellm);
const run = (config: unknown): string[] => brief(check([litellm(config)], g));
const at = (config: Record<string, any>, name: string): number =>
  index(config.model_list, (e) => e.model_name === name);
/** Appends a fallback list and returns its index. */
const addFallback = (
  c: Record<string, any>,
  item: Record<string, string[]>,
  section = 'router_settings',
  kind = 'fallbacks',
): number => {
  c[section] ??= {};
  c[section][kind] ??= [];
  return c[section][kind].push(item) - 1;
};

describe('verify: LiteLLM', () => {
  it('finds nothing in the config tierplan generates', () => {
    expect(run(g.litellm)).toEqual([]);
  });

  it.each([
    ['router_settings', 'fallbacks'],
    ['router_settings', 'context_window_fallbacks'],
    ['router_settings', 'content_policy_fallbacks'],
    ['litellm_settings', 'fallbacks'],
    ['litellm_settings', 'content_policy_fallbacks'],
  ])('follows %s.%s to a tier not cleared for the data', (section, kind) => {
    const c = fresh();
    const n = addFallback(c, { 'secret-docs': ['faq-bot--oai-large'] }, section, kind);
    expect(run(c)).toEqual([`uncleared-tier secret-docs $.${section}.${kind}[${n}]["secret-docs"][0]`]);
  });

  it("follows the fallback group's own fallbacks: every hop that leaves the cleared tiers is reported", () => {
    const c = fresh();
    const n = addFallback(c, { 'secret-docs': ['faq-bot'] });
    const own = index(c.router_settings.fallbacks, (f) => 'faq-bot' in f);
    expect(run(c)).toEqual([
      `uncleared-tier secret-docs $.router_settings.fallbacks[${own}]["faq-bot"][0]`,
      `uncleared-tier secret-docs $.router_settings.fallbacks[${own}]["faq-bot"][1]`,
      `uncleared-tier secret-docs $.router_settings.fallbacks[${own}]["faq-bot"][2]`,
      // faq-bot's group load-balances two api deployments: one finding each.
      `uncleared-tier secret-docs $.router_settings.fallbacks[${n}]["secret-docs"][0]`,
      `uncleared-tier secret-docs $.router_settings.fallbacks[${n}]["secret-docs"][0]`,
    ]);
  });

  it('treats a bare string in a fallback list as a fallback for every group', () => {
    const c = fresh();
    c.router_settings.fallbacks.push('faq-bot--oai-large');
    const n = c.router_settings.fallbacks.length - 1;
    expect(run(c)).toEqual([
      `uncleared-tier claims-triage $.router_settings.fallbacks[${n}]`,
      `outside-residency eu-faq $.router_settings.fallbacks[${n}]`,
      `uncleared-tier hr-triage $.router_settings.fallbacks[${n}]`,
      `more-open-fallback kept-home $.router_settings.fallbacks[${n}]`,
      `uncleared-tier secret-docs $.router_settings.fallbacks[${n}]`,
    ]);
  });

  it('applies default_fallbacks to every group: each use case it is not cleared for is a finding', () => {
    const c = fresh();
    c.litellm_settings = { default_fallbacks: ['faq-bot--oai-large'] };
    expect(run(c)).toEqual([
      'uncleared-tier claims-triage $.litellm_settings.default_fallbacks[0]',
      'outside-residency eu-faq $.litellm_settings.default_fallbacks[0]',
      'uncleared-tier hr-triage $.litellm_settings.default_fallbacks[0]',
      'more-open-fallback kept-home $.litellm_settings.default_fallbacks[0]',
      'uncleared-tier secret-docs $.litellm_settings.default_fallbacks[0]',
    ]);
  });

  it('says why a tier is not cleared and how the request gets there', () => {
    const c = fresh();
    addFallback(c, { 'claims-triage': ['faq-bot--oai-large'] });
    const [f, ...rest] = check([litellm(c)], g);
    expect(rest).toEqual([]);
    expect(f?.message).toBe(
      '"claims-triage" (regulated; regimes hipaa) can reach deployment "oai-large" on tier api, which is not cleared for it: not certified for hipaa; clearance internal < regulated',
    );
    expect(f?.chain).toEqual([
      'model group "claims-triage"',
      'fallbacks (router_settings)',
      '"faq-bot--oai-large"',
      `model_list[${at(c, 'faq-bot--oai-large')}] (openai/gpt-5.4)`,
    ]);
  });

  it('reports a fallback to a cleared tier more open than the assigned one', () => {
    const c = fresh();
    const n = addFallback(c, { 'kept-home': ['hr-triage'] });
    const found = check([litellm(c)], g);
    expect(brief(found)).toEqual([`more-open-fallback kept-home $.router_settings.fallbacks[${n}]["kept-home"][0]`]);
    expect(found[0]?.message).toBe(
      '"kept-home" can reach deployment "azure-large" on tier private-cloud (clearance confidential), more open than its assigned tier on-prem (clearance regulated): a fallback may only go sideways or toward a more restrictive tier',
    );
  });

  it('reports a deployment outside the residency on a tier that serves it', () => {
    const c = fresh();
    const n = addFallback(c, { 'eu-faq': ['faq-bot--oai-large'] });
    const found = check([litellm(c)], g);
    expect(brief(found)).toEqual([`outside-residency eu-faq $.router_settings.fallbacks[${n}]["eu-faq"][0]`]);
    expect(found[0]?.message).toBe(
      '"eu-faq" can reach deployment "oai-large" (region us) on tier api, outside its residency eu',
    );
  });

  it('reports a load-balance member on the api tier added to a regulated alias (and the drift it causes)', () => {
    const c = fresh();
    const i = c.model_list.push(entry('secret-docs', DEPLOYMENTS.apiSmall, 'api')) - 1;
    expect(run(c)).toEqual([
      `tier-drift secret-docs $.model_list[${i}]`,
      `uncleared-tier secret-docs $.model_list[${i}]`,
    ]);
  });

  it('fails closed on an entry that matches no policy deployment', () => {
    const c = fresh();
    const i = at(c, 'secret-docs');
    c.model_list[i].litellm_params.api_base = 'https://llm.example.net/v1';
    const found = check([litellm(c)], g);
    expect(brief(found)).toEqual([`unknown-deployment secret-docs $.model_list[${i}]`]);
    expect(found[0]?.message).toContain('api_base "https://llm.example.net/v1"');
    expect(found[0]?.message).toContain('cannot be proven cleared');
  });

  it('reports a tier label or tag that disagrees with the deployment', () => {
    const c = fresh();
    const i = at(c, 'faq-bot');
    c.model_list[i].model_info.tierplan_tier = 'on-prem';
    c.model_list[i].litellm_params.tags[0] = 'tierplan-tier:on-prem';
    expect(run(c)).toEqual([
      `mislabelled-tier faq-bot $.model_list[${i}].litellm_params.tags[0]`,
      `mislabelled-tier faq-bot $.model_list[${i}].model_info.tierplan_tier`,
    ]);
  });

  it('follows a fallback into a wildcard group', () => {
    const c = fresh();
    c.model_list.push({
      model_name: 'public/*',
      litellm_params: { model: 'openai/gpt-5-mini', api_key: 'os.environ/OAI_MINI_KEY' },
    });
    const n = addFallback(c, { 'secret-docs': ['public/any-model'] });
    const found = check([litellm(c)], g);
    expect(brief(found)).toEqual([`uncleared-tier secret-docs $.router_settings.fallbacks[${n}]["secret-docs"][0]`]);
    expect(found[0]?.chain).toContain('wildcard group "public/*"');
  });

  it('follows fallbacks transitively, through model_info ids and through model_group_alias', () => {
    const c = fresh();
    const n = addFallback(c, { 'secret-docs--vllm-large': ['claims-triage'] });
    const found = check([litellm(c)], g);
    const own = index(c.router_settings.fallbacks, (f) => 'claims-triage' in f);
    // claims-triage's own first fallback (private cloud) is not cleared for secret-docs either.
    expect(brief(found)).toEqual([
      `uncleared-tier secret-docs $.router_settings.fallbacks[${own}]["claims-triage"][0]`,
      `uncleared-tier secret-docs $.router_settings.fallbacks[${n}]["secret-docs--vllm-large"][0]`,
    ]);
    expect(found[1]?.chain.slice(0, 5)).toEqual([
      'model group "secret-docs"',
      'fallbacks (router_settings)',
      '"secret-docs--vllm-large"',
      'fallbacks (router_settings)',
      '"claims-triage"',
    ]);

    const byId = fresh();
    byId.router_settings.context_window_fallbacks = [{ 'secret-docs': ['faq-bot.oai-mini'] }];
    expect(run(byId)).toEqual([
      'uncleared-tier secret-docs $.router_settings.context_window_fallbacks[0]["secret-docs"][0]',
    ]);

    const aliased = fresh();
    aliased.model_list = aliased.model_list.filter((e: Record<string, any>) => e.model_name !== 'secret-docs');
    aliased.router_settings.model_group_alias = { 'secret-docs': 'faq-bot' };
    expect(run(aliased)).toContain('uncleared-tier secret-docs $.router_settings.model_group_alias["secret-docs"]');
    expect(run(aliased)).toContain('tier-drift secret-docs $.router_settings.model_group_alias["secret-docs"]');
  });

  it('follows a sensitive_data_routing guardrail reroute', () => {
    const c = fresh();
    c.guardrails = [
      {
        guardrail_name: 'pii',
        litellm_params: {
          guardrail: 'sensitive_data_routing',
          mode: 'pre_call',
          on_premise_model: 'faq-bot--oai-large',
        },
      },
    ];
    expect(run(c)).toEqual([
      'uncleared-tier claims-triage $.guardrails[0].litellm_params.on_premise_model',
      'outside-residency eu-faq $.guardrails[0].litellm_params.on_premise_model',
      'uncleared-tier hr-triage $.guardrails[0].litellm_params.on_premise_model',
      'more-open-fallback kept-home $.guardrails[0].litellm_params.on_premise_model',
      'uncleared-tier secret-docs $.guardrails[0].litellm_params.on_premise_model',
    ]);
  });

  it('terminates on fallback cycles, and a "*" key applies to every group', () => {
    const c = fresh();
    const a = addFallback(c, { 'secret-docs--vllm-large': ['secret-docs'] });
    const b = addFallback(c, { '*': ['secret-docs--vllm-large'] });
    const own = index(c.router_settings.fallbacks, (f) => 'secret-docs' in f);
    // Only eu-faq is hurt: the on-prem deployments serve from the US.
    expect(run(c)).toEqual([
      `uncleared-tier eu-faq $.router_settings.fallbacks[${own}]["secret-docs"][0]`,
      `uncleared-tier eu-faq $.router_settings.fallbacks[${a}]["secret-docs--vllm-large"][0]`,
      `uncleared-tier eu-faq $.router_settings.fallbacks[${b}]["*"][0]`,
    ]);
    const d = fresh();
    const n = addFallback(d, { '*': ['faq-bot'] });
    expect(run(d)).toContain(`uncleared-tier secret-docs $.router_settings.fallbacks[${n}]["*"][0]`);
  });

  it('reports a missing alias, and aliases that are not routed use cases', () => {
    const c = fresh();
    c.model_list = c.model_list.filter((e: Record<string, any>) => e.model_name !== 'hr-triage');
    const i =
      c.model_list.push(
        entry('old-bot', DEPLOYMENTS.apiSmall, 'api'),
        entry('secret-agent', DEPLOYMENTS.onpremSmall, 'on-prem'),
        entry('shadow-ai', DEPLOYMENTS.apiSmall, 'api'),
      ) - 3;
    const found = check([litellm(c)], g);
    expect(brief(found)).toEqual([
      'alias-missing hr-triage $.model_list',
      `alias-unknown old-bot $.model_list[${i}].model_name`,
      `alias-unknown secret-agent $.model_list[${i + 1}].model_name`,
      `alias-unknown - $.model_list[${i + 2}].model_name`,
    ]);
    expect(found.map((f) => f.message)).toEqual([
      '"hr-triage" is routed to private-cloud in the plan, but no model group or model_group_alias is named "hr-triage"',
      'model group "old-bot" is not a routed use case: the use case is retired and must not be routed',
      expect.stringMatching(/^model group "secret-agent" is not a routed use case: the use case is a gap \(/),
      'model group "shadow-ai" is not a routed use case: no use case in the plan has this id: traffic to it is not in the inventory',
    ]);
  });

  it('reports a primary group moved to another (cleared, more restrictive) tier as drift only', () => {
    const c = fresh();
    const i = at(c, 'hr-triage');
    c.model_list[i] = entry('hr-triage', DEPLOYMENTS.onpremLarge, 'on-prem');
    expect(run(c)).toEqual([`tier-drift hr-triage $.model_list[${i}]`]);
  });

  it('warns about fallback targets that name nothing', () => {
    const c = fresh();
    const n = addFallback(c, { 'faq-bot': ['no-such-group'] });
    expect(run(c)).toEqual([`warning unresolved-target - $.router_settings.fallbacks[${n}]["faq-bot"][0]`]);
  });

  it('maps every callable name to its reach paths', () => {
    const paths = litellmPaths(g.litellm);
    const fallbacks = g.litellm.router_settings.fallbacks as Record<string, string[]>[];
    const n = fallbacks.findIndex((f) => 'secret-docs' in f);
    expect(paths.get('secret-docs')?.map((p) => [p.via, p.primary])).toEqual([
      [['model_list', index(g.litellm.model_list, (e) => e.model_name === 'secret-docs')], true],
      [['router_settings', 'fallbacks', n, 'secret-docs', 0], false],
    ]);
  });
});

// What an application key scoped to a use case's access group can reach: a LiteLLM key whose
// `models` names an access group may call every model group with an entry in it, directly or as a
// fallback sent in the request body, so an access group is judged like a route.
import { describe, expect, it } from 'vitest';
import { brief, check, generate, index, litellm } from './fixture.js';

const g = generate();
const fresh = (): Record<string, any> => structuredClone(g.litellm);
const run = (config: unknown): string[] => brief(check([litellm(config)], g));

describe('verify: LiteLLM access groups', () => {
  it('finds nothing in the access groups tierplan generates', () => {
    expect(run(g.litellm)).toEqual([]);
  });

  it("reports a use case's access group widened to another use case's group, at the access group item", () => {
    const c = fresh();
    const i = index(c.model_list, (e) => e.model_name === 'faq-bot');
    c.model_list[i].model_info.access_groups.push('tierplan-uc:secret-docs');
    const found = check([litellm(c)], g);
    // faq-bot's two load-balanced api entries, and each of its fallbacks not cleared for secret-docs.
    expect(brief(found)).toEqual(
      Array(5).fill(`access-group-uncleared secret-docs $.model_list[${i}].model_info.access_groups[1]`),
    );
    expect(found[0]!.message).toMatch(
      /^with a key scoped to access group "tierplan-uc:secret-docs", "secret-docs" \(regulated\) can reach deployment "azure-large" on tier private-cloud, which is not cleared for it: clearance confidential < regulated$/,
    );
    expect(found[0]!.chain[0]).toBe('key scoped to access group "tierplan-uc:secret-docs"');
  });

  it('warns when a generated config carries no access groups', () => {
    const c = fresh();
    for (const e of c.model_list) delete e.model_info.access_groups;
    const first = (id: string): number => index(c.model_list, (e) => e.model_name === id);
    expect(run(c)).toEqual(
      ['claims-triage', 'eu-faq', 'faq-bot', 'hr-triage', 'kept-home', 'pinned', 'secret-docs'].map(
        (id) => `warning access-group-missing ${id} $.model_list[${first(id)}].model_info`,
      ),
    );
  });

  it('says nothing about access groups in a config written by hand (no tierplan labels)', () => {
    const c = fresh();
    for (const e of c.model_list) e.model_info = { id: e.model_info.id };
    expect(run(c)).toEqual([]);
  });
});

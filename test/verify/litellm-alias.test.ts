// model_group_alias in router_settings (the Router's own map) and in litellm_settings: both
// are followed, so a route either map could give a name is judged.
import { describe, expect, it } from 'vitest';
import { brief, check, generate, litellm } from './fixture.js';

const g = generate();
/** The generated config without the secret-docs group: the name is served through aliases only. */
function aliased(router: string | null, settings: string | null): Record<string, any> {
  const c = structuredClone(g.litellm);
  c.model_list = c.model_list.filter((e: Record<string, any>) => e.model_name !== 'secret-docs');
  if (router !== null) c.router_settings.model_group_alias = { 'secret-docs': router };
  if (settings !== null) c.litellm_settings = { ...c.litellm_settings, model_group_alias: { 'secret-docs': settings } };
  return c;
}
const run = (c: unknown): string[] => brief(check([litellm(c)], g)).filter((b) => b.includes('secret-docs'));

describe('verify: model_group_alias in router_settings and litellm_settings', () => {
  it('follows the router_settings map when litellm_settings maps the same name elsewhere', () => {
    const found = run(aliased('faq-bot', 'secret-docs--vllm-large'));
    expect(found).toContain('uncleared-tier secret-docs $.router_settings.model_group_alias["secret-docs"]');
    expect(found).not.toContain('uncleared-tier secret-docs $.litellm_settings.model_group_alias["secret-docs"]');
  });

  it('follows the litellm_settings map too when router_settings maps the name to a cleared group', () => {
    const found = run(aliased('secret-docs--vllm-large', 'faq-bot'));
    expect(found).toContain('uncleared-tier secret-docs $.litellm_settings.model_group_alias["secret-docs"]');
    expect(found).not.toContain('uncleared-tier secret-docs $.router_settings.model_group_alias["secret-docs"]');
  });

  it('follows either map alone', () => {
    expect(run(aliased(null, 'faq-bot'))).toContain(
      'uncleared-tier secret-docs $.litellm_settings.model_group_alias["secret-docs"]',
    );
    expect(run(aliased('faq-bot', null))).toContain(
      'uncleared-tier secret-docs $.router_settings.model_group_alias["secret-docs"]',
    );
  });
});

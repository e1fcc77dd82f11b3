// Portkey configs broken by hand: per-use-case configs (every strategy, nested targets, weights,
// inheritance) and the conditional config (branches, default, the gateway's query traps).
import { describe, expect, it } from 'vitest';
import type { VerifyFinding } from '../../src/core/verify/verify-types.js';
import { brief, check, conditional, DEPLOYMENTS, generate, leaf, useCase } from './fixture.js';

const g = generate();
const fresh = (alias: string): Record<string, any> => structuredClone(g.useCases.get(alias)!);
const run = (alias: string, value: unknown): string[] => brief(check([useCase(alias, value)], g));
const allUseCases = (): ReturnType<typeof useCase>[] =>
  [...g.useCases].map(([a, v]) => useCase(a, v, 'portkey/use-cases'));
const cond = (): Record<string, any> => structuredClone(g.conditional);
const runCond = (value: unknown, routes: unknown = g.routesJson): VerifyFinding[] =>
  check([conditional(value, routes)], g);
const branchOf = (c: Record<string, any>, alias: string): number =>
  c.strategy.conditions.findIndex((x: Record<string, any>) => x.then === g.routesJson[alias]!.tierplan_route);
const errorsFor = (found: VerifyFinding[]): string[] =>
  [...new Set(found.filter((f) => f.severity === 'error').map((f) => f.use_case ?? '-'))].sort();

describe('verify: Portkey per-use-case configs', () => {
  it('finds nothing in the configs tierplan generates', () => {
    expect(brief(check(allUseCases(), g))).toEqual([]);
  });

  it('reports an api-tier fallback target added to a regulated use case', () => {
    const c = fresh('secret-docs');
    c.targets.push(leaf(DEPLOYMENTS.apiSmall));
    const found = check([useCase('secret-docs', c)], g);
    expect(brief(found)).toEqual(['uncleared-tier secret-docs $.targets[2]']);
    expect(found[0]?.chain).toEqual(['fallback target 2', '$.targets[2] (openai gpt-5-mini)']);
  });

  it('follows nested targets of every strategy', () => {
    const c = fresh('secret-docs');
    c.targets[1] = {
      name: 'nested',
      strategy: { mode: 'fallback' },
      targets: [c.targets[1], { strategy: { mode: 'loadbalance' }, targets: [leaf(DEPLOYMENTS.cloudSmall)] }],
    };
    expect(run('secret-docs', c)).toEqual(['uncleared-tier secret-docs $.targets[1].targets[1].targets[0]']);
  });

  it('reports a load-balance member of weight 0 as a warning: unreachable today, one edit from live', () => {
    const c = fresh('secret-docs');
    c.targets[0] = {
      strategy: { mode: 'loadbalance' },
      targets: [
        { ...c.targets[0], weight: 1 },
        { ...leaf(DEPLOYMENTS.apiSmall), weight: 0 },
      ],
    };
    const found = check([useCase('secret-docs', c)], g);
    expect(brief(found)).toEqual(['warning uncleared-tier secret-docs $.targets[0].targets[1]']);
    expect(found[0]?.message).toMatch(/weight is 0/);
    c.targets[0].targets[1].weight = 0.5;
    expect(run('secret-docs', c)).toEqual([
      'tier-drift secret-docs $.targets[0].targets[1]',
      'uncleared-tier secret-docs $.targets[0].targets[1]',
    ]);
  });

  it('identifies a leaf by what it inherits: override_params merge down, custom_host is inherited', () => {
    const c = fresh('secret-docs');
    c.targets.push({
      strategy: { mode: 'fallback' },
      override_params: { model: 'gpt-5-mini' },
      targets: [{ provider: 'openai', api_key: '${KEY}' }],
    });
    expect(run('secret-docs', c)).toEqual(['uncleared-tier secret-docs $.targets[2].targets[0]']);
    const ok = fresh('secret-docs');
    ok.targets.push({
      strategy: { mode: 'fallback' },
      custom_host: 'http://vllm-large.dc1.internal:8000/v1',
      targets: [{ provider: 'openai', api_key: 'x', override_params: { model: 'llama-70b' } }],
    });
    expect(run('secret-docs', ok)).toEqual([]);
  });

  it('follows only the first target of a single strategy, as the gateway does', () => {
    const c = fresh('secret-docs');
    c.strategy = { mode: 'single' };
    c.targets.push(leaf(DEPLOYMENTS.apiSmall));
    expect(run('secret-docs', c)).toEqual([]);
  });

  it('fails closed on a leaf that matches no deployment (the client picks the model)', () => {
    const c = fresh('secret-docs');
    delete c.targets[1].override_params;
    const found = check([useCase('secret-docs', c)], g);
    expect(brief(found)).toEqual(['unknown-deployment secret-docs $.targets[1]']);
    expect(found[0]?.message).toContain('no override_params.model (the client picks the model)');
  });

  it('reports drift: a config for a use case not routed, a missing file, a primary on another tier', () => {
    expect(run('old-bot', fresh('faq-bot'))).toEqual(['alias-unknown old-bot $']);
    const set = allUseCases().filter((c) => !c.file.endsWith('/hr-triage.json'));
    expect(brief(check(set, g))).toEqual(['alias-missing hr-triage $']);
    expect(check(set, g)[0]?.file).toBe('portkey/use-cases');
    const c = fresh('hr-triage');
    c.targets[0] = leaf(DEPLOYMENTS.onpremLarge);
    expect(run('hr-triage', c)).toEqual(['tier-drift hr-triage $.targets[0]']);
  });

  it('reports a config that can answer nothing', () => {
    const c = fresh('secret-docs');
    c.strategy = { mode: 'loadbalance' };
    for (const t of c.targets) t.weight = 0;
    expect(run('secret-docs', c)).toEqual(['alias-missing secret-docs $']);
  });
});

describe('verify: Portkey conditional config', () => {
  it('finds nothing in the config tierplan generates, with routes.json or with the generated routes', () => {
    expect(brief(runCond(g.conditional))).toEqual([]);
    expect(brief(check([conditional(g.conditional)], g, true))).toEqual([]);
  });

  it('reports a branch pointed at the api tier', () => {
    const c = cond();
    c.strategy.conditions[branchOf(c, 'secret-docs')].then = g.routesJson['faq-bot']!.tierplan_route;
    const found = runCond(c);
    // secret-docs and kept-home share the on-prem branch; both now reach the api branch's targets.
    expect(errorsFor(found)).toEqual(['kept-home', 'secret-docs']);
    expect(found.filter((f) => f.use_case === 'secret-docs').map((f) => f.code)).toEqual(
      expect.arrayContaining(['tier-drift', 'uncleared-tier']),
    );
    expect(found.find((f) => f.use_case === 'secret-docs')?.chain[0]).toMatch(/^condition \d+ → "api\./);
  });

  it('reports a default branch at the api tier for every use case it is not cleared for', () => {
    const c = cond();
    c.strategy.default = g.routesJson['faq-bot']!.tierplan_route;
    const found = runCond(c);
    expect([...new Set(brief(found))]).toEqual([
      'uncleared-tier claims-triage $.strategy.default',
      'outside-residency eu-faq $.strategy.default',
      'uncleared-tier hr-triage $.strategy.default',
      'more-open-fallback kept-home $.strategy.default',
      'uncleared-tier secret-docs $.strategy.default',
    ]);
    expect(found[0]?.chain[0]).toBe('request without x-portkey-metadata');
  });

  it('emulates the $or trap: keys after $or are ignored, so the branch matches everyone', () => {
    const c = cond();
    const api = g.routesJson['faq-bot']!.tierplan_route;
    c.strategy.conditions.unshift({
      query: { $or: [{ 'metadata.tierplan_route': { $ne: 'nobody' } }], 'metadata.tierplan_route': api },
      then: api,
    });
    expect(errorsFor(runCond(c))).toEqual(['claims-triage', 'eu-faq', 'hr-triage', 'kept-home', 'secret-docs']);
    const safe = cond();
    safe.strategy.conditions.unshift({
      query: { $and: [{ 'metadata.tierplan_route': { $ne: 'nobody' } }, { 'metadata.tierplan_route': api }] },
      then: api,
    });
    expect(brief(runCond(safe))).toEqual([]);
  });

  it('emulates the $regex trap: operators after $regex are ignored', () => {
    const c = cond();
    const api = g.routesJson['faq-bot']!.tierplan_route;
    const onprem = g.routesJson['secret-docs']!.tierplan_route;
    c.strategy.conditions.unshift({
      query: { 'metadata.tierplan_route': { $regex: '^on-prem', $ne: onprem } },
      then: api,
    });
    expect(errorsFor(runCond(c))).toEqual(['kept-home', 'secret-docs']);
  });

  it('treats a condition on the request body as one that may match', () => {
    const c = cond();
    const api = g.routesJson['faq-bot']!.tierplan_route;
    c.strategy.conditions.unshift({ query: { 'params.model': 'cheap' }, then: api });
    const found = runCond(c);
    expect(errorsFor(found)).toEqual(['claims-triage', 'eu-faq', 'hr-triage', 'kept-home', 'secret-docs']);
    expect(
      found.some((f) => f.use_case === 'secret-docs' && /may match: depends on the request/.test(f.chain[0] ?? '')),
    ).toBe(true);
  });

  it('reports metadata drift in routes.json', () => {
    const routes = structuredClone(g.routesJson);
    delete routes['hr-triage'];
    routes['old-bot'] = { tierplan_route: g.routesJson['faq-bot']!.tierplan_route! };
    expect(brief(runCond(g.conditional, routes))).toEqual([
      'alias-missing hr-triage $',
      'alias-unknown old-bot $["old-bot"]',
    ]);
    expect(runCond(g.conditional, routes).map((f) => f.file)).toEqual(['portkey/routes.json', 'portkey/routes.json']);
  });

  it('warns when no metadata is known, and checks what requests without metadata reach', () => {
    expect(brief(check([conditional(g.conditional)], g))).toEqual(['warning no-metadata - $']);
    const c = cond();
    c.strategy.default = g.routesJson['faq-bot']!.tierplan_route;
    expect(errorsFor(check([conditional(c)], g))).toEqual([
      'claims-triage',
      'eu-faq',
      'hr-triage',
      'kept-home',
      'secret-docs',
    ]);
  });

  it('warns about branches the gateway refuses, and reports the use cases left without a route', () => {
    const c = cond();
    const i = branchOf(c, 'hr-triage');
    c.strategy.conditions[i].then = 'no-such-target';
    expect(brief(runCond(c))).toEqual([
      'alias-missing hr-triage $',
      `warning unresolved-target - $.strategy.conditions[${i}].then`,
    ]);
    const bad = cond();
    bad.strategy.conditions.unshift({ query: { 'metadata.tierplan_route': { $like: 'x' } }, then: 'x' });
    const found = brief(runCond(bad));
    expect(found).toContain('warning query-error - $.strategy.conditions[0].query');
    expect(found.filter((f) => f.startsWith('alias-missing'))).toHaveLength(g.routes.routes.length);
  });
});

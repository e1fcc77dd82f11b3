// The generated Portkey configs on the REAL gateway (@portkey-ai/gateway, a dev dependency):
// one headless gateway on 127.0.0.1, one mock OpenAI-compatible upstream per deployment, real
// chat completions. What is proven is docs/design.md invariant 1 as the gateway executes it: the
// assigned tier answers; a failing primary falls back only to cleared targets; when every
// cleared target fails the request fails and never reaches the api tier; the conditional
// config refuses (400) a request without a known route instead of guessing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkInventory } from '../../src/core/policy/check-inventory.js';
import { checkPolicy } from '../../src/core/policy/check-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Plan } from '../../src/core/plan/plan-types.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { RoutingModel, UseCaseRoute } from '../../src/core/gateway/routing-types.js';
import type { Policy } from '../../src/core/policy/types.js';
import { portkeyRouteConfig } from '../../src/render/gateway/portkey-config.js';
import { renderPortkeyConditional, ROUTE_KEY } from '../../src/render/gateway/portkey-conditional.js';
import { DUMMY_ENV, MOCK_INVENTORY, mockPolicy } from './fixtures/mock-policy.js';
import { startMockUpstream, type MockUpstream } from './support/mock-upstream.js';
import { startPortkeyGateway, type Gateway } from './support/portkey-gateway.js';

const AS_OF = '2026-11-24';
const ALIASES = MOCK_INVENTORY.use_cases.map((u) => u.id);
/** Use cases whose data the api tier may not see. */
const NOT_FOR_API = ['support-replies', 'patient-notes', 'export-drawings', 'sovereign-briefs'];
const REGULATED = ['patient-notes', 'export-drawings', 'sovereign-briefs'];

/** What a deployer does with envsubst before putting a config in a header: every `${NAME}` must be known. */
function envsubst(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`config references \${${name}}, which the test does not define`);
    return value;
  });
}

const header = (config: unknown): string => envsubst(JSON.stringify(config), DUMMY_ENV);

interface Answer {
  status: number;
  instance: string | null;
  content: string | null;
  optionIndex: string | null;
  body: unknown;
}

/** One policy's plan, routing model and conditional config. */
interface World {
  policy: Policy;
  plan: Plan;
  model: RoutingModel;
  conditional: { config: Record<string, unknown>; header: string; routes: Record<string, Record<string, string>> };
}

function world(policy: Policy): World {
  const plan = computePlan(MOCK_INVENTORY, policy, { asOf: AS_OF, generator: 'tierplan test' });
  const model = compileRoutes(plan, MOCK_INVENTORY, policy);
  const rendered = renderPortkeyConditional(model, policy);
  const config = JSON.parse(rendered.config) as Record<string, unknown>;
  return {
    policy,
    plan,
    model,
    conditional: {
      config,
      header: header(config),
      routes: JSON.parse(rendered.routes) as Record<string, Record<string, string>>,
    },
  };
}

let gateway: Gateway | undefined;
let mocks:
  | Record<'api' | 'privateCloud' | 'privateCloudPeer' | 'onpremSmall' | 'onpremLarge', MockUpstream>
  | undefined;
/** The policy of fixtures/mock-policy.ts: one deployment per tier but on-prem's two. */
let main: World;
/** The same with a second, equal private-cloud deployment: a load-balanced primary group. */
let peered: World;

const allMocks = (): MockUpstream[] => (mocks ? Object.values(mocks) : []);

/** The mock standing for a deployment. */
function mockOf(deployment: string): MockUpstream {
  const m = mocks!;
  const byDeployment: Record<string, MockUpstream> = {
    'api-main': m.api,
    'pc-main': m.privateCloud,
    'pc-peer': m.privateCloudPeer,
    'onprem-small': m.onpremSmall,
    'onprem-large': m.onpremLarge,
  };
  const found = byDeployment[deployment];
  if (!found) throw new Error(`no mock for deployment ${deployment}`);
  return found;
}

const routeOf = (alias: string, w: World = main): UseCaseRoute => {
  const r = w.model.routes.find((x) => x.alias === alias);
  if (!r) throw new Error(`no route for ${alias}`);
  return r;
};

/** Every target of a route, in the order the gateway tries them. */
const chainOf = (r: UseCaseRoute): string[] => [...r.primary, ...r.fallbacks].map((t) => t.deployment);

async function chat(headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${gateway!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Keep the text: a failure message is still worth showing.
  }
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  return {
    status: res.status,
    instance: res.headers.get('x-mock-instance'),
    content: typeof content === 'string' ? content : null,
    optionIndex: res.headers.get('x-portkey-last-used-option-index'),
    body,
  };
}

const perUseCase = (alias: string, w: World = main): Promise<Answer> =>
  chat({ 'x-portkey-config': header(portkeyRouteConfig(routeOf(alias, w), w.model, w.policy)) });
const viaConditional = (metadata?: string, w: World = main): Promise<Answer> =>
  chat({
    'x-portkey-config': w.conditional.header,
    ...(metadata === undefined ? {} : { 'x-portkey-metadata': metadata }),
  });

/** The answer came from this mock, which was hit exactly once with the deployment's model and key. */
function expectAnsweredBy(a: Answer, deployment: string): void {
  const m = mockOf(deployment);
  expect({ status: a.status, instance: a.instance, content: a.content }, JSON.stringify(a.body)).toEqual({
    status: 200,
    instance: m.name,
    content: `answered-by:${m.name}`,
  });
  expect(m.hits).toBe(1);
  const d = peered.policy.tiers.flatMap((t) => t.deployments).find((x) => x.id === deployment)!;
  const key = d.credentials?.api_key_env ? DUMMY_ENV[d.credentials.api_key_env] : 'not-used';
  expect(m.received[0]).toEqual({ model: d.model, authorization: `Bearer ${key}` });
}

/** Index of a route's branch in the conditional config. */
function branchIndex(alias: string, w: World = main): number {
  const name = w.conditional.routes[alias]?.[ROUTE_KEY];
  const targets = w.conditional.config.targets as { name: string }[];
  const i = targets.findIndex((t) => t.name === name);
  expect(i, `branch ${name} of ${alias}`).toBeGreaterThanOrEqual(0);
  return i;
}

beforeAll(async () => {
  try {
    // Mocks first: the policy's endpoints are their URLs.
    const [api, privateCloud, privateCloudPeer, onpremSmall, onpremLarge] = await Promise.all(
      ['api', 'private-cloud', 'private-cloud-peer', 'onprem-small', 'onprem-large'].map((n) => startMockUpstream(n)),
    );
    mocks = {
      api: api!,
      privateCloud: privateCloud!,
      privateCloudPeer: privateCloudPeer!,
      onpremSmall: onpremSmall!,
      onpremLarge: onpremLarge!,
    };
    const endpoints = {
      api: api!.url,
      privateCloud: privateCloud!.url,
      onpremSmall: onpremSmall!.url,
      onpremLarge: onpremLarge!.url,
    };
    main = world(mockPolicy(endpoints));
    peered = world(mockPolicy({ ...endpoints, privateCloudPeer: privateCloudPeer!.url }));
    gateway = await startPortkeyGateway({ timeoutMs: 20_000 });
    console.info(`portkey gateway pid ${gateway.pid} on ${gateway.url}, ready in ${gateway.startupMs} ms`);
  } catch (e) {
    await gateway?.stop();
    await Promise.all(allMocks().map((m) => m.close()));
    throw e;
  }
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(allMocks().map((m) => m.close()));
});

beforeEach(() => {
  for (const m of allMocks()) m.reset();
});

describe('the inputs and what the core decided', () => {
  it.each([
    ['main', () => main],
    ['peered', () => peered],
  ] as const)('%s policy: valid, and every use case placed where its data may go', (_, get) => {
    const { policy, plan, model } = get();
    expect(checkPolicy(policy).filter((p) => p.severity === 'error')).toEqual([]);
    expect(checkInventory(MOCK_INVENTORY, policy, AS_OF).filter((p) => p.severity === 'error')).toEqual([]);
    const tierOf = Object.fromEntries(plan.use_cases.map((u) => [u.id, u.tier]));
    expect(tierOf).toMatchObject({
      'wiki-search': 'api',
      'support-replies': 'private-cloud',
      'export-drawings': 'on-prem',
      'sovereign-briefs': 'on-prem',
    });
    // PHI under HIPAA may go to the private cloud (BAA) or on-prem: the core decides, the test follows.
    expect(['private-cloud', 'on-prem']).toContain(tierOf['patient-notes']);
    expect(model.unrouted).toEqual([]);
    expect(model.routes.map((r) => r.alias).sort()).toEqual([...ALIASES].sort());
  });

  it('have every gateway target on a loopback mock, and the gateway bound to 127.0.0.1', () => {
    const { policy, model, conditional } = main;
    expect(gateway!.host).toBe('127.0.0.1');
    const hosts = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'custom_host') hosts.add(String(v));
          else walk(v);
        }
      }
    };
    walk(conditional.config);
    for (const r of model.routes) walk(portkeyRouteConfig(r, model, policy));
    expect([...hosts].sort()).toEqual(
      allMocks()
        .filter((m) => m !== mocks!.privateCloudPeer)
        .map((m) => m.url)
        .sort(),
    );
  });

  it('never route data the api tier may not see to the api deployment', () => {
    for (const w of [main, peered])
      for (const alias of NOT_FOR_API) expect(chainOf(routeOf(alias, w)), alias).not.toContain('api-main');
  });
});

describe('per-use-case configs on the real gateway', () => {
  it.each(ALIASES)('%s: the primary deployment of the assigned tier answers', async (alias) => {
    const r = routeOf(alias);
    const a = await perUseCase(alias);
    expectAnsweredBy(a, r.primary[0]!.deployment);
    expect(a.optionIndex).toBe('config.targets[0]');
    for (const m of allMocks()) if (m !== mockOf(r.primary[0]!.deployment)) expect(m.hits, m.name).toBe(0);
  });

  it.each(ALIASES)(
    '%s: a primary failing with 500 is answered by the next cleared fallback, without retries',
    async (alias) => {
      const r = routeOf(alias);
      expect(r.fallbacks.length, 'every test use case has a fallback').toBeGreaterThan(0);
      const primary = mockOf(r.primary[0]!.deployment);
      primary.fail(500);
      const a = await perUseCase(alias);
      expectAnsweredBy(a, r.fallbacks[0]!.deployment);
      expect(a.optionIndex).toBe('config.targets[1]');
      expect(primary.hits).toBe(1);
      expect(r.allowed_tiers).toContain(r.fallbacks[0]!.tier);
    },
  );

  it.each(ALIASES)(
    '%s: each failing target hands over to the next one in order, and the last failure fails the request',
    async (alias) => {
      const chain = chainOf(routeOf(alias));
      for (let k = 0; k < chain.length; k++) {
        for (const m of allMocks()) m.reset();
        for (const d of chain.slice(0, k)) mockOf(d).fail(500);
        const a = await perUseCase(alias);
        expectAnsweredBy(a, chain[k]!);
        expect(a.optionIndex).toBe(`config.targets[${k}]`);
      }
      for (const m of allMocks()) m.reset();
      for (const d of chain) mockOf(d).fail(500);
      const a = await perUseCase(alias);
      expect(a.status).toBe(500);
      for (const d of chain) expect(mockOf(d).hits, d).toBe(1);
      for (const m of allMocks())
        if (!chain.some((d) => mockOf(d) === m)) expect(m.hits, `${m.name} is not on ${alias}'s route`).toBe(0);
    },
  );

  it.each(REGULATED)(
    '%s: when every cleared target fails, the request fails and never reaches the api tier',
    async (alias) => {
      const chain = chainOf(routeOf(alias));
      for (const d of chain) mockOf(d).fail(500);
      const a = await perUseCase(alias);
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.instance).toBe(mockOf(chain[chain.length - 1]!).name);
      expect(mocks!.api.hits).toBe(0);
    },
  );
});

describe('the conditional config on the real gateway', () => {
  it('fits comfortably in one request header', () => {
    const { conditional } = main;
    expect(Buffer.byteLength(conditional.header)).toBeLessThan(16 * 1024);
    expect((conditional.config.strategy as Record<string, unknown>).default).toBeUndefined();
  });

  it.each(ALIASES)(
    '%s: its route metadata reaches the assigned tier, and a failing primary its cleared fallback',
    async (alias) => {
      const r = routeOf(alias);
      const i = branchIndex(alias);
      const metadata = JSON.stringify(main.conditional.routes[alias]);
      let a = await viaConditional(metadata);
      expectAnsweredBy(a, r.primary[0]!.deployment);
      expect(a.optionIndex).toBe(`config.targets[${i}].targets[0]`);

      for (const m of allMocks()) m.reset();
      mockOf(r.primary[0]!.deployment).fail(500);
      a = await viaConditional(metadata);
      expectAnsweredBy(a, r.fallbacks[0]!.deployment);
      expect(a.optionIndex).toBe(`config.targets[${i}].targets[1]`);
    },
  );

  it.each(REGULATED)(
    '%s: when every cleared target fails, the request fails and never reaches the api tier',
    async (alias) => {
      const chain = chainOf(routeOf(alias));
      for (const d of chain) mockOf(d).fail(500);
      const a = await viaConditional(JSON.stringify(main.conditional.routes[alias]));
      expect(a.status).toBeGreaterThanOrEqual(400);
      for (const d of chain) expect(mockOf(d).hits, d).toBe(1);
      expect(mocks!.api.hits).toBe(0);
    },
  );

  it.each([
    ['no metadata', undefined],
    ['an unknown route', JSON.stringify({ [ROUTE_KEY]: 'api.nowhere' })],
    ['a use case id instead of a route', JSON.stringify({ [ROUTE_KEY]: 'wiki-search' })],
    ['another metadata key', JSON.stringify({ tier: 'api' })],
    ['malformed metadata (the gateway reads it as {})', '{not json'],
  ])('%s: fails closed with a 400 from the gateway, no upstream reached', async (_, metadata) => {
    const a = await viaConditional(metadata);
    expect(a.status).toBe(400);
    expect(JSON.stringify(a.body)).toContain('Query router did not resolve to any valid target');
    for (const m of allMocks()) expect(m.hits, m.name).toBe(0);
  });
});

// With two equal private-cloud deployments the primary is a loadbalance group inside the
// fallback: a failing member must hand over to the cleared fallbacks, not to the api tier.
describe('a load-balanced primary group on the real gateway', () => {
  const ROUNDS = 24;
  const PEERS = ['pc-main', 'pc-peer'];

  it('is what the core compiled for the private-cloud use cases', () => {
    for (const alias of ['support-replies', 'patient-notes']) {
      const r = routeOf(alias, peered);
      if (r.tier !== 'private-cloud') continue; // PHI may have been placed on-prem: then it has no peers
      expect(r.primary.map((t) => t.deployment)).toEqual(PEERS);
      expect(r.fallbacks.map((t) => t.tier)).not.toContain('api');
    }
  });

  it('per-use-case config: both peers answer, and with one failing every request still succeeds off the api tier', async () => {
    const send = (): Promise<Answer> => perUseCase('support-replies', peered);
    const seen = new Set<string | null>();
    for (let n = 0; n < ROUNDS; n++) {
      const a = await send();
      expect(a.status).toBe(200);
      seen.add(a.instance);
      const j = a.instance === mocks!.privateCloud.name ? 0 : 1;
      expect(a.optionIndex).toBe(`config.targets[0].targets[${j}]`);
    }
    // Weighted random 1:1: both members answering in 24 rounds fails with probability 2^-23.
    expect([...seen].sort()).toEqual([mocks!.privateCloud.name, mocks!.privateCloudPeer.name].sort());

    for (const m of allMocks()) m.reset();
    mocks!.privateCloud.fail(500);
    const fallback = mockOf(routeOf('support-replies', peered).fallbacks[0]!.deployment);
    for (let n = 0; n < ROUNDS; n++) {
      const a = await send();
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect([mocks!.privateCloudPeer.name, fallback.name]).toContain(a.instance);
    }
    // The gateway does not hand a failing member's request to its peer by itself, so the peers are
    // listed again after the group: the healthy peer answers everything, the fallback is not needed.
    expect(mocks!.privateCloudPeer.hits).toBe(ROUNDS);
    expect(fallback.hits).toBe(0);
    expect(mocks!.api.hits).toBe(0);
  });

  it('conditional config: the branch starts at the first member and falls back to its peer, never to the api tier', async () => {
    const send = (): Promise<Answer> =>
      viaConditional(JSON.stringify(peered.conditional.routes['support-replies']), peered);
    const base = `config.targets[${branchIndex('support-replies', peered)}]`;
    const first = await send();
    expect([first.status, first.instance, first.optionIndex]).toEqual([
      200,
      mocks!.privateCloud.name,
      `${base}.targets[0]`,
    ]);
    for (const m of allMocks()) m.reset();
    mocks!.privateCloud.fail(500);
    const a = await send();
    expect([a.status, a.instance, a.optionIndex]).toEqual([200, mocks!.privateCloudPeer.name, `${base}.targets[1]`]);
    expect(mocks!.api.hits).toBe(0);
  });

  it('with the whole group and every cleared fallback failing, the request fails and never reaches the api tier', async () => {
    const chain = chainOf(routeOf('support-replies', peered));
    for (const d of chain) mockOf(d).fail(500);
    const a = await perUseCase('support-replies', peered);
    expect(a.status).toBe(500);
    // Once through the group, then each peer once more on its own.
    expect(mocks!.privateCloud.hits + mocks!.privateCloudPeer.hits).toBe(3);
    expect(mocks!.api.hits).toBe(0);
  });
});

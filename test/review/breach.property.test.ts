// Over random policies, inventories and spend rows: a row whose real connection is a deployment
// of a tier not cleared for a use case it names — or a deployment nobody can identify, judged as
// the most open tier — is always a breach for that use case; a use case whose rows all ran on
// cleared deployments never is. Rows vary what a LiteLLM proxy varies: primary, generated and
// hand-added fallback groups, tag-only routing behind a generic group, model_ids and tier tags
// that tell the truth or not, and how the connection is spelt.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rank } from '../../src/core/plan/classify.js';
import { clearTier } from '../../src/core/plan/clearance.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { dataProfile } from '../../src/core/gateway/routing.js';
import type { Deployment, Inventory, Policy, Tier } from '../../src/core/policy/types.js';
import { aggregate } from '../../src/core/review/aggregate.js';
import { computeReview } from '../../src/core/review/review.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import { inventoryArb, policyArb } from '../core/arbitraries.js';

/** Gives every deployment a connection of its own: a vLLM server, an Azure resource or a public OpenAI model. */
function realistic(p: Policy): Policy {
  let k = 0;
  const tiers = p.tiers.map((t) => ({
    ...t,
    deployments: t.deployments.map((d): Deployment => {
      const kind = k++ % 3;
      if (kind === 0)
        return { ...d, provider: 'hosted_vllm', model: `org/${d.id}`, endpoint: `http://${d.id}.dc.internal:8000/v1` };
      if (kind === 1)
        return { ...d, provider: 'azure', model: `${d.id}-deploy`, endpoint: `https://${d.id}.openai.azure.com` };
      const { endpoint: _, ...rest } = d;
      return { ...rest, provider: 'openai', model: `gpt-${d.id}` };
    }),
  }));
  return { ...p, tiers };
}

type Where = { kind: 'known'; deployment: Deployment } | { kind: 'unknown' } | { kind: 'public' };

interface Case {
  useCase: string;
  /** Another use case the model_id prefix names, if any. */
  alsoNamed: string | null;
  where: Where;
  who: 'primary' | 'fallback' | 'hand' | 'tag' | 'generic';
  claim: string | null;
  tierTags: string[];
  spelling: number;
}

function rowOf(c: Case, i: number): UsageRow {
  const s = c.spelling;
  let conn: Pick<UsageRow, 'provider' | 'model' | 'api_base'>;
  if (c.where.kind === 'known') {
    const d = c.where.deployment;
    const base = d.endpoint ?? 'https://api.openai.com/v1';
    conn = {
      provider: s % 2 === 0 ? d.provider : null,
      model: s % 2 === 0 && s % 3 !== 0 ? d.model : `${d.provider}/${d.model}`,
      // Spellings of one endpoint: a trailing slash, an upper-case scheme and host.
      api_base:
        d.endpoint === undefined && s % 3 === 1
          ? null
          : s % 2 === 0
            ? `${base}/`
            : base.replace(/^(\w+:\/\/[^/]+)/, (h) => h.toUpperCase()),
    };
  } else if (c.where.kind === 'unknown')
    conn = {
      provider: s % 2 === 0 ? 'openai' : null,
      model: 'contoso-llm',
      api_base: 'https://llm.contoso.example/v1',
    };
  else
    conn = { provider: 'openai', model: 'gpt-4o-2024-08-06', api_base: s % 2 === 0 ? null : 'https://api.openai.com' };
  const alias =
    c.who === 'primary'
      ? c.useCase
      : c.who === 'fallback'
        ? `${c.useCase}--${c.claim ?? 'x'}`
        : c.who === 'hand'
          ? `${c.useCase}--openai-gpt-4o`
          : c.who === 'generic'
            ? 'default-router'
            : null;
  const tags = [
    ...(c.who === 'tag' || c.who === 'generic' ? [`tierplan-uc:${c.useCase}`] : []),
    ...c.tierTags.map((t) => `tierplan-tier:${t}`),
  ];
  return {
    file: 'spend.csv',
    line: i + 2,
    source: 'litellm',
    time: '2026-02-10T12:00:00Z',
    alias,
    tags,
    model_id: c.claim === null ? null : `${c.alsoNamed ?? c.useCase}.${c.claim}`,
    ...conn,
    region: null,
    requests: 1,
    input_tokens: 100,
    output_tokens: 10,
    cost: null,
    failed: false,
    latency_ms: null,
  };
}

const scenario = policyArb({ matrix: false }).chain((raw) => {
  const policy = realistic(raw);
  const deployments = policy.tiers.flatMap((t) => t.deployments);
  return inventoryArb(
    policy.tiers.map((t) => t.id),
    false,
  )
    .filter((inv) => inv.use_cases.length > 0)
    .chain((inventory) => {
      const ids = inventory.use_cases.map((u) => u.id);
      const where: fc.Arbitrary<Where> = fc.oneof(
        ...(deployments.length > 0
          ? [fc.constantFrom(...deployments).map((d): Where => ({ kind: 'known', deployment: d }))]
          : []),
        fc.constant<Where>({ kind: 'unknown' }),
        fc.constant<Where>({ kind: 'public' }),
      );
      const rowCase: fc.Arbitrary<Case> = fc.record({
        useCase: fc.constantFrom(...ids),
        alsoNamed: fc.option(fc.constantFrom(...ids), { freq: 4 }),
        where,
        who: fc.constantFrom('primary', 'fallback', 'hand', 'tag', 'generic'),
        claim: fc.option(fc.constantFrom(...deployments.map((d) => d.id), 'not-a-deployment')),
        tierTags: fc.subarray([...policy.tiers.map((t) => t.id), 'moon'], { maxLength: 2 }),
        spelling: fc.nat(5),
      });
      return fc.record({
        policy: fc.constant(policy),
        inventory: fc.constant<Inventory>(inventory),
        cases: fc.array(rowCase, { minLength: 1, maxLength: 6 }),
      });
    });
});

/** The most open tier: lowest clearance, then fewest regimes, then the policy's order. */
function mostOpen(policy: Policy): Tier {
  const levels = policy.sensitivity.levels;
  return [...policy.tiers].sort(
    (a, b) => rank(levels, a.clearance) - rank(levels, b.clearance) || a.regimes.length - b.regimes.length,
  )[0]!;
}

describe('a breach is never missed, and never invented', () => {
  it('rows on a tier not cleared for a use case they name, or on an unknown deployment, are its breach; cleared rows never are', () => {
    let breaches = 0;
    let clean = 0;
    fc.assert(
      fc.property(scenario, ({ policy, inventory, cases }) => {
        const plan = computePlan(inventory, policy, { asOf: '2026-04-01', generator: 'test' });
        const rows = cases.map(rowOf);
        const review = computeReview({
          plan,
          inventory,
          policy,
          aggregate: aggregate(rows, policy, { useCases: inventory.use_cases.map((u) => u.id) }),
          counts: { read: rows.length, accepted: rows.length, rejected: 0 },
          rejected: [],
          period: { from: '2026-01', to: '2026-03' },
        });
        const planned = new Map(plan.use_cases.map((u) => [u.id, u]));
        const open = mostOpen(policy);
        const tierOf = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, t] as const)));
        const expected = new Set<string>();
        for (const c of cases) {
          const tier = c.where.kind === 'known' ? tierOf.get(c.where.deployment.id)! : open;
          // Fail closed: a deployment nobody identified has no region that could satisfy a residency.
          for (const name of new Set([c.useCase, ...(c.claim !== null && c.alsoNamed ? [c.alsoNamed] : [])])) {
            const u = planned.get(name)!;
            const cleared = clearTier(tier, dataProfile(u), policy).cleared;
            const region = c.where.kind === 'known' ? c.where.deployment.region : null;
            const outside = u.residency.length > 0 && (region === null || !u.residency.includes(region));
            if (!cleared || outside) expected.add(name);
          }
        }
        const found = new Set(
          review.findings
            .filter((f) => f.kind === 'breach' || f.kind === 'unverified-deployment')
            .map((f) => f.use_case!),
        );
        expect([...found].sort()).toEqual([...expected].sort());
        expect(review.counts.breach_use_cases).toEqual([...expected].sort());
        breaches += expected.size;
        clean += inventory.use_cases.filter((u) => !expected.has(u.id) && cases.some((c) => c.useCase === u.id)).length;
      }),
      { numRuns: 400, seed: 20261206 },
    );
    // Not vacuous: both sides are exercised.
    expect(breaches).toBeGreaterThan(100);
    expect(clean).toBeGreaterThan(100);
  });
});

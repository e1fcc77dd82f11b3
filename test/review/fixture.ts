// A small portfolio over the default policy, and a row builder, shared by the review tests.
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { aggregate } from '../../src/core/review/aggregate.js';
import { computeReview, type ReviewInput } from '../../src/core/review/review.js';
import type { Review } from '../../src/core/review/review-types.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import type { Inventory, Policy } from '../../src/core/policy/types.js';

const AS_OF = '2026-04-01';
const PERIOD = { from: '2026-01', to: '2026-03' };

export const INVENTORY: Inventory = {
  version: 1,
  use_cases: [
    // Regulated, no regime: only on-prem is cleared.
    {
      id: 'vault',
      name: 'Vault',
      status: 'production',
      data: { classes: ['classified'] },
      needs: { task: 'classification' },
    },
    // PHI under HIPAA: private cloud (BAA) and on-prem are cleared; pinned on-prem.
    {
      id: 'claims',
      name: 'Claims',
      status: 'production',
      data: { classes: ['phi'] },
      needs: { task: 'classification' },
      override: { tier: 'on-prem', reason: 'Payer agreement.', approved_by: 'ciso@example.com', expires: '2026-04-20' },
    },
    {
      id: 'crm',
      name: 'CRM',
      status: 'production',
      data: { classes: ['customer_data'] },
      needs: { task: 'classification' },
    },
    {
      id: 'wiki',
      name: 'Wiki',
      status: 'production',
      data: { classes: ['internal_docs'] },
      needs: { task: 'classification' },
    },
    {
      id: 'quiet',
      name: 'Quiet',
      status: 'production',
      data: { classes: ['internal_docs'] },
      needs: { task: 'classification' },
    },
    // Retired last year: any traffic means a gateway still routes it.
    {
      id: 'legacy',
      name: 'Legacy',
      status: 'retired',
      data: { classes: ['internal_docs'] },
      needs: { task: 'classification' },
    },
    {
      id: 'old-pin',
      name: 'Old pin',
      status: 'pilot',
      data: { classes: ['internal_docs'] },
      needs: { task: 'classification' },
      override: { tier: 'private-cloud', reason: 'Trial.', expires: '2026-01-31' },
    },
  ],
};

export const plan = (inventory: Inventory = INVENTORY, policy: Policy = DEFAULT_POLICY) =>
  computePlan(inventory, policy, { asOf: AS_OF, generator: 'test' });

let line = 0;
/** One request; `at` is a month (the 15th is used) or an ISO instant. */
export function row(over: Partial<UsageRow> & { at?: string } = {}): UsageRow {
  const { at, ...rest } = over;
  line++;
  return {
    file: 'usage.csv',
    line,
    source: 'litellm',
    time: at === undefined ? '2026-01-15T12:00:00Z' : at.length === 7 ? `${at}-15T12:00:00Z` : at,
    alias: null,
    tags: [],
    model_id: null,
    model: null,
    provider: null,
    api_base: null,
    region: null,
    requests: 1,
    input_tokens: 0,
    output_tokens: 0,
    cost: null,
    failed: false,
    latency_ms: null,
    ...rest,
  };
}

/**
 * What a spend log shows a row of `deployment` connected to: provider, model as LiteLLM writes
 * it, and the endpoint (a URL) or region (Bedrock, Vertex) it was reached at.
 */
export function connectionOf(deployment: string, policy: Policy = DEFAULT_POLICY): Partial<UsageRow> {
  const d = policy.tiers.flatMap((t) => t.deployments).find((x) => x.id === deployment);
  if (!d) return {};
  const where =
    d.endpoint === undefined ? {} : /^https?:/.test(d.endpoint) ? { api_base: d.endpoint } : { region: d.endpoint };
  return { provider: d.provider, model: `${d.provider}/${d.model}`, ...where };
}

/** A row as tierplan's LiteLLM config logs it: model_id `<alias>.<deployment>`, and where it connected. */
export const on = (alias: string, deployment: string, at: string, over: Partial<UsageRow> = {}): UsageRow =>
  row({ alias, model_id: `${alias}.${deployment}`, at, ...connectionOf(deployment), ...over });

export function review(rows: UsageRow[], over: Partial<ReviewInput> = {}): Review {
  const policy = over.policy ?? DEFAULT_POLICY;
  const inventory = over.inventory ?? INVENTORY;
  return computeReview({
    plan: over.plan ?? plan(inventory, policy),
    inventory,
    policy,
    aggregate: aggregate(rows, policy),
    counts: { read: rows.length, accepted: rows.length, rejected: 0 },
    rejected: [],
    period: PERIOD,
    ...over,
  });
}

export const MONTHS = ['2026-01', '2026-02', '2026-03'];

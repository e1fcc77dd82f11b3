// A realistic quarter for the review report: the example inventory and policy, and usage as a
// busy gateway logs it — tens of millions of tokens a month for the busiest use cases, costs in
// the thousands, some use cases idle, a breach (regulated notes on the public API), an alias
// nobody registered, and the quarter before for the split. Seeded, so the report is stable.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { aggregate } from '../../src/core/review/aggregate.js';
import { computeReview } from '../../src/core/review/review.js';
import type { Review } from '../../src/core/review/review-types.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import type { Inventory, PolicyFile } from '../../src/core/policy/types.js';
import { connectionOf, row } from '../review/fixture.js';

const QUARTER = ['2026-07', '2026-08', '2026-09'];
const BEFORE = ['2026-04', '2026-05', '2026-06'];

/** Park–Miller: a tiny seeded generator, so the quarter is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

export function examplePolicy() {
  const file = parse(
    readFileSync(new URL('../../examples/tierplan.policy.yaml', import.meta.url), 'utf8'),
  ) as PolicyFile;
  return mergePolicy(file, DEFAULT_POLICY);
}

function exampleInventory(): Inventory {
  return parse(readFileSync(new URL('../../examples/inventory.yaml', import.meta.url), 'utf8')) as Inventory;
}

/** Use cases left without traffic (the idle trigger fires for them). */
const IDLE = new Set(['board-pack-summary', 'card-dispute-letters', 'export-engineering-docs']);
/** The busiest use cases, scaled up: million-token months and four-figure bills. */
const BUSY: Record<string, number> = {
  'customer-email-drafting': 40,
  'kyc-document-extraction': 25,
  'call-centre-transcription': 30,
  'claims-triage': 60,
  'code-assistant': 18,
  'internal-search': 12,
  'contract-analysis': 8,
};

export function realisticReview(): Review {
  const policy = examplePolicy();
  const inventory = exampleInventory();
  const plan = computePlan(inventory, policy, { asOf: '2026-10-15', generator: 'test' });
  const random = seeded(20261015);
  const rows: UsageRow[] = [];
  const add = (alias: string, deployment: string, month: string, requests: number, perRequest: number): void => {
    const input = Math.round(requests * perRequest);
    rows.push(
      row({
        alias,
        model_id: `${alias}.${deployment}`,
        at: month,
        ...connectionOf(deployment, policy),
        requests,
        input_tokens: input,
        output_tokens: Math.round(input / 6),
        latency_ms: 400 + Math.round(random() * 4000),
      }),
    );
  };
  for (const u of plan.use_cases) {
    if (u.deployment === null || u.status === 'retired' || u.status === 'idea' || IDLE.has(u.id)) continue;
    const scale = BUSY[u.id] ?? 1 + random() * 3;
    [...BEFORE, ...QUARTER].forEach((m, i) => {
      const growth = 1 + i * 0.06;
      const requests = Math.round(scale * 4000 * growth * (0.8 + random() * 0.4));
      add(u.id, u.deployment!, m, requests, 1200 + Math.round(random() * 1600));
    });
  }
  // Regulated clinical notes sent to the public API for a month: the breach.
  add('clinical-notes-coding', 'openai-gpt-5-mini', '2026-08', 1850, 2100);
  // An alias nobody registered, on the public API every month.
  for (const m of QUARTER) add('shadow-ai-notetaker', 'openai-gpt-5-mini', m, 2400 + Math.round(random() * 900), 1800);
  return computeReview({
    plan,
    inventory,
    policy,
    aggregate: aggregate(rows, policy),
    counts: { read: rows.length, accepted: rows.length, rejected: 0 },
    rejected: [],
    period: { from: QUARTER[0]!, to: QUARTER[2]! },
  });
}

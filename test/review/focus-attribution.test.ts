// FOCUS charges through the review's accumulator: a row billed by AWS for Anthropic's model with a
// tierplan-uc tag lands on the Bedrock deployment's tier; rows without a request count are
// counted per cell so volume checks know `requests` leaves them out.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import type { Policy } from '../../src/core/policy/types.js';
import { UsageAccumulator } from '../../src/core/review/aggregate.js';
import { previousReviewOf } from '../../src/core/review/previous.js';
import { providerNameTable } from '../../src/core/review/provider-names.js';
import type { UsageRow } from '../../src/core/review/usage-types.js';
import { readUsage } from '../../src/io/usage/read-usage.js';

const CLOUDS = fileURLToPath(new URL('../usage/fixtures/focus-clouds/ai-charges.csv', import.meta.url));

async function rowsOf(providerNames: Record<string, string>): Promise<UsageRow[]> {
  const rows: UsageRow[] = [];
  await readUsage([CLOUDS], { providerNames, onRow: (r) => rows.push(r) });
  return rows;
}

function totals(rows: UsageRow[], policy: Policy) {
  const acc = new UsageAccumulator(policy);
  for (const r of rows) acc.add(r);
  return acc.result();
}

describe('FOCUS rows attributed by where they ran', () => {
  it('under the default policy: Bedrock and Vertex charges reach their tiers; what matches no deployment is unplaced, with what it showed', async () => {
    const agg = totals(await rowsOf(providerNameTable(DEFAULT_POLICY)), DEFAULT_POLICY);
    expect(
      agg.cells.map((c) => [
        c.use_case,
        c.tier,
        c.deployments,
        c.requests,
        c.rows_without_requests,
        c.input_tokens,
        c.output_tokens,
        c.cost,
      ]),
    ).toEqual([
      ['claims-notes-summary', 'private-cloud', ['bedrock-claude-haiku'], 0, 2, 1_200_000, 300_000, 2.7],
      ['internal-search', 'private-cloud', ['vertex-gemini-pro-eu'], 0, 1, 1_000_000, 0, 2.5],
    ]);
    // The OCI charge carries no tierplan tag: no use case.
    expect(agg.unattributed).toBe(1);
    expect(agg.unattributed_first.map((r) => [r.line, r.reason])).toEqual([[6, expect.stringMatching(/no use case/)]]);
    // An Azure model the policy does not list (its tier tag is only a claim), the EC2 host tagged for a
    // use case, and a provider the table does not know ran on deployments that could not be
    // identified: unplaced, each with what its row showed.
    expect(agg.unplaced).toBe(3);
    expect(agg.evidence.map((e) => [e.kind, e.use_case, e.seen.join(' | ')])).toEqual([
      ['unknown', 'contract-analysis', expect.stringContaining('provider azure')],
      ['unknown', 'internal-search', expect.stringContaining('provider AWS')],
      ['unknown', 'website-faq-bot', expect.stringContaining('Acme Cloud')],
    ]);
  });

  it('without the table no cloud charge matches a deployment: every tagged one is unplaced (fail closed, not guessed)', async () => {
    const agg = totals(await rowsOf({}), DEFAULT_POLICY);
    expect(agg.cells).toEqual([]);
    expect(agg.unplaced).toBe(6);
    expect(agg.evidence.find((e) => e.use_case === 'claims-notes-summary')?.seen.join(' | ')).toContain('provider AWS');
  });

  it('a policy extension places a provider the built-in table does not know', async () => {
    const policy = mergePolicy(
      { version: 1, review: { provider_names: { 'Acme Cloud AI': 'openai' } } },
      DEFAULT_POLICY,
    );
    const agg = totals(await rowsOf(providerNameTable(policy)), policy);
    expect(agg.cells.find((c) => c.use_case === 'website-faq-bot')).toMatchObject({
      tier: 'api',
      deployments: ['openai-gpt-5-mini'],
      rows_without_requests: 1,
    });
  });

  it('rows without a request count survive a merge of accumulators; counted sources add none', async () => {
    const rows = await rowsOf(providerNameTable(DEFAULT_POLICY));
    const a = new UsageAccumulator(DEFAULT_POLICY);
    const b = new UsageAccumulator(DEFAULT_POLICY);
    for (const r of rows.slice(0, 1)) a.add(r);
    for (const r of rows.slice(1)) b.add(r);
    a.add({ ...rows[0]!, source: 'litellm', requests: 1 });
    a.merge(b.snapshot());
    const cell = a.result().cells.find((c) => c.use_case === 'claims-notes-summary');
    expect([cell?.requests, cell?.rows_without_requests]).toEqual([1, 2]);
  });

  it('a previous review.json written before the count existed reads as 0 rows without requests', () => {
    const cell = {
      use_case: 'u',
      month: '2026-05',
      tier: 'api',
      requests: 3,
      input_tokens: 1,
      output_tokens: 1,
      cost: 1,
    };
    const { previous } = previousReviewOf({
      schema_version: 2,
      period: { from: '2026-04', to: '2026-06' },
      usage: [cell],
      streaks: [],
    });
    expect(previous?.usage).toEqual([{ ...cell, rows_without_requests: 0 }]);
  });
});

// A review with something in every section: traffic on three tiers, a breach, drift, an
// unregistered alias whose name tries to break every format, traffic to a retired use case,
// triggers, proposals, unreadable and unattributed rows, and an export that also covers the
// quarter before (the split against it). Built with the review core's own fixture.
import type { Review } from '../../src/core/review/review-types.js';
import type { RejectedRow, UsageRow } from '../../src/core/review/usage-types.js';
import { MONTHS, on, review, row } from '../review/fixture.js';

export const NASTY = 'evil | * < > & " \' {{ }} ${x}\nnext `code` [link](http://x) <script>alert(1)</script>';

export function fixtureReview(): Review {
  const rows: UsageRow[] = MONTHS.flatMap((m, i) => [
    on('vault', 'vllm-llama-8b', m, { input_tokens: 120_000_000, output_tokens: 30_000_000 }),
    on('claims', 'vllm-llama-8b', m, { input_tokens: i === 0 ? 90_000_000 : 2_000_000 }),
    on('crm', 'bedrock-claude-haiku', m, {
      input_tokens: 4_000_000,
      output_tokens: 1_000_000,
      cost: 9_000 + i * 500,
      requests: 1200,
    }),
    on('wiki', 'openai-gpt-5-mini', m, {
      input_tokens: 8_000_000,
      output_tokens: 2_000_000,
      cost: 120,
      requests: 5400,
    }),
    on('old-pin', 'bedrock-claude-haiku', m, { input_tokens: 10_000, cost: 1 }),
    on(NASTY, 'openai-gpt-5-mini', m, { input_tokens: 500_000, cost: 3, requests: 40 }),
  ]);
  // Classified data on the public API: the breach.
  rows.push(on('vault', 'openai-gpt-5-mini', '2026-03', { input_tokens: 20_000, cost: 2, requests: 3 }));
  // Customer data on the public API: a cleared fallback or drift, whichever the policy says.
  rows.push(on('crm', 'openai-gpt-5-mini', '2026-02', { input_tokens: 30_000, cost: 1, requests: 7 }));
  // A retired use case still called through a stale gateway.
  rows.push(on('legacy', 'openai-gpt-5-mini', '2026-02', { input_tokens: 60_000, cost: 4, requests: 90 }));
  // The quarter before: more on the public API, no private cloud yet, less on-prem.
  for (const m of ['2025-10', '2025-11', '2025-12']) {
    rows.push(
      on('vault', 'vllm-llama-8b', m, { input_tokens: 40_000_000 }),
      on('wiki', 'openai-gpt-5-mini', m, { input_tokens: 30_000_000, cost: 450, requests: 9000 }),
    );
  }
  // No alias, no model: nothing tells the use case.
  rows.push(row({ at: '2026-02', line: 41 }), row({ at: '2026-03', line: 57 }));
  const rejected: RejectedRow[] = [
    { file: 'spend.csv', line: 12, reason: 'spend "abc" is not a number' },
    { file: 'spend.csv', line: 19, reason: `model_group ${NASTY} is too long` },
  ];
  return review(rows, { counts: { read: rows.length + 3, accepted: rows.length, rejected: 3 }, rejected });
}

// The terminal page of a large portfolio: each matrix cell lists its first use cases and counts the
// rest. Without that cap cli-table3 measures a cell in time quadratic in its length, and 4,000 use
// cases never finish; this test then fails by the runner's timeout.
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../src/core/plan/plan.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Inventory } from '../../src/core/policy/types.js';
import { planRenderers } from '../../src/render/matrix/registry.js';

const N = 4000;
const inventory: Inventory = {
  version: 1,
  use_cases: Array.from({ length: N }, (_, i) => ({
    id: `uc-${i}`,
    name: `Use case ${i}`,
    owner: 'team@example.com',
    status: 'production' as const,
    data: { classes: ['internal_docs'] },
    needs: {
      task: 'summarization' as const,
      reasoning: 'low' as const,
      context_tokens: 8000,
      tools: false,
      modalities: ['text' as const],
    },
    volume: { requests: 1000, input_tokens_per_request: 900, output_tokens_per_request: 200 },
  })),
};

describe('terminal page of a large portfolio', () => {
  it('lists the first use cases of a cell and counts the rest', () => {
    const plan = computePlan(inventory, DEFAULT_POLICY, { asOf: '2026-12-06', generator: 'test' });
    const text = planRenderers.table(plan, { color: false });
    expect(text).toContain(`+${N - 12} more`);
    expect(text).toContain('uc-0');
  }, 60_000);
});

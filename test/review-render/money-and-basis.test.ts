import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { reviewRenderers } from '../../src/render/review/review-registry.js';
import { MONTHS, on, review } from '../review/fixture.js';

// What every format must say, beyond the golden fixture: the policy's currency with each amount,
// and a firing judged on tokens because the export (FOCUS) counts no requests.

const policy = {
  ...DEFAULT_POLICY,
  currency: 'EUR',
  triggers: [{ id: 'idle', kind: 'no_traffic' as const, months: 2 }],
};
// wiki billed through a FOCUS export in January only; vault on-prem at 0.04 % of vllm-llama-8b.
const r = review(
  [
    on('wiki', 'openai-gpt-5-mini', '2026-01', { source: 'focus', requests: 0, input_tokens: 1e6, cost: 0.0042 }),
    ...MONTHS.map((m) => on('vault', 'vllm-llama-8b', m, { input_tokens: 8e6 })),
  ],
  { policy },
);

describe.each(['table', 'markdown', 'html'] as const)('%s', (format) => {
  const out = reviewRenderers[format](r, { color: false, width: 160 });
  it('prints the currency with the amounts, and a sub-cent charge as such, never 0 or <1', () => {
    expect(out).toMatch(/billed \\?€0\.0042/);
    expect(out).toMatch(/€14,000/); // vllm-qwen-eu's fixed monthly cost, in whole euros
    expect(out).not.toContain('<1');
    expect(out).not.toContain('$');
    expect(out).not.toMatch(/\bUSD\b/);
  });
  it('says the idle firing was judged on tokens because the export reports no requests', () => {
    expect(r.triggers.find((f) => f.use_case === 'wiki')?.note).toBeTruthy();
    // (The terminal wraps the evidence column, so the sentence is looked for in two pieces.)
    expect(out).toContain('requests not reported by this export');
    expect(out).toContain('(FOCUS); judged on tokens');
  });
  it('shows the on-prem deployment at 0.04 % and the idle ones at 0 %', () => {
    expect(out).toContain('0.04%');
    expect(out).toContain('vllm-whisper');
  });
});

// Rows the LiteLLM fast paths add straight to an accumulator (`fold`, no UsageRow built) must
// total exactly what adding the rows they would have built gives: the same cells, costs, p95
// latencies, deployments, unattributed rows and rejections, for CSV and JSONL, in one pass or two.
import { afterAll, describe, expect, it } from 'vitest';
import { UsageAccumulator } from '../../src/core/review/aggregate.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { inThisThread } from '../../src/io/usage/fold-parallel.js';
import { readUsage } from '../../src/io/usage/read-usage.js';
import { removeTempDirs, temp } from './helpers.js';

afterAll(removeTempDirs);

const COLUMNS = [
  'request_id',
  'spend',
  'prompt_tokens',
  'completion_tokens',
  'startTime',
  'endTime',
  'model',
  'model_id',
  'model_group',
  'custom_llm_provider',
  'api_base',
  'metadata',
  'request_tags',
  'status',
] as const;

// Deployments of the default policy (a fixed-cost one, priced ones), one that is not, and none.
const ROUTES = [
  ['claims-triage', 'vllm-llama-70b', 'on-prem', 'hosted_vllm', 'meta-llama/Llama-3.3-70B-Instruct'],
  ['internal-search', 'openai-gpt-5-mini', 'api', 'openai', 'gpt-5-mini'],
  ['fraud-scoring', 'bedrock-claude-haiku', 'private-cloud', 'bedrock', 'us.anthropic.claude-haiku-4-5-v1:0'],
  ['hr-bot', 'no-such-deployment', 'api', 'openai', 'gpt-5.4'],
  ['', '', 'nowhere', '', ''],
] as const;

function rows(n: number): Record<string, string>[] {
  let seed = 3;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const days = ['2025-12-31', '2026-01-01', '2026-01-31', '2026-02-28', '2024-02-29', '0999-03-04'];
  return Array.from({ length: n }, (_, i) => {
    const [alias, deployment, tier, provider, model] = pick(ROUTES);
    const start = `${pick(days)}${pick(['T', ' '])}${pick(['00:00:00', '23:59:59', '12:30:07'])}${pick(['', '.5', '.123', '.123456'])}${pick(['Z', '', '+00:00', '+02:00'])}`;
    // Latencies from none and 0 ms to days (past the histogram's array), and end times that do not parse.
    const end = pick([
      '',
      'NULL',
      'soon',
      start,
      start.replace(/(\d\d):(\d\d):(\d\d)/, '$1:$2:$3'),
      '2026-03-09T00:00:00Z',
      '2026-01-01T00:00:01.999Z',
    ]);
    return {
      request_id: `r${i}`,
      spend: pick(['0', '', '0.0123', (rnd() * 9).toFixed(1 + Math.floor(rnd() * 12)), 'NULL', '-1', '3e-4']),
      prompt_tokens: pick(['100', '0', '', '7', '123456789', 'x']),
      completion_tokens: pick(['20', '0', '', '99999']),
      startTime: start,
      endTime: end,
      model: pick([model, '', 'other']),
      model_id: rnd() < 0.8 ? `${alias}.${deployment}` : pick(['', `u-${i}`]),
      model_group: rnd() < 0.9 ? alias : '',
      custom_llm_provider: provider,
      api_base: '',
      metadata: pick(['{"user_api_key_alias": "k"}', '', '{"tierplan-uc": "from-meta"}']),
      request_tags: pick([
        `["tierplan-uc:${alias}", "tierplan-tier:${tier}"]`,
        '',
        '["prod"]',
        `["tierplan-tier:${tier}"]`,
      ]),
      status: pick(['success', 'success', 'failure', 'ERROR', '']),
    };
  });
}

const cell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

async function totals(file: string, how: 'rows' | 'fold' | number): Promise<string> {
  const acc = new UsageAccumulator(DEFAULT_POLICY);
  const fold =
    how === 'rows'
      ? undefined
      : {
          accumulator: acc,
          policy: DEFAULT_POLICY,
          ...(how === 'fold' ? { minBytes: Infinity } : { splitAt: how, runPart: inThisThread }),
        };
  const r = await readUsage([file], { onRow: (row) => acc.add(row), ...(fold ? { fold } : {}) });
  expect(r.counts.read).toBe(r.counts.accepted + r.counts.rejected);
  return JSON.stringify({ counts: r.counts, rejected: r.rejected, aggregate: acc.result() });
}

describe('rows folded straight into the accumulator', () => {
  const data = rows(4000);

  it('total what adding the built rows totals (CSV)', async () => {
    const text = `${[COLUMNS.join(','), ...data.map((r) => COLUMNS.map((c) => cell(r[c]!)).join(','))].join('\n')}\n`;
    const file = temp('spend.csv', text);
    const byRows = await totals(file, 'rows');
    const parsed = JSON.parse(byRows) as {
      aggregate: { cells: { p95_latency_ms: number | null }[]; unattributed: number; deployments: unknown[] };
    };
    expect(parsed.aggregate.unattributed).toBeGreaterThan(100);
    expect(parsed.aggregate.cells.length).toBeGreaterThan(10);
    expect(parsed.aggregate.cells.some((c) => c.p95_latency_ms !== null && c.p95_latency_ms > 1e9)).toBe(true);
    expect(parsed.aggregate.deployments.length).toBeGreaterThan(3);
    expect(await totals(file, 'fold')).toBe(byRows);
    expect(await totals(file, Math.floor(text.length / 3))).toBe(byRows);
  });

  it('total what adding the built rows totals (JSONL)', async () => {
    const file = temp('spend.jsonl', `${data.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const byRows = await totals(file, 'rows');
    expect(await totals(file, 'fold')).toBe(byRows);
  });
});

// The byte-level LiteLLM CSV path (litellm-csv.ts) must give exactly the rows and rejections of
// the general mapper, which reads the same values from JSONL: varied and odd cells, compared.
import { afterAll, describe, expect, it } from 'vitest';
import { read, removeTempDirs, temp } from './helpers.js';

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
  'request_duration_ms',
] as const;

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function rows(n: number): Record<string, string>[] {
  let seed = 7;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const starts = [
    '2025-05-01T09:00:00.123Z',
    '2025-05-01T09:00:00Z',
    '2025-05-01 09:00:00.123456',
    '2025-05-01T09:00:00.1+00:00',
    '2025-05-01T09:00:00+0000',
    '2025-05-01T09:00:00.12+00',
    '2024-02-29T23:59:59.999Z',
    '2025-02-29T10:00:00Z',
    '2025-05-01T24:00:00Z',
    '2025-05-01T09:00:00+02:00',
    '05/01/2025 09:00',
    '',
    'NULL',
    'yesterday',
    '1969-12-31T23:59:59.5Z',
    '2025-05-01T09:00:00.Z',
    '2025-13-01T00:00:00Z',
  ];
  const ends = [
    '2025-05-01T09:00:01.623Z',
    '2025-05-01T08:59:00Z',
    '',
    'NULL',
    '2025-05-01 09:00:02',
    'garbage',
    '2025-04-31T00:00:00Z',
  ];
  const spends = [
    '0.002',
    '0',
    '.5',
    '5.',
    '1e-5',
    '-0.1',
    '',
    'NULL',
    'abc',
    '0.1234567890123456789',
    '123456789012345',
    ' 0.3',
    '0.30000000000000004',
    '2.5e-6',
  ];
  const tokens = ['100', '0', '', 'NULL', '-3', '12.6', 'x', '007', '1234567890123456'];
  const tags = [
    '["tierplan-uc:claims-triage", "tierplan-tier:onprem"]',
    '["prod"]',
    '',
    'NULL',
    '["TIERPLAN-UC:Upper"]',
    '{"tierplan_uc": "hr-assistant"}',
    'tierplan-tier:public-api',
    '["tierplan-uc:x", "tierplan-uc:x"]',
  ];
  const metas = [
    '{"user_api_key_alias": "k", "status": "success"}',
    '',
    '{"spend_logs_metadata": {"tierplan-uc": "from-meta"}}',
    '{"tags": ["tierplan-tier:private-cloud"]}',
    'NULL',
  ];
  const statuses = ['success', 'failure', 'Failed', 'ERROR', '', 'NULL', 'ok'];
  const groups = ['claims-triage', 'marketing "copy"', '', 'NULL', 'hr-assistant', 'café', 'a,b'];
  const durations = ['', '', '', '1500', 'NULL', '-1', '2.5'];
  return Array.from({ length: n }, (_, i) => ({
    request_id: `r${i}`,
    spend: rnd() < 0.4 ? (rnd() * 100).toFixed(1 + Math.floor(rnd() * 13)) : pick(rnd, spends),
    prompt_tokens: pick(rnd, tokens),
    completion_tokens: pick(rnd, tokens),
    startTime: pick(rnd, starts),
    endTime: pick(rnd, ends),
    model: pick(rnd, ['gpt-4o-mini', '', 'NULL', 'hosted_vllm/meta-llama/Llama-3.1-70B-Instruct']),
    model_id: rnd() < 0.5 ? `dep-${i}` : pick(rnd, ['dep-onprem', '']),
    model_group: pick(rnd, groups),
    custom_llm_provider: pick(rnd, ['openai', 'hosted_vllm', '']),
    api_base: pick(rnd, ['https://api.openai.com/v1', 'http://vllm.internal:8000/v1', '']),
    metadata: pick(rnd, metas),
    request_tags: pick(rnd, tags),
    status: pick(rnd, statuses),
    request_duration_ms: pick(rnd, durations),
  }));
}

function csvCell(v: string, quoteAll: boolean): string {
  return quoteAll || /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

describe('LiteLLM CSV fast path', () => {
  it('gives the same rows and rejections as the general mapper (read from JSONL)', async () => {
    const data = rows(3000);
    const lines = [COLUMNS.join(','), ...data.map((r, i) => COLUMNS.map((c) => csvCell(r[c]!, i % 5 === 0)).join(','))];
    const csv = await read([temp('spend.csv', `${lines.join('\n')}\n`)]);
    const json = await read([temp('spend.jsonl', `${data.map((r) => JSON.stringify(r)).join('\n')}\n`)]);
    expect(csv.counts).toEqual(json.counts);
    expect(csv.counts.accepted).toBeGreaterThan(300);
    expect(csv.counts.rejected).toBeGreaterThan(300);
    // The CSV has a header line, the JSONL none: CSV line n is JSONL line n - 1.
    const strip = (rs: typeof csv.rows, shift: number): unknown[] =>
      rs.map(({ file: _f, line, ...rest }) => ({ ...rest, line: line - shift }));
    expect(strip(csv.rows, 1)).toEqual(strip(json.rows, 0));
    expect(csv.rejected.map((r) => [r.line - 1, r.reason])).toEqual(json.rejected.map((r) => [r.line, r.reason]));
  });

  it('returns a fresh tags array for every row', async () => {
    const data = rows(50);
    const file = temp(
      's.csv',
      [COLUMNS.join(','), ...data.map((r) => COLUMNS.map((c) => csvCell(r[c]!, false)).join(','))].join('\n'),
    );
    const { rows: got } = await read([file]);
    const tagged = got.filter((r) => r.tags.length > 0);
    expect(tagged.length).toBeGreaterThan(1);
    expect(new Set(tagged.map((r) => r.tags)).size).toBe(tagged.length);
  });
});

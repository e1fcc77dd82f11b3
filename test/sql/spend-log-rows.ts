// Generated LiteLLM spend-log rows with the quirks a database can hold (NULLs, JSON tags, odd
// instants, negative or missing tokens), written as the CSV a user would export and as the
// table LiteLLM_SpendLogs that the emitted SQL reads.
import fc from 'fast-check';

export interface SpendLog {
  request_id: string;
  /** Milliseconds since 1970 (UTC); null: a row without a start time. */
  start: number | null;
  end: number | null;
  duration: number | null;
  model_group: string | null;
  model_id: string | null;
  model: string | null;
  provider: string | null;
  api_base: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  spend: number | null;
  status: string | null;
  request_tags: string | null;
  metadata: string | null;
}

const JAN = Date.UTC(2026, 0, 1);
const MAY = Date.UTC(2026, 4, 1);

// Instants near month ends and starts, and anywhere in the period and the month around it.
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 11, 20), max: MAY }),
  fc.constantFrom(
    JAN,
    JAN - 1,
    Date.UTC(2026, 1, 1) - 1,
    Date.UTC(2026, 2, 1),
    Date.UTC(2026, 3, 1) - 1,
    Date.UTC(2026, 1, 28, 23, 59, 59, 999),
  ),
);

const where = fc.constantFrom(
  // Identified deployments of the default policy, their labels, and what no policy knows.
  {
    model_group: 'crm',
    model_id: 'crm.openai-gpt-5-mini',
    model: 'openai/gpt-5-mini',
    provider: 'openai',
    api_base: null,
  },
  {
    model_group: 'wiki',
    model_id: 'wiki.bedrock-claude-haiku',
    model: 'bedrock/anthropic.claude-haiku-4-5',
    provider: 'bedrock',
    api_base: null,
  },
  {
    model_group: 'vault',
    model_id: 'vault.vllm-llama-8b',
    model: 'hosted_vllm/meta-llama/Llama-3.1-8B-Instruct',
    provider: 'hosted_vllm',
    api_base: 'http://vllm.internal:8000/v1',
  },
  { model_group: 'claims--vllm-llama-8b', model_id: null, model: 'gpt-4o', provider: 'openai', api_base: null },
  {
    model_group: null,
    model_id: null,
    model: 'gpt-4o-mini',
    provider: 'openai',
    api_base: 'https://api.openai.com/v1',
  },
  {
    model_group: 'default-router',
    model_id: '',
    model: 'mystery',
    provider: null,
    api_base: 'https://llm.example.com',
  },
  {
    model_group: 'legacy',
    model_id: 'legacy.azure-gpt-5-4-eu',
    model: 'azure/gpt-5.4',
    provider: 'azure',
    api_base: null,
  },
  { model_group: '', model_id: null, model: '', provider: '', api_base: '' },
);

const tags = fc.constantFrom(
  null,
  '[]',
  '["tierplan-uc:wiki"]',
  '["team-a", "tierplan-tier:api"]',
  '["tierplan-uc:vault","tierplan-uc:crm"]',
);
const metadata = fc.constantFrom(
  null,
  '{}',
  '{"user_api_key_alias": "svc"}',
  '{"requester_metadata": {"tierplan-uc": "crm"}}',
  '{"tags": ["tierplan-uc:quiet"]}',
  '{"tierplan_uc": "wiki", "x": 1}',
  '{"spend_logs_metadata": {"tierplan_tier": "on-prem"}}',
);
const tokens = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 50_000 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) },
);
const spend = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 200_000 }).map((n) => n / 1e5) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(-0.5) },
);

export const spendLogs = fc
  .array(
    fc.record({
      start: fc.oneof({ weight: 20, arbitrary: instant }, { weight: 1, arbitrary: fc.constant(null) }),
      lag: fc.oneof(fc.integer({ min: -50, max: 120_000 }), fc.constant(null)),
      duration: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 200_000 }) },
        { weight: 1, arbitrary: fc.constant(-3) },
      ),
      where,
      prompt_tokens: tokens,
      completion_tokens: tokens,
      spend,
      status: fc.constantFrom(null, 'success', 'failure', 'Error', 'ok'),
      request_tags: tags,
      metadata,
    }),
    { minLength: 1, maxLength: 120 },
  )
  // In time order, as LiteLLM writes and exports them (rows without a time last).
  .map((rows) => [...rows].sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity)))
  .map((rows) =>
    rows.map(
      (r, i): SpendLog => ({
        request_id: `req-${String(i).padStart(5, '0')}`,
        start: r.start,
        end: r.start === null || r.lag === null ? null : r.start + r.lag,
        duration: r.duration,
        ...r.where,
        prompt_tokens: r.prompt_tokens,
        completion_tokens: r.completion_tokens,
        spend: r.spend,
        status: r.status,
        request_tags: r.request_tags,
        metadata: r.metadata,
      }),
    ),
  );

/** Several samples as one time-ordered export, request ids renumbered in that order. */
export const merged = (samples: SpendLog[][]): SpendLog[] =>
  samples
    .flat()
    .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity))
    .map((r, i) => ({ ...r, request_id: `req-${String(i).padStart(5, '0')}` }));

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// The same instant spelled the ways exports write it.
function spelled(ms: number, style: number): string {
  const iso = new Date(ms).toISOString();
  switch (style % 4) {
    case 0:
      return iso;
    case 1:
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    case 2:
      return `${iso.slice(0, 23)}+00:00`;
    default: {
      const local = new Date(ms + 150 * 60_000).toISOString();
      return `${local.slice(0, 10)}T${local.slice(11, 23)}+02:30`;
    }
  }
}

const COLUMNS = [
  'request_id',
  'startTime',
  'endTime',
  'request_duration_ms',
  'model_group',
  'model_id',
  'model',
  'custom_llm_provider',
  'api_base',
  'prompt_tokens',
  'completion_tokens',
  'spend',
  'status',
  'request_tags',
  'metadata',
] as const;

const valuesOf = (r: SpendLog, time: (ms: number) => string): (string | number | null)[] => [
  r.request_id,
  r.start === null ? null : time(r.start),
  r.end === null ? null : time(r.end),
  r.duration,
  r.model_group,
  r.model_id,
  r.model,
  r.provider,
  r.api_base,
  r.prompt_tokens,
  r.completion_tokens,
  r.spend,
  r.status,
  r.request_tags,
  r.metadata,
];

/** The rows as a LiteLLM spend-log CSV export, instants spelled in several ways. */
export function exportCsv(rows: SpendLog[]): string {
  const lines = [COLUMNS.join(',')];
  for (const [i, r] of rows.entries())
    lines.push(
      valuesOf(r, (ms) => spelled(ms, i))
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** The rows as the CSV DuckDB loads into a typed LiteLLM_SpendLogs table (UTC instants). */
export function tableCsv(rows: SpendLog[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      valuesOf(r, (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23))
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** DuckDB column types mirroring LiteLLM's schema.prisma (DateTime → TIMESTAMP, Json → JSON). */
export const DUCKDB_TYPES: Record<(typeof COLUMNS)[number], string> = {
  request_id: 'VARCHAR',
  startTime: 'TIMESTAMP',
  endTime: 'TIMESTAMP',
  request_duration_ms: 'INTEGER',
  model_group: 'VARCHAR',
  model_id: 'VARCHAR',
  model: 'VARCHAR',
  custom_llm_provider: 'VARCHAR',
  api_base: 'VARCHAR',
  prompt_tokens: 'INTEGER',
  completion_tokens: 'INTEGER',
  spend: 'DOUBLE',
  status: 'VARCHAR',
  request_tags: 'JSON',
  metadata: 'JSON',
};

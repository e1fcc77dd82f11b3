// Generated FinOps FOCUS 1.0 charges with the quirks a warehouse table holds (NULLs, JSON tags
// and SkuPriceDetails, token units spelled several ways, negative credits), as the CSV a user
// would export and as the typed table the emitted SQL reads.
import fc from 'fast-check';

export interface Charge {
  start: number | null;
  cost: number;
  quantity: number | null;
  unit: string | null;
  details: string | null;
  resource_id: string | null;
  resource_name: string | null;
  service: string | null;
  provider: string | null;
  region: string | null;
  tags: string | null;
  category: string | null;
  description: string | null;
}

const service = fc.constantFrom(
  {
    service: 'Amazon Bedrock',
    provider: 'AWS',
    region: 'us-east-1',
    resource_id: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/claims',
    resource_name: null,
  },
  {
    service: 'Azure OpenAI Service',
    provider: 'Microsoft',
    region: 'westeurope',
    resource_id: '/subscriptions/0/accounts/contoso-eu',
    resource_name: 'contoso-eu',
  },
  {
    service: 'Vertex AI',
    provider: 'Google Cloud',
    region: 'europe-west4',
    resource_id: 'projects/c/models/gemini',
    resource_name: null,
  },
  { service: 'Amazon EC2', provider: 'AWS', region: 'eu-west-1', resource_id: 'i-0abc', resource_name: 'gpu-box' },
  { service: null, provider: null, region: null, resource_id: null, resource_name: null },
);
const unit = fc.constantFrom('Tokens', '1K Tokens', '1M tokens', 'Million Tokens', 'Hours', null, 'tokens ');
const details = fc.constantFrom(
  null,
  '{"ModelId":"us.anthropic.claude-haiku-4-5-v1:0","TokenDirection":"Input"}',
  '{"ModelId":"gpt-5-4-datazone-eu","TokenDirection":"Output"}',
  '{"ModelId":"gemini-2.5-pro"}',
  '{}',
);
const tags = fc.constantFrom(
  null,
  '{}',
  '{"env":"prod"}',
  '{"tierplan-uc":"claims-triage"}',
  '{"user:tierplan-uc":"contract-analysis","tierplan-tier":"private-cloud"}',
  '{"litellm:model_group":"internal-search"}',
  '{"TierPlan_UC":"kyc-document-extraction"}',
);

export const charges = fc
  .array(
    fc.record({
      start: fc.oneof(
        { weight: 20, arbitrary: fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2026, 3, 1) - 1 }) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      // FOCUS requires a cost on every charge (a NULL one is summed as 0 by the SQL, see docs/review.md).
      cost: fc.integer({ min: -2000, max: 500_000 }).map((n) => n / 1000),
      // Whole tokens for every unit, so the group's sum converts as the rows do.
      quantity: fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constant(-5) },
      ),
      unit,
      details,
      where: service,
      tags,
      category: fc.constantFrom('AI and Machine Learning', 'Compute', null),
      description: fc.constantFrom('Claude Haiku output tokens', 'GPT input tokens', null, 'Compute hours'),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((rows) =>
    rows
      .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity))
      .map(
        (r): Charge => ({
          start: r.start,
          cost: r.cost,
          // A quantity in thousands or millions of tokens: whole tokens once multiplied out.
          quantity:
            r.quantity === null || r.unit === null
              ? r.quantity
              : /1k/i.test(r.unit)
                ? r.quantity / 1000
                : /m/i.test(r.unit)
                  ? r.quantity / 1e6
                  : r.quantity,
          unit: r.unit,
          details: r.details,
          ...r.where,
          tags: r.tags,
          category: r.category,
          description: r.description,
        }),
      ),
  );

const HEADER = [
  'ChargePeriodStart',
  'EffectiveCost',
  'ConsumedQuantity',
  'ConsumedUnit',
  'SkuPriceDetails',
  'ResourceId',
  'ResourceName',
  'ServiceName',
  'ProviderName',
  'RegionId',
  'Tags',
  'ServiceCategory',
  'ChargeDescription',
];

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r ]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** As a FOCUS CSV export, or (`table`) as the CSV DuckDB loads into its typed table. */
export function focusCsv(rows: Charge[], table = false): string {
  const lines = [HEADER.join(',')];
  for (const r of rows)
    lines.push(
      [
        r.start === null
          ? null
          : table
            ? new Date(r.start).toISOString().replace('T', ' ').slice(0, 23)
            : new Date(r.start).toISOString(),
        r.cost,
        r.quantity,
        r.unit,
        r.details,
        r.resource_id,
        r.resource_name,
        r.service,
        r.provider,
        r.region,
        r.tags,
        r.category,
        r.description,
      ]
        .map(cell)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

export const FOCUS_DUCKDB_TYPES: Record<string, string> = {
  ChargePeriodStart: 'TIMESTAMP',
  EffectiveCost: 'DOUBLE',
  ConsumedQuantity: 'DOUBLE',
  ConsumedUnit: 'VARCHAR',
  SkuPriceDetails: 'JSON',
  ResourceId: 'VARCHAR',
  ResourceName: 'VARCHAR',
  ServiceName: 'VARCHAR',
  ProviderName: 'VARCHAR',
  RegionId: 'VARCHAR',
  Tags: 'JSON',
  ServiceCategory: 'VARCHAR',
  ChargeDescription: 'VARCHAR',
};

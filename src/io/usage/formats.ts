// Which export a usage file is, from its header: the columns each format needs and how names
// are looked up (exact, else case-insensitive).

import { DELIMITER_CANDIDATES } from './csv-scanner.js';
import type { LitellmColumns } from './litellm-csv.js';
import type { Mapping } from './mapping.js';

export type UsageFormat = 'litellm' | 'focus' | 'mapped';
export type CostColumn = 'EffectiveCost' | 'BilledCost';

export const LITELLM_REQUIRED = ['startTime', 'model_group', 'spend', 'prompt_tokens', 'completion_tokens'];
export const LITELLM_OPTIONAL = [
  'endTime',
  'request_id',
  'model',
  'model_id',
  'custom_llm_provider',
  'api_base',
  'status',
  'request_tags',
  'metadata',
  'request_duration_ms',
  'total_tokens',
];
const LITELLM_SIGNS = ['request_id', 'model_group', 'spend', 'startTime', 'prompt_tokens', 'call_type', 'api_key'];
const FOCUS_SIGNS = [
  'ChargePeriodStart',
  'BilledCost',
  'EffectiveCost',
  'ConsumedQuantity',
  'BillingPeriodStart',
  'ChargeCategory',
];

export function detectCsvFormat(header: string[]): UsageFormat | undefined {
  const has = lookup(header);
  const score = (signs: string[]): number => signs.filter((s) => has(s) >= 0).length;
  const l = score(LITELLM_SIGNS);
  const f = score(FOCUS_SIGNS);
  if (l === 0 && f === 0) return undefined;
  return f > l ? 'focus' : 'litellm';
}

export function expectedColumns(
  format: UsageFormat,
  opts: { costColumn?: CostColumn },
  mapping: Mapping | undefined,
): string[] {
  if (format === 'litellm') return LITELLM_REQUIRED;
  if (format === 'focus') return ['ChargePeriodStart', opts.costColumn ?? 'EffectiveCost'];
  return Object.values(mapping!.columns);
}

export function missingColumns(
  format: UsageFormat,
  names: string[],
  opts: { costColumn?: CostColumn },
  mapping: Mapping | undefined,
  json = false,
): string[] {
  const has = lookup(names);
  // In JSON a dotted name may be a path into a nested object, which the first object's keys do not show.
  if (format === 'mapped')
    return Object.values(mapping!.columns).filter((c) => !(json && c.includes('.')) && has(c) < 0);
  return expectedColumns(format, opts, mapping).filter((c) => has(c) < 0);
}

/** Column index by name: exact, else case-insensitive, else -1. */
export function lookup(names: string[]): (name: string) => number {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  names.forEach((n, i) => {
    if (!exact.has(n)) exact.set(n, i);
    const k = n.toLowerCase();
    if (!loose.has(k)) loose.set(k, i);
  });
  return (name) => exact.get(name) ?? loose.get(name.toLowerCase()) ?? -1;
}

export function shown(names: string[]): string {
  if (names.length === 0) return '(nothing)';
  const list = names
    .slice(0, 24)
    .map((n) => (n === '' ? '""' : n))
    .join(', ');
  return names.length > 24 ? `${list}, … (${names.length} columns)` : list;
}

export function delimiterHint(header: string[]): string | undefined {
  if (header.length !== 1) return undefined;
  const other = DELIMITER_CANDIDATES.find((d) => header[0]!.includes(d));
  return other === undefined
    ? undefined
    : `the header is one column that contains ${JSON.stringify(other)}: is that the delimiter? (a mapping can set delimiter: ${JSON.stringify(other)})`;
}

export function formatName(f: UsageFormat): string {
  return f === 'litellm' ? 'the LiteLLM spend log' : f === 'focus' ? 'the FOCUS export' : 'the mapped file';
}

export function litellmColumns(names: string[]): LitellmColumns {
  const col = lookup(names);
  return {
    start: col('startTime'),
    end: col('endTime'),
    group: col('model_group'),
    modelId: col('model_id'),
    model: col('model'),
    provider: col('custom_llm_provider'),
    apiBase: col('api_base'),
    prompt: col('prompt_tokens'),
    completion: col('completion_tokens'),
    spend: col('spend'),
    status: col('status'),
    tags: col('request_tags'),
    meta: col('metadata'),
    duration: col('request_duration_ms'),
  };
}

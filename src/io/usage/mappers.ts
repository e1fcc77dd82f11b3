// Row mappers: a format's cells turned into a UsageRow (LiteLLM spend logs, FinOps FOCUS, any
// export through a mapping file), one row at a time.

import {
  FAILED,
  Rejection,
  checkedNumber,
  count,
  instant,
  latencyOf,
  money,
  tagsOf,
  type LatencyColumns,
  type Mapper,
} from './cells.js';
import {
  BILLED_PROVIDER_NAMES,
  billedName,
  billedProvider,
  type BilledNames,
} from '../../core/review/provider-names.js';
import { litellmColumns, lookup, type CostColumn, type UsageFormat } from './formats.js';
import type { Mapping } from './mapping.js';
import { MAX_COUNT, tierplanTags, useCaseFromTags } from './values.js';

function litellmMapper(names: string[]): Mapper {
  const c = litellmColumns(names);
  const latencyColumns: LatencyColumns = { duration: c.duration, durationName: 'request_duration_ms', end: c.end };
  return (cells, file, line) => {
    const time = instant(cells, c.start, 'startTime');
    const input = count(cells, c.prompt, 'prompt_tokens');
    const output = count(cells, c.completion, 'completion_tokens');
    const cost = money(cells, c.spend, 'spend', false);
    const tags = tagsOf(cells, c.tags, c.meta);
    const latency = latencyOf(cells, latencyColumns, time);
    const status = cells.text(c.status);
    return {
      file,
      line,
      source: 'litellm',
      time,
      alias: cells.text(c.group) ?? useCaseFromTags(tags),
      tags,
      model_id: cells.text(c.modelId),
      model: cells.text(c.model),
      provider: cells.text(c.provider),
      api_base: cells.text(c.apiBase),
      region: null,
      requests: 1,
      input_tokens: input,
      output_tokens: output,
      cost,
      failed: status !== null && FAILED.has(status.toLowerCase()),
      latency_ms: latency,
    };
  };
}

// `Tokens`, `1000 Tokens`, `1K tokens`, `1M Tokens`, `Million Tokens`
const TOKEN_UNIT = /^\s*(\d+(?:\.\d+)?)?\s*(k|thousand|m|million)?\s*tokens?\s*$/i;

function tokensPerUnit(unit: string | null): number | null {
  if (unit === null) return null;
  const m = TOKEN_UNIT.exec(unit);
  if (!m) return null;
  const scale = m[2] === undefined ? 1 : /^(k|thousand)$/i.test(m[2]) ? 1000 : 1_000_000;
  return (m[1] === undefined ? 1 : Number(m[1])) * scale;
}

function focusMapper(names: string[], costColumn: CostColumn, providerNames: Readonly<Record<string, string>>): Mapper {
  const col = lookup(names);
  const c = {
    start: col('ChargePeriodStart'),
    cost: col(costColumn),
    qty: col('ConsumedQuantity'),
    unit: col('ConsumedUnit'),
    details: col('SkuPriceDetails'),
    skuId: col('SkuId'),
    meter: col('SkuMeter'),
    resourceName: col('ResourceName'),
    resourceId: col('ResourceId'),
    service: col('ServiceName'),
    host: col('HostProviderName'),
    serviceProvider: col('ServiceProviderName'),
    provider: col('ProviderName'),
    regionId: col('RegionId'),
    regionName: col('RegionName'),
    tags: col('Tags'),
    category: col('ServiceCategory'),
    description: col('ChargeDescription'),
    direction: col('x_TokenDirection'),
  };
  return (cells, file, line) => {
    const time = instant(cells, c.start, 'ChargePeriodStart');
    const cost = money(cells, c.cost, costColumn, true);
    const perUnit = tokensPerUnit(cells.text(c.unit));
    let tokens = 0;
    if (perUnit !== null && c.qty >= 0) {
      const t = cells.text(c.qty);
      const q =
        t === null ? undefined : checkedNumber(t, 'ConsumedQuantity', MAX_COUNT, 'ConsumedQuantity is negative');
      // A quantity in millions can still overflow the count once multiplied out.
      tokens = Math.round((q ?? 0) * perUnit);
      if (tokens > MAX_COUNT)
        throw new Rejection(
          `ConsumedQuantity is out of range (at most ${MAX_COUNT.toExponential()} tokens): ${tokens}`,
        );
    }
    const details = c.details >= 0 ? cells.value(c.details) : null;
    const detail = (k: string): string | null => {
      if (details === null || typeof details !== 'object' || Array.isArray(details)) return null;
      const v = (details as Record<string, unknown>)[k];
      return typeof v === 'string' && v !== '' ? v : null;
    };
    const modelId = detail('ModelId');
    const ai = perUnit !== null || modelId !== null || cells.text(c.category) === 'AI and Machine Learning';
    const tagValue = c.tags >= 0 ? cells.value(c.tags) : null;
    const tags = tierplanTags(tagValue);
    const tagMap =
      tagValue !== null && typeof tagValue === 'object' && !Array.isArray(tagValue)
        ? (tagValue as Record<string, unknown>)
        : {};
    const modelGroup = typeof tagMap['litellm:model_group'] === 'string' ? tagMap['litellm:model_group'] : null;
    // Token direction: SkuPriceDetails.TokenDirection, else the meter or description wording; input when nothing says.
    const direction = (
      detail('TokenDirection') ??
      cells.text(c.direction) ??
      `${cells.text(c.meter) ?? ''} ${cells.text(c.description) ?? ''}`
    ).toLowerCase();
    const output = /output|completion|generated/.test(direction);
    const names: BilledNames = {
      service: cells.text(c.service),
      host: cells.text(c.host),
      serviceProvider: cells.text(c.serviceProvider),
      provider: cells.text(c.provider),
    };
    return {
      file,
      line,
      source: 'focus',
      time,
      alias: useCaseFromTags(tags) ?? modelGroup,
      tags,
      model_id: ai ? cells.text(c.resourceId) : null,
      model: modelId ?? (ai ? (cells.text(c.resourceName) ?? cells.text(c.skuId)) : null),
      // Who served an AI charge, as the policy's provider id (`AWS` → `bedrock`); other charges (an
      // EC2 host, storage) keep the name as billed: `AWS` is Bedrock only when it served a model.
      provider: ai ? billedProvider(providerNames, names) : billedName(names),
      api_base: null,
      region: cells.text(c.regionId) ?? cells.text(c.regionName),
      requests: 0,
      input_tokens: output ? 0 : tokens,
      output_tokens: output ? tokens : 0,
      cost,
      failed: false,
      latency_ms: null,
    };
  };
}

function mappedMapper(names: string[], mapping: Mapping): Mapper {
  const col = lookup(names);
  const m = mapping.columns;
  const at = (k: keyof Mapping['columns']): number => (m[k] === undefined ? -1 : col(m[k]));
  const c = {
    time: at('time'),
    end: at('end_time'),
    alias: at('alias'),
    model: at('model'),
    modelId: at('model_id'),
    provider: at('provider'),
    apiBase: at('api_base'),
    region: at('region'),
    input: at('input_tokens'),
    output: at('output_tokens'),
    tokens: at('tokens'),
    cost: at('cost'),
    requests: at('requests'),
    status: at('status'),
    latency: at('latency_ms'),
    tags: at('tags'),
  };
  const format = mapping.time_format ?? 'auto';
  const failed = new Set((mapping.failed_values ?? ['failure', 'failed', 'error']).map((v) => v.toLowerCase()));
  const latencyColumns: LatencyColumns = {
    duration: c.latency,
    durationName: m.latency_ms ?? 'latency_ms',
    end: c.end,
    format,
  };
  return (cells, file, line) => {
    const time = instant(cells, c.time, m.time, format);
    let input = count(cells, c.input, m.input_tokens ?? '');
    let output = count(cells, c.output, m.output_tokens ?? '');
    if (c.tokens >= 0) {
      const total = count(cells, c.tokens, m.tokens!);
      if (c.input < 0 && c.output < 0) input = total;
      else if (c.input < 0) input = Math.max(0, total - output);
      else if (c.output < 0) output = Math.max(0, total - input);
    }
    const cost = money(cells, c.cost, m.cost ?? '', false);
    const requests = c.requests >= 0 && cells.text(c.requests) !== null ? count(cells, c.requests, m.requests!) : 1;
    const tags: string[] = [];
    if (c.tags >= 0) tierplanTags(cells.value(c.tags), tags);
    const latency = latencyOf(cells, latencyColumns, time);
    const status = cells.text(c.status);
    return {
      file,
      line,
      source: 'mapped',
      time,
      alias: cells.text(c.alias) ?? useCaseFromTags(tags),
      tags,
      model_id: cells.text(c.modelId),
      model: cells.text(c.model),
      provider: cells.text(c.provider),
      api_base: cells.text(c.apiBase),
      region: cells.text(c.region),
      requests,
      input_tokens: input,
      output_tokens: output,
      cost,
      failed: status !== null && failed.has(status.toLowerCase()),
      latency_ms: latency,
    };
  };
}

export function mapperFor(
  plan: { format: UsageFormat; names: string[] },
  opts: { costColumn?: CostColumn; mapping?: Mapping; providerNames?: Readonly<Record<string, string>> },
): Mapper {
  if (plan.format === 'litellm') return litellmMapper(plan.names);
  if (plan.format === 'focus')
    return focusMapper(plan.names, opts.costColumn ?? 'EffectiveCost', opts.providerNames ?? BILLED_PROVIDER_NAMES);
  return mappedMapper(plan.names, opts.mapping!);
}

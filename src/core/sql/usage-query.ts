// The aggregation `review` does, as one query for where the usage lives: per use-case identity ×
// deployment identity × month × latency bucket, the rows, requests, tokens, spend and failures
// (core/review/aggregate-format.ts, what the accumulator adds as groups). Rows the file readers
// would refuse are refused here too, counted per reason. Pure: the query is data (sql-ast.ts),
// rendered per dialect (render.ts).
import { AGGREGATE_FORMAT_VERSION } from '../review/aggregate-format.js';
import { LATENCY_RATIO } from '../review/latency-histogram.js';
import { dialect, type DialectName } from './dialects.js';
import { renderSelect } from './render.js';
import {
  NULL,
  and,
  arith,
  caseWhen,
  cmp,
  col,
  count,
  fn,
  isNull,
  min,
  notNull,
  num,
  str,
  sum,
  type Expr,
  type Select,
  type SelectItem,
} from './sql-ast.js';

export const SQL_SOURCES = ['litellm', 'daily', 'focus'] as const;
export type SqlSource = (typeof SQL_SOURCES)[number];

/** The columns a LiteLLM_SpendLogs query reads, by role; the defaults are LiteLLM's own names. */
export const LITELLM_SPEND_COLUMNS = {
  request_id: 'request_id',
  start: 'startTime',
  end: 'endTime',
  duration: 'request_duration_ms',
  model_group: 'model_group',
  model_id: 'model_id',
  model: 'model',
  provider: 'custom_llm_provider',
  api_base: 'api_base',
  prompt_tokens: 'prompt_tokens',
  completion_tokens: 'completion_tokens',
  spend: 'spend',
  status: 'status',
  request_tags: 'request_tags',
  metadata: 'metadata',
} as const;

/** The columns of LiteLLM's daily rollups (LiteLLM_Daily{User,Team,Tag,…}Spend). */
export const LITELLM_DAILY_COLUMNS = {
  date: 'date',
  model_group: 'model_group',
  model: 'model',
  provider: 'custom_llm_provider',
  api_base: 'endpoint',
  prompt_tokens: 'prompt_tokens',
  completion_tokens: 'completion_tokens',
  spend: 'spend',
  requests: 'api_requests',
  failed: 'failed_requests',
} as const;

/** The FOCUS column each role holds, as the FOCUS reader (io/usage/mappers.ts) names it. */
const FOCUS_NAMES = {
  start: 'ChargePeriodStart',
  cost: 'EffectiveCost',
  quantity: 'ConsumedQuantity',
  unit: 'ConsumedUnit',
  sku_price_details: 'SkuPriceDetails',
  sku_id: 'SkuId',
  sku_meter: 'SkuMeter',
  resource_name: 'ResourceName',
  resource_id: 'ResourceId',
  service: 'ServiceName',
  host_provider: 'HostProviderName',
  service_provider: 'ServiceProviderName',
  provider: 'ProviderName',
  region_id: 'RegionId',
  region_name: 'RegionName',
  tags: 'Tags',
  service_category: 'ServiceCategory',
  charge_description: 'ChargeDescription',
  token_direction: 'x_TokenDirection',
} as const;

/**
 * The columns of a FinOps FOCUS table, by role. An empty name is a column the table lacks (read
 * as NULL): FOCUS 1.3 added HostProviderName and ServiceProviderName, and x_TokenDirection is a
 * custom column, so they are absent unless named.
 */
export const FOCUS_COLUMNS: Record<keyof typeof FOCUS_NAMES, string> = {
  ...FOCUS_NAMES,
  host_provider: '',
  service_provider: '',
  token_direction: '',
};

export const DEFAULT_TABLE: Record<SqlSource, string[]> = {
  litellm: ['LiteLLM_SpendLogs'],
  daily: ['LiteLLM_DailyTeamSpend'],
  focus: ['focus'],
};

export interface UsageQueryOptions {
  source: SqlSource;
  /** The table, as its path (schema, table; or project, dataset, table). */
  table?: string[];
  /** Columns by role, where they differ from LiteLLM's names. */
  columns?: Partial<Record<string, string>>;
  /** Only rows from this instant (inclusive) to this one (exclusive), ISO `YYYY-MM-DD HH:MM:SS`. */
  window?: { from: string; to: string };
}

/** The larger counts and costs the readers accept (io/usage/values.ts MAX_COUNT, MAX_COST). */
const MAX_COUNT = 1e15;
const MAX_COST = 1e12;
const FAILED = ['failure', 'failed', 'error', 'fail'];
/** Where in LiteLLM's metadata tierplan keys are read from (and the top-level keys themselves). */
const METADATA_PLACES = ['tags', 'requester_metadata', 'user_api_key_metadata', 'spend_logs_metadata'];
const METADATA_KEYS = ['tierplan-uc', 'tierplan_uc', 'tierplan-tier', 'tierplan_tier'];

const R = 'r';
const T = 'u';

function usageQuery(opts: UsageQueryOptions, name: DialectName): Select {
  return opts.source === 'daily'
    ? dailyQuery(opts)
    : opts.source === 'focus'
      ? focusQuery(opts)
      : spendLogsQuery(opts, name === 'postgres');
}

export function renderUsageQuery(opts: UsageQueryOptions, name: DialectName): string {
  return `${renderSelect(usageQuery(opts, name), dialect(name))}\n`;
}

function columnsOf<K extends string>(defaults: Record<K, string>, given: Partial<Record<string, string>> = {}) {
  const unknown = Object.keys(given).filter((k) => !(k in defaults));
  if (unknown.length > 0)
    throw new RangeError(
      `no column role ${unknown.map((u) => JSON.stringify(u)).join(', ')}: the roles are ${Object.keys(defaults).join(', ')}`,
    );
  return (role: K): Expr => {
    const name = given[role] ?? defaults[role];
    return name === '' ? NULL : col(name, T);
  };
}

/** JSON text holding only what the reader looks for: the cell when it mentions tierplan, else NULL. */
const mentioning = (e: Expr): Expr =>
  caseWhen([[{ k: 'like', e: fn('text', e), pattern: '%tierplan%' }, fn('text', e)]]);

/** A JSON array of the parts of `metadata` that can carry tierplan keys, when it mentions tierplan. */
function metadataTags(metadata: Expr, binaryJson: boolean): Expr {
  const part = (key: string): Expr => fn('coalesce', fn('jsonGet', metadata, str(key)), str('null'));
  const pieces: Expr[] = [str('[')];
  for (const [i, k] of METADATA_PLACES.entries()) pieces.push(...(i > 0 ? [str(',')] : []), part(k));
  pieces.push(str(',{'));
  for (const [i, k] of METADATA_KEYS.entries()) pieces.push(str(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`), part(k));
  pieces.push(str('}]'));
  const parts = fn('concat', ...pieces);
  // Where JSON is stored parsed (PostgreSQL's JSONB), taking out a key is cheap and writing the
  // whole metadata as text is not (a third of the query's time): the parts are tested instead.
  // Where it is text, one search of the text spares parsing it once per key on most rows.
  const guard = binaryJson ? parts : fn('text', metadata);
  return caseWhen([[{ k: 'like', e: guard, pattern: '%tierplan%' }, parts]]);
}

function spendLogsQuery(opts: UsageQueryOptions, binaryJson: boolean): Select {
  const c = columnsOf(LITELLM_SPEND_COLUMNS, opts.columns);
  const tokens = (e: Expr): Expr => fn('coalesce', e, num(0));
  // The first rule a row breaks, in the order the file reader checks its cells; NULL when none.
  const rejected = caseWhen([
    [isNull(c('start')), str('startTime is empty')],
    [cmp('<', c('prompt_tokens'), num(0)), str('prompt_tokens is negative')],
    [cmp('>', c('prompt_tokens'), num(MAX_COUNT)), str('prompt_tokens is out of range')],
    [cmp('<', c('completion_tokens'), num(0)), str('completion_tokens is negative')],
    [cmp('>', c('completion_tokens'), num(MAX_COUNT)), str('completion_tokens is out of range')],
    [cmp('<', c('spend'), num(0)), str('negative cost in spend')],
    [cmp('>', c('spend'), num(MAX_COST)), str('spend is out of range')],
    [cmp('<', c('duration'), num(0)), str('request_duration_ms is negative')],
    [cmp('>', c('duration'), num(MAX_COUNT)), str('request_duration_ms is out of range')],
  ]);
  // A duration when the row has one (rounded as the reader rounds), else end − start, never below 0.
  const latency = caseWhen([
    [notNull(c('duration')), fn('floor', arith('+', fn('float', c('duration')), num(0.5)))],
    [notNull(c('end')), fn('greatest', num(0), arith('-', fn('epochMs', c('end')), fn('epochMs', c('start'))))],
  ]);
  const ok = isNull(col('rejected', R));
  const kept = (e: Expr): Expr => caseWhen([[ok, e]]);
  const rows: SelectItem[] = [
    { as: 'rejected', e: rejected },
    { as: 'time', e: c('start') },
    { as: 'request_id', e: c('request_id') },
    { as: 'model_group', e: c('model_group') },
    { as: 'model_id', e: c('model_id') },
    { as: 'model', e: c('model') },
    { as: 'provider', e: c('provider') },
    { as: 'api_base', e: c('api_base') },
    { as: 'tags', e: mentioning(c('request_tags')) },
    { as: 'metadata_tags', e: metadataTags(c('metadata'), binaryJson) },
    { as: 'latency_ms', e: latency },
    { as: 'input_tokens', e: tokens(c('prompt_tokens')) },
    { as: 'output_tokens', e: tokens(c('completion_tokens')) },
    { as: 'spend', e: c('spend') },
    { as: 'failed', e: caseWhen([[{ k: 'in', e: fn('lower', c('status')), values: FAILED }, num(1)]], num(0)) },
  ];
  const inner: Select = {
    select: rows,
    from: { k: 'table', path: opts.table ?? DEFAULT_TABLE.litellm, as: T },
    ...(opts.window ? { where: windowOf(c('start'), opts.window) } : {}),
  };
  const r = (name: string): Expr => col(name, R);
  const bucket = latencyBucketSql(r('latency_ms'));
  const keys: [string, Expr][] = [
    ['month', kept(fn('month', r('time')))],
    ['rejected', r('rejected')],
    ['model_group', kept(r('model_group'))],
    ['model_id', kept(r('model_id'))],
    ['model', kept(r('model'))],
    ['provider', kept(r('provider'))],
    ['api_base', kept(r('api_base'))],
    ['tags', kept(r('tags'))],
    ['metadata_tags', kept(r('metadata_tags'))],
    ['latency_bucket', kept(bucket)],
  ];
  const unpriced = (e: Expr): Expr => sum(caseWhen([[isNull(r('spend')), e]], num(0)));
  return outer(
    'litellm',
    inner,
    keys,
    {
      requests: count(),
      input_tokens: sum(r('input_tokens')),
      output_tokens: sum(r('output_tokens')),
      cost: fn('coalesce', sum(r('spend')), num(0)),
      unpriced_input_tokens: unpriced(r('input_tokens')),
      unpriced_output_tokens: unpriced(r('output_tokens')),
      failures: sum(r('failed')),
      example: min(r('request_id')),
    },
    [min(r('time')), min(r('request_id'))],
  );
}

/**
 * FOCUS charges summed per month and per the cells the FOCUS reader reads (unit, SKU, resource,
 * provider names, region, tags that name tierplan or a LiteLLM model group), carried as one JSON
 * object (`focus`) that the reader maps as it maps a row of a FOCUS file, its quantity the sum.
 */
function focusQuery(opts: UsageQueryOptions): Select {
  const c = columnsOf(FOCUS_COLUMNS, opts.columns);
  const details = c('sku_price_details');
  const rejected = caseWhen([
    [isNull(c('start')), str('ChargePeriodStart is empty')],
    [cmp('>', c('cost'), num(MAX_COST)), str('the cost is out of range')],
    [cmp('<', c('cost'), num(-MAX_COST)), str('the cost is out of range')],
    [
      and(cmp('<', c('quantity'), num(0)), { k: 'like', e: fn('lower', c('unit')), pattern: '%token%' }),
      str('ConsumedQuantity is negative'),
    ],
  ]);
  const orNull = (e: Expr): Expr => fn('coalesce', e, str('null'));
  const pieces: Expr[] = [str('{')];
  const carried = (Object.keys(FOCUS_NAMES) as (keyof typeof FOCUS_NAMES)[]).filter(
    (role) => !['start', 'cost', 'quantity', 'sku_price_details', 'tags'].includes(role),
  );
  // A column the table lacks is JSON null as it stands: PostgreSQL cannot type TO_JSON(NULL).
  const value = (e: Expr, json: (e: Expr) => Expr): Expr => (e.k === 'null' ? str('null') : json(e));
  for (const role of carried)
    pieces.push(
      str(`${JSON.stringify(FOCUS_NAMES[role])}:`),
      value(c(role), (e) => orNull(fn('jsonString', e))),
      str(','),
    );
  pieces.push(
    str('"SkuPriceDetails":{"ModelId":'),
    value(details, (e) => orNull(fn('jsonGet', e, str('ModelId')))),
    str(',"TokenDirection":'),
    value(details, (e) => orNull(fn('jsonGet', e, str('TokenDirection')))),
    str('}}'),
  );
  const tags = c('tags');
  // Tag keys are read case-insensitively (values.ts tierplanTags): so is the mention.
  const named = (pattern: string): Expr => ({ k: 'like', e: fn('lower', fn('text', tags)), pattern });
  const inner: Select = {
    select: [
      { as: 'rejected', e: rejected },
      { as: 'time', e: c('start') },
      { as: 'focus', e: fn('concat', ...pieces) },
      {
        as: 'tags',
        e: caseWhen([
          [named('%tierplan%'), fn('text', tags)],
          [named('%litellm:model_group%'), fn('text', tags)],
        ]),
      },
      { as: 'quantity', e: c('quantity') },
      { as: 'cost', e: c('cost') },
    ],
    from: { k: 'table', path: opts.table ?? DEFAULT_TABLE.focus, as: T },
    ...(opts.window ? { where: windowOf(c('start'), opts.window) } : {}),
  };
  const r = (name: string): Expr => col(name, R);
  const kept = (e: Expr): Expr => caseWhen([[isNull(r('rejected')), e]]);
  const q = outer(
    'focus',
    inner,
    [
      ['month', kept(fn('month', r('time')))],
      ['rejected', r('rejected')],
      ['model_group', NULL],
      ['model_id', NULL],
      ['model', NULL],
      ['provider', NULL],
      ['api_base', NULL],
      ['tags', kept(r('tags'))],
      ['metadata_tags', NULL],
      ['latency_bucket', NULL],
      ['focus', kept(r('focus'))],
    ],
    {
      requests: num(0),
      input_tokens: num(0),
      output_tokens: num(0),
      cost: fn('coalesce', sum(r('cost')), num(0)),
      unpriced_input_tokens: num(0),
      unpriced_output_tokens: num(0),
      failures: num(0),
      example: NULL,
    },
    [min(r('time'))],
  );
  q.select.push({ as: 'quantity', e: fn('coalesce', sum(r('quantity')), num(0)) });
  return q;
}

function dailyQuery(opts: UsageQueryOptions): Select {
  const c = columnsOf(LITELLM_DAILY_COLUMNS, opts.columns);
  const count0 = (e: Expr): Expr => fn('coalesce', e, num(0));
  const date = c('date');
  const rejected = caseWhen([
    [isNull(date), str('date is empty')],
    [cmp('<', count0(c('prompt_tokens')), num(0)), str('prompt_tokens is negative')],
    [cmp('<', count0(c('completion_tokens')), num(0)), str('completion_tokens is negative')],
    [cmp('<', c('spend'), num(0)), str('negative cost in spend')],
    [cmp('<', count0(c('requests')), num(0)), str('api_requests is negative')],
  ]);
  const inner: Select = {
    select: [
      { as: 'rejected', e: rejected },
      { as: 'date', e: fn('text', date) },
      { as: 'model_group', e: c('model_group') },
      { as: 'model', e: c('model') },
      { as: 'provider', e: c('provider') },
      { as: 'api_base', e: c('api_base') },
      { as: 'requests', e: count0(c('requests')) },
      { as: 'input_tokens', e: count0(c('prompt_tokens')) },
      { as: 'output_tokens', e: count0(c('completion_tokens')) },
      { as: 'spend', e: c('spend') },
      { as: 'failed', e: count0(c('failed')) },
    ],
    from: { k: 'table', path: opts.table ?? DEFAULT_TABLE.daily, as: T },
    ...(opts.window
      ? { where: windowOf(date, { from: opts.window.from.slice(0, 10), to: opts.window.to.slice(0, 10) }, true) }
      : {}),
  };
  const r = (name: string): Expr => col(name, R);
  const ok = isNull(r('rejected'));
  const kept = (e: Expr): Expr => caseWhen([[ok, e]]);
  const keys: [string, Expr][] = [
    // LiteLLM writes the date as text, YYYY-MM-DD: its first seven characters are the month.
    ['month', kept(fn('prefix', r('date'), num(7)))],
    ['rejected', r('rejected')],
    ['model_group', kept(r('model_group'))],
    ['model_id', NULL],
    ['model', kept(r('model'))],
    ['provider', kept(r('provider'))],
    ['api_base', kept(r('api_base'))],
    ['tags', NULL],
    ['metadata_tags', NULL],
    ['latency_bucket', NULL],
  ];
  const unpriced = (e: Expr): Expr => sum(caseWhen([[isNull(r('spend')), e]], num(0)));
  return outer(
    'litellm',
    inner,
    keys,
    {
      requests: sum(r('requests')),
      input_tokens: sum(r('input_tokens')),
      output_tokens: sum(r('output_tokens')),
      cost: fn('coalesce', sum(r('spend')), num(0)),
      unpriced_input_tokens: unpriced(r('input_tokens')),
      unpriced_output_tokens: unpriced(r('output_tokens')),
      failures: sum(r('failed')),
      example: NULL,
    },
    [min(r('date'))],
  );
}

/** tierplan's latency bucket of a latency in ms (core/review/latency-histogram.ts `latencyBucket`), NULL for none. */
export const latencyBucketSql = (lat: Expr): Expr =>
  caseWhen(
    [
      [isNull(lat), NULL],
      [cmp('<=', lat, num(1)), num(0)],
    ],
    fn('int', fn('ceil', arith('/', fn('ln', fn('float', lat)), fn('ln', fn('float', num(LATENCY_RATIO)))))),
  );

function windowOf(e: Expr, w: { from: string; to: string }, text = false): Expr {
  const at = (iso: string): Expr => (text ? str(iso) : { k: 'timestamp', iso });
  return and(cmp('>=', e, at(w.from)), cmp('<', e, at(w.to)));
}

/** The grouping and the aggregate columns, in the order of the format (AGGREGATE_COLUMNS). */
function outer(
  source: 'litellm' | 'focus',
  inner: Select,
  keys: [string, Expr][],
  sums: {
    requests: Expr;
    input_tokens: Expr;
    output_tokens: Expr;
    cost: Expr;
    unpriced_input_tokens: Expr;
    unpriced_output_tokens: Expr;
    failures: Expr;
    example: Expr;
  },
  order: Expr[],
): Select {
  const key = new Map(keys);
  const k = (name: string): Expr => key.get(name)!;
  const grouped = keys.map(([, e]) => e).filter((e) => e.k !== 'null');
  return {
    select: [
      { as: 'tierplan_aggregate', e: num(AGGREGATE_FORMAT_VERSION) },
      { as: 'source', e: str(source) },
      { as: 'month', e: k('month') },
      { as: 'rejected', e: k('rejected') },
      { as: 'model_group', e: k('model_group') },
      { as: 'model_id', e: k('model_id') },
      { as: 'model', e: k('model') },
      { as: 'provider', e: k('provider') },
      { as: 'api_base', e: k('api_base') },
      { as: 'region', e: NULL },
      { as: 'tags', e: k('tags') },
      { as: 'metadata_tags', e: k('metadata_tags') },
      { as: 'latency_bucket', e: k('latency_bucket') },
      { as: 'rows', e: count() },
      { as: 'requests', e: sums.requests },
      { as: 'input_tokens', e: sums.input_tokens },
      { as: 'output_tokens', e: sums.output_tokens },
      { as: 'cost', e: sums.cost },
      { as: 'unpriced_input_tokens', e: sums.unpriced_input_tokens },
      { as: 'unpriced_output_tokens', e: sums.unpriced_output_tokens },
      { as: 'failures', e: sums.failures },
      { as: 'example', e: sums.example },
      ...(key.has('focus') ? [{ as: 'focus', e: k('focus') }] : []),
    ],
    from: { k: 'query', q: inner, as: R },
    groupBy: grouped,
    // Groups in the order of their first row, as a time-ordered export meets them: the report's
    // "first seen" examples are then those a review of the export lists.
    orderBy: order,
  };
}

// Aggregate records (core/review/aggregate-format.ts) checked and handed to the accumulator as
// groups: the same for a CSV file (`aggregate-csv.ts`) and a database cursor (`postgres-usage.ts`).
// Groups of rows the SQL refused are counted as unreadable rows, like a file's bad rows.
import {
  AGGREGATE_FORMAT_VERSION,
  type AggregateColumn,
  type AggregateSource,
  type UsageGroup,
} from '../../core/review/aggregate-format.js';
import { BILLED_PROVIDER_NAMES } from '../../core/review/provider-names.js';
import type { UsageAccumulator } from '../../core/review/aggregate.js';
import { JsonCells, Rejection, checkedNumber, type Cells } from './cells.js';
import { mapperFor } from './mappers.js';
import { lookup } from './formats.js';
import { MAX_REJECTED_SHOWN, type Tally } from './record-sink.js';
import { MAX_COST, MAX_COUNT, tierplanTagsOfText, useCaseFromTags } from './values.js';

/** Columns a record must have; the others default to null (identity, tags) or 0 (unpriced tokens). */
export const AGGREGATE_REQUIRED: readonly AggregateColumn[] = [
  'tierplan_aggregate',
  'source',
  'month',
  'rejected',
  'latency_bucket',
  'rows',
  'requests',
  'input_tokens',
  'output_tokens',
  'cost',
  'failures',
];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SOURCES: readonly AggregateSource[] = ['litellm', 'focus'];
const NO_TAGS: readonly string[] = [];

export type AggregateColumns = Record<AggregateColumn, number>;

export function aggregateColumns(names: readonly string[]): AggregateColumns {
  const col = lookup([...names]);
  const at = (c: AggregateColumn): number => col(c);
  return {
    tierplan_aggregate: at('tierplan_aggregate'),
    source: at('source'),
    month: at('month'),
    rejected: at('rejected'),
    model_group: at('model_group'),
    model_id: at('model_id'),
    model: at('model'),
    provider: at('provider'),
    api_base: at('api_base'),
    region: at('region'),
    tags: at('tags'),
    metadata_tags: at('metadata_tags'),
    latency_bucket: at('latency_bucket'),
    rows: at('rows'),
    requests: at('requests'),
    input_tokens: at('input_tokens'),
    output_tokens: at('output_tokens'),
    cost: at('cost'),
    unpriced_input_tokens: at('unpriced_input_tokens'),
    unpriced_output_tokens: at('unpriced_output_tokens'),
    failures: at('failures'),
    example: at('example'),
    focus: at('focus'),
    quantity: at('quantity'),
  };
}

export const missingAggregateColumns = (c: AggregateColumns): AggregateColumn[] =>
  AGGREGATE_REQUIRED.filter((k) => c[k] < 0);

/** The version a record says it is in, or undefined when it is none this tierplan reads. */
export function versionProblem(cells: Cells, c: AggregateColumns): string | undefined {
  const v = cells.text(c.tierplan_aggregate);
  if (v !== null && Number(v) === AGGREGATE_FORMAT_VERSION) return undefined;
  return `tierplan_aggregate is ${v === null ? 'empty' : JSON.stringify(v)}: this tierplan reads aggregate format version ${AGGREGATE_FORMAT_VERSION} (generate the SQL again with \`tierplan review --emit-sql\`, or upgrade tierplan)`;
}

/**
 * Adds one record to the accumulator and the tally. A record that cannot be read is one
 * unreadable row (its `rows` cannot be trusted); a group of refused rows is that many.
 */
export function addAggregateRecord(
  cells: Cells,
  c: AggregateColumns,
  file: string,
  line: number,
  acc: UsageAccumulator,
  tally: Tally,
  providerNames: Readonly<Record<string, string>> = BILLED_PROVIDER_NAMES,
): void {
  const counts = tally.counts;
  const reject = (rows: number, reason: string): void => {
    counts.read += rows;
    counts.rejected += rows;
    if (tally.rejected.length < MAX_REJECTED_SHOWN) tally.rejected.push({ file, line, reason });
  };
  try {
    const rows = whole(cells, c.rows, 'rows');
    const refused = cells.text(c.rejected);
    if (refused !== null) {
      const example = c.example < 0 ? null : cells.text(c.example);
      reject(
        rows,
        `${rows} row${rows === 1 ? '' : 's'} refused by the query: ${refused}${example === null ? '' : ` (e.g. ${example})`}`,
      );
      return;
    }
    const source = cells.text(c.source) as AggregateSource | null;
    if (source === null || !SOURCES.includes(source))
      throw new Rejection(`source is ${JSON.stringify(source)}: expected ${SOURCES.join(' or ')}`);
    const month = cells.text(c.month);
    if (month === null || !MONTH.test(month))
      throw new Rejection(`month is ${JSON.stringify(month)}: expected YYYY-MM`);
    const bucketText = cells.text(c.latency_bucket);
    const latency_bucket = bucketText === null ? null : whole(cells, c.latency_bucket, 'latency_bucket');
    const focus = c.focus < 0 ? null : cells.text(c.focus);
    if (source === 'focus' && focus !== null) {
      const g = focusGroup(cells, c, focus, month, providerNames, file, line, rows);
      counts.read += rows;
      counts.accepted += rows;
      acc.addGroup(g);
      return;
    }
    const tags = tagsOf(cells, c.tags, c.metadata_tags);
    const group = cells.text(c.model_group);
    const text = (i: number): string | null => (i < 0 ? null : cells.text(i));
    counts.read += rows;
    const g = {
      file,
      line,
      source,
      month,
      identity: {
        // Which name comes first is each export's own rule (mappers.ts): LiteLLM's model_group, FOCUS's tag.
        alias: source === 'focus' ? (useCaseFromTags(tags) ?? group) : (group ?? useCaseFromTags(tags)),
        tags,
        model_id: text(c.model_id),
        model: text(c.model),
        provider: text(c.provider),
        api_base: text(c.api_base),
        region: text(c.region),
      },
      rows,
      requests: whole(cells, c.requests, 'requests'),
      input_tokens: whole(cells, c.input_tokens, 'input_tokens'),
      output_tokens: whole(cells, c.output_tokens, 'output_tokens'),
      cost: checkedNumber(cells.text(c.cost) ?? '0', 'cost', MAX_COST * rows, null) ?? 0,
      unpriced_input_tokens:
        c.unpriced_input_tokens < 0 ? 0 : whole(cells, c.unpriced_input_tokens, 'unpriced_input_tokens'),
      unpriced_output_tokens:
        c.unpriced_output_tokens < 0 ? 0 : whole(cells, c.unpriced_output_tokens, 'unpriced_output_tokens'),
      failures: whole(cells, c.failures, 'failures'),
      latency_bucket,
    };
    counts.accepted += rows;
    acc.addGroup(g);
  } catch (e) {
    if (!(e instanceof Rejection)) throw e;
    reject(1, e.reason);
  }
}

/** The cells of a FOCUS row the charges of a group share, named as a FOCUS export names them. */
const FOCUS_CELLS = [
  'ChargePeriodStart',
  'EffectiveCost',
  'ConsumedQuantity',
  'ConsumedUnit',
  'SkuPriceDetails',
  'SkuId',
  'SkuMeter',
  'ResourceName',
  'ResourceId',
  'ServiceName',
  'HostProviderName',
  'ServiceProviderName',
  'ProviderName',
  'RegionId',
  'RegionName',
  'Tags',
  'ServiceCategory',
  'ChargeDescription',
  'x_TokenDirection',
];

/**
 * A FOCUS group mapped as a FOCUS file's row is (mappers.ts), its quantity and cost the group's
 * sums: the same provider names, model, token direction and unit as a review of the file.
 */
function focusGroup(
  cells: Cells,
  c: AggregateColumns,
  focus: string,
  month: string,
  providerNames: Readonly<Record<string, string>>,
  file: string,
  line: number,
  rows: number,
): UsageGroup {
  let carried: unknown;
  try {
    carried = JSON.parse(focus);
  } catch {
    throw new Rejection(`focus is not a JSON object: ${focus.slice(0, 40)}`);
  }
  if (carried === null || typeof carried !== 'object' || Array.isArray(carried))
    throw new Rejection('focus is not a JSON object');
  const quantity = cells.text(c.quantity);
  const row = new JsonCells(FOCUS_CELLS);
  row.o = {
    ...(carried as Record<string, unknown>),
    ChargePeriodStart: `${month}-01T00:00:00Z`,
    EffectiveCost: cells.text(c.cost),
    ConsumedQuantity: quantity,
    Tags: c.tags < 0 ? null : cells.text(c.tags),
  };
  const mapped = mapperFor({ format: 'focus', names: FOCUS_CELLS }, { costColumn: 'EffectiveCost', providerNames })(
    row,
    file,
    line,
  );
  return {
    file,
    line,
    source: 'focus',
    month,
    identity: mapped,
    rows,
    requests: 0,
    input_tokens: mapped.input_tokens,
    output_tokens: mapped.output_tokens,
    cost: mapped.cost ?? 0,
    unpriced_input_tokens: 0,
    unpriced_output_tokens: 0,
    failures: 0,
    latency_bucket: null,
  };
}

/** A count: a whole number ≥ 0 (`12.0` as some warehouses write integers is 12), null is 0. */
function whole(cells: Cells, i: number, name: string): number {
  if (i < 0) return 0;
  const t = cells.text(i);
  if (t === null) return 0;
  const n = checkedNumber(t, name, MAX_COUNT * 1e3, `${name} is negative`) ?? 0;
  if (!Number.isInteger(n)) throw new Rejection(`${name} is not a whole number: ${t}`);
  return n;
}

// As the LiteLLM reader does (cells.ts tagsOf): a cell is read for tags only when it mentions tierplan.
function tagsOf(cells: Cells, a: number, b: number): string[] {
  const read = (i: number): readonly string[] => {
    const t = i < 0 ? null : cells.text(i);
    return t === null || !t.includes('tierplan') ? NO_TAGS : tierplanTagsOfText(t);
  };
  const first = read(a);
  const second = read(b);
  if (second.length === 0) return [...first];
  return [...new Set([...first, ...second])];
}

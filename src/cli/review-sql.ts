// The flags of `review` that go to the data where it lives: --emit-sql prints the aggregation
// for a warehouse (--dialect), and `--usage postgresql://…` runs it in LiteLLM's database; both
// read --source, --table and --column. The query covers the review period and the one before it
// (the portfolio split compares them), pushed down as a time window.
import { DIALECTS, type DialectName } from '../core/sql/dialects.js';
import {
  FOCUS_COLUMNS,
  LITELLM_DAILY_COLUMNS,
  LITELLM_SPEND_COLUMNS,
  renderUsageQuery,
  SQL_SOURCES,
  type SqlSource,
  type UsageQueryOptions,
} from '../core/sql/usage-query.js';
import { UsageError } from '../io/source/errors.js';
import type { CliContext } from './context.js';
import { generator } from './generator.js';
import { resolveAsOf } from './inputs.js';
import { reviewPeriod } from './period.js';

export interface ReviewSqlOptions {
  emitSql?: boolean;
  dialect?: DialectName;
  source?: SqlSource;
  table?: string;
  column?: string[];
  quarter?: string;
  from?: string;
  to?: string;
  asOf?: string;
  /** FOCUS: the cost column, unless --column cost= names another. */
  costColumn?: string;
}

export { DIALECTS, SQL_SOURCES };

/** The roles --column names, per source, for --help and messages. */
export const COLUMN_ROLES: Record<SqlSource, readonly string[]> = {
  litellm: Object.keys(LITELLM_SPEND_COLUMNS),
  daily: Object.keys(LITELLM_DAILY_COLUMNS),
  focus: Object.keys(FOCUS_COLUMNS),
};

/** The query the flags ask for, over the review period and the one before it. */
export function queryOptions(opts: ReviewSqlOptions): UsageQueryOptions {
  const source = opts.source ?? 'litellm';
  const period = reviewPeriod(opts, resolveAsOf(opts.asOf));
  const columns: Record<string, string> = {};
  for (const c of opts.column ?? []) {
    const eq = c.indexOf('=');
    const role = eq < 0 ? '' : c.slice(0, eq).trim();
    const name = eq < 0 ? '' : c.slice(eq + 1).trim();
    if (role === '' || eq < 0)
      throw new UsageError(
        `--column takes ROLE=NAME (e.g. start=created_at; ROLE= for a column the table lacks), got ${JSON.stringify(c)}`,
      );
    if (!COLUMN_ROLES[source].includes(role))
      throw new UsageError(
        `--column ${role}: no such role for --source ${source}; the roles are ${COLUMN_ROLES[source].join(', ')}`,
      );
    columns[role] = name;
  }
  if (source === 'focus' && columns.cost === undefined && opts.costColumn !== undefined) columns.cost = opts.costColumn;
  if (source === 'focus' && opts.table === undefined)
    throw new UsageError('--source focus needs the FOCUS table: --table NAME (e.g. --table billing.focus_export)');
  const table = opts.table === undefined ? undefined : tablePath(opts.table);
  return {
    source,
    ...(table ? { table } : {}),
    ...(Object.keys(columns).length > 0 ? { columns } : {}),
    window: windowOf(period),
  };
}

function tablePath(table: string): string[] {
  const parts = table.split('.');
  if (parts.some((p) => p === ''))
    throw new UsageError(
      `--table takes a name or a dotted path (schema.table, project.dataset.table), got ${JSON.stringify(table)}`,
    );
  return parts;
}

/** From the first day of the period before to the first day after the period, as SQL timestamps. */
function windowOf(period: { from: string; to: string }): { from: string; to: string } {
  const index = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const month = (i: number): string =>
    `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
  const from = index(period.from);
  const to = index(period.to);
  const length = to - from + 1;
  return { from: `${month(from - length)}-01 00:00:00`, to: `${month(to + 1)}-01 00:00:00` };
}

/** `review --emit-sql`: the query on stdout, with how to use its result. */
export function emitSql(ctx: CliContext, opts: ReviewSqlOptions): number {
  const query = queryOptions(opts);
  const dialect = opts.dialect ?? 'postgres';
  const lines = [
    `-- ${generator()}: usage aggregated per use-case identity × deployment identity × month × latency bucket`,
    `-- (aggregate format 1, schemas/usage-aggregate.schema.json), ${dialect} dialect, ${{ litellm: 'LiteLLM spend logs', daily: "LiteLLM's daily rollup", focus: 'a FinOps FOCUS table' }[query.source]},`,
    `-- rows from ${query.window!.from} to before ${query.window!.to} (UTC). Run it where the data lives, save the result`,
    '-- as CSV with its header, then: tierplan review --usage result.csv --usage-format aggregate',
  ];
  ctx.out(`${lines.join('\n')}\n${renderUsageQuery(query, dialect)}`);
  return 0;
}

// How each SQL dialect spells names, literals and the few functions whose spelling differs
// (sql-ast.ts `Fn`). Everything a user names is quoted here: an identifier can hold any
// character, a quote included, and still only name a column.
import type { Expr, Fn } from './sql-ast.js';

export const DIALECTS = ['postgres', 'duckdb', 'bigquery', 'snowflake', 'clickhouse'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  name: DialectName;
  ident(name: string): string;
  string(value: string): string;
  timestamp(iso: string): string;
  fn(f: Fn, args: string[], raw: Expr[]): string;
}

/** Standard SQL quoting: the quote doubled inside. */
const doubled = (q: string) => (s: string) => `${q}${s.split(q).join(q + q)}${q}`;
/** Backslash escapes (BigQuery, ClickHouse): the backslash and the quote escaped. */
const escaped = (q: string) => (s: string) =>
  `${q}${s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r')}${q}`;

const common = (f: Fn, a: string[]): string | undefined => {
  switch (f) {
    case 'lower':
      return `LOWER(${a[0]})`;
    case 'coalesce':
      return `COALESCE(${a.join(', ')})`;
    case 'floor':
      return `FLOOR(${a[0]})`;
    case 'ceil':
      return `CEIL(${a[0]})`;
    case 'ln':
      return `LN(${a[0]})`;
    case 'greatest':
      return `GREATEST(${a.join(', ')})`;
    case 'concat':
      return `CONCAT(${a.join(', ')})`;
    case 'prefix':
      return `SUBSTR(${a[0]}, 1, ${a[1]})`;
    default:
      return undefined;
  }
};

/** The key of a jsonGet, as the dialect's JSON path spells it (`$."key"`). */
const jsonPath = (raw: Expr[]): string => {
  const key = raw[1];
  if (key?.k !== 'str') throw new Error('jsonGet: the key must be a string literal');
  return `$.${JSON.stringify(key.value)}`;
};
const jsonKey = (raw: Expr[]): string => {
  const key = raw[1];
  if (key?.k !== 'str') throw new Error('jsonGet: the key must be a string literal');
  return key.value;
};

const postgres: Dialect = {
  name: 'postgres',
  ident: doubled('"'),
  string: doubled("'"),
  timestamp: (iso) => `TIMESTAMP ${doubled("'")(iso)}`,
  fn(f, a, raw) {
    switch (f) {
      case 'int':
        return `CAST(${a[0]} AS BIGINT)`;
      case 'float':
        return `CAST(${a[0]} AS DOUBLE PRECISION)`;
      case 'text':
        return `CAST(${a[0]} AS TEXT)`;
      case 'jsonString':
        return `CAST(TO_JSON(${a[0]}) AS TEXT)`;
      case 'jsonGet':
        return `CAST(CAST(${a[0]} AS JSONB) -> ${postgres.string(jsonKey(raw))} AS TEXT)`;
      case 'month':
        return `TO_CHAR(${a[0]}, 'YYYY-MM')`;
      case 'epochMs':
        return `FLOOR(EXTRACT(EPOCH FROM ${a[0]}) * 1000)`;
      default:
        return common(f, a)!;
    }
  },
};

const duckdb: Dialect = {
  name: 'duckdb',
  ident: doubled('"'),
  string: doubled("'"),
  timestamp: (iso) => `TIMESTAMP ${doubled("'")(iso)}`,
  fn(f, a, raw) {
    switch (f) {
      case 'int':
        return `CAST(${a[0]} AS BIGINT)`;
      case 'float':
        return `CAST(${a[0]} AS DOUBLE)`;
      case 'text':
        return `CAST(${a[0]} AS VARCHAR)`;
      case 'jsonString':
        return `CAST(to_json(${a[0]}) AS VARCHAR)`;
      case 'jsonGet':
        return `CAST(json_extract(CAST(${a[0]} AS JSON), ${duckdb.string(jsonPath(raw))}) AS VARCHAR)`;
      case 'month':
        return `strftime(${a[0]}, '%Y-%m')`;
      case 'epochMs':
        return `FLOOR(epoch_us(${a[0]}) / 1000)`;
      default:
        return common(f, a)!;
    }
  },
};

const bigquery: Dialect = {
  name: 'bigquery',
  ident: escaped('`'),
  string: escaped("'"),
  timestamp: (iso) => `TIMESTAMP ${escaped("'")(iso)}`,
  fn(f, a, raw) {
    switch (f) {
      case 'int':
        return `CAST(${a[0]} AS INT64)`;
      case 'float':
        return `CAST(${a[0]} AS FLOAT64)`;
      case 'text':
        return `CAST(${a[0]} AS STRING)`;
      case 'jsonString':
        return `CASE WHEN ${a[0]} IS NULL THEN NULL ELSE TO_JSON_STRING(${a[0]}) END`;
      case 'jsonGet':
        return `JSON_QUERY(${a[0]}, ${bigquery.string(jsonPath(raw))})`;
      case 'month':
        return `FORMAT_TIMESTAMP('%Y-%m', ${a[0]})`;
      case 'epochMs':
        return `UNIX_MILLIS(${a[0]})`;
      default:
        return common(f, a)!;
    }
  },
};

// Snowflake reads backslash escapes in single-quoted strings too: both are escaped.
const snowflakeString = (s: string): string => `'${s.replace(/\\/g, '\\\\').split("'").join("''")}'`;
const snowflake: Dialect = {
  name: 'snowflake',
  ident: doubled('"'),
  string: snowflakeString,
  timestamp: (iso) => `TO_TIMESTAMP_NTZ(${snowflakeString(iso)})`,
  fn(f, a, raw) {
    switch (f) {
      case 'int':
        return `CAST(${a[0]} AS BIGINT)`;
      case 'float':
        return `CAST(${a[0]} AS DOUBLE)`;
      case 'text':
        return `TO_VARCHAR(${a[0]})`;
      case 'jsonString':
        return `TO_JSON(TO_VARIANT(${a[0]}))`;
      case 'jsonGet':
        return `TO_JSON(GET(TRY_PARSE_JSON(TO_VARCHAR(${a[0]})), ${snowflakeString(jsonKey(raw))}))`;
      case 'month':
        return `TO_CHAR(${a[0]}, 'YYYY-MM')`;
      case 'epochMs':
        return `DATE_PART(EPOCH_MILLISECOND, ${a[0]})`;
      default:
        return common(f, a)!;
    }
  },
};

const clickhouse: Dialect = {
  name: 'clickhouse',
  ident: escaped('`'),
  string: escaped("'"),
  timestamp: (iso) => `toDateTime64(${escaped("'")(iso)}, 3, 'UTC')`,
  fn(f, a, raw) {
    switch (f) {
      case 'int':
        return `toInt64(${a[0]})`;
      case 'float':
        return `toFloat64(${a[0]})`;
      case 'text':
        return `toString(${a[0]})`;
      case 'jsonString':
        return `if(isNull(${a[0]}), NULL, toJSONString(${a[0]}))`;
      case 'jsonGet':
        return `nullIf(JSONExtractRaw(toString(${a[0]}), ${clickhouse.string(jsonKey(raw))}), '')`;
      case 'month':
        return `formatDateTime(${a[0]}, '%Y-%m', 'UTC')`;
      case 'epochMs':
        return `toUnixTimestamp64Milli(toDateTime64(${a[0]}, 3, 'UTC'))`;
      case 'ln':
        return `log(${a[0]})`;
      case 'ceil':
        return `ceil(${a[0]})`;
      case 'floor':
        return `floor(${a[0]})`;
      // ClickHouse names are case-sensitive but for a few SQL standard ones: the native spellings.
      case 'lower':
        return `lower(${a[0]})`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'greatest':
        return `greatest(${a.join(', ')})`;
      case 'concat':
        return `concat(${a.join(', ')})`;
      case 'prefix':
        return `substring(${a[0]}, 1, ${a[1]})`;
      default:
        return common(f, a)!;
    }
  },
};

export const dialect = (name: DialectName): Dialect => ({ postgres, duckdb, bigquery, snowflake, clickhouse })[name];

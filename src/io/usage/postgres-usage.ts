// `review --usage postgresql://…`: the aggregation pushed down to the database as one query
// (core/sql/usage-query.ts), its records streamed through a cursor into the accumulator as
// groups (aggregate-records.ts), so tierplan's memory holds the groups, never the rows. Read only:
// the query runs in a READ ONLY transaction. The password is never shown (postgres-url.ts).
import pg from 'pg';
import Cursor from 'pg-cursor';
import { AGGREGATE_COLUMNS } from '../../core/review/aggregate-format.js';
import type { UsageAccumulator } from '../../core/review/aggregate.js';
import { DEFAULT_TABLE, renderUsageQuery, type UsageQueryOptions } from '../../core/sql/usage-query.js';
import { UsageError } from '../source/errors.js';
import { addAggregateRecord, aggregateColumns, versionProblem } from './aggregate-records.js';
import { JsonCells } from './cells.js';
import { maskSecrets, maskUrl } from './postgres-url.js';
import type { Tally } from './record-sink.js';

const BATCH = 2000;

export interface PostgresRead {
  /** What was read, as messages show it: the masked URL and the table. */
  shown: string;
  /** Milliseconds from sending the query to its first record: the database's own time, mostly. */
  firstRecordMs: number;
  records: number;
}

/** Runs the aggregation in the database at `url` and adds its records to `acc`. */
export async function readPostgresUsage(
  url: string,
  query: UsageQueryOptions,
  acc: UsageAccumulator,
  tally: Tally,
  providerNames?: Readonly<Record<string, string>>,
  now: () => number = () => performance.now(),
): Promise<PostgresRead> {
  const table = (query.table ?? DEFAULT_TABLE[query.source]).join('.');
  const shown = `${maskUrl(url)} (${table})`;
  const sql = renderUsageQuery(query, 'postgres');
  const client = new pg.Client({ connectionString: url, application_name: 'tierplan review' });
  const fail = (e: unknown, doing: string): never => {
    throw new UsageError(`${doing} ${shown}: ${maskSecrets(explain(e, query), url)}`);
  };
  // A broken connection after connect is reported as an error event: caught here, not thrown.
  client.on('error', () => {});
  await client.connect().catch((e: unknown) => fail(e, 'cannot connect to'));
  try {
    // Months are UTC whatever the server's time zone; nothing is written. PostgreSQL's planner
    // groups by sorting every row on the group's text keys (it expects few rows per group);
    // hashing them is three times as fast (bench/README.md): this session only is told to hash.
    for (const setting of ["SET TIME ZONE 'UTC'", "SET work_mem = '256MB'", 'SET enable_sort = off'])
      await client.query(setting).catch((e: unknown) => fail(e, 'cannot set up a session on'));
    await client.query('BEGIN TRANSACTION READ ONLY').catch((e: unknown) => fail(e, 'cannot read'));
    const started = now();
    const cursor = client.query(new Cursor<Record<string, unknown>>(sql));
    const cells = new JsonCells([...AGGREGATE_COLUMNS]);
    const columns = aggregateColumns([...AGGREGATE_COLUMNS]);
    let records = 0;
    let firstRecordMs = 0;
    for (;;) {
      const rows = await cursor.read(BATCH).catch((e: unknown) => fail(e, 'the aggregation query failed on'));
      if (records === 0) firstRecordMs = now() - started;
      if (rows.length === 0) break;
      for (const row of rows) {
        records++;
        cells.o = row;
        if (records === 1) {
          const problem = versionProblem(cells, columns);
          if (problem !== undefined) throw new Error(`the generated query returned ${problem}`);
        }
        addAggregateRecord(cells, columns, shown, records, acc, tally, providerNames);
      }
    }
    await cursor.close();
    await client.query('COMMIT').catch(() => {});
    return { shown, firstRecordMs, records };
  } finally {
    await client.end().catch(() => {});
  }
}

/** What the database said, with what to do about the usual causes. */
function explain(e: unknown, query: UsageQueryOptions): string {
  const err = e as { message?: string; code?: string };
  const message = err.message ?? String(e);
  switch (err.code) {
    case '42P01':
      return `${message} (name the table with --table, e.g. --table public.${DEFAULT_TABLE[query.source].join('.')})`;
    case '42703':
      return `${message} (name the table's columns with --column ROLE=NAME; \`tierplan review --help\` lists the roles)`;
    case '28P01':
    case '28000':
      return `${message} (check the user and password: in the URL or PGUSER/PGPASSWORD)`;
    case 'ECONNREFUSED':
      return `${message} (is PostgreSQL running there? check the host and port: in the URL or PGHOST/PGPORT)`;
    default:
      return message;
  }
}

// DuckDB in-process for the SQL tests: runs the `duckdb` dialect of the queries review emits.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export async function withDuckDb<T>(run: (db: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    return await run(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The rows of a query as plain objects (numbers as JS values, big integers as strings). */
export async function rowsOf(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

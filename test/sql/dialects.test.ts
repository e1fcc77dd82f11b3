// The aggregation in every dialect: goldens (UPDATE_GOLDEN=1 rewrites them; review the diff),
// each checked by node-sql-parser's grammar for that dialect (ClickHouse through its MySQL-like
// grammar, the closest it has), names a user gives quoted so that they stay one name, and the
// duckdb dialect run by DuckDB on a table whose names hold quotes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { DIALECTS, dialect, type DialectName } from '../../src/core/sql/dialects.js';
import { latencyBucket } from '../../src/core/review/latency-histogram.js';
import { renderExpr } from '../../src/core/sql/render.js';
import { col } from '../../src/core/sql/sql-ast.js';
import { latencyBucketSql, renderUsageQuery, SQL_SOURCES } from '../../src/core/sql/usage-query.js';
import { rowsOf, withDuckDb } from '../support/duckdb.js';

const WINDOW = { from: '2025-10-01 00:00:00', to: '2026-04-01 00:00:00' };
const GRAMMAR: Record<DialectName, string> = {
  postgres: 'postgresql',
  duckdb: 'postgresql',
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  clickhouse: 'mysql',
};
const parser = new Parser();
const goldens = new URL('goldens/', import.meta.url);

describe('the aggregation SQL per dialect', () => {
  for (const d of DIALECTS)
    for (const source of SQL_SOURCES)
      it(`${d}, ${source}: golden, and parsed by its grammar`, () => {
        const sql = renderUsageQuery({ source, window: WINDOW }, d);
        const file = new URL(`${d}-${source}.sql`, goldens);
        if (process.env.UPDATE_GOLDEN) {
          mkdirSync(goldens, { recursive: true });
          writeFileSync(file, sql);
        }
        expect(sql).toBe(readFileSync(file, 'utf8'));
        const ast = parser.astify(sql, { database: GRAMMAR[d] });
        expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
      });

  it('a hostile table name stays one name in every dialect', () => {
    const evil = 'spend; DROP TABLE users; --';
    for (const d of DIALECTS) {
      const sql = renderUsageQuery({ source: 'litellm', table: ['audit', evil] }, d);
      const tables = parser.tableList(sql, { database: GRAMMAR[d] });
      expect(tables, d).toEqual([`select::audit::${evil}`]);
    }
  });

  it('string literals and identifiers escape their quotes (and backslashes where the dialect reads them)', () => {
    const s = (d: DialectName, v: string): string => dialect(d).string(v);
    const i = (d: DialectName, v: string): string => dialect(d).ident(v);
    expect(s('postgres', "it's \\")).toBe("'it''s \\'");
    expect(s('duckdb', "it's")).toBe("'it''s'");
    expect(s('snowflake', "it's \\")).toBe("'it''s \\\\'");
    expect(s('bigquery', "it's \\")).toBe("'it\\'s \\\\'");
    expect(s('clickhouse', "it's \\\n")).toBe("'it\\'s \\\\\\n'");
    expect(i('postgres', 'a"b')).toBe('"a""b"');
    expect(i('snowflake', 'a"b')).toBe('"a""b"');
    expect(i('bigquery', 'a`b')).toBe('`a\\`b`');
    expect(i('clickhouse', 'a`b\\')).toBe('`a\\`b\\\\`');
  });

  it('DuckDB runs the query on a table and columns whose names hold quotes', async () => {
    const rows = await withDuckDb(async (db) => {
      await db.run(`CREATE SCHEMA "o'k"`);
      await db.run(
        `CREATE TABLE "o'k"."spend""logs" ("req id" VARCHAR, "start""" TIMESTAMP, "endTime" TIMESTAMP, request_duration_ms INTEGER, model_group VARCHAR, model_id VARCHAR, model VARCHAR, custom_llm_provider VARCHAR, api_base VARCHAR, prompt_tokens INTEGER, completion_tokens INTEGER, spend DOUBLE, status VARCHAR, request_tags JSON, metadata JSON)`,
      );
      await db.run(
        `INSERT INTO "o'k"."spend""logs" VALUES ('a', TIMESTAMP '2026-01-02 03:04:05.678', TIMESTAMP '2026-01-02 03:04:06.678', NULL, 'crm', NULL, 'gpt-5-mini', 'openai', NULL, 10, 5, 0.25, 'success', '["tierplan-uc:crm"]', '{"requester_metadata": {"tierplan_tier": "api"}}')`,
      );
      return rowsOf(
        db,
        renderUsageQuery(
          {
            source: 'litellm',
            table: ["o'k", 'spend"logs'],
            columns: { request_id: 'req id', start: 'start"' },
            window: WINDOW,
          },
          'duckdb',
        ),
      );
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tierplan_aggregate: 1,
      month: '2026-01',
      model_group: 'crm',
      rows: '1',
      input_tokens: '10',
      cost: 0.25,
      latency_bucket: '142',
      tags: '["tierplan-uc:crm"]',
      example: 'a',
    });
    expect(JSON.parse(String(rows[0]!.metadata_tags))).toEqual([
      null,
      { tierplan_tier: 'api' },
      null,
      null,
      { 'tierplan-uc': null, tierplan_uc: null, 'tierplan-tier': null, tierplan_tier: null },
    ]);
  });

  it('DuckDB puts every latency in the bucket tierplan does (0 ms to 2,000,000 ms, and beyond)', {
    timeout: 60_000,
  }, async () => {
    const expr = renderExpr(latencyBucketSql(col('x')), dialect('duckdb'));
    const differing = await withDuckDb((db) =>
      rowsOf(
        db,
        `SELECT x, b FROM (SELECT x, ${expr} AS b FROM (SELECT CAST(range AS BIGINT) AS x FROM range(0, 2000000) UNION ALL SELECT CAST(pow(1.05, range) AS BIGINT) FROM range(0, 600)) AS t) AS u ORDER BY x`,
      ),
    );
    const wrong = differing.filter((r) => Number(r.b) !== latencyBucket(Number(r.x)));
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

// `review --usage postgresql://…` against a real PostgreSQL holding LiteLLM's own tables
// (fixtures/litellm-schema.sql, from LiteLLM's schema.prisma): the pushed-down review equals the
// review of the raw export of the same rows; the daily rollups read; credentials never shown.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computeReview } from '../../src/core/review/review.js';
import type { Review } from '../../src/core/review/review-types.js';
import { latencyBucket } from '../../src/core/review/latency-histogram.js';
import { dialect } from '../../src/core/sql/dialects.js';
import { renderExpr } from '../../src/core/sql/render.js';
import { col } from '../../src/core/sql/sql-ast.js';
import { latencyBucketSql, type UsageQueryOptions } from '../../src/core/sql/usage-query.js';
import { readUsageTotals } from '../../src/pipeline/review.js';
import { tierplan } from '../e2e/run-cli.js';
import { INVENTORY, plan } from '../review/fixture.js';
import { postgresBinaries, startPostgres, type Postgres } from '../support/postgres.js';
import { charges, focusCsv } from './focus-rows.js';
import { exportCsv, merged, spendLogs, tableCsv, type SpendLog } from './spend-log-rows.js';

const bin = postgresBinaries();
const WINDOW = { from: '2025-10-01 00:00:00', to: '2026-04-01 00:00:00' };
const PERIOD = { from: '2026-01', to: '2026-03' };
const dir = mkdtempSync(join(tmpdir(), 'tierplan-pg-test-'));
let pg: Postgres;

beforeAll(async () => {
  if (!bin) return;
  pg = await startPostgres(bin);
  pg.psql(['-f', new URL('fixtures/litellm-schema.sql', import.meta.url).pathname]);
}, 120_000);
afterAll(() => {
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The rows as LiteLLM's NOT NULL columns allow them (a start and an end, tokens and spend), inside the window. */
function storable(rows: SpendLog[]): SpendLog[] {
  const from = Date.parse(`${WINDOW.from.replace(' ', 'T')}Z`);
  const to = Date.parse(`${WINDOW.to.replace(' ', 'T')}Z`);
  return rows
    .filter((r) => r.start !== null && r.start >= from && r.start < to)
    .map((r) => ({
      ...r,
      end: r.end ?? r.start,
      prompt_tokens: r.prompt_tokens ?? 0,
      completion_tokens: r.completion_tokens ?? 0,
      spend: r.spend ?? 0,
      model: r.model ?? '',
    }));
}

let batch = 0;
function load(rows: SpendLog[]): void {
  batch++;
  const file = join(dir, `table-${batch}.csv`);
  writeFileSync(file, tableCsv(rows));
  pg.psql(
    [],
    [
      'TRUNCATE "LiteLLM_SpendLogs";',
      'CREATE TEMP TABLE staged (request_id text, "startTime" timestamp(3), "endTime" timestamp(3), request_duration_ms integer, model_group text, model_id text, model text, custom_llm_provider text, api_base text, prompt_tokens integer, completion_tokens integer, spend double precision, status text, request_tags jsonb, metadata jsonb);',
      `\\copy staged FROM '${file}' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (model))`,
      `INSERT INTO "LiteLLM_SpendLogs" (request_id, call_type, "startTime", "endTime", request_duration_ms, model_group, model_id, model, custom_llm_provider, api_base, prompt_tokens, completion_tokens, spend, status, request_tags, metadata) SELECT request_id, 'acompletion', "startTime", "endTime", request_duration_ms, model_group, model_id, model, custom_llm_provider, api_base, prompt_tokens, completion_tokens, spend, status, request_tags, metadata FROM staged;`,
    ].join('\n'),
  );
}

async function reviewOf(
  usage: string,
  query: Omit<UsageQueryOptions, 'window'> = { source: 'litellm' },
): Promise<Review> {
  const totals = await readUsageTotals(DEFAULT_POLICY, {
    files: [usage],
    useCases: INVENTORY.use_cases.map((u) => u.id),
    costColumn: 'EffectiveCost',
    query: { ...query, window: WINDOW },
  });
  return computeReview({
    plan: plan(),
    inventory: INVENTORY,
    policy: DEFAULT_POLICY,
    aggregate: totals.aggregate,
    counts: totals.read.counts,
    rejected: totals.read.rejected,
    period: PERIOD,
  });
}

const located = (r: Review): unknown =>
  JSON.parse(
    JSON.stringify(r, (k, v: unknown) =>
      k === 'first_rows'
        ? (v as unknown[]).length > 0
        : typeof v === 'string'
          ? v.replace(/ \(first: .*\)$/, ' (first: …)')
          : v,
    ),
  );

describe.skipIf(!bin)('review straight from LiteLLM’s PostgreSQL', () => {
  it('equals the review of the raw export of the same rows (generated rows)', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(spendLogs, async (generated) => {
        const rows = storable(generated);
        load(rows);
        const raw = join(dir, `export-${batch}.csv`);
        writeFileSync(raw, exportCsv(rows));
        const [fromDb, fromRaw] = [await reviewOf(pg.url), await reviewOf(raw)];
        expect(located(fromDb)).toEqual(located(fromRaw));
      }),
      { numRuns: Number(process.env.TIERPLAN_PROPERTY_RUNS ?? 10) },
    );
  });

  it('--source focus: a FOCUS table in PostgreSQL reviews as its CSV export does (generated charges)', {
    timeout: 180_000,
  }, async () => {
    // FOCUS's column names and types; a FOCUS 1.0 table without the optional SkuId, SkuMeter, RegionName.
    pg.psql(
      [],
      'CREATE TABLE IF NOT EXISTS focus ("ChargePeriodStart" timestamp(3), "EffectiveCost" double precision, "ConsumedQuantity" double precision, "ConsumedUnit" text, "SkuPriceDetails" jsonb, "ResourceId" text, "ResourceName" text, "ServiceName" text, "ProviderName" text, "RegionId" text, "Tags" jsonb, "ServiceCategory" text, "ChargeDescription" text);',
    );
    await fc.assert(
      fc.asyncProperty(charges, async (generated) => {
        // ChargePeriodStart is required by FOCUS; the window keeps a row without one out of the query.
        const rows = generated.filter((r) => r.start !== null);
        batch++;
        const table = join(dir, `focus-table-${batch}.csv`);
        const raw = join(dir, `focus-export-${batch}.csv`);
        writeFileSync(table, focusCsv(rows, true));
        writeFileSync(raw, focusCsv(rows));
        pg.psql([], ['TRUNCATE focus;', `\\copy focus FROM '${table}' WITH (FORMAT csv, HEADER true)`].join('\n'));
        const fromDb = await reviewOf(pg.url, {
          source: 'focus',
          table: ['focus'],
          columns: { sku_id: '', sku_meter: '', region_name: '' },
        });
        expect(located(fromDb)).toEqual(located(await reviewOf(raw)));
      }),
      { numRuns: Number(process.env.TIERPLAN_PROPERTY_RUNS ?? 10) },
    );
  });

  it('the CLI reads the database, says how long it took, and never shows the password', () => {
    load(storable(merged(fc.sample(spendLogs, { numRuns: 5, seed: 7 }))));
    const out = join(dir, 'out');
    const r = tierplan([
      'review',
      '--usage',
      pg.url,
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      'examples/tierplan.policy.yaml',
      '--quarter',
      '2026-Q1',
      '--out',
      out,
      '--fail-on',
      'none',
    ]);
    expect(r.stderr).toContain(`postgresql://tierplan:***@127.0.0.1:${pg.port}/tierplan (LiteLLM_SpendLogs)`);
    expect(r.stderr).toMatch(/aggregate records?; the database took \d+\.\d s/);
    expect(r.code).toBe(0);
    const review = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8')) as Review;
    expect(review.counts.read).toBeGreaterThan(0);
    expect(`${r.stdout}${r.stderr}${readFileSync(join(out, 'review.md'), 'utf8')}`).not.toContain(pg.password);
  });

  it('--usage-db: the database the policy names, its URL from the environment variable it gives', () => {
    const policy = join(dir, 'usage-db.policy.yaml');
    writeFileSync(
      policy,
      `${readFileSync('examples/tierplan.policy.yaml', 'utf8')}\nreview:\n  databases:\n    litellm-prod:\n      url_env: TIERPLAN_TEST_LITELLM_URL\n`,
    );
    const args = ['review', '--usage-db', 'litellm-prod', '--inventory', 'examples/inventory.yaml', '--policy', policy];
    const more = ['--quarter', '2026-Q1', '--format', 'json', '--fail-on', 'none'];
    const r = tierplan([...args, ...more], { env: { TIERPLAN_TEST_LITELLM_URL: pg.url } });
    expect(r.stderr).toContain(`postgresql://tierplan:***@127.0.0.1:${pg.port}/tierplan`);
    expect(r.stderr).not.toContain(pg.password);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Review).counts.read).toBeGreaterThan(0);
  });

  it('PG* environment variables fill in what the URL leaves out', () => {
    const r = tierplan(
      [
        'review',
        '--usage',
        'postgresql://',
        '--inventory',
        'examples/inventory.yaml',
        '--policy',
        'examples/tierplan.policy.yaml',
        '--quarter',
        '2026-Q1',
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      {
        env: {
          PGHOST: '127.0.0.1',
          PGPORT: String(pg.port),
          PGUSER: 'tierplan',
          PGPASSWORD: pg.password,
          PGDATABASE: 'tierplan',
        },
      },
    );
    expect(r.stderr).not.toContain(pg.password);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Review).counts.read).toBeGreaterThan(0);
  });

  it('a wrong password, table or column: exit 2, what to do, the password masked', () => {
    const wrong = pg.url.replace(pg.password, 'not-the-password');
    const base = [
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      'examples/tierplan.policy.yaml',
      '--quarter',
      '2026-Q1',
    ];
    const auth = tierplan(['review', '--usage', wrong, ...base]);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toContain('postgresql://tierplan:***@');
    expect(auth.stderr).toContain('check the user and password');
    expect(auth.stderr).not.toContain('not-the-password');
    const table = tierplan(['review', '--usage', pg.url, '--table', 'litellm.spend', ...base]);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('--table');
    expect(table.stderr).not.toContain(pg.password);
    const column = tierplan(['review', '--usage', pg.url, '--column', 'start=created_at', ...base]);
    expect(column.code).toBe(2);
    expect(column.stderr).toContain('created_at');
    expect(column.stderr).toContain('--column ROLE=NAME');
  });

  it('--source daily reads the daily rollup: requests, tokens, spend and failures, no latency', async () => {
    pg.psql(
      [],
      [
        'TRUNCATE "LiteLLM_DailyTeamSpend";',
        `INSERT INTO "LiteLLM_DailyTeamSpend" (id, team_id, date, api_key, model, model_group, custom_llm_provider, endpoint, prompt_tokens, completion_tokens, spend, api_requests, successful_requests, failed_requests, updated_at) VALUES
          ('a', 't1', '2026-01-03', 'k1', 'gpt-5-mini', 'crm', 'openai', NULL, 1000, 200, 0.5, 10, 9, 1, now()),
          ('b', 't2', '2026-01-04', 'k2', 'gpt-5-mini', 'crm', 'openai', NULL, 3000, 600, 1.5, 30, 30, 0, now()),
          ('c', 't1', '2026-02-01', 'k1', 'gpt-5-mini', 'crm', 'openai', NULL, 100, 20, 0.25, 2, 2, 0, now()),
          ('d', 't1', '2026-06-01', 'k1', 'gpt-5-mini', 'crm', 'openai', NULL, 100, 20, 0.25, 2, 2, 0, now());`,
      ].join('\n'),
    );
    const r = await reviewOf(pg.url, { source: 'daily' });
    const jan = r.usage.find((c) => c.use_case === 'crm' && c.month === '2026-01');
    expect(jan).toMatchObject({
      requests: 40,
      input_tokens: 4000,
      output_tokens: 800,
      cost: 2,
      failures: 1,
      p95_latency_ms: null,
    });
    expect(r.usage.find((c) => c.month === '2026-02')?.requests).toBe(2);
    // June is outside the window pushed down.
    expect(r.counts.read).toBe(3);
  });

  it('PostgreSQL puts every latency in the bucket tierplan does (as the query types it: numeric)', () => {
    const expr = renderExpr(latencyBucketSql(col('x')), dialect('postgres'));
    const out = pg.psql([
      '-At',
      '-F',
      ',',
      '-c',
      `SELECT x, ${expr} FROM (SELECT FLOOR(g + 0.5) AS x FROM generate_series(0, 1000000) AS g UNION ALL SELECT FLOOR(pow(1.05, g)) FROM generate_series(0, 600) AS g) AS t`,
    ]);
    const wrong = out
      .trim()
      .split('\n')
      .map((l) => l.split(',').map(Number) as [number, number])
      .filter(([x, b]) => b !== latencyBucket(x));
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

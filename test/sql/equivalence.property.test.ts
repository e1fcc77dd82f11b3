// The same answer everywhere: a review from a raw LiteLLM spend-log export and from the
// aggregate that the emitted `duckdb` SQL computes over the same rows in a typed table produce
// the same review.json (but for the locations of the example rows, which name different files).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computeReview } from '../../src/core/review/review.js';
import type { Review } from '../../src/core/review/review-types.js';
import { renderUsageQuery } from '../../src/core/sql/usage-query.js';
import { readUsageTotals } from '../../src/pipeline/review.js';
import { INVENTORY, plan } from '../review/fixture.js';
import { withDuckDb } from '../support/duckdb.js';
import { charges, FOCUS_DUCKDB_TYPES, focusCsv, type Charge } from './focus-rows.js';
import { DUCKDB_TYPES, exportCsv, merged, spendLogs, tableCsv } from './spend-log-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'tierplan-sql-eq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reviewOf(file: string, format?: 'aggregate'): Promise<Review> {
  const usage = await readUsageTotals(DEFAULT_POLICY, {
    files: [file],
    useCases: INVENTORY.use_cases.map((u) => u.id),
    costColumn: 'EffectiveCost',
    ...(format ? { format } : {}),
  });
  return computeReview({
    plan: plan(),
    inventory: INVENTORY,
    policy: DEFAULT_POLICY,
    aggregate: usage.aggregate,
    counts: usage.read.counts,
    rejected: usage.read.rejected,
    period: { from: '2026-01', to: '2026-03' },
  });
}

/**
 * review.json without where its example rows are: file:line, and how many (a file's bad rows are
 * sampled one by one, the query's one per reason).
 */
const located = (r: Review): unknown =>
  JSON.parse(
    JSON.stringify(r, (k, v: unknown) =>
      k === 'first_rows'
        ? (v as unknown[]).length > 0
        : typeof v === 'string'
          ? v
              .split(dir)
              .join('<dir>')
              .replace(/<dir>\/[a-z]+-\d+\.csv:\d+(, <dir>\/[a-z]+-\d+\.csv:\d+)*/g, '<rows>')
          : v,
    ),
  );

let run = 0;
async function bothWays(rows: Parameters<typeof exportCsv>[0]): Promise<[Review, Review]> {
  run++;
  const raw = join(dir, `export-${run}.csv`);
  const table = join(dir, `table-${run}.csv`);
  const agg = join(dir, `aggregate-${run}.csv`);
  writeFileSync(raw, exportCsv(rows));
  writeFileSync(table, tableCsv(rows));
  await withDuckDb(async (db) => {
    const types = Object.entries(DUCKDB_TYPES)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(', ');
    await db.run(
      `CREATE TABLE "LiteLLM_SpendLogs" AS SELECT * FROM read_csv('${table}', header = true, columns = {${types}}, nullstr = '')`,
    );
    const sql = renderUsageQuery({ source: 'litellm' }, 'duckdb');
    await db.run(`COPY (${sql}) TO '${agg}' (HEADER, DELIMITER ',')`);
  });
  return [await reviewOf(raw), await reviewOf(agg, 'aggregate')];
}

describe('review from the raw export = review from the emitted SQL’s aggregate', () => {
  it('a fixed sample with every quirk', async () => {
    const [fromRaw, fromAggregate] = await bothWays(merged(fc.sample(spendLogs, { numRuns: 20, seed: 42 })));
    // The sample exercises what the equality is about: cells with a p95, failures, bad and unattributed rows, evidence.
    expect(fromRaw.usage.some((c) => c.p95_latency_ms !== null)).toBe(true);
    expect(fromRaw.usage.some((c) => c.failures > 0)).toBe(true);
    expect(fromRaw.counts.unreadable).toBeGreaterThan(0);
    expect(fromRaw.counts.unplaced + fromRaw.counts.unattributed).toBeGreaterThan(0);
    expect(fromRaw.findings.some((f) => f.kind === 'label-mismatch' || f.kind === 'use-case-mismatch')).toBe(true);
    expect(located(fromAggregate)).toEqual(located(fromRaw));
  });

  it('property: generated rows', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(spendLogs, async (rows) => {
        const [fromRaw, fromAggregate] = await bothWays(rows);
        expect(located(fromAggregate)).toEqual(located(fromRaw));
      }),
      { numRuns: Number(process.env.TIERPLAN_PROPERTY_RUNS ?? 25) },
    );
  });
});

async function focusBothWays(rows: Charge[]): Promise<[Review, Review]> {
  run++;
  const raw = join(dir, `focus-${run}.csv`);
  const table = join(dir, `focustable-${run}.csv`);
  const agg = join(dir, `aggregate-${run}.csv`);
  writeFileSync(raw, focusCsv(rows));
  writeFileSync(table, focusCsv(rows, true));
  await withDuckDb(async (db) => {
    const types = Object.entries(FOCUS_DUCKDB_TYPES)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(', ');
    await db.run(
      `CREATE TABLE focus AS SELECT * FROM read_csv('${table}', header = true, columns = {${types}}, nullstr = '')`,
    );
    // A FOCUS 1.0 table without the optional SkuId, SkuMeter and RegionName columns.
    const sql = renderUsageQuery(
      { source: 'focus', table: ['focus'], columns: { sku_id: '', sku_meter: '', region_name: '' } },
      'duckdb',
    );
    await db.run(`COPY (${sql}) TO '${agg}' (HEADER, DELIMITER ',')`);
  });
  return [await reviewOf(raw), await reviewOf(agg, 'aggregate')];
}

describe('FOCUS: review from the export = review from the emitted SQL’s aggregate', () => {
  it('a fixed sample: tokens, providers and tags read the same', async () => {
    const [fromRaw, fromAggregate] = await focusBothWays(
      fc
        .sample(charges, { numRuns: 10, seed: 3 })
        .flat()
        .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity)),
    );
    expect(fromRaw.usage.some((c) => c.input_tokens + c.output_tokens > 0 && c.rows_without_requests > 0)).toBe(true);
    expect(fromRaw.counts.unreadable).toBeGreaterThan(0);
    expect(located(fromAggregate)).toEqual(located(fromRaw));
  });

  it('property: generated charges', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(charges, async (rows) => {
        const [fromRaw, fromAggregate] = await focusBothWays(rows);
        expect(located(fromAggregate)).toEqual(located(fromRaw));
      }),
      { numRuns: Number(process.env.TIERPLAN_PROPERTY_RUNS ?? 25) },
    );
  });
});

// `tierplan review` on large LiteLLM spend-log exports (1M rows CSV, 1M rows JSONL, 5M rows CSV),
// against DuckDB (`@duckdb/node-api`, a dependency of bench/package.json only) running the same
// aggregation (model_group × month of startTime × tier tag: prompt/completion tokens, spend, count,
// failures and an approximate p95 latency, as tierplan computes them)
// with read_csv / read_json on the same file, in the same run. Wall time and peak RSS of each side
// come from `/usr/bin/time -f "%e %M"`; DuckDB runs in a child process (this file with --duckdb)
// so that its peak RSS is its own.
//
// The exports come from review-data.mjs (seeded, streamed to bench/.data/, reused while their
// parameters match). The 5M-row CSV (~1.4 GB) is part of the
// default run; BENCH_REVIEW_5M=0 leaves it out. Without `cd bench && npm install`, DuckDB is
// skipped with a note and only tierplan is timed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin, root } from './lib.mjs';
import { ensure, INVENTORY, POLICY, routes } from './review-data.mjs';

const SELF = fileURLToPath(import.meta.url);
const HAS_TIME = existsSync('/usr/bin/time');

/**
 * Runs a command once; returns { s: wall seconds, mb: peak RSS in MB or null, cpu: user + system
 * seconds or null, load: the 1-minute load average just before, stdout }. The machine is shared:
 * the load average and CPU time tell a slow run from a busy machine.
 */
function measure(args) {
  const out = join(tmpdir(), `tierplan-bench-time-${process.pid}`);
  const cmd = HAS_TIME ? '/usr/bin/time' : 'node';
  const full = HAS_TIME ? ['-f', '%e %M %U %S', '-o', out, 'node', ...args] : args;
  const load = loadavg()[0];
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let mb = null;
  let cpu = null;
  if (HAS_TIME) {
    const last = readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
    rmSync(out, { force: true });
    const [, kb, user, sys] = last.split(' ').map(Number);
    if (Number.isFinite(kb)) mb = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpu = user + sys;
  }
  return { s, mb, cpu, load, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const SQL = (source) => `
  SELECT model_group,
         strftime(CAST("startTime" AS TIMESTAMP), '%Y-%m') AS month,
         regexp_extract(CAST(request_tags AS VARCHAR), 'tierplan-tier:([A-Za-z0-9_.-]+)', 1) AS tier,
         sum(prompt_tokens)::BIGINT AS prompt_tokens, sum(completion_tokens)::BIGINT AS completion_tokens,
         sum(spend)::DOUBLE AS spend, count(*)::BIGINT AS requests,
         count(*) FILTER (WHERE status <> 'success')::BIGINT AS failures,
         approx_quantile(epoch_ms(CAST("endTime" AS TIMESTAMP)) - epoch_ms(CAST("startTime" AS TIMESTAMP)), 0.95) AS p95_latency_ms
  FROM ${source}
  WHERE CAST("startTime" AS TIMESTAMP) >= TIMESTAMP '2026-07-01' AND CAST("startTime" AS TIMESTAMP) < TIMESTAMP '2026-10-01'
  GROUP BY ALL ORDER BY ALL`;

/** Child mode: `node bench/review.bench.mjs --duckdb <file> <csv|jsonl>` prints the group count and total rows. */
async function duckdbChild(file, kind) {
  let api;
  try {
    api = await import('@duckdb/node-api');
  } catch (err) {
    process.stderr.write(`DuckDB unavailable: ${err.message}\n`);
    process.exit(3);
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const path = file.replace(/'/g, "''");
  const source =
    kind === 'csv' ? `read_csv('${path}', header = true)` : `read_json('${path}', format = 'newline_delimited')`;
  const reader = await conn.runAndReadAll(SQL(source));
  const rows = reader.getRowObjectsJS();
  const total = rows.reduce((a, r) => a + Number(r.requests), 0);
  process.stdout.write(`${JSON.stringify({ groups: rows.length, requests: total })}\n`);
}

export async function run() {
  const dir = join(root, 'bench', '.data');
  mkdirSync(dir, { recursive: true });
  const targets = await routes();
  const cases = [
    { rows: 1_000_000, kind: 'csv', file: join(dir, 'spend-logs-1m.csv'), seed: 11 },
    { rows: 1_000_000, kind: 'jsonl', file: join(dir, 'spend-logs-1m.jsonl'), seed: 12 },
  ];
  if (process.env.BENCH_REVIEW_5M !== '0')
    cases.push({ rows: 5_000_000, kind: 'csv', file: join(dir, 'spend-logs-5m.csv'), seed: 13 });
  const results = [];
  let duckdbNote = null;
  for (const c of cases) {
    const bytes = ensure(c.file, c.rows, c.kind, targets, c.seed);
    const label = `review, ${c.rows / 1e6}M rows LiteLLM ${c.kind.toUpperCase()} (${(bytes / 1e9).toFixed(2)} GB)`;
    const review = [
      bin,
      'review',
      '--usage',
      c.file,
      '--inventory',
      INVENTORY,
      '--policy',
      POLICY,
      '--as-of',
      '2026-11-24',
      '--from',
      '2026-07',
      '--to',
      '2026-09',
      '--format',
      'json',
      '--fail-on',
      'none',
    ];
    const tp = measure(review);
    if (tp.status !== 0) throw new Error(`tierplan review exited ${tp.status}: ${tp.stderr}`);
    const counts = JSON.parse(tp.stdout).counts;
    if (counts.read !== c.rows) throw new Error(`tierplan review read ${counts.read} rows of ${c.rows}`);
    const mem = (m) => (m === null ? 'peak n/a' : `peak ${m.toFixed(0)} MB`);
    const how = (r) =>
      `${mem(r.mb)}; CPU ${r.cpu === null ? 'n/a' : `${r.cpu.toFixed(2)} s`}; load avg ${r.load.toFixed(2)} before`;
    results.push([
      `${label}: tierplan`,
      `${tp.s.toFixed(2)} s`,
      `${how(tp)}; ${counts.aggregated.toLocaleString('en-US')} rows aggregated`,
    ]);
    if (duckdbNote) continue;
    const db = measure([SELF, '--duckdb', c.file, c.kind]);
    if (db.status === 3) {
      duckdbNote = `DuckDB skipped: @duckdb/node-api is not installed (cd bench && npm install) — ${db.stderr.trim().split('\n')[0]}`;
      console.error(`review bench: ${duckdbNote}`);
      continue;
    }
    if (db.status !== 0) throw new Error(`DuckDB child exited ${db.status}: ${db.stderr}`);
    const { groups, requests } = JSON.parse(db.stdout.trim().split('\n').pop());
    results.push([
      `${label}: DuckDB read_${c.kind === 'csv' ? 'csv' : 'json'}, same aggregation`,
      `${db.s.toFixed(2)} s`,
      `${how(db)}; ${groups} groups, ${requests.toLocaleString('en-US')} rows`,
    ]);
    const ratio = tp.s / db.s;
    const memRatio = tp.mb && db.mb ? `, peak RSS ${(tp.mb / db.mb).toFixed(2)}×` : '';
    results.push([
      `${label}: tierplan / DuckDB`,
      `${ratio.toFixed(2)}×`,
      `wall (goal ≤ 0.67×, i.e. 1.5× faster)${memRatio}`,
    ]);
  }
  if (duckdbNote) results.push(['review vs DuckDB', 'skipped', duckdbNote]);
  return results;
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--duckdb') await duckdbChild(process.argv[3], process.argv[4]);
  else for (const [name, result, note] of await run()) console.log(`| ${name} | ${result} | ${note} |`);
}

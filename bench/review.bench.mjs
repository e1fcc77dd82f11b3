// `tierplan review` on large LiteLLM spend-log exports (1M rows CSV, 1M rows JSONL, 5M rows CSV),
// against DuckDB (`@duckdb/node-api`, a dependency of bench/package.json only) running the same
// aggregation (model_group × month of startTime × tier tag: prompt/completion tokens, spend, count)
// with read_csv / read_json on the same file, in the same run. Wall time and peak RSS of each side
// come from `/usr/bin/time -f "%e %M"`; DuckDB runs in a child process (this file with --duckdb)
// so that its peak RSS is its own.
//
// The exports are generated with the seeded PRNG, streamed to bench/.data/ (never held in memory)
// and reused by later runs while their parameters match. The 5M-row CSV (~1.4 GB) is part of the
// default run; BENCH_REVIEW_5M=0 leaves it out. Without `cd bench && npm install`, DuckDB is
// skipped with a note and only tierplan is timed.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin, rng, root } from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const INVENTORY = join(root, 'examples', 'inventory.yaml');
const POLICY = join(root, 'examples', 'tierplan.policy.yaml');
const MONTHS = ['2026-07', '2026-08', '2026-09'];
const HEADER = 'request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status';
const FORMAT_VERSION = 1; // bump when the generator changes, so cached files are regenerated

const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pad2 = (n) => (n < 10 ? `0${n}` : String(n));

/** The example's production use cases with their tier and deployment, as `tierplan plan` places them. */
async function routes() {
  const res = spawnSync('node', [bin, 'plan', '--inventory', INVENTORY, '--policy', POLICY, '--as-of', '2026-11-24', '--format', 'json'], { maxBuffer: 1 << 28, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`tierplan plan exited ${res.status}: ${res.stderr}`);
  const plan = JSON.parse(res.stdout);
  const { DEFAULT_POLICY } = await import(new URL('../dist/core/default-policy.js', import.meta.url).href);
  const deployments = new Map(DEFAULT_POLICY.tiers.flatMap((t) => t.deployments.map((d) => [d.id, { d, tier: t.id }])));
  const routed = plan.use_cases.filter((u) => u.tier && u.deployment && u.status === 'production');
  const out = routed.map((u) => ({ alias: u.id, ...(deployments.get(u.deployment) ?? { d: { id: u.deployment, provider: 'custom', model: u.deployment }, tier: u.tier }) }));
  // What a review must catch: PHI traffic on the public API, and an alias not in the inventory.
  const api = deployments.get('openai-gpt-5-mini');
  out.push({ alias: 'clinical-notes-coding', ...api, rare: true }, { alias: 'shadow-ai-notetaker', ...api, rare: true });
  return out;
}

/** Streams `rows` spend-log rows (CSV with doubled quotes in JSON cells, or JSONL) to `file`. */
function generate(file, rows, kind, targets, seed) {
  const r = rng(seed);
  const common = targets.filter((t) => !t.rare);
  const rare = targets.filter((t) => t.rare);
  // Per-target constant cells, encoded once.
  for (const t of targets) {
    const tags = [`tierplan-uc:${t.alias}`, `tierplan-tier:${t.tier}`, 'User-Agent: OpenAI/Python 1.54.0'];
    const metadata = { user_api_key_alias: `${t.alias}-app`, spend_logs_metadata: { note: 'a "quoted", note' } };
    t.csv = { model: q(`${t.d.provider}/${t.d.model}`), id: q(`${t.alias}.${t.d.id}`), group: q(t.alias), provider: q(t.d.provider), base: q(t.d.endpoint ?? ''), meta: q(JSON.stringify(metadata)), tags: q(JSON.stringify(tags)) };
    t.json = { model: JSON.stringify(`${t.d.provider}/${t.d.model}`), id: JSON.stringify(`${t.alias}.${t.d.id}`), group: JSON.stringify(t.alias), provider: JSON.stringify(t.d.provider), base: t.d.endpoint ? JSON.stringify(t.d.endpoint) : 'null', meta: JSON.stringify(metadata), tags: JSON.stringify(tags) };
    t.pin = t.d.price?.input_per_1m ?? 0;
    t.pout = t.d.price?.output_per_1m ?? 0;
  }
  const fd = openSync(file, 'w');
  const FLUSH = 16 * 2 ** 20;
  let buf = kind === 'csv' ? `${HEADER}\n` : '';
  try {
    for (let n = 1; n <= rows; n++) {
      const t = r() < 0.001 ? rare[Math.floor(r() * rare.length)] : common[Math.floor(r() * common.length)];
      const month = MONTHS[Math.floor(r() * MONTHS.length)];
      const hour = `${month}-${pad2(1 + Math.floor(r() * 28))}T${pad2(Math.floor(r() * 24))}:${pad2(Math.floor(r() * 60))}`;
      const sec = Math.floor(r() * 50);
      const start = `${hour}:${pad2(sec)}.000Z`;
      const end = `${hour}:${pad2(sec + 1 + Math.floor(r() * 9))}.000Z`;
      const input = 200 + Math.floor(r() * 3000);
      const output = 50 + Math.floor(r() * 600);
      const spend = ((input * t.pin + output * t.pout) / 1e6).toFixed(8);
      const status = r() < 0.02 ? 'failure' : 'success';
      if (kind === 'csv') {
        const c = t.csv;
        buf += `chatcmpl-${n},acompletion,${spend},${input + output},${input},${output},${start},${end},${c.model},${c.id},${c.group},${c.provider},${c.base},${c.meta},${c.tags},${status}\n`;
      } else {
        const c = t.json;
        buf += `{"request_id":"chatcmpl-${n}","call_type":"acompletion","spend":${spend},"total_tokens":${input + output},"prompt_tokens":${input},"completion_tokens":${output},"startTime":"${start}","endTime":"${end}","model":${c.model},"model_id":${c.id},"model_group":${c.group},"custom_llm_provider":${c.provider},"api_base":${c.base},"metadata":${c.meta},"request_tags":${c.tags},"status":"${status}"}\n`;
      }
      if (buf.length >= FLUSH) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/** Generates `file` unless a previous run left it with the same parameters; returns its size in bytes. */
function ensure(file, rows, kind, targets, seed) {
  const stamp = `${file}.done`;
  const want = JSON.stringify({ FORMAT_VERSION, rows, kind, seed });
  if (!(existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want)) {
    rmSync(stamp, { force: true });
    const t0 = Date.now();
    generate(file, rows, kind, targets, seed);
    writeFileSync(stamp, want);
    console.error(`review bench: generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return statSync(file).size;
}

const HAS_TIME = existsSync('/usr/bin/time');

/** Runs a command once; returns { s: wall seconds, mb: peak RSS in MB or null, stdout }. */
function measure(args) {
  const out = join(tmpdir(), `tierplan-bench-time-${process.pid}`);
  const cmd = HAS_TIME ? '/usr/bin/time' : 'node';
  const full = HAS_TIME ? ['-f', '%e %M', '-o', out, 'node', ...args] : args;
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let mb = null;
  if (HAS_TIME) {
    const last = readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
    rmSync(out, { force: true });
    const kb = Number(last.split(' ')[1]);
    if (Number.isFinite(kb)) mb = kb / 1024;
  }
  return { s, mb, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const SQL = (source) => `
  SELECT model_group,
         strftime(CAST("startTime" AS TIMESTAMP), '%Y-%m') AS month,
         regexp_extract(CAST(request_tags AS VARCHAR), 'tierplan-tier:([A-Za-z0-9_.-]+)', 1) AS tier,
         sum(prompt_tokens)::BIGINT AS prompt_tokens, sum(completion_tokens)::BIGINT AS completion_tokens,
         sum(spend)::DOUBLE AS spend, count(*)::BIGINT AS requests
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
  const source = kind === 'csv' ? `read_csv('${path}', header = true)` : `read_json('${path}', format = 'newline_delimited')`;
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
  if (process.env.BENCH_REVIEW_5M !== '0') cases.push({ rows: 5_000_000, kind: 'csv', file: join(dir, 'spend-logs-5m.csv'), seed: 13 });
  const results = [];
  let duckdbNote = null;
  for (const c of cases) {
    const bytes = ensure(c.file, c.rows, c.kind, targets, c.seed);
    const label = `review, ${c.rows / 1e6}M rows LiteLLM ${c.kind.toUpperCase()} (${(bytes / 1e9).toFixed(2)} GB)`;
    const review = [bin, 'review', '--usage', c.file, '--inventory', INVENTORY, '--policy', POLICY, '--as-of', '2026-11-24', '--from', '2026-07', '--to', '2026-09', '--format', 'json', '--fail-on', 'none'];
    const tp = measure(review);
    if (tp.status !== 0) throw new Error(`tierplan review exited ${tp.status}: ${tp.stderr}`);
    const mem = (m) => (m === null ? 'peak n/a' : `peak ${m.toFixed(0)} MB`);
    results.push([`${label}: tierplan`, `${tp.s.toFixed(2)} s`, mem(tp.mb)]);
    if (duckdbNote) continue;
    const db = measure([SELF, '--duckdb', c.file, c.kind]);
    if (db.status === 3) {
      duckdbNote = `DuckDB skipped: @duckdb/node-api is not installed (cd bench && npm install) — ${db.stderr.trim().split('\n')[0]}`;
      console.error(`review bench: ${duckdbNote}`);
      continue;
    }
    if (db.status !== 0) throw new Error(`DuckDB child exited ${db.status}: ${db.stderr}`);
    const { groups, requests } = JSON.parse(db.stdout.trim().split('\n').pop());
    results.push([`${label}: DuckDB read_${c.kind === 'csv' ? 'csv' : 'json'}, same aggregation`, `${db.s.toFixed(2)} s`, `${mem(db.mb)}; ${groups} groups, ${requests.toLocaleString('en-US')} rows`]);
    const ratio = tp.s / db.s;
    const memRatio = tp.mb && db.mb ? `, peak RSS ${(tp.mb / db.mb).toFixed(2)}×` : '';
    results.push([`${label}: tierplan / DuckDB`, `${ratio.toFixed(2)}×`, `wall${memRatio}`]);
  }
  if (duckdbNote) results.push(['review vs DuckDB', 'skipped', duckdbNote]);
  return results;
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--duckdb') await duckdbChild(process.argv[3], process.argv[4]);
  else for (const [name, result, note] of await run()) console.log(`| ${name} | ${result} | ${note} |`);
}

// `review --usage postgresql://…` against LiteLLM's own table holding BENCH_PG_ROWS spend-log
// rows (default 10,000,000) in a local PostgreSQL (Debian's `postgresql`, started here in a
// temporary directory on a free 127.0.0.1 port, stopped at the end) — vs the export a user does
// today (`COPY "LiteLLM_SpendLogs" TO STDOUT (FORMAT csv)` through psql) and `review` of that CSV.
// Wall time and peak RSS from /usr/bin/time; the database's own time from review's stderr line.
// Run: npm run build && node bench/review-db.bench.mjs   (as root, the server runs as `postgres`).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, root } from './lib.mjs';

const ROWS = Number(process.env.BENCH_PG_ROWS ?? 10_000_000);
const CHUNK = 1_000_000;

function pgBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const v = readdirSync(base)
    .filter((x) => existsSync(join(base, x, 'bin', 'pg_ctl')))
    .sort((a, b) => b - a)[0];
  return v && join(base, v, 'bin');
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Seconds and peak RSS (MiB) of a command, with its stdout sent to `out` (a file) or dropped. */
function measured(cmd, args, { out, env } = {}) {
  const shell = `/usr/bin/time -f '%e %M' ${[cmd, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')} > ${out ? `'${out}'` : '/dev/null'}`;
  const res = spawnSync('bash', ['-c', shell], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 1 << 26,
  });
  const last = res.stderr.trim().split('\n').pop();
  const [s, kb] = last.split(' ').map(Number);
  if (res.status !== 0) throw new Error(`${cmd} exited ${res.status}: ${res.stderr}`);
  return { seconds: s, mib: kb / 1024, stderr: res.stderr };
}

export async function run() {
  const dir = pgBin();
  if (!dir) return [['review from PostgreSQL', 'skipped', 'no PostgreSQL server (apt-get install postgresql)']];
  const work = mkdtempSync(join(tmpdir(), 'tierplan-bench-pg-'));
  const asRoot = process.getuid() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(work, uid, gid);
  }
  chmodSync(work, 0o700);
  const as = (cmd, args) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, {
      cwd: work,
      stdio: 'pipe',
    });
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(work, 'pw'), `${password}\n`);
  if (asRoot) chownSync(join(work, 'pw'), Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  const data = join(work, 'data');
  as(join(dir, 'initdb'), [
    '-D',
    data,
    '-U',
    'tierplan',
    '--auth=scram-sha-256',
    `--pwfile=${join(work, 'pw')}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  // Defaults but for the memory a small LiteLLM database server would be given.
  as(join(dir, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(work, 'log'),
    '-o',
    `-p ${port} -k ${work} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=64MB -c max_wal_size=4GB`,
    '-w',
    'start',
  ]);
  const env = { PGPASSWORD: password, PGOPTIONS: '-c client_min_messages=warning' };
  const psql = (args, database = 'tierplan') =>
    execFileSync(
      join(dir, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'tierplan',
        '-d',
        database,
        '-v',
        'ON_ERROR_STOP=1',
        '-X',
        '-q',
        ...args,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      },
    );
  const url = `postgresql://tierplan:${password}@127.0.0.1:${port}/tierplan`;
  try {
    psql(['-c', 'CREATE DATABASE tierplan'], 'postgres');
    psql(['-f', join(root, 'test/sql/fixtures/litellm-schema.sql')]);
    // A quarter and the one before of requests: 33 aliases of the example inventory over 6
    // connections (one unknown), tags on a third, metadata of LiteLLM's usual keys (~600 bytes) on
    // every row, 2 % failures.
    const t0 = performance.now();
    for (let from = 0; from < ROWS; from += CHUNK) {
      const to = Math.min(ROWS, from + CHUNK) - 1;
      psql([
        '-c',
        `INSERT INTO "LiteLLM_SpendLogs" (request_id, call_type, api_key, spend, total_tokens, prompt_tokens, completion_tokens, "startTime", "endTime", request_duration_ms, model, model_id, model_group, custom_llm_provider, api_base, "user", metadata, request_tags, status)
         SELECT 'req-' || g, 'acompletion', 'key-' || (g % 97), (g % 1000) / 100000.0, 0, 200 + g % 3000, 50 + g % 700, t, t + ((40 + (g * 7919) % 9000) * INTERVAL '1 millisecond'), CASE WHEN g % 4 = 0 THEN NULL ELSE 40 + (g * 7919) % 9000 END,
           (ARRAY['gpt-5-mini','bedrock/anthropic.claude-haiku-4-5','hosted_vllm/meta-llama/Llama-3.1-8B-Instruct','azure/gpt-5.4','gpt-4o-mini','mystery'])[1 + g % 6],
           uc || '.' || (ARRAY['openai-gpt-5-mini','bedrock-claude-haiku','vllm-llama-8b','azure-gpt-5-4-eu','openai-gpt-5-mini','unknown'])[1 + g % 6],
           uc, (ARRAY['openai','bedrock','hosted_vllm','azure','openai',''])[1 + g % 6],
           (ARRAY['','','http://vllm.internal:8000/v1','','https://api.openai.com/v1','https://llm.example.com'])[1 + g % 6],
           'user-' || (g % 500), jsonb_build_object('user_api_key', md5('k' || (g % 97)), 'user_api_key_alias', 'svc-' || (g % 40), 'user_api_key_team_id', 'team-' || (g % 7), 'user_api_key_user_id', 'user-' || (g % 500), 'requester_ip_address', '10.0.0.' || (g % 250), 'trace_id', md5('t' || g), 'model_map_information', jsonb_build_object('model_map_key', 'gpt-5-mini', 'model_map_value', jsonb_build_object('max_tokens', 128000, 'input_cost_per_token', 0.00000025)), 'usage_object', jsonb_build_object('prompt_tokens', 200 + g % 3000, 'completion_tokens', 50 + g % 700), 'cold_storage_object_key', NULL, 'requester_metadata', '{}'::jsonb, 'spend_logs_metadata', NULL),
           CASE WHEN g % 3 = 0 THEN jsonb_build_array('tierplan-uc:' || uc, 'team-' || (g % 7)) ELSE '[]'::jsonb END,
           CASE WHEN g % 50 = 0 THEN 'failure' ELSE 'success' END
         FROM (SELECT g, TIMESTAMP '2025-10-01' + (g::float8 / ${ROWS}) * INTERVAL '182 days' AS t,
                      (ARRAY['marketing-copy','website-faq-bot','competitor-watch-agent','legacy-faq-chatbot','internal-search','hr-policy-qa','it-ticket-routing','code-assistant','architecture-review-agent','exec-briefing-bot','contract-analysis','legal-research-agent','call-centre-transcription','kyc-document-extraction','board-pack-summary','claims-notes-summary','customer-email-drafting','hr-case-triage','fraud-investigation-copilot','underwriting-risk-memo','roof-inspection-video','sales-call-summaries','collections-assistant','claims-triage','clinical-notes-coding','prior-authorisation-agent','fraud-scoring','card-dispute-letters','export-engineering-docs','parts-export-classification','sanctions-intel-analysis','document-translation','old-claims-ocr'])[1 + (g * 31) % 33] AS uc
               FROM generate_series(${from}::bigint, ${to}::bigint) AS g) AS s`,
      ]);
      process.stderr.write(`review-db bench: ${to + 1} rows loaded\n`);
    }
    psql(['-c', 'VACUUM ANALYZE "LiteLLM_SpendLogs"']);
    const loadS = (performance.now() - t0) / 1000;
    const size = psql(['-At', '-c', `SELECT pg_size_pretty(pg_total_relation_size('"LiteLLM_SpendLogs"'))`]).trim();
    const review = [
      'review',
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      'examples/tierplan.policy.yaml',
      '--quarter',
      '2026-Q1',
      '--fail-on',
      'none',
      '--format',
      'json',
    ];
    const fromDb = measured(process.execPath, [bin, ...review, '--usage', url], { out: join(work, 'db.json') });
    const dbTime = /the database took ([\d.]+) s/.exec(fromDb.stderr)?.[1];
    const csv = join(work, 'spend-logs.csv');
    const exported = measured(
      join(dir, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'tierplan',
        '-d',
        'tierplan',
        '-X',
        '-c',
        'COPY "LiteLLM_SpendLogs" TO STDOUT (FORMAT csv, HEADER)',
      ],
      { out: csv, env },
    );
    const csvGiB = statSync(csv).size / 2 ** 30;
    const fromCsv = measured(process.execPath, [bin, ...review, '--usage', csv], { out: join(work, 'csv.json') });
    const strip = (f) =>
      JSON.stringify(JSON.parse(execFileSync('cat', [f], { encoding: 'utf8', maxBuffer: 1 << 28 })).usage);
    const same = strip(join(work, 'db.json')) === strip(join(work, 'csv.json'));
    const n = ROWS.toLocaleString('en');
    return [
      [
        `${n} spend-log rows in PostgreSQL`,
        `${size} with indexes`,
        `loaded in ${loadS.toFixed(0)} s (not part of the comparison)`,
      ],
      [
        `review --usage postgresql://… (${n} rows)`,
        `${fromDb.seconds.toFixed(1)} s, ${fromDb.mib.toFixed(0)} MiB`,
        `end to end; the database's own time to its first record: ${dbTime} s; tierplan's peak RSS`,
      ],
      [
        `COPY "LiteLLM_SpendLogs" TO STDOUT (FORMAT csv) via psql (${n} rows)`,
        `${exported.seconds.toFixed(1)} s`,
        `the export alone, ${csvGiB.toFixed(2)} GiB of CSV`,
      ],
      [
        `review --usage spend-logs.csv (${n} rows)`,
        `${fromCsv.seconds.toFixed(1)} s, ${fromCsv.mib.toFixed(0)} MiB`,
        `the exported CSV; usage cells ${same ? 'identical' : 'DIFFERENT'} to the database's review`,
      ],
    ];
  } finally {
    try {
      as(join(dir, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await run();
  console.log('| benchmark | result | note |\n| --- | --- | --- |');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
}

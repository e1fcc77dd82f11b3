// The seeded LiteLLM spend-log exports `review.bench.mjs` times: CSV (RFC 4180, JSON cells with
// doubled quotes) or JSONL, with the columns LiteLLM exports from `LiteLLM_SpendLogs` for the
// example inventory's production use cases, streamed to disk (never held in memory) and reused by
// later runs while their parameters match.
//
// Row size: the issue sizes 5M rows at ~1.4 GB (~280 B a row). Earlier versions of this generator
// wrote ~438 B a row (a third tag and a nested metadata note copied from the e2e fixture), so 5M
// rows made 2.2 GB. The rows now carry what a LiteLLM proxy behind tierplan's gateway config
// writes: the tierplan tags in `request_tags` and the key alias in `metadata`, both JSON inside a
// quoted cell, so every row still has doubled quotes and commas inside quotes to scan; times as
// a Postgres export of `timestamp(3)` writes them (`2026-07-01 12:34:56.789`, UTC); spend as the
// shortest decimal (0 on self-hosted deployments). That is ~320 B a row: the example policy's
// model names and `<use case>.<deployment>` model ids are long.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { bin, rng, root } from './lib.mjs';

export const INVENTORY = join(root, 'examples', 'inventory.yaml');
export const POLICY = join(root, 'examples', 'tierplan.policy.yaml');
const MONTHS = ['2026-07', '2026-08', '2026-09'];
const HEADER =
  'request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status';
const FORMAT_VERSION = 3; // bump when the generator changes, so cached files are regenerated

const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pad2 = (n) => (n < 10 ? `0${n}` : String(n));

/** The example's production use cases with their tier and deployment, as `tierplan plan` places them. */
export async function routes() {
  // CI=1: never a question, whatever the terminal.
  const res = spawnSync(
    'node',
    [bin, 'plan', '--inventory', INVENTORY, '--policy', POLICY, '--as-of', '2026-11-24', '--format', 'json'],
    { maxBuffer: 1 << 28, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } },
  );
  if (res.status !== 0) throw new Error(`tierplan plan exited ${res.status}: ${res.stderr}`);
  const plan = JSON.parse(res.stdout);
  const { DEFAULT_POLICY } = await import(new URL('../dist/core/policy/default-policy.js', import.meta.url).href);
  const deployments = new Map(DEFAULT_POLICY.tiers.flatMap((t) => t.deployments.map((d) => [d.id, { d, tier: t.id }])));
  const routed = plan.use_cases.filter((u) => u.tier && u.deployment && u.status === 'production');
  const out = routed.map((u) => ({
    alias: u.id,
    ...(deployments.get(u.deployment) ?? {
      d: { id: u.deployment, provider: 'custom', model: u.deployment },
      tier: u.tier,
    }),
  }));
  // What a review must catch: PHI traffic on the public API, and an alias not in the inventory.
  const api = deployments.get('openai-gpt-5-mini');
  out.push(
    { alias: 'clinical-notes-coding', ...api, rare: true },
    { alias: 'shadow-ai-notetaker', ...api, rare: true },
  );
  return out;
}

/** Streams `rows` spend-log rows (CSV with doubled quotes in JSON cells, or JSONL) to `file`. */
function generate(file, rows, kind, targets, seed) {
  const r = rng(seed);
  const common = targets.filter((t) => !t.rare);
  const rare = targets.filter((t) => t.rare);
  // Per-target constant cells, encoded once.
  for (const [k, t] of targets.entries()) {
    const tags = [`tierplan-uc:${t.alias}`, `tierplan-tier:${t.tier}`];
    const metadata = { user_api_key_alias: `key-${k}` };
    t.csv = {
      model: q(`${t.d.provider}/${t.d.model}`),
      id: q(`${t.alias}.${t.d.id}`),
      group: q(t.alias),
      provider: q(t.d.provider),
      base: q(t.d.endpoint ?? ''),
      meta: q(JSON.stringify(metadata)),
      tags: q(JSON.stringify(tags)),
    };
    t.json = {
      model: JSON.stringify(`${t.d.provider}/${t.d.model}`),
      id: JSON.stringify(`${t.alias}.${t.d.id}`),
      group: JSON.stringify(t.alias),
      provider: JSON.stringify(t.d.provider),
      base: t.d.endpoint ? JSON.stringify(t.d.endpoint) : 'null',
      meta: JSON.stringify(metadata),
      tags: JSON.stringify(tags),
    };
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
      const hour = `${month}-${pad2(1 + Math.floor(r() * 28))} ${pad2(Math.floor(r() * 24))}:${pad2(Math.floor(r() * 60))}`;
      const sec = Math.floor(r() * 50);
      const start = `${hour}:${pad2(sec)}.${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
      const end = `${hour}:${pad2(sec + 1 + Math.floor(r() * 9))}.${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
      const input = 200 + Math.floor(r() * 3000);
      const output = 50 + Math.floor(r() * 600);
      const spend = String(Number(((input * t.pin + output * t.pout) / 1e6).toFixed(8)));
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
export function ensure(file, rows, kind, targets, seed) {
  const stamp = `${file}.done`;
  const want = JSON.stringify({ FORMAT_VERSION, rows, kind, seed });
  if (!(existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want)) {
    rmSync(stamp, { force: true });
    const t0 = Date.now();
    generate(file, rows, kind, targets, seed);
    writeFileSync(stamp, want);
    console.error(
      `review bench: generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return statSync(file).size;
}

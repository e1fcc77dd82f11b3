// Writes examples/usage/litellm-spend-logs-2026-q3.csv.gz: a quarter (July–September 2026) of
// LiteLLM spend logs for the bundled example (examples/inventory.yaml, examples/tierplan.policy.yaml),
// one row per request, as a gateway configured by `tierplan gateway` records them. Seeded, so the
// same script writes the same rows: `npm run example:usage` (builds first) regenerates the file,
// `--check` exits 1 when the committed file differs from what the script writes.
//
// The quarter it tells: the gateway's traffic grows month on month; every production use case
// runs where the plan puts it, except that
//   - clinical-notes-coding (PHI) reaches the public API from September (a hand-added fallback):
//     the breach;
//   - a note-taking tool nobody registered (`shadow-ai-notetaker`) calls the public API;
//   - collections-assistant runs on-prem, under an override that expired on 30 September;
//   - it-ticket-routing sends nothing (the service desk's own product replaced it): idle;
//   - the on-prem GPUs serve a small fraction of their capacity: the under-use trigger.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadInventory } from '../dist/io/inputs/load-inventory.js';
import { loadPolicyFile } from '../dist/io/inputs/load-policy.js';
import { DEFAULT_POLICY } from '../dist/core/policy/default-policy.js';
import { mergePolicy } from '../dist/core/policy/merge-policy.js';
import { computePlan } from '../dist/core/plan/plan.js';

const OUT = new URL('../examples/usage/litellm-spend-logs-2026-q3.csv.gz', import.meta.url);
const MONTHS = [
  { month: '2026-07', days: 31, growth: 1 },
  { month: '2026-08', days: 31, growth: 1.14 },
  { month: '2026-09', days: 30, growth: 1.31 },
];

/**
 * Requests in July per use case (grown by each month's factor), and where they run when not
 * where the plan of 2026-09-30 puts them. Tokens per request come from the inventory's `volume`.
 * The gateway went live for most teams this quarter: far below the inventory's expected volumes.
 */
const TRAFFIC = {
  'website-faq-bot': { july: 1500 },
  'internal-search': { july: 1200 },
  'code-assistant': { july: 1100 },
  'hr-policy-qa': { july: 260 },
  'marketing-copy': { july: 120 },
  'fraud-scoring': { july: 1700 },
  'call-centre-transcription': { july: 500 },
  'customer-email-drafting': { july: 650 },
  'claims-notes-summary': { july: 430 },
  'clinical-notes-coding': { july: 750 },
  'kyc-document-extraction': { july: 320 },
  'contract-analysis': { july: 330 },
  'collections-assistant': { july: 400, deployment: 'vllm-llama-70b' },
  'claims-triage': { july: 830 },
  'parts-export-classification': { july: 200 },
  'legal-research-agent': { july: 150 },
  'architecture-review-agent': { july: 100 },
  'competitor-watch-agent': { july: 45 },
  'fraud-investigation-copilot': { july: 280 },
  'prior-authorisation-agent': { july: 0, from: '2026-08', august: 420 },
  'roof-inspection-video': { july: 70 },
  'board-pack-summary': { july: 14 },
  'hr-case-triage': { july: 45 },
  'card-dispute-letters': { july: 90 },
  'export-engineering-docs': { july: 35 },
  'sales-call-summaries': { july: 100 },
  // it-ticket-routing is absent: it sends nothing this quarter (idle). Ideas and retired use
  // cases send nothing either.
};
/** The breach: PHI on the public API through a fallback someone added by hand, from September. */
const BREACH = { alias: 'clinical-notes-coding', deployment: 'openai-gpt-5-mini', month: '2026-09', share: 0.06 };
/** The unregistered alias, and its July requests. */
const SHADOW = { alias: 'shadow-ai-notetaker', deployment: 'openai-gpt-5-mini', july: 60, input: 6500, output: 700 };
/** Failed requests (status failure, no completion, no spend). */
const FAILURE_RATE = 0.012;

const HEADER =
  'request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The public host a provider's API answers on when a deployment names no endpoint. */
const PUBLIC_BASE = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com' };

function exampleUsage(inventory, plan, policy) {
  const r = rng(20260930);
  /** About N(0, 1), from four uniforms: enough for request sizes. */
  const normal = () => r() + r() + r() + r() - 2;
  const deployments = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, { d, tier: t.id }])));
  const byId = new Map(plan.use_cases.map((u) => [u.id, u]));
  const sizes = new Map(
    inventory.use_cases
      .filter((u) => u.volume)
      .map((u) => [u.id, { input: u.volume.input_tokens_per_request, output: u.volume.output_tokens_per_request }]),
  );
  const rows = [];

  const emit = (alias, deploymentId, month, days, volume, team) => {
    const { d, tier } = deployments.get(deploymentId);
    const scale = Math.exp(0.35 * normal());
    const input = Math.max(20, Math.round(volume.input * scale));
    const output = Math.max(1, Math.round(volume.output * Math.exp(0.3 * normal())));
    // Business hours weigh more: a time of day drawn twice, the later-in-the-day draw kept.
    const day = 1 + Math.floor(r() * days);
    const seconds = Math.floor((8 + 10 * Math.max(r(), r() * 0.7)) * 3600 + (r() - 0.5) * 7200);
    const start = Date.UTC(
      Number(month.slice(0, 4)),
      Number(month.slice(5)) - 1,
      day,
      0,
      0,
      seconds,
      Math.floor(r() * 1000),
    );
    const failed = r() < FAILURE_RATE;
    // Time to first token plus decoding speed; a failure returns fast with no completion.
    const ms = failed ? 200 + Math.floor(r() * 2000) : Math.round(250 + input * 0.05 + output * (8 + 14 * r()));
    const spend = failed || !d.price ? 0 : (input * d.price.input_per_1m + output * d.price.output_per_1m) / 1e6;
    const completion = failed ? 0 : output;
    rows.push({
      start,
      cells: [
        null,
        'acompletion',
        spend.toFixed(8),
        String(input + completion),
        String(input),
        String(completion),
        new Date(start).toISOString(),
        new Date(start + ms).toISOString(),
        `${d.provider}/${d.model}`,
        `${alias}.${d.id}`,
        alias,
        d.provider,
        d.endpoint ?? PUBLIC_BASE[d.provider] ?? '',
        JSON.stringify({ user_api_key_alias: `${alias}-app`, user_api_key_team_id: team }),
        JSON.stringify([`tierplan-uc:${alias}`, `tierplan-tier:${tier}`, 'User-Agent: OpenAI/Python 1.54.0']),
        failed ? 'failure' : 'success',
      ],
    });
  };

  for (const { month, days, growth } of MONTHS) {
    for (const [id, t] of Object.entries(TRAFFIC)) {
      const u = byId.get(id);
      if (!u) throw new Error(`${id} is not in the example inventory`);
      if (t.from && month < t.from) continue;
      const deployment = t.deployment ?? u.deployment;
      if (!deployment) throw new Error(`${id} has no deployment in the plan`);
      const base = t.from ? t.august * (growth / MONTHS[1].growth) : t.july * growth;
      const count = Math.round(base * (0.97 + 0.06 * r()));
      const volume = sizes.get(id);
      if (!volume) throw new Error(`${id} has no expected volume in the example inventory`);
      const team = u.owner ? u.owner.split('@')[0] : 'unknown';
      for (let i = 0; i < count; i++) {
        const breach = id === BREACH.alias && month >= BREACH.month && r() < BREACH.share;
        emit(id, breach ? BREACH.deployment : deployment, month, days, volume, team);
      }
    }
    const shadow = Math.round(SHADOW.july * growth * growth);
    for (let i = 0; i < shadow; i++) {
      emit(SHADOW.alias, SHADOW.deployment, month, days, { input: SHADOW.input, output: SHADOW.output }, 'claims-ops');
    }
  }
  // An export lists requests in time order.
  rows.sort((a, b) => a.start - b.start);
  const lines = [HEADER];
  rows.forEach((row, i) => {
    row.cells[0] = `chatcmpl-${String(i + 1).padStart(6, '0')}`;
    lines.push(row.cells.map(csvCell).join(','));
  });
  return `${lines.join('\n')}\n`;
}

async function main() {
  const root = new URL('..', import.meta.url).pathname;
  const inventory = (await loadInventory(`${root}examples/inventory.yaml`)).inventory;
  const policy = mergePolicy((await loadPolicyFile(`${root}examples/tierplan.policy.yaml`)).file, DEFAULT_POLICY);
  // The quarter's traffic follows the plan as it stood at the quarter's end.
  const plan = computePlan(inventory, policy, { asOf: '2026-09-30', generator: 'generate-example-usage' });
  const csv = exampleUsage(inventory, plan, policy);
  if (process.argv.includes('--check')) {
    const committed = gunzipSync(readFileSync(OUT)).toString('utf8');
    if (committed !== csv) {
      process.stderr.write(
        `${OUT.pathname} differs from what scripts/generate-example-usage.mjs writes: run npm run example:usage\n`,
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(OUT, gzipSync(csv, { level: 9 }));
  const n = csv.split('\n').length - 2;
  process.stdout.write(
    `wrote ${OUT.pathname}: ${n} requests, ${csv.length} bytes (${readFileSync(OUT).length} gzipped)\n`,
  );
}

await main();

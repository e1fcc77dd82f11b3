// A LiteLLM spend-log export for the example inventory, as tierplan's own gateway config would
// produce it (model_id `<alias>.<deployment>`, tierplan tags in request_tags), over a quarter.
// Deterministic: a seeded PRNG. It also writes the rows a review must catch: a PHI use case
// that ran on the public API (breach), an alias not in the inventory, and an idle on-prem
// deployment.
import type { Plan } from '../../../src/core/plan/plan-types.js';
import type { Policy } from '../../../src/core/policy/types.js';

const HEADER =
  'request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function spendLogs(
  plan: Plan,
  policy: Policy,
  months: string[],
  opts: { rowsPerMonth?: number; breach?: { alias: string; deployment: string } } = {},
): string {
  const r = rng(20261124);
  const deployments = new Map(
    policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, { d, tier: t.id }] as const)),
  );
  const routed = plan.use_cases.filter((u) => u.tier !== null && u.deployment !== null && u.status === 'production');
  const lines = [HEADER];
  let n = 0;
  const row = (alias: string, deploymentId: string, month: string, failed = false): void => {
    const { d, tier } = deployments.get(deploymentId)!;
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    const start = `${month}-${day}T${String(Math.floor(r() * 24)).padStart(2, '0')}:00:00.000Z`;
    const end = start.replace(':00.000Z', `:0${Math.floor(r() * 9) + 1}.000Z`);
    const input = 200 + Math.floor(r() * 3000);
    const output = 50 + Math.floor(r() * 600);
    const spend = d.price ? (input * d.price.input_per_1m + output * d.price.output_per_1m) / 1e6 : 0;
    const tags = JSON.stringify([`tierplan-uc:${alias}`, `tierplan-tier:${tier}`, 'User-Agent: OpenAI/Python 1.54.0']);
    const metadata = JSON.stringify({
      user_api_key_alias: `${alias}-app`,
      spend_logs_metadata: { note: 'a "quoted", note' },
    });
    lines.push(
      [
        `chatcmpl-${++n}`,
        'acompletion',
        spend.toFixed(8),
        String(input + output),
        String(input),
        String(output),
        start,
        end,
        `${d.provider}/${d.model}`,
        `${alias}.${d.id}`,
        alias,
        d.provider,
        d.endpoint ?? '',
        metadata,
        tags,
        failed ? 'failure' : 'success',
      ]
        .map(q)
        .join(','),
    );
  };
  for (const month of months) {
    for (const u of routed) {
      const count = Math.max(1, Math.round((opts.rowsPerMonth ?? 6) * (0.5 + r())));
      for (let i = 0; i < count; i++) row(u.id, u.deployment!, month, r() < 0.02);
    }
    if (opts.breach) row(opts.breach.alias, opts.breach.deployment, month);
    row('shadow-ai-notetaker', 'openai-gpt-5-mini', month);
  }
  return `${lines.join('\n')}\n`;
}

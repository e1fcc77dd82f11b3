// The review's volume and money claims through the built binary: a cloud bill without request
// counts never makes a use case idle, under-used self-hosted capacity is judged on the
// deployment's real traffic (never on an idea nobody built), and the billed total is the
// export's own total to the cent, with the allocated fixed cost apart and the currency printed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const EXAMPLE = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const QUARTER = ['--as-of', '2026-10-05', '--quarter', '2026-Q3'];
const SPEND_LOG = 'examples/usage/litellm-spend-logs-2026-q3.csv.gz';

interface Firing {
  trigger: string;
  use_case: string | null;
  subject?: string;
  summary: string;
}
interface Finding {
  kind: string;
  use_case: string | null;
}
interface Review {
  currency: string;
  totals: { billed_cost: number; allocated_cost: number };
  deployments: { deployment: string; month: string; utilisation: number | null }[];
  triggers: Firing[];
  findings: Finding[];
  proposals: { use_case: string; change: unknown }[];
}

function reviewJson(usage: string, extra: string[] = []): Review {
  const r = tierplan([
    'review',
    '--usage',
    usage,
    ...EXAMPLE,
    ...QUARTER,
    '--format',
    'json',
    '--fail-on',
    'none',
    ...extra,
  ]);
  expect(r.stderr).not.toMatch(/internal error/i);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Review;
}

/** The spend column of a gzipped LiteLLM CSV summed as decimals (the file's 8 places), then to cents. */
function spendCents(csvGz: string): string {
  const lines = gunzipSync(readFileSync(csvGz)).toString('utf8').trim().split('\n');
  const col = lines[0]!.split(',').indexOf('spend');
  let units = 0n;
  for (const l of lines.slice(1)) {
    const [whole, frac = ''] = l.split(',')[col]!.split('.');
    units += BigInt(whole!) * 100_000_000n + BigInt(frac.padEnd(8, '0').slice(0, 8));
  }
  const cents = (units + 500_000n) / 1_000_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

describe('tierplan review: volume and cost you can defend', () => {
  it('a FOCUS bill counts no requests: its use case is judged on tokens, never idle, never retired', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-focus-idle-'));
    const csv = join(dir, 'focus.csv');
    const charge = (month: string): string =>
      `2026-${month}-01T00:00:00Z,1.10,500000,Tokens,AWS,Anthropic,Amazon Bedrock,AI and Machine Learning,us-east-1,` +
      `"{""ModelId"":""us.anthropic.claude-haiku-4-5-v1:0"",""TokenDirection"":""Input""}","{""tierplan-uc"":""claims-notes-summary""}"`;
    writeFileSync(
      csv,
      [
        'ChargePeriodStart,EffectiveCost,ConsumedQuantity,ConsumedUnit,ProviderName,PublisherName,ServiceName,ServiceCategory,RegionId,SkuPriceDetails,Tags',
        charge('07'),
        charge('08'),
        charge('09'),
      ].join('\n'),
    );
    const review = reviewJson(csv);
    const about = (f: { use_case: string | null }): boolean => f.use_case === 'claims-notes-summary';
    expect(review.findings.filter(about).map((f) => f.kind)).not.toContain('idle-production');
    expect(review.triggers.filter((f) => about(f) && f.trigger === 'idle')).toEqual([]);
    expect(review.proposals.filter((p) => p.use_case === 'claims-notes-summary')).toEqual([]);
    // The use cases with no row at all are still idle, and the firing says what it was judged on.
    const idle = review.triggers.filter((f) => f.trigger === 'idle');
    expect(idle.length).toBeGreaterThan(0);
  });

  it('under-used self-hosted capacity fires on the deployment, with its utilisation; ideas never fire', () => {
    const review = reviewJson(SPEND_LOG);
    const underused = review.triggers.filter((f) => f.trigger === 'onprem-underused');
    expect(underused.length).toBeGreaterThan(0);
    // vllm-llama-70b serves claims-triage, collections-assistant and export-engineering-docs at under
    // a thousandth of its capacity (the trigger's threshold is 10 %): that is what fires.
    expect(underused.map((f) => f.summary).join('\n')).toMatch(/vllm-llama-70b/);
    const ideas = ['exec-briefing-bot', 'underwriting-risk-memo', 'sanctions-intel-analysis', 'document-translation'];
    for (const f of review.triggers) expect(ideas).not.toContain(f.use_case);
    const util = review.deployments.find((d) => d.deployment === 'vllm-llama-70b' && d.month === '2026-07');
    expect(util?.utilisation).toBeGreaterThan(0);
    expect(util?.utilisation).toBeLessThan(0.001);
    // Every format shows the utilisation of each self-hosted deployment, idle ones included.
    const out = mkdtempSync(join(tmpdir(), 'tierplan-util-'));
    const r = tierplan(['review', '--usage', SPEND_LOG, ...EXAMPLE, ...QUARTER, '--out', out, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    for (const file of ['review.md', 'review.html']) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).toMatch(/vllm-llama-70b/);
      expect(text, file).toMatch(/vllm-qwen-eu/); // nothing ran on it: shown at 0 %
    }
    const table = tierplan(['review', '--usage', SPEND_LOG, ...EXAMPLE, ...QUARTER, '--fail-on', 'none']);
    expect(table.stdout).toMatch(/Self-hosted utilisation[\s\S]*vllm-llama-70b[\s\S]*vllm-qwen-eu/);
  });

  it('the billed total is the export to the cent, the allocated fixed cost apart, in the policy currency', () => {
    const review = reviewJson(SPEND_LOG);
    expect(review.currency).toBe('USD');
    expect(review.totals.billed_cost.toFixed(2)).toBe(spendCents(SPEND_LOG));
    expect(review.totals.allocated_cost).toBeGreaterThan(0);
    const md = tierplan([
      'review',
      '--usage',
      SPEND_LOG,
      ...EXAMPLE,
      ...QUARTER,
      '--format',
      'markdown',
      '--fail-on',
      'none',
    ]);
    // The report prints whole dollars from $100 with the currency (2036.40 → $2,036, `$` escaped
    // for GitHub's maths); review.json keeps the exact total, compared to the cent above.
    const printed = Math.round(Number(spendCents(SPEND_LOG)))
      .toString()
      .replace(/\B(?=(\d{3})+$)/g, ',');
    expect(md.stdout).toContain(`billed \\$${printed};`);
    expect(md.stdout).toMatch(/allocated over tokens \\\$\d/);
    expect(md.stdout).not.toMatch(/<1\b/);
    expect(md.stdout).not.toMatch(/\bUSD \d/);
  });
});

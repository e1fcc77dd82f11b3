// Rows as a LiteLLM proxy running tierplan's own generated config logs them attribute 100 %
// with no finding; and the "done when": a spend log with model names the policy does
// not know, PHI on a public model and through a hand-added fallback, fails with both breaches
// named in the first lines of every format, and nothing with traffic is proposed for retirement.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../gateway/example.js';
import { tierplan } from './run-cli.js';
import { spendLogs } from './support/spend-logs.js';
import { spendRows, writeSpendLog } from './support/spend-rows.js';

const example = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const period = ['--as-of', '2026-11-24', '--quarter', '2026-Q3'];
const MONTHS = ['2026-07', '2026-08', '2026-09'];

interface Entry {
  model_name: string;
  litellm_params: Record<string, unknown> & { model: string; tags: string[] };
  model_info: { id: string };
}

describe('rows of tierplan’s own gateway config', async () => {
  const ex = await loadExample();
  // What `os.environ/NAME` resolves to on the proxy: the endpoint of the deployment that names it.
  const env = new Map(
    ex.policy.tiers.flatMap((t) =>
      t.deployments.flatMap((d) => (d.credentials?.api_base_env ? [[d.credentials.api_base_env, d.endpoint!]] : [])),
    ),
  );
  const apiBase = (p: Entry['litellm_params'], provider: string): string => {
    if (typeof p.api_base === 'string') return p.api_base.replace(/^os\.environ\/(.+)$/, (_, n: string) => env.get(n)!);
    if (provider === 'bedrock') return `https://bedrock-runtime.${String(p.aws_region_name)}.amazonaws.com`;
    if (provider === 'vertex_ai') return `https://${String(p.vertex_location)}-aiplatform.googleapis.com/v1`;
    return provider === 'anthropic' ? 'https://api.anthropic.com/v1' : 'https://api.openai.com/v1';
  };

  it('every primary and fallback group attributes to its use case, on its deployment, with no finding', () => {
    const out = mkdtempSync(join(tmpdir(), 'tierplan-gw-'));
    expect(tierplan(['gateway', ...example, '--as-of', '2026-11-24', '--target', 'litellm', '--out', out]).code).toBe(
      0,
    );
    const config = jsyaml.load(readFileSync(join(out, 'litellm', 'config.yaml'), 'utf8')) as { model_list: Entry[] };
    const primaryTags = new Map(
      config.model_list.filter((e) => !e.model_name.includes('--')).map((e) => [e.model_name, e.litellm_params.tags]),
    );
    const lines: string[] = [];
    let fallbacks = 0;
    for (const [i, e] of config.model_list.entries()) {
      const provider = e.litellm_params.model.split('/')[0]!;
      const alias = e.model_name.split('--')[0]!;
      if (e.model_name.includes('--')) fallbacks++;
      // A fallback row keeps the failed primary's tags beside its own; some exports drop the model's prefix.
      const tags = e.model_name.includes('--')
        ? [...(primaryTags.get(alias) ?? []), ...e.litellm_params.tags]
        : e.litellm_params.tags;
      const model = i % 2 === 0 ? e.litellm_params.model : e.litellm_params.model.slice(provider.length + 1);
      for (const month of MONTHS)
        lines.push(
          ...spendRows({
            model_group: e.model_name,
            model_id: e.model_info.id,
            model,
            provider,
            api_base: apiBase(e.litellm_params, provider),
            tags,
            month,
          }),
        );
    }
    expect(fallbacks).toBeGreaterThan(10);
    const file = writeSpendLog(lines);
    const r = tierplan(['review', '--usage', file, ...example, ...period, '--format', 'json']);
    const review = JSON.parse(r.stdout) as {
      counts: { read: number; aggregated: number; unattributed: number; unplaced: number; breaches: number };
      findings: { kind: string; severity: string; message: string }[];
      usage: { use_case: string; deployments: string[] }[];
    };
    expect(r.code).toBe(0);
    expect(review.counts).toMatchObject({
      read: lines.length,
      aggregated: lines.length,
      unattributed: 0,
      unplaced: 0,
      breaches: 0,
    });
    // Only the inventory's own notes (an expired override) and fallbacks seen as such (info) remain.
    const left = review.findings.filter((f) => !f.kind.startsWith('override-'));
    expect(left.filter((f) => f.severity !== 'info')).toEqual([]);
    for (const f of left) expect(f.message).toContain('a cleared fallback');
    const routed = new Set(config.model_list.map((e) => e.model_name.split('--')[0]));
    expect(new Set(review.usage.map((c) => c.use_case))).toEqual(routed);
    expect(review.usage.every((c) => c.deployments.length > 0)).toBe(true);
  });

  it('done when: unknown model names, PHI on a public model and through a hand-added fallback → exit 1, both breaches first in every format', () => {
    const base = spendLogs(ex.plan, ex.policy, MONTHS);
    const lines = MONTHS.flatMap((month) => [
      // The company's own model name for public data on the public API: cleared, nothing to report.
      ...spendRows({ model_group: 'marketing-copy', model: 'openai/gpt-4o-2024-08-06', provider: 'openai', month }, 2),
      // PHI on a public model the policy does not know.
      ...spendRows({ model_group: 'claims-triage', model: 'gpt-4o', provider: 'openai', model_id: 'f3a9', month }, 3),
      // PHI through a fallback group added by hand to a public deployment.
      ...spendRows(
        {
          model_group: 'clinical-notes-coding--openai-gpt-4o',
          model: 'openai/gpt-4o',
          provider: 'openai',
          api_base: 'https://api.openai.com/v1',
          tags: ['tierplan-uc:clinical-notes-coding', 'tierplan-tier:api'],
          month,
        },
        2,
      ),
    ]);
    const file = writeSpendLog(lines, base);
    const out = join(file, '..', 'report');
    const both = /claims-triage[\s\S]*clinical-notes-coding|clinical-notes-coding[\s\S]*claims-triage/;
    const head = (text: string, n: number): string => text.split('\n').slice(0, n).join('\n');
    for (const [format, lineCount] of [
      ['table', 20],
      ['markdown', 14],
      ['json', 25],
    ] as const) {
      const r = tierplan(['review', '--usage', file, ...example, ...period, '--format', format]);
      expect(r.code, format).toBe(1);
      expect(head(r.stdout, lineCount), format).toMatch(both);
      if (format === 'json') {
        const review = JSON.parse(r.stdout) as {
          counts: { breaches: number };
          findings: { kind: string; use_case: string }[];
          usage: { use_case: string }[];
          proposals: { use_case: string; action: string }[];
        };
        // The base logs' shadow alias on the public API is the third: a use case nobody classified is
        // judged as fail-closed data (unregistered-breach), listed after the two breaches.
        expect(review.counts.breaches).toBe(3);
        expect(review.findings.slice(0, 2).map((f) => [f.kind, f.use_case])).toEqual([
          ['breach', 'claims-triage'],
          ['breach', 'clinical-notes-coding'],
        ]);
        const withTraffic = new Set(review.usage.map((c) => c.use_case));
        expect(review.proposals.filter((p) => p.action === 'retire' && withTraffic.has(p.use_case))).toEqual([]);
      }
    }
    expect(tierplan(['review', '--usage', file, ...example, ...period, '--out', out]).code).toBe(1);
    const html = readFileSync(join(out, 'review.html'), 'utf8');
    const breaches = html.slice(html.indexOf('<section class="breaches'), html.indexOf('<div class="charts">'));
    expect(breaches).toMatch(both);
    expect(breaches).toContain('placed on api by inference');
  });
});

// `tierplan review` judges every row by where it really ran, through the built binary: the
// cases a LiteLLM proxy's spend logs produce that an attribution by labels got wrong (unknown
// model names, hand-added fallback groups, lying model_ids, tag-only routing, rows nobody can
// place), each with its exit code, finding kind and the use case named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';
import { spendRows, writeSpendLog } from './support/spend-rows.js';

const example = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const period = ['--as-of', '2026-11-24', '--quarter', '2026-Q3'];

interface Finding {
  kind: string;
  severity: string;
  use_case: string | null;
  tier: string | null;
  rows: number;
  first_rows: { file: string; line: number }[];
  message: string;
}
interface ReviewJson {
  counts: { breaches: number; unattributed: number; unplaced: number; read: number; aggregated: number };
  findings: Finding[];
  usage: { use_case: string }[];
  proposals: { use_case: string; action: string }[];
}

function review(file: string, extra: string[] = []): { code: number | null; json: ReviewJson; stderr: string } {
  const r = tierplan(['review', '--usage', file, ...example, ...period, '--format', 'json', ...extra]);
  return { code: r.code, json: JSON.parse(r.stdout) as ReviewJson, stderr: r.stderr };
}
const of = (json: ReviewJson, kind: string, useCase: string): Finding | undefined =>
  json.findings.find((f) => f.kind === kind && f.use_case === useCase);

describe('review judges each row by what it connected to', () => {
  it('PHI on a model the policy does not know, at a public provider: exit 1, a breach naming the use case, by inference', () => {
    const file = writeSpendLog(
      spendRows({ model_group: 'claims-triage', model: 'openai/gpt-4o', provider: 'openai', model_id: 'a1b2c3' }, 4),
    );
    const { code, json } = review(file);
    expect(code).toBe(1);
    const breach = of(json, 'breach', 'claims-triage');
    expect(breach).toMatchObject({ severity: 'error', tier: 'api', rows: 4 });
    expect(breach!.message).toContain('placed on api by inference');
    expect(breach!.message).toContain('model openai/gpt-4o, provider openai');
    expect(breach!.first_rows[0]).toEqual({ file, line: 2, reason: expect.any(String) as string });
    expect(json.counts).toMatchObject({ breaches: 1, unattributed: 0, unplaced: 0 });
    // The same rows without the model column: still a breach (the outcome does not depend on which columns are filled).
    const bare = writeSpendLog(spendRows({ model_group: 'claims-triage', provider: 'openai' }, 4));
    const again = review(bare);
    expect(again.code).toBe(1);
    expect(of(again.json, 'breach', 'claims-triage')).toMatchObject({ tier: 'api' });
  });

  it('a fallback group added by hand to a public deployment, with tierplan tags: a breach, not an unregistered alias', () => {
    const file = writeSpendLog(
      spendRows(
        {
          model_group: 'claims-triage--openai-gpt-4o',
          model: 'gpt-4o',
          provider: 'openai',
          api_base: 'https://api.openai.com/v1',
          model_id: '5f0e2c1a-9d7b-4c1e-8f4a-2b6d9e3c7a10',
          tags: ['tierplan-uc:claims-triage', 'tierplan-tier:api'],
        },
        3,
      ),
    );
    const { code, json } = review(file);
    expect(code).toBe(1);
    expect(of(json, 'breach', 'claims-triage')).toMatchObject({ tier: 'api', rows: 3 });
    expect(json.findings.filter((f) => f.kind === 'unregistered')).toEqual([]);
  });

  it('a model_id claiming Bedrock while the row connected to public OpenAI: label-mismatch, and judged by the connection', () => {
    const file = writeSpendLog(
      spendRows(
        {
          model_group: 'clinical-notes-coding',
          model_id: 'clinical-notes-coding.bedrock-claude-haiku',
          model: 'gpt-5-mini',
          provider: 'openai',
          api_base: 'https://api.openai.com/v1',
          tags: ['tierplan-uc:clinical-notes-coding', 'tierplan-tier:private-cloud'],
        },
        2,
      ),
    );
    const { code, json } = review(file);
    expect(code).toBe(1);
    expect(of(json, 'breach', 'clinical-notes-coding')).toMatchObject({ tier: 'api' });
    const lie = of(json, 'label-mismatch', 'clinical-notes-coding');
    expect(lie).toMatchObject({ severity: 'warning', tier: 'api', rows: 2 });
    expect(lie!.message).toContain(
      'model_id clinical-notes-coding.bedrock-claude-haiku claim deployment bedrock-claude-haiku',
    );
    expect(lie!.message).toContain('openai-gpt-5-mini (api)');
  });

  it('a generic model_group with a tierplan-uc tag: attributed to the tagged use case, which is not idle', () => {
    const file = writeSpendLog(
      ['2026-07', '2026-08', '2026-09'].flatMap((month) =>
        spendRows(
          {
            model_group: 'default-router',
            model: 'gpt-5-mini',
            provider: 'openai',
            tags: ['tierplan-uc:internal-search'],
            month,
          },
          5,
        ),
      ),
    );
    const { json } = review(file);
    expect(json.usage.map((c) => c.use_case)).toEqual(['internal-search', 'internal-search', 'internal-search']);
    expect(json.findings.filter((f) => f.use_case === 'internal-search' || f.use_case === 'default-router')).toEqual(
      [],
    );
    expect(json.proposals.filter((p) => p.use_case === 'internal-search')).toEqual([]);
  });

  it('thousands of rows nobody can place: never idle, never retired; a regulated use case among them is an unverified-deployment breach', () => {
    const unknown = { model: 'contoso-gpt', provider: 'openai', api_base: 'https://llm-gw.contoso.internal/v1' };
    const lines = ['2026-07', '2026-08', '2026-09'].flatMap((month) => [
      ...spendRows({ model_group: 'hr-policy-qa', ...unknown, month }, 1500),
      ...spendRows({ model_group: 'fraud-scoring', ...unknown, month }, 400),
    ]);
    const file = writeSpendLog(lines);
    const patch = join(file, '..', 'proposals.yaml');
    const { code, json } = review(file, ['--propose', patch]);
    expect(code).toBe(1);
    expect(json.counts).toMatchObject({ unplaced: 5700, unattributed: 0, aggregated: 0, read: 5700 });
    const breach = of(json, 'unverified-deployment', 'fraud-scoring');
    expect(breach).toMatchObject({ severity: 'error', tier: 'api', rows: 1200 });
    expect(breach!.message).toContain('judged as the most open tier, api');
    expect(breach!.message).toContain(
      'model contoso-gpt, provider openai, endpoint https://llm-gw.contoso.internal/v1',
    );
    expect(breach!.message).toContain('2026-07: 400 requests');
    expect(breach!.first_rows.map((r) => r.line).slice(0, 2)).toEqual([1502, 1503]);
    // Internal data may reach the most open tier: reported with its use case, not a breach.
    expect(of(json, 'unattributed', 'hr-policy-qa')).toMatchObject({ severity: 'warning', rows: 4500 });
    for (const u of ['hr-policy-qa', 'fraud-scoring']) {
      expect(of(json, 'idle-production', u)).toBeUndefined();
      expect(json.proposals.filter((p) => p.use_case === u)).toEqual([]);
    }
    expect(readFileSync(patch, 'utf8')).not.toMatch(/hr-policy-qa|fraud-scoring/);
  });
});

// `tierplan review` of a cloud bill (FinOps FOCUS) through the built binary: hyperscaler provider
// names become the policy's provider ids, tagged charges are attributed, and the cells say that
// their requests were not counted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const HEADER =
  'ChargePeriodStart,EffectiveCost,ConsumedQuantity,ConsumedUnit,ProviderName,PublisherName,ServiceName,ServiceCategory,RegionId,SkuPriceDetails,Tags';
const bedrock = (direction: string, tokens: number, cost: string): string =>
  `2026-08-01T00:00:00Z,${cost},${tokens},Tokens,AWS,Anthropic,Amazon Bedrock,AI and Machine Learning,us-east-1,` +
  `"{""ModelId"":""us.anthropic.claude-haiku-4-5-v1:0"",""TokenDirection"":""${direction}""}",` +
  `"{""tierplan-uc"":""claims-notes-summary""}"`;

interface Cell {
  use_case: string;
  tier: string;
  deployments: string[];
  requests: number;
  rows_without_requests: number;
  input_tokens: number;
  output_tokens: number;
}

describe('tierplan review of a FOCUS export', () => {
  it('attributes AWS-billed Anthropic charges to the Bedrock deployment; a provider nobody knows is unplaced, with what it showed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-focus-'));
    const csv = join(dir, 'focus.csv');
    writeFileSync(
      csv,
      [
        HEADER,
        bedrock('Input', 2_000_000, '2.00'),
        bedrock('Output', 400_000, '2.00'),
        '2026-08-01T00:00:00Z,1.00,100000,Tokens,Acme Cloud,OpenAI,Acme Cloud AI,AI and Machine Learning,us,"{""ModelId"":""gpt-5-mini""}","{""tierplan-uc"":""website-faq-bot""}"',
      ].join('\n'),
    );
    const r = tierplan([
      'review',
      '--usage',
      csv,
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      'examples/tierplan.policy.yaml',
      '--as-of',
      '2026-11-24',
      '--quarter',
      '2026-Q3',
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout) as {
      counts: { read: number; aggregated: number; unattributed: number; unplaced: number };
      usage: Cell[];
      findings: { kind: string; use_case: string | null; message: string; first_rows?: { line: number }[] }[];
    };
    expect(review.counts).toMatchObject({ read: 3, aggregated: 2, unattributed: 0, unplaced: 1 });
    expect(review.usage).toEqual([
      expect.objectContaining({
        use_case: 'claims-notes-summary',
        tier: 'private-cloud',
        deployments: ['bedrock-claude-haiku'],
        requests: 0,
        rows_without_requests: 2,
        input_tokens: 2_000_000,
        output_tokens: 400_000,
      }),
    ]);
    // website-faq-bot's data is cleared for the most open tier, so the unknown deployment is no breach,
    // but the rows are reported with what they showed.
    const unplaced = review.findings.find((f) => f.kind === 'unattributed');
    expect(unplaced).toMatchObject({ use_case: 'website-faq-bot', message: expect.stringContaining('Acme Cloud') });
    expect(unplaced?.first_rows?.[0]).toMatchObject({ line: 4 });
  });
});

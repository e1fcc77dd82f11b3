// An alias the inventory does not know is a use case nobody classified: its data counts as the
// policy's fail-closed level, so traffic on a tier not cleared for that level is a breach.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { judgeUnregistered } from '../../src/core/review/unregistered.js';
import { on, review, row } from './fixture.js';

const about = (alias: string) => (f: { use_case: string | null }) => f.use_case === alias;

describe('traffic of an alias not in the inventory', () => {
  it('on the public API: an unregistered-breach, counted with the breaches and named in the headline', () => {
    const r = review([on('shadow-bot', 'openai-gpt-5-mini', '2026-01', { input_tokens: 40 })]);
    const f = r.findings.filter(about('shadow-bot'));
    expect(f.map((x) => [x.kind, x.severity, x.tier])).toEqual([['unregistered-breach', 'error', 'api']]);
    expect(f[0]!.message).toContain('judged as regulated data (fail closed)');
    expect(r.counts.breach_use_cases).toContain('shadow-bot');
  });

  it('on a tier cleared even for the fail-closed level: a warning to register it, no breach', () => {
    const r = review([on('shadow-bot', 'vllm-llama-8b', '2026-01', { input_tokens: 40 })]);
    expect(r.findings.filter(about('shadow-bot')).map((x) => [x.kind, x.severity])).toEqual([
      ['unregistered', 'warning'],
    ]);
    expect(r.counts.breach_use_cases).not.toContain('shadow-bot');
  });

  it('on a deployment nobody can identify: judged on the most open tier, so a breach with the rows as evidence', () => {
    const r = review([row({ alias: 'shadow-bot', model: 'contoso-llm', api_base: 'https://llm.example/v1', line: 4 })]);
    const f = r.findings.find(about('shadow-bot'));
    expect(f).toMatchObject({ kind: 'unregistered-breach', severity: 'error', tier: 'api' });
    expect(f!.message).toMatch(/cannot identify[\s\S]*most open tier/);
    expect(f!.first_rows.map((x) => x.line)).toEqual([4]);
  });

  it('the verdict follows the clearance rules: every tier of the default policy', () => {
    const verdicts = DEFAULT_POLICY.tiers.map((t) => [t.id, judgeUnregistered(t.id, DEFAULT_POLICY).kind]);
    expect(verdicts).toEqual([
      ['api', 'unregistered-breach'],
      ['private-cloud', 'unregistered-breach'], // cleared for regulated data only under its regimes
      ['on-prem', 'unregistered'],
    ]);
    expect(judgeUnregistered('no-such-tier', DEFAULT_POLICY)).toMatchObject({ kind: 'unregistered-breach' });
  });
});

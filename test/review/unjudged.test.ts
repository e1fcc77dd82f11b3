// Volume triggers over a use case with rows nobody could place say why they cannot be judged,
// and propose no move; a use case named only by such rows is never idle nor retired.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Policy } from '../../src/core/policy/types.js';
import { MONTHS, on, review, row } from './fixture.js';

// A per-use-case volume rule (the default's on-prem rule judges deployments, not use cases).
const SMALL = 'onprem-small';
const policy: Policy = {
  ...DEFAULT_POLICY,
  triggers: [
    ...(DEFAULT_POLICY.triggers ?? []),
    { id: SMALL, kind: 'volume_below', tier: 'on-prem', tokens_per_month: 50_000_000, months: 2, description: 'small' },
  ],
};

const low = MONTHS.map((m) => on('claims', 'vllm-llama-8b', m, { input_tokens: 1000 }));
const unplaced = MONTHS.map((m) =>
  row({ alias: 'claims', at: m, model: 'contoso-llm', api_base: 'https://llm.example/v1' }),
);

describe('no proposal without evidence', () => {
  it('a volume trigger fires on placed traffic alone: it proposes a move', () => {
    const r = review(low, { policy });
    expect(r.triggers.find((f) => f.trigger === SMALL && f.use_case === 'claims')?.move.action).toBe('move');
    expect(r.proposals.map((p) => p.use_case)).toContain('claims');
  });
  it('with rows on an unidentified deployment: the trigger says it cannot be judged and nothing is proposed', () => {
    const r = review([...low, ...unplaced], { policy });
    const f = r.triggers.find((x) => x.trigger === SMALL && x.use_case === 'claims')!;
    expect(f.summary).toContain('cannot be judged: 3 rows of claims ran on a deployment that could not be identified');
    expect(f.move).toMatchObject({ action: 'evaluate', tier: null });
    expect(r.proposals.filter((p) => p.use_case === 'claims')).toEqual([]);
  });
  it('a production use case named only by unplaced rows is neither idle nor proposed for retirement', () => {
    const r = review(MONTHS.map((m) => row({ alias: 'quiet', at: m, model: 'contoso-llm' })));
    expect(r.findings.filter((f) => f.use_case === 'quiet').map((f) => f.kind)).toEqual(['unattributed']);
    expect(r.triggers.filter((f) => f.use_case === 'quiet')).toEqual([]);
    expect(r.proposals.filter((p) => p.use_case === 'quiet')).toEqual([]);
  });
});

// Residency fails closed too: rows whose deployment is not told exactly (several of its tier match,
// a public provider by inference, nothing identifiable) cannot show that they stayed in the region.
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/policy/types.js';
import { review, row } from './fixture.js';

const inventory: Inventory = {
  version: 1,
  use_cases: [
    {
      id: 'eu-wiki',
      name: 'EU wiki',
      status: 'production',
      data: { classes: ['internal_docs'], residency: ['eu'] },
      needs: { task: 'classification' },
    },
  ],
};
const breaches = (rows: ReturnType<typeof row>[]) =>
  review(rows, { inventory }).findings.filter((f) => f.kind === 'breach' || f.kind === 'unverified-deployment');

describe('residency where the row does not tell the deployment', () => {
  it('one of several deployments of the tier, one of them outside the residency: a breach naming them', () => {
    const [b] = breaches([row({ alias: 'eu-wiki', provider: 'openai', model: 'gpt-5.4' })]);
    expect(b).toMatchObject({ kind: 'breach', use_case: 'eu-wiki', tier: 'api', rows: 1 });
    expect(b!.message).toContain('on one of openai-eu-gpt-5-4, openai-gpt-5-4');
    expect(b!.message).toContain('openai-gpt-5-4 is outside its residency eu');
  });
  it('the endpoint tells the EU deployment: no breach', () => {
    expect(
      breaches([
        row({ alias: 'eu-wiki', provider: 'openai', model: 'gpt-5.4', api_base: 'https://eu.api.openai.com/v1' }),
      ]),
    ).toEqual([]);
  });
  it('a public provider by inference, or an unknown deployment: the region is unknown, a breach', () => {
    expect(breaches([row({ alias: 'eu-wiki', provider: 'openai', model: 'gpt-4o' })])[0]!.message).toContain(
      'region is unknown',
    );
    expect(breaches([row({ alias: 'eu-wiki', model: 'llm', api_base: 'https://llm.example' })])).toMatchObject([
      { kind: 'unverified-deployment', use_case: 'eu-wiki' },
    ]);
  });
});

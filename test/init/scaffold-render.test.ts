import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { defaultAnswers, type InitAnswers } from '../../src/core/init/answers.js';
import { workedExample } from '../../src/core/init/example-use-case.js';
import { scaffoldPolicy } from '../../src/core/init/scaffold-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import type { PolicyFile } from '../../src/core/policy/types.js';
import { checkDocument } from '../../src/io/schema/schemas.js';
import { renderScaffoldInventory } from '../../src/render/scaffold/scaffold-inventory.js';
import { renderScaffoldPolicy } from '../../src/render/scaffold/scaffold-policy.js';
import { expectGoldenIn } from '../render/golden.js';

// Review these goldens as documentation: they are the first tierplan files a user reads.
//   UPDATE_GOLDEN=1 npx vitest run test/init && git diff test/init/golden
const GOLDEN = join(fileURLToPath(new URL('.', import.meta.url)), 'golden');
const REFS = {
  policy: 'node_modules/tierplan/schemas/policy.schema.json',
  inventory: 'node_modules/tierplan/schemas/inventory.schema.json',
};

function scaffold(a: InitAnswers): {
  policyText: string;
  inventoryText: string;
  policy: ReturnType<typeof scaffoldPolicy>['policy'];
} {
  const { policy, leftOut } = scaffoldPolicy(DEFAULT_POLICY, a);
  return {
    policy,
    policyText: renderScaffoldPolicy({ policy, leftOut, schemaRef: REFS.policy }),
    inventoryText: renderScaffoldInventory(workedExample(policy), REFS.inventory),
  };
}

const defaults = defaultAnswers(DEFAULT_POLICY);
const euCloud: InitAnswers = {
  tiers: ['api', 'private-cloud'],
  regions: ['eu'],
  providers: ['openai', 'azure', 'vertex_ai'],
  regimes: ['gdpr'],
};

describe('the scaffolded files', () => {
  it('--yes: the whole default policy and the worked example (golden)', () => {
    const s = scaffold(defaults);
    expectGoldenIn(GOLDEN, 'yes/tierplan.policy.yaml', s.policyText);
    expectGoldenIn(GOLDEN, 'yes/inventory.yaml', s.inventoryText);
  });

  it('answers: no on-prem, EU only, GDPR only (golden)', () => {
    const s = scaffold(euCloud);
    expectGoldenIn(GOLDEN, 'eu-cloud/tierplan.policy.yaml', s.policyText);
    expectGoldenIn(GOLDEN, 'eu-cloud/inventory.yaml', s.inventoryText);
  });

  for (const [name, a] of [
    ['defaults', defaults],
    ['eu-cloud', euCloud],
  ] as const) {
    it(`${name}: each file starts with its schema line, follows its schema, and reads back as the data it was built from`, () => {
      const s = scaffold(a);
      expect(s.policyText.split('\n')[0]).toBe(`# yaml-language-server: $schema=${REFS.policy}`);
      expect(s.inventoryText.split('\n')[0]).toBe(`# yaml-language-server: $schema=${REFS.inventory}`);
      const policyFile = parse(s.policyText) as PolicyFile;
      expect(checkDocument('policy', policyFile)).toEqual([]);
      expect(policyFile.extends).toBe('none');
      expect(mergePolicy(policyFile, DEFAULT_POLICY)).toEqual(s.policy);
      const inventory = parse(s.inventoryText) as unknown;
      expect(checkDocument('inventory', inventory)).toEqual([]);
      expect(inventory).toEqual({ version: 1, use_cases: [workedExample(s.policy).useCase] });
    });
  }

  it('is byte-identical from run to run', () => {
    expect(scaffold(euCloud)).toEqual(scaffold(euCloud));
  });

  it('the comments above the example show its real placement under the written policy', () => {
    expect(scaffold(defaults).inventoryText).toContain(
      '# The policy beside it places it on private-cloud (deployment azure-gpt-5-4-eu):',
    );
    expect(scaffold({ ...defaults, tiers: ['on-prem'] }).inventoryText).toContain(
      'places it on on-prem (deployment vllm-qwen-eu)',
    );
  });

  it('says what the answers left out, and nothing of the kind with the defaults', () => {
    expect(scaffold(defaults).policyText).not.toContain('Left out');
    expect(scaffold(euCloud).policyText).toMatch(
      /# Left out because of your answers to `tierplan init`:\n# {3}tiers: on-prem\n# {3}deployments: openai-gpt-5-mini, /,
    );
  });
});

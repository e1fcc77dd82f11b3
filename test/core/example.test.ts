// The shipped example must stay what its comments say: schema-valid, every matrix cell
// filled, and the placements the comments promise.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkInventory } from '../../src/core/policy/check-inventory.js';
import { checkPolicy } from '../../src/core/policy/check-policy.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { mergePolicy } from '../../src/core/policy/merge-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Inventory, PolicyFile } from '../../src/core/policy/types.js';
import { AS_OF } from './helpers.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const inventory = parse(read('examples/inventory.yaml')) as Inventory;
const policyFile = parse(read('examples/tierplan.policy.yaml')) as PolicyFile;
const policy = mergePolicy(policyFile, DEFAULT_POLICY);
const plan = computePlan(inventory, policy, { asOf: AS_OF, generator: 'test' });
const placed = (id: string) => plan.use_cases.find((u) => u.id === id);

describe('examples/', () => {
  it.each([
    ['inventory', 'examples/inventory.yaml'],
    ['policy', 'examples/tierplan.policy.yaml'],
  ])('the %s example is valid against its schema and points editors at it', (schema, path) => {
    const ajv = new Ajv.default({ allErrors: true, strict: true });
    addFormats.default(ajv, ['date']);
    const validate = ajv.compile(JSON.parse(read(`schemas/${schema}.schema.json`)) as object);
    expect(validate(parse(read(path))), JSON.stringify(validate.errors)).toBe(true);
    expect(read(path).split('\n')[0]).toBe(`# yaml-language-server: $schema=../schemas/${schema}.schema.json`);
  });

  it('passes the semantic checks; the only finding is the deliberately expired override', () => {
    expect(checkPolicy(policy)).toEqual([]);
    expect(checkInventory(inventory, policy, AS_OF).map((p) => [p.code, p.path.join('.')])).toEqual([
      [
        'override-expired',
        `use_cases.${inventory.use_cases.findIndex((u) => u.id === 'collections-assistant')}.override.expires`,
      ],
    ]);
  });

  it('fills every sensitivity × capability cell and mixes statuses', () => {
    expect(inventory.use_cases.length).toBeGreaterThanOrEqual(30);
    expect(plan.cells.filter((c) => c.use_cases.length === 0)).toEqual([]);
    expect(new Set(inventory.use_cases.map((u) => u.status))).toEqual(
      new Set(['idea', 'pilot', 'production', 'retired']),
    );
  });

  it('shows a gap, each override state, expiring and unclassified use cases', () => {
    expect(plan.gaps).toEqual(['sanctions-intel-analysis']);
    expect(plan.overrides.map((id) => [id, placed(id)?.override?.state])).toEqual([
      ['claims-triage', 'honoured'],
      ['collections-assistant', 'expired'],
      ['sales-call-summaries', 'exception'],
    ]);
    expect(plan.expiring).toContain('sales-call-summaries');
    expect(plan.unclassified).toEqual(['document-translation', 'exec-briefing-bot']);
  });

  it.each([
    ['claims-triage', 'on-prem', 'override'],
    ['prior-authorisation-agent', 'private-cloud', 'preference'],
    ['fraud-scoring', 'private-cloud', 'preference'],
    ['export-engineering-docs', 'on-prem', 'preference'],
    ['architecture-review-agent', 'private-cloud', 'matrix'],
    ['legal-research-agent', 'private-cloud', 'preference'],
    ['kyc-document-extraction', 'private-cloud', 'preference'],
    ['claims-notes-summary', 'private-cloud', 'preference'],
    ['document-translation', 'on-prem', 'preference'],
    ['sales-call-summaries', 'api', 'exception'],
    ['code-assistant', 'api', 'preference'],
    ['old-claims-ocr', null, 'retired'],
  ])('%s → %s (%s), as its comments say', (id, tier, by) => {
    expect([placed(id)?.tier, placed(id)?.decided_by]).toEqual([tier, by]);
  });

  it('EU-resident use cases run on EU deployments', () => {
    const regionOf = (d: string | null) => policy.tiers.flatMap((t) => t.deployments).find((x) => x.id === d)?.region;
    for (const u of plan.use_cases.filter((x) => x.residency.includes('eu') && x.tier))
      expect(regionOf(u.deployment)).toBe('eu');
  });
});

// Sensitivity and capability classification against the default taxonomy (docs/design.md
// "The decision": highest level wins; data classes may imply regimes; unknown data fails closed).
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/plan/classify.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Needs } from '../../src/core/policy/types.js';
import { uc } from './helpers.js';

const P = DEFAULT_POLICY;
const ruleIds = (c: { reasons: { rule: string }[] }): string[] => c.reasons.map((r) => r.rule);

describe('sensitivity', () => {
  // Written out from docs/design.md and the default catalog, not read back from the code.
  const classes: [string, string][] = [
    ['public', 'public'],
    ['internal_docs', 'internal'],
    ['source_code', 'internal'],
    ['customer_data', 'confidential'],
    ['employee_data', 'confidential'],
    ['pii', 'confidential'],
    ['financial', 'confidential'],
    ['phi', 'regulated'],
    ['pci', 'regulated'],
    ['export_controlled', 'regulated'],
    ['classified', 'regulated'],
  ];
  it('covers every default data class', () => {
    expect(classes.map(([c]) => c).sort()).toEqual(Object.keys(P.sensitivity.data_classes).sort());
  });
  it.each(classes)('data class %s → %s, with rule sens.class.<name>', (cls, level) => {
    const c = classify(uc({ data: { classes: [cls] } }), P);
    expect(c.sensitivity).toBe(level);
    expect(ruleIds(c)).toContain(`sens.class.${cls}`);
    expect(c.unclassified).toEqual([]);
  });

  const regimes: [string, string][] = [
    ['gdpr', 'confidential'],
    ['sox', 'confidential'],
    ['glba', 'confidential'],
    ['hipaa', 'regulated'],
    ['pci_dss', 'regulated'],
    ['itar', 'regulated'],
    ['fedramp', 'regulated'],
  ];
  it('covers every default regime', () => {
    expect(regimes.map(([r]) => r).sort()).toEqual(Object.keys(P.sensitivity.regimes).sort());
  });
  it.each(regimes)('regime %s → %s, with rule sens.regime.<name>', (regime, level) => {
    const c = classify(uc({ data: { classes: ['public'], regimes: [regime] } }), P);
    expect(c.sensitivity).toBe(level);
    expect(c.regimes).toEqual([regime]);
    expect(ruleIds(c)).toContain(`sens.regime.${regime}`);
  });

  it.each([
    ['phi', 'hipaa'],
    ['pci', 'pci_dss'],
    ['export_controlled', 'itar'],
  ])('data class %s implies regime %s', (cls, regime) => {
    const c = classify(uc({ data: { classes: [cls] } }), P);
    expect(c.regimes).toEqual([regime]);
    expect(ruleIds(c)).toEqual(expect.arrayContaining([`regime.implied.${cls}`, `sens.regime.${regime}`]));
  });

  it('an implied regime already declared is carried once', () => {
    const c = classify(uc({ data: { classes: ['phi', 'pii'], regimes: ['hipaa', 'gdpr'] } }), P);
    expect(c.regimes).toEqual(['gdpr', 'hipaa']);
    expect(ruleIds(c)).not.toContain('regime.implied.phi');
  });

  it('the highest level wins, and the result names the deciding rule', () => {
    const c = classify(uc({ data: { classes: ['public', 'pii', 'internal_docs'] } }), P);
    expect(c.sensitivity).toBe('confidential');
    const result = c.reasons.find((r) => r.rule === 'sens.result');
    expect(result?.text).toContain('sens.class.pii');
    expect(result?.text).not.toContain('sens.class.public');
    // Every contribution stays in the rationale, not only the deciding one.
    expect(ruleIds(c)).toEqual(
      expect.arrayContaining(['sens.class.public', 'sens.class.pii', 'sens.class.internal_docs']),
    );
  });

  it.each([
    ['no data at all', undefined],
    ['data without classes', { residency: ['us'] }],
  ])('%s → fail-closed regulated, rule sens.unclassified', (_label, data) => {
    const c = classify({ id: 'x', name: 'x', needs: { task: 'search' }, ...(data ? { data } : {}) }, P);
    expect(c.sensitivity).toBe('regulated');
    expect(c.unclassified).toEqual(['data']);
    expect(ruleIds(c)).toContain('sens.unclassified');
  });
});

describe('capability', () => {
  const cases: [string, string, Needs][] = [
    ['cap.task.agentic', 'frontier', { task: 'agentic' }],
    ['cap.reasoning.high', 'frontier', { reasoning: 'high' }],
    ['cap.context.long', 'frontier', { context_tokens: 200000 }],
    ['cap.modality.video', 'frontier', { modalities: ['video'] }],
    ['cap.task.generative', 'mid', { task: 'generation' }],
    ['cap.task.generative', 'mid', { task: 'code' }],
    ['cap.task.generative', 'mid', { task: 'reasoning' }],
    ['cap.reasoning.medium', 'mid', { reasoning: 'medium' }],
    ['cap.context.medium', 'mid', { context_tokens: 32000 }],
    ['cap.tools', 'mid', { tools: true }],
    ['cap.modality.image', 'mid', { modalities: ['text', 'image'] }],
  ];
  it('covers every default capability rule', () => {
    expect([...new Set(cases.map(([id]) => id))].sort()).toEqual(P.capability.rules.map((r) => r.id).sort());
  });
  it.each(cases)('%s fires → %s', (id, level, needs) => {
    const c = classify(uc({ needs }), P);
    expect(c.capability).toBe(level);
    expect(ruleIds(c)).toContain(id);
    expect(c.unclassified).toEqual([]);
  });

  it.each<[string, Needs]>([
    ['thresholds are inclusive from below only', { context_tokens: 31999 }],
    ['tools: false is not a tool need', { tools: false }],
    ['plain text extraction', { task: 'extraction', reasoning: 'low', modalities: ['text'] }],
    ['audio transcription', { task: 'transcription', modalities: ['audio'] }],
  ])('%s → basic, rule cap.default', (_label, needs) => {
    const c = classify(uc({ needs }), P);
    expect(c.capability).toBe('basic');
    expect(ruleIds(c)).toContain('cap.default');
  });

  it('the highest level wins and every fired rule is kept', () => {
    const c = classify(uc({ needs: { task: 'code', reasoning: 'high', context_tokens: 50000 } }), P);
    expect(c.capability).toBe('frontier');
    expect(ruleIds(c)).toEqual(
      expect.arrayContaining(['cap.task.generative', 'cap.reasoning.high', 'cap.context.medium', 'cap.result']),
    );
  });

  it.each([
    ['no needs', undefined],
    ['empty needs', {}],
  ])('%s → the policy’s unclassified level, rule cap.unclassified', (_label, needs) => {
    const c = classify({ id: 'x', name: 'x', data: { classes: ['public'] }, ...(needs ? { needs } : {}) }, P);
    expect(c.capability).toBe(P.capability.unclassified);
    expect(c.capability).toBe('basic');
    expect(c.unclassified).toEqual(['needs']);
    expect(ruleIds(c)).toContain('cap.unclassified');
  });
});

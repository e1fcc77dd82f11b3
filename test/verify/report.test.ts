// The three output formats of `tierplan verify`, and dialect detection.
import { describe, expect, it } from 'vitest';
import { detectDialect, verifyConfigs } from '../../src/core/verify/verify.js';
import type { PlacedVerifyFinding } from '../../src/core/verify/verify-types.js';
import { renderVerify } from '../../src/render/verify/verify-report.js';
import { generate, litellm, POLICY } from './fixture.js';

const g = generate();
const broken = structuredClone(g.litellm);
const n = broken.router_settings.fallbacks.push({ 'secret-docs': ['faq-bot--oai-large'] }) - 1;
const result = verifyConfigs([litellm(broken)], g.plan, POLICY);
const placed: PlacedVerifyFinding[] = result.findings.map((f) => ({ ...f, line: 120, column: 11 }));

describe('verify report', () => {
  it('text: one line per finding with file:line:col and JSON path, the chain indented, a summary', () => {
    const text = renderVerify(result, placed, 'text', '0.1.0');
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      `litellm/config.yaml:120:11: $.router_settings.fallbacks[${n}]["secret-docs"][0]: error uncleared-tier: "secret-docs" (regulated) can reach deployment "oai-large" on tier api, which is not cleared for it: clearance internal < regulated`,
    );
    expect(lines[1]).toMatch(
      /^ {4}model group "secret-docs" → fallbacks \(router_settings\) → "faq-bot--oai-large" → model_list\[\d+\] \(openai\/gpt-5\.4\)$/,
    );
    expect(lines.at(-2)).toBe('verify: 1 error, 0 warnings (uncleared-tier 1) in 1 config file, 7 routed use cases');
  });

  it('text: a clean run says so', () => {
    const clean = verifyConfigs([litellm(g.litellm)], g.plan, POLICY);
    expect(renderVerify(clean, [], 'text', '0.1.0')).toBe('verify: no findings (1 config file, 7 routed use cases)\n');
  });

  it('json: schema_version, findings with positions, summary', () => {
    const json = JSON.parse(renderVerify(result, placed, 'json', '0.1.0')) as Record<string, any>;
    expect(json.schema_version).toBe(1);
    expect(json.summary).toEqual({ files: 1, use_cases: 7, errors: 1, warnings: 0, by_code: { 'uncleared-tier': 1 } });
    expect(Object.keys(json.findings[0])).toEqual([
      'severity',
      'code',
      'use_case',
      'file',
      'line',
      'column',
      'path',
      'message',
      'chain',
    ]);
  });

  it('sarif: 2.1.0, a rule per code, results placed physically and logically', () => {
    const sarif = JSON.parse(renderVerify(result, placed, 'sarif', '0.1.0')) as Record<string, any>;
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('tierplan');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('uncleared-tier');
    expect(run.tool.driver.rules.every((r: Record<string, any>) => r.help.text && r.shortDescription.text)).toBe(true);
    const [res] = run.results;
    expect(res.ruleId).toBe('uncleared-tier');
    expect(run.tool.driver.rules[res.ruleIndex].id).toBe('uncleared-tier');
    expect(res.level).toBe('error');
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'litellm/config.yaml' },
      region: { startLine: 120, startColumn: 11 },
    });
    expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toBe(
      `$.router_settings.fallbacks[${n}]["secret-docs"][0]`,
    );
    expect(res.properties).toEqual({ use_case: 'secret-docs' });
  });

  it('detects the dialect of a parsed file', () => {
    expect(detectDialect('x/config.yaml', { model_list: [] })).toBe('litellm');
    expect(detectDialect('x/a.json', { strategy: { mode: 'fallback' }, targets: [] })).toBe('portkey');
    expect(detectDialect('x/a.json', { provider: 'openai' })).toBe('portkey');
    expect(detectDialect('x/routes.json', { a: { tierplan_route: 'x' } })).toBe('routes');
    expect(detectDialect('x/plan.json', { schema_version: 1, use_cases: [] })).toBeNull();
    expect(detectDialect('x/list.json', [1, 2])).toBeNull();
  });
});

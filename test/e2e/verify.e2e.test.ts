// `tierplan verify` through the built binary (run `npm run build` first), on the bundled example.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const inputs = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-verify-'));
const generated = (): string => {
  const out = join(tmp(), 'gateway');
  expect(tierplan(['gateway', ...inputs, '--out', out]).code).toBe(0);
  return out;
};

/** Adds `claims-triage → code-assistant--anthropic-claude-opus` (the api tier) to the LiteLLM fallbacks; returns its line. */
function addCrossTierFallback(config: string): number {
  const text = readFileSync(config, 'utf8');
  const at = text.indexOf('\n  fallbacks:\n') + '\n  fallbacks:\n'.length;
  expect(at).toBeGreaterThan(100);
  writeFileSync(
    config,
    `${text.slice(0, at)}    - claims-triage:\n        - code-assistant--anthropic-claude-opus\n${text.slice(at)}`,
  );
  return text.slice(0, at).split('\n').length + 1;
}

describe('tierplan verify', () => {
  it('passes the configs `gateway` generates: exit 0', () => {
    const out = generated();
    const r = tierplan(['verify', out, ...inputs]);
    expect(r.stdout).toMatch(/^verify: no findings \(32 config files, \d+ routed use cases\)\n$/);
    expect(r.code).toBe(0);
  });

  it('exits 1 on a hand-added cross-tier fallback, naming file, line, column, path and chain', () => {
    const out = generated();
    const config = join(out, 'litellm/config.yaml');
    const line = addCrossTierFallback(config);
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `${config}:${line}:11: $.router_settings.fallbacks[0]["claims-triage"][0]: error uncleared-tier: "claims-triage" (regulated; regimes hipaa; residency us) can reach deployment "anthropic-claude-opus" on tier api, which is not cleared for it: not certified for hipaa; clearance internal < regulated`,
    );
    expect(lines[1]).toMatch(
      /^ {4}model group "claims-triage" → fallbacks \(router_settings\) → "code-assistant--anthropic-claude-opus" → model_list\[\d+\] \(anthropic\/claude-opus-4-6\)$/,
    );
    expect(r.stdout).toMatch(/verify: 1 error, 0 warnings \(uncleared-tier 1\) in 1 config file/);
  });

  it('gateway --out writes the key-scoping file; a widened access group exits 1 at the item that widens it', () => {
    const out = generated();
    const keys = JSON.parse(readFileSync(join(out, 'litellm/keys.json'), 'utf8')) as {
      keys: { use_case: string; access_group: string; generate: { models: string[] } }[];
    };
    const claims = keys.keys.find((k) => k.use_case === 'claims-triage')!;
    expect(claims.generate.models).toEqual(['tierplan-uc:claims-triage']);
    // Give claims-triage's access group to a public-API entry of another use case.
    const config = join(out, 'litellm/config.yaml');
    const text = readFileSync(config, 'utf8');
    const entry = text.indexOf('  - model_name: code-assistant--anthropic-claude-opus\n');
    const item = '      access_groups:\n        - tierplan-uc:code-assistant\n';
    const at = text.indexOf(item, entry) + item.length;
    expect(entry).toBeGreaterThan(0);
    writeFileSync(config, `${text.slice(0, at)}        - tierplan-uc:claims-triage\n${text.slice(at)}`);
    const line = text.slice(0, at).split('\n').length;
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(
      new RegExp(
        `^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:11: \\$\\.model_list\\[\\d+\\]\\.model_info\\.access_groups\\[1\\]: error access-group-uncleared: with a key scoped to access group "tierplan-uc:claims-triage", "claims-triage" \\(regulated; regimes hipaa; residency us\\) can reach deployment "anthropic-claude-opus" on tier api, which is not cleared for it`,
      ),
    );
    expect(r.stdout).toMatch(/verify: 1 error, 0 warnings \(access-group-uncleared 1\) in 1 config file/);
  });

  it('reports what the gateways accept silently: a misspelt top-level key and the reserved model_info.tier', () => {
    const out = generated();
    const config = join(out, 'litellm/config.yaml');
    const text = readFileSync(config, 'utf8');
    writeFileSync(
      config,
      text
        .replace('general_settings:', 'general_setings:')
        .replace('      tierplan_role: primary\n', '      tierplan_role: primary\n      tier: onprem\n'),
    );
    const r = tierplan(['verify', config, ...inputs]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error config-problem: unknown-key: unknown key "general_setings" \(did you mean "general_settings"\?\)/,
    );
    expect(r.stdout).toMatch(/\$\.model_list\[0\]\.model_info\.tier: error config-problem: reserved-tier-key: /);
  });

  it('--format sarif is SARIF 2.1.0; --format json has the findings and a summary', () => {
    const out = generated();
    addCrossTierFallback(join(out, 'litellm/config.yaml'));
    const sarif = tierplan(['verify', out, ...inputs, '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string } };
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.tool.driver.name).toBe('tierplan');
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(['uncleared-tier']);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(
      /litellm\/config\.yaml$/,
    );
    const json = JSON.parse(tierplan(['verify', out, ...inputs, '--format', 'json']).stdout) as {
      schema_version: number;
      summary: { errors: number };
    };
    expect(json).toMatchObject({ schema_version: 1, summary: { errors: 1 } });
  });

  it('checks against a plan.json with --plan, using routes.json beside the conditional config', () => {
    const out = tmp();
    expect(tierplan(['plan', ...inputs, '--out', out]).code).toBe(0);
    const r = tierplan(['verify', out, '--plan', join(out, 'plan.json'), '--policy', 'examples/tierplan.policy.yaml']);
    expect(r.stdout).toMatch(/^verify: no findings/);
    expect(r.code).toBe(0);
    // A default branch to the api tier: every use case not cleared for it is reported.
    const conditional = join(out, 'portkey/conditional.json');
    const config = JSON.parse(readFileSync(conditional, 'utf8')) as {
      strategy: Record<string, unknown>;
      targets: { name: string }[];
    };
    config.strategy.default = config.targets.find((t) => t.name.startsWith('api.'))!.name;
    writeFileSync(conditional, JSON.stringify(config, null, 2));
    const broken = tierplan([
      'verify',
      conditional,
      '--plan',
      join(out, 'plan.json'),
      '--policy',
      'examples/tierplan.policy.yaml',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /conditional\.json:\d+:\d+: \$\.strategy\.default: error uncleared-tier: "claims-triage"/,
    );
  });

  it('exits 2 with file:line:column on a config that is not valid JSON or YAML', () => {
    const dir = tmp();
    const json = join(dir, 'bad.json');
    writeFileSync(json, '{\n  "strategy": { "mode": "fallback" },\n  "targets": [ }\n}\n');
    const r = tierplan(['verify', json, ...inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${json.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:16: error json-syntax: not valid JSON`, 'm'),
    );
    const yaml = join(dir, 'config.yaml');
    writeFileSync(yaml, 'model_list:\n  - model_name: a\n    litellm_params: {model: x\n');
    const y = tierplan(['verify', yaml, ...inputs]);
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/config\.yaml:\d+:\d+: error yaml-syntax/);
  });

  it('exits 2 on a file that is not a gateway config, a missing path, or a plan.json that breaks its schema', () => {
    const dir = tmp();
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello": "world"}\n');
    expect(tierplan(['verify', other, ...inputs])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/other\.json:1:1: error not-a-config/),
    });
    expect(tierplan(['verify', join(dir, 'nope'), ...inputs])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/file-not-found/),
    });
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, '{\n  "schema_version": 2\n}\n');
    const r = tierplan(['verify', generated(), '--plan', plan, '--policy', 'examples/tierplan.policy.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan\.json:\d+:\d+: error/);
  });

  it('documents itself', () => {
    const help = tierplan(['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Exit codes:\n {2}0 {2}no violation or drift/m);
    expect(help.stdout).toContain('--format <format>');
  });
});

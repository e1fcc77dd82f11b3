// Hostile file names, names and endpoints through the built binary (run `npm run build` first).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { parsePyYaml } from '../gateway/support/pyyaml.js';
import { tierplan } from './run-cli.js';

// Before the example's override expires: no warnings, so stderr is empty on success.
const policy = ['--policy', 'examples/tierplan.policy.yaml', '--as-of', '2026-09-01'];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-inject-'));
/** A folder inventory holding the bundled example in one file of the given name. */
function folder(fileName: string): string {
  const dir = join(tmp(), 'inventory');
  mkdirSync(dir);
  cpSync('examples/inventory.yaml', join(dir, fileName));
  return dir;
}
function gateway(inventory: string): { out: string; config: string } {
  const out = join(tmp(), 'gateway');
  const r = tierplan(['gateway', '--inventory', inventory, ...policy, '--out', out, '--target', 'litellm']);
  expect(r.stderr).toMatch(/^wrote 2 files under .* \(litellm\)\n$/);
  expect(r.code).toBe(0);
  return { out, config: readFileSync(join(out, 'litellm/config.yaml'), 'utf8') };
}
/** Raw C0 (but LF), DEL, C1, line separators and bidi controls. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('injection through a file name (class 1)', () => {
  it('a U+0085 in an inventory file name cannot add litellm_settings: same structure, verify clean', () => {
    // PyYAML ends the header comment at NEL; this name would add a public default fallback.
    const hostile = 'inv\u0085litellm_settings: {default_fallbacks: [marketing-copy]}\u0085#.yaml';
    const inventory = folder(hostile);
    const attacked = gateway(inventory);
    const plain = gateway(folder('inventory.yaml'));
    const parsed = parsePyYaml(attacked.config) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['model_list', 'router_settings', 'general_settings']);
    expect(parsed).toEqual(parsePyYaml(plain.config));
    expect(attacked.config).not.toMatch(/[\u0085\u2028\u2029]/);
    const v = tierplan(['verify', attacked.out, '--inventory', inventory, ...policy]);
    expect(v.stdout).toMatch(/^verify: no findings/);
    expect(v.code).toBe(0);
  });

  it('an ESC in a file name leaves a config PyYAML loads, and is printed escaped', () => {
    const dir = folder('inv\u001b[2J\u202e.yaml');
    expect(() => parsePyYaml(gateway(dir).config)).not.toThrow();
    // An unknown data class in that file: the diagnostic names the file without raw controls.
    const file = join(dir, 'inv\u001b[2J\u202e.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('classes: [public]', 'classes: [publik]'));
    const r = tierplan(['validate', '--inventory', dir, ...policy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inv␛\[2J�\.yaml:\d+:\d+: error unknown-data-class: unknown data class "publik"/);
    expect(r.stderr).not.toMatch(RAW);
  });
});

describe('secrets (class 3)', () => {
  it('a use case named os.environ/OPENAI_API_KEY is refused, positioned, and nothing is written', () => {
    const dir = folder('inventory.yaml');
    const file = join(dir, 'inventory.yaml');
    const text = readFileSync(file, 'utf8').replace(
      'name: Marketing copy generator',
      'name: os.environ/OPENAI_API_KEY',
    );
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('os.environ/')) + 1;
    const v = tierplan(['validate', '--inventory', dir, ...policy]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(`${file}:${line}:11: error gateway-reference`);
    const out = join(tmp(), 'gateway');
    const g = tierplan(['gateway', '--inventory', dir, ...policy, '--out', out]);
    expect(g.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(`${v.stdout}${v.stderr}${g.stdout}${g.stderr}`).not.toContain('OPENAI_API_KEY');
  });

  it('credentials inside an endpoint URL are refused at the endpoint, without repeating them', () => {
    const onprem = structuredClone(DEFAULT_POLICY.tiers.find((t) => t.id === 'on-prem')!);
    onprem.deployments[0]!.endpoint = 'https://svc:hunter22@vllm-small.dc1.internal:8000/v1';
    onprem.deployments[1]!.endpoint = 'https://vllm-large.dc1.internal:8000/v1?api-key=hunter33';
    const file = join(tmp(), 'policy.yaml');
    writeFileSync(file, `${JSON.stringify({ version: 1, extends: 'default', tiers: [onprem] }, null, 2)}\n`);
    const r = tierplan([
      'validate',
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      file,
      '--as-of',
      '2026-09-01',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/error endpoint-credentials/g)).toHaveLength(2);
    expect(r.stderr).toMatch(
      new RegExp(`${file}:\\d+:\\d+: error endpoint-credentials: deployment ${onprem.deployments[0]!.id}`),
    );
    expect(r.stderr).not.toMatch(/hunter/);
  });
});

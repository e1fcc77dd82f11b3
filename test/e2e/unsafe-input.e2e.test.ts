// What cannot be safe is refused through the built binary: hostile numbers in usage exports
// (the same decision in CSV and JSONL, and a review.json the schema accepts), proposals patches
// that rename onto an id or change what their action does not allow, a cleared tier on a
// public API, and ids Windows cannot use as file names.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repo, tierplan } from './run-cli.js';

const EXAMPLE = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const QUARTER = ['--as-of', '2026-10-05', '--quarter', '2026-Q3'];
const HOSTILE = ['1e300', '1e309', '-0', 'NaN', 'Infinity', '0x10', '1_000', ' 12 ', '1e-400', '12'];

const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-unsafe-'));

function validateReview(json: unknown): unknown[] {
  const require = createRequire(import.meta.url);
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(repo, 'schemas', 'review.schema.json'), 'utf8')) as object;
  const validate = ajv.compile(schema);
  return validate(json) ? [] : (validate.errors ?? []);
}

describe('hostile numbers in usage exports', () => {
  // The example's first request, one row per hostile value in prompt_tokens and spend.
  const [header, template] = gunzipSync(readFileSync(join(repo, 'examples/usage/litellm-spend-logs-2026-q3.csv.gz')))
    .toString('utf8')
    .split('\n');
  const cells = template!.split(',');
  const columns = header!.split(',');
  const at = (name: string): number => columns.indexOf(name);
  const csvLine = (prompt: string, spend: string): string => {
    const c = [...cells];
    c[at('prompt_tokens')] = prompt.includes(' ') ? `"${prompt}"` : prompt;
    c[at('spend')] = spend.includes(' ') ? `"${spend}"` : spend;
    return c.join(',');
  };
  const json = (v: string): string => (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v) ? v : JSON.stringify(v));
  const jsonLine = (prompt: string, spend: string): string =>
    `{"request_id":"r","spend":${json(spend)},"prompt_tokens":${json(prompt)},"completion_tokens":193,"startTime":"2026-07-18T21:00:00.000Z","model":"azure/gpt-4o-transcribe-us","model_id":"call-centre-transcription.azure-transcribe-us","model_group":"call-centre-transcription","custom_llm_provider":"azure","api_base":"https://contoso-us.openai.azure.com","request_tags":["tierplan-uc:call-centre-transcription"],"status":"success"}`;

  it('CSV and JSONL count the same rows unreadable, and review.json validates against its schema', () => {
    const dir = tmp();
    const pairs = HOSTILE.flatMap((v) => [
      [v, '0.01'],
      ['100', v],
    ]);
    writeFileSync(join(dir, 'u.csv'), `${[header, ...pairs.map(([p, s]) => csvLine(p!, s!))].join('\n')}\n`);
    writeFileSync(join(dir, 'u.jsonl'), `${pairs.map(([p, s]) => jsonLine(p!, s!)).join('\n')}\n`);
    const counts = ['u.csv', 'u.jsonl'].map((f) => {
      const r = tierplan([
        'review',
        '--usage',
        join(dir, f),
        ...EXAMPLE,
        ...QUARTER,
        '--format',
        'json',
        '--fail-on',
        'none',
      ]);
      expect(r.code).toBe(0);
      // Refusal reasons may quote the value; no number may be one.
      expect(r.stdout).not.toMatch(/"\s*:\s*-?(Infinity|NaN)\b/);
      const review = JSON.parse(r.stdout) as { counts: { read: number; unreadable: number } };
      expect(validateReview(review)).toEqual([]);
      return [review.counts.read, review.counts.unreadable];
    });
    // 1e300, 1e309, NaN, Infinity, 0x10 and 1_000 are refused in either column.
    expect(counts[0]).toEqual([pairs.length, 12]);
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('proposals patches refused before anything is written', () => {
  const fixture = readFileSync(join(repo, 'test/proposals/fixtures/inventory.yaml'));
  const patch = (entry: string): string =>
    `kind: tierplan-proposals\nversion: 1\nproposals:\n  - use_case: quiet\n    action: retire\n${entry}`;
  const apply = (entry: string): { code: number | null; stderr: string; untouched: boolean } => {
    const dir = tmp();
    writeFileSync(join(dir, 'inventory.yaml'), fixture);
    writeFileSync(join(dir, 'p.yaml'), patch(entry));
    const r = tierplan([
      'review',
      '--apply',
      join(dir, 'p.yaml'),
      '--inventory',
      join(dir, 'inventory.yaml'),
      '--as-of',
      '2026-06-01',
    ]);
    return { code: r.code, stderr: r.stderr, untouched: readFileSync(join(dir, 'inventory.yaml')).equals(fixture) };
  };

  it('a rename onto an existing id: exit 2, positioned in the patch, the inventory byte for byte as it was', () => {
    const r = apply('    change: { path: [id], from: quiet, to: wiki }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.yaml:6:\d+: error proposal-invalid: quiet: no proposal changes a use case's id/);
    expect(r.untouched).toBe(true);
  });

  it('a retire entry whose change sets something else: exit 2, nothing written', () => {
    const r = apply('    change: { path: [status], from: pilot, to: production }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.yaml:6:\d+: error proposal-invalid: quiet: action retire sets status: retired/);
    expect(r.untouched).toBe(true);
  });
});

describe('validate refuses what cannot be safe', () => {
  it('an on-prem deployment connecting to https://api.openai.com/v1: exit 2 at its endpoint', () => {
    const dir = tmp();
    const policy = [
      'version: 1',
      'extends: default',
      'tiers:',
      '  - id: on-prem',
      '    name: On-premises',
      '    clearance: regulated',
      '    regimes: [gdpr, sox, glba, hipaa, pci_dss, fedramp, itar]',
      '    regions: [us, eu]',
      '    deployments:',
      '      - id: llama-70b',
      '        provider: hosted_vllm',
      '        model: meta-llama/Llama-3.3-70B-Instruct',
      '        capability: mid',
      '        region: us',
      '        endpoint: https://api.openai.com/v1',
      '        fixed_cost: { monthly: 28000, capacity_tokens_per_month: 6000000000 }',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'policy.yaml'), policy);
    const args = [
      '--inventory',
      'test/proposals/fixtures/inventory.yaml',
      '--policy',
      join(dir, 'policy.yaml'),
      '--as-of',
      '2026-01-01',
    ];
    const r = tierplan(['validate', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy\.yaml:15:19: error public-endpoint-in-cleared-tier: .*api\.openai\.com/);
    const gateway = tierplan(['gateway', ...args, '--target', 'litellm']);
    expect(gateway.code).toBe(2);
    expect(gateway.stderr).toContain('public-endpoint-in-cleared-tier');
  });

  it('a use case id `con`: exit 2 at the id, with a suggestion', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'inventory.yaml'),
      'version: 1\nuse_cases:\n  - id: con\n    name: Console helper\n    data: { classes: [internal_docs] }\n',
    );
    const r = tierplan(['validate', '--inventory', join(dir, 'inventory.yaml'), '--as-of', '2026-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inventory\.yaml:3:9: error reserved-file-name: use case id "con"/);
    expect(r.stderr).toContain('con-uc');
  });
});

// Hostile and broken usage exports through the built binary: a gzip bomb, a field of gigabytes
// and a flood of distinct aliases end in a clear exit 2 naming the limit and its flag (or, for
// the aliases, a counted finding), never in a crash. Inputs are generated here, small on disk.
import { createRequire } from 'node:module';
import { closeSync, mkdtempSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repo, tierplan } from './run-cli.js';

const HEADER =
  'request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model,model_id,model_group,custom_llm_provider,api_base,metadata,request_tags,status\n';
const row = (i: number, alias: string): string =>
  `r${i},acompletion,0.01,100,60,40,2026-07-02 00:00:04.354,2026-07-02 00:00:05.000,bedrock/us.anthropic.claude-sonnet-4-6-v1:0,,${alias},bedrock,us-east-1,{},[],success\n`;
const base = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];
const dir = mkdtempSync(join(tmpdir(), 'tierplan-limits-'));

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

// 256 MiB of one repeated row compress to a few hundred KiB (ratio ~1000:1).
function bomb(): string {
  const file = join(dir, 'bomb.csv.gz');
  const body = Buffer.from(row(1, 'alias-x').repeat(Math.ceil(2 ** 20 / 160)));
  const parts: Buffer[] = [gzipSync(HEADER)];
  const member = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
  // Concatenated gzip members are one stream to zlib: 256 copies of a 1 MiB member.
  for (let i = 0; i < 256; i++) parts.push(member);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

describe('review within its limits', () => {
  it('stops a gzip bomb at the ratio limit: exit 2 naming the file and --max-ratio', () => {
    const file = bomb();
    const r = tierplan(['review', '--usage', file, ...base, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:`);
    expect(r.stderr).toContain('error usage-limit');
    expect(r.stderr).toMatch(/exceeds --max-ratio \(200:1\)/);
    expect(r.stdout).toBe('');
  });

  it('stops it at the decompressed size when the ratio is raised: exit 2 naming --max-decompressed-bytes', () => {
    const file = bomb();
    const r = tierplan([
      'review',
      '--usage',
      file,
      ...base,
      '--max-ratio',
      '100000',
      '--max-decompressed-bytes',
      '64MiB',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exceeds --max-decompressed-bytes \(64 MiB\)/);
    expect(r.stderr).toContain('--max-decompressed-bytes 256MiB');
  });

  it('refuses a 4 GiB field (a sparse file: nothing held in memory here) naming the line and --max-field-bytes', () => {
    const file = join(dir, 'huge-field.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, `${HEADER}${row(1, 'alias-a')}r2,"`);
    closeSync(fd);
    truncateSync(file, 4 * 2 ** 30);
    const r = tierplan(['review', '--usage', file, ...base]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:3:1: error usage-limit: a field of the record starting at line 3`);
    expect(r.stderr).toContain('exceeds --max-field-bytes (32 MiB)');
    const raised = tierplan(['review', '--usage', file, ...base, '--max-field-bytes', '1GiB']);
    expect(raised.code).toBe(2);
    expect(raised.stderr).toContain('exceeds --max-record-bytes (64 MiB)');
  });

  it('refuses a bad limit value with exit 2', () => {
    const r = tierplan(['review', '--usage', 'x.csv', ...base, '--max-record-bytes', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-record-bytes takes a size in bytes');
  });

  it('folds aliases beyond --max-identities into a counted overflow finding, within a small heap', () => {
    const file = join(dir, 'many-aliases.csv');
    const lines = [HEADER];
    for (let i = 0; i < 20_000; i++) lines.push(row(i, `alias-${i}`));
    for (let i = 0; i < 40; i++) lines.push(row(20_000 + i, 'alias-19999'));
    writeFileSync(file, lines.join(''));
    const out = join(dir, 'out');
    const r = tierplan(['review', '--usage', file, ...base, '--max-identities', '500', '--out', out], {
      env: { NODE_OPTIONS: '--max-old-space-size=128' },
    });
    // Not a crash: the overflow ran on a tier not cleared for fail-closed data, a breach at --fail-on breach.
    expect(r.code).toBe(1);
    const review = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8'));
    expect(validateReview(review)).toEqual([]);
    expect(review.schema_version).toBe(5);
    expect(review.counts.read).toBe(20_040);
    expect(review.counts.aggregated).toBe(20_040);
    const overflow = review.findings.filter((f: { kind: string }) => f.kind === 'too-many-identities');
    expect(overflow).toHaveLength(1);
    expect(overflow[0].severity).toBe('error');
    expect(overflow[0].requests).toBe(20_040 - 500);
    expect(overflow[0].message).toContain('more than 500 distinct names');
    expect(overflow[0].message).toContain('alias-19999 (');
    expect(review.counts.breach_use_cases).toContain('*overflow*');
  });
});

// Through the built binary: where last quarter's split comes from (rows of the exports in it,
// else --previous review.json, else a note saying how), a --previous that is not a review, and
// traffic to a retired use case at --fail-on drift.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../src/core/review/review-types.js';
import { loadExample } from '../gateway/example.js';
import { tierplan } from '../e2e/run-cli.js';
import { spendLogs } from '../e2e/support/spend-logs.js';

const example = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
  '--fail-on',
  'none',
];
const Q2 = ['2026-04', '2026-05', '2026-06'];
const Q3 = ['2026-07', '2026-08', '2026-09'];

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tierplan-review-previous-'));
  const ex = await loadExample();
  const q2 = spendLogs(ex.plan, ex.policy, Q2);
  const q3 = spendLogs(ex.plan, ex.policy, Q3);
  files.q2 = join(dir, 'q2.csv');
  files.q3 = join(dir, 'q3.csv');
  files.both = join(dir, 'q2-q3.csv');
  writeFileSync(files.q2, q2);
  writeFileSync(files.q3, q3);
  // One export over two quarters: the header once.
  writeFileSync(files.both, q2 + q3.slice(q3.indexOf('\n') + 1));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (args: string[]): Review => {
  const r = tierplan(['review', ...args, ...example, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Review;
};

describe('the split against last quarter, end to end', () => {
  it('an export spanning both quarters: last quarter from its rows; the counts still add up', () => {
    const r = json(['--usage', files.both!, '--quarter', '2026-Q3']);
    expect(r.split).toMatchObject({
      previous_source: 'usage',
      previous_period: { from: '2026-04', to: '2026-06' },
      previous_months: Q2,
    });
    expect(r.counts.read).toBe(r.counts.aggregated + r.counts.unattributed + r.counts.unreadable);
    expect(r.counts.previous_period_cells).toBeGreaterThan(0);
    expect(r.counts.previous_period_cells).toBe(r.counts.outside_period_cells);
    expect(r.usage.every((c) => Q3.includes(c.month))).toBe(true);
  });

  it('a Q3-only export with last quarter’s review.json: last quarter from --previous, the same figures', () => {
    const out = join(dir, 'q2-review');
    const q2 = tierplan(['review', '--usage', files.q2!, '--quarter', '2026-Q2', ...example, '--out', out]);
    expect(q2.code, q2.stderr).toBe(0);
    const fromPrevious = json(['--usage', files.q3!, '--quarter', '2026-Q3', '--previous', join(out, 'review.json')]);
    const fromRows = json(['--usage', files.both!, '--quarter', '2026-Q3']);
    expect(fromPrevious.split.previous_source).toBe('previous-review');
    expect(fromPrevious.split.totals).toEqual(fromRows.split.totals);
    expect(fromPrevious.split.tiers).toEqual(fromRows.split.tiers);
    expect(fromPrevious.split.note).toContain('from the previous review (--previous)');
  });

  it('neither: the report says plainly there is no last quarter and how to provide it', () => {
    const r = tierplan(['review', '--usage', files.q3!, '--quarter', '2026-Q3', ...example, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "No figures for last period (2026-04..2026-06): the usage exports have no rows in it and no previous review was given. Pass last quarter's review.json with --previous",
    );
  });

  it('a --previous that is not a review: exit 2, file:line:column, what is wrong and what to pass', () => {
    const plan = join(dir, 'not-a-review.json');
    writeFileSync(
      plan,
      '{\n  "schema_version": 1,\n  "period": { "from": "2026-04", "to": "2026-06" },\n  "usage": [\n    { "tier": "api" }\n  ],\n  "streaks": []\n}\n',
    );
    const r = tierplan(['review', '--usage', files.q3!, '--quarter', '2026-Q3', ...example, '--previous', plan]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${plan}:5:5`);
    expect(r.stderr).toContain('a usage cell needs tier, month, requests, input_tokens, output_tokens and cost');
    expect(r.stderr).toContain('tierplan review --out');
  });
});

describe('traffic to a retired use case, end to end', () => {
  it('is a finding with its months, and --fail-on drift exits 1 on it', () => {
    const csv = readFileSync(files.q3!, 'utf8');
    // A stale gateway still routing the retired FAQ chatbot to the public API.
    const row =
      'chatcmpl-retired,acompletion,0.0012,1500,1200,300,2026-08-14T10:00:00.000Z,2026-08-14T10:00:02.000Z,openai/gpt-5-mini,' +
      'legacy-faq-chatbot.openai-gpt-5-mini,legacy-faq-chatbot,openai,,{},[],success';
    const file = join(dir, 'retired.csv');
    // Alone, so nothing else (the generator's unregistered alias) reaches --fail-on drift.
    writeFileSync(file, `${csv.slice(0, csv.indexOf('\n'))}\n${row}\n`);
    const args = [
      'review',
      '--usage',
      file,
      '--quarter',
      '2026-Q3',
      '--inventory',
      'examples/inventory.yaml',
      '--policy',
      'examples/tierplan.policy.yaml',
      '--as-of',
      '2026-11-24',
    ];
    const r = tierplan([...args, '--format', 'json', '--fail-on', 'drift']);
    const review = JSON.parse(r.stdout) as Review;
    expect(review.findings).toContainEqual(
      expect.objectContaining({
        kind: 'retired-traffic',
        use_case: 'legacy-faq-chatbot',
        months: ['2026-08'],
        requests: 1,
      }),
    );
    expect(r.code).toBe(1);
    expect(tierplan([...args, '--format', 'json', '--fail-on', 'breach']).code).toBe(0);
  });
});

// `review --emit-sql` and `review --usage-format aggregate` as a user runs them: the SQL on
// stdout, flag mistakes and aggregates of another format or version refused with exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const inputs = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const HEADER =
  'tierplan_aggregate,source,month,rejected,model_group,model_id,model,provider,api_base,region,tags,metadata_tags,latency_bucket,rows,requests,input_tokens,output_tokens,cost,unpriced_input_tokens,unpriced_output_tokens,failures,example';

describe('review --emit-sql', () => {
  it('prints the query for the dialect, the period and the one before it, and how to use the result', () => {
    const r = tierplan([
      'review',
      '--emit-sql',
      '--dialect',
      'snowflake',
      '--quarter',
      '2026-Q1',
      '--table',
      'LITELLM.PUBLIC.SPEND_LOGS',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- tierplan /);
    expect(r.stdout).toContain('--usage result.csv --usage-format aggregate');
    expect(r.stdout).toContain(`FROM "LITELLM"."PUBLIC"."SPEND_LOGS" AS "u"`);
    expect(r.stdout).toContain(`TO_TIMESTAMP_NTZ('2025-10-01 00:00:00')`);
    expect(r.stdout).toContain(`TO_TIMESTAMP_NTZ('2026-04-01 00:00:00')`);
  });

  it('refuses a column role that does not exist, naming the roles', () => {
    const r = tierplan(['review', '--emit-sql', '--column', 'begin=created_at']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--column begin: no such role for --source litellm; the roles are request_id, start,');
    expect(tierplan(['review', '--emit-sql', '--column', 'start']).stderr).toContain('--column takes ROLE=NAME');
    expect(tierplan(['review', '--emit-sql', '--table', 'a..b']).code).toBe(2);
    const focus = tierplan(['review', '--emit-sql', '--source', 'focus']);
    expect(focus.code).toBe(2);
    expect(focus.stderr).toContain('--source focus needs the FOCUS table: --table NAME');
  });

  it('a FOCUS table: its cost column from --cost-column, a column it lacks left out', () => {
    const r = tierplan([
      'review',
      '--emit-sql',
      '--source',
      'focus',
      '--table',
      'billing.focus',
      '--cost-column',
      'BilledCost',
      '--column',
      'sku_meter=',
      '--dialect',
      'clickhouse',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('`u`.`BilledCost`');
    expect(r.stdout).not.toContain('EffectiveCost');
    expect(r.stdout).not.toContain('SkuMeter`');
    expect(r.stdout).toContain('FROM `billing`.`focus` AS `u`');
  });
});

describe('review --usage-format aggregate', () => {
  it('reads an aggregate, detected from its header', () => {
    const file = join(dir, 'agg.csv');
    writeFileSync(
      file,
      `${HEADER}\n1,litellm,2026-01,,crm,crm.openai-gpt-5-mini,openai/gpt-5-mini,openai,,,,,142,10,10,1000,200,0.5,0,0,1,req-1\n1,litellm,,prompt_tokens is negative,,,,,,,,,,3,3,0,0,0,0,0,0,req-9\n`,
    );
    const r = tierplan([
      'review',
      '--usage',
      file,
      ...inputs,
      '--quarter',
      '2026-Q1',
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout) as {
      counts: { read: number; unreadable: number };
      findings: { kind: string; message: string }[];
    };
    expect(review.counts).toMatchObject({ read: 13, unreadable: 3 });
    expect(review.findings.find((f) => f.kind === 'unreadable')?.message).toContain('agg.csv:3');
  });

  it('refuses another version, or a file that is no aggregate, with exit 2', () => {
    const v2 = join(dir, 'v2.csv');
    writeFileSync(v2, `${HEADER}\n2,litellm,2026-01,,crm,,,,,,,,,1,1,1,1,0,0,0,0,\n`);
    const r = tierplan(['review', '--usage', v2, ...inputs, '--quarter', '2026-Q1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this tierplan reads aggregate format version 1');
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'a,b\n1,2\n');
    const o = tierplan(['review', '--usage', other, '--usage-format', 'aggregate', ...inputs, '--quarter', '2026-Q1']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('missing columns tierplan_aggregate, source, month');
  });
});

describe('review --usage-db', () => {
  const policy = join(dir, 'usage-db.policy.yaml');
  writeFileSync(
    policy,
    `${readFileSync('examples/tierplan.policy.yaml', 'utf8')}\nreview:\n  databases:\n    litellm-prod:\n      url_env: TIERPLAN_TEST_DB_URL\n`,
  );
  const run = (name: string, env: Record<string, string> = {}) =>
    tierplan(['review', '--usage-db', name, '--inventory', 'examples/inventory.yaml', '--policy', policy], { env });

  it('a name the policy does not give: exit 2, naming the ones it gives', () => {
    const r = run('warehouse');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--usage-db warehouse: the policy names no such database (it names litellm-prod)');
  });

  it('its environment variable unset, or not a postgresql URL: exit 2, and the value is never printed', () => {
    const unset = run('litellm-prod');
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('the environment variable TIERPLAN_TEST_DB_URL is not set');
    const secret = 'mysql://root:hunter2@db/litellm';
    const wrong = run('litellm-prod', { TIERPLAN_TEST_DB_URL: secret });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('TIERPLAN_TEST_DB_URL does not hold a postgresql:// (or postgres://) URL');
    expect(wrong.stderr).not.toContain('hunter2');
  });
});

describe('review --usage followed by an option', () => {
  it('says the option is not a file, rather than that the file is missing', () => {
    const r = tierplan(['review', '--usage', '--inventory', 'examples/inventory.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--usage --inventory: that is an option, not a usage export');
  });
});

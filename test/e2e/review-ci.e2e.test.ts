// review's findings in CI: `--annotations github` prints each finding and fired trigger as a
// GitHub workflow command at the place to act on (the use case's entry in the inventory, the
// usage row, the policy), and `--format sarif` gives code scanning the same results, each with
// a location (GitHub refuses an upload with a result that has none).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../gateway/example.js';
import { tierplan } from './run-cli.js';
import { spendLogs } from './support/spend-logs.js';

const EXAMPLE = ['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'];
const PERIOD = ['--as-of', '2026-11-24', '--quarter', '2026-Q3'];
/**
 * GitHub's documented syntax: `::{command} {parameters}::{message}` on one line, the parameters
 * `name=value` separated by commas, `%`, CR and LF encoded in the message and also `:` and `,`
 * in a value.
 */
const WORKFLOW_COMMAND =
  /^::(error|warning|notice) file=[^,:\r\n]+,line=[1-9]\d*,col=[1-9]\d*,title=[a-z-]+::[^\r\n]*$/;

describe('review findings for CI', async () => {
  const ex = await loadExample();
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-ci-'));
  const usage = join(dir, 'spend.csv');
  const csv = spendLogs(ex.plan, ex.policy, ['2026-07', '2026-08', '2026-09'], {
    breach: { alias: 'clinical-notes-coding', deployment: 'openai-gpt-5-mini' },
  });
  // One row the reader cannot use: its finding is placed at that row.
  const lines = csv.trimEnd().split('\n');
  writeFileSync(usage, `${[...lines, 'chatcmpl-bad,acompletion,not-a-number'].join('\n')}\n`);
  const badLine = lines.length + 1;
  const inventory = readFileSync('examples/inventory.yaml', 'utf8').split('\n');
  const lineOf = (text: string): number => inventory.findIndex((l) => l.includes(text)) + 1;

  it('--annotations github: one workflow command per finding and fired trigger, each at a place in a file', () => {
    const r = tierplan(['review', '--usage', usage, ...EXAMPLE, ...PERIOD, '--annotations', 'github', '--out', dir]);
    expect(r.code).toBe(1);
    const commands = r.stdout.trimEnd().split('\n');
    for (const c of commands) expect(c).toMatch(WORKFLOW_COMMAND);
    const json = JSON.parse(readFileSync(join(dir, 'review.json'), 'utf8')) as {
      findings: { kind: string }[];
      triggers: { trigger: string }[];
    };
    expect(commands).toHaveLength(json.findings.length + json.triggers.length);
    expect(json.triggers.length).toBeGreaterThan(0);
    // The breach sits at the use case's id in the inventory.
    expect(commands).toContain(
      commands.find((c) =>
        c.startsWith(
          `::error file=examples/inventory.yaml,line=${lineOf('id: clinical-notes-coding')},col=9,title=breach::clinical-notes-coding (regulated) ran on api`,
        ),
      ),
    );
    // The unreadable row at its line of the usage export.
    expect(
      commands.filter((c) =>
        c.startsWith(`::warning file=${usage.replace(/:/g, '%3A')},line=${badLine},col=1,title=unreadable::`),
      ),
    ).toHaveLength(1);
    // An alias no use case has: at the inventory's use_cases, where it would be added.
    expect(commands.find((c) => c.includes('title=unregistered'))).toMatch(
      new RegExp(`^::(error|warning) file=examples/inventory\\.yaml,line=${lineOf('use_cases:')},`),
    );
    // A fired trigger is a notice, at the use case or in the policy.
    expect(commands.filter((c) => c.includes('title=trigger-fired::')).length).toBe(json.triggers.length);
    for (const c of commands.filter((x) => x.includes('title=trigger-fired::')))
      expect(c).toMatch(/^::notice file=examples\/(inventory|tierplan\.policy)\.yaml,/);
  });

  it('--format sarif: every finding and trigger is a result with a location, under a fixed list of rules', () => {
    const r = tierplan(['review', '--usage', usage, ...EXAMPLE, ...PERIOD, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; locations?: unknown[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const ids = run.tool.driver.rules.map((x) => x.id);
    expect(ids).toContain('breach');
    expect(ids).toContain('trigger-fired');
    expect(run.results.length).toBeGreaterThan(3);
    for (const res of run.results) {
      expect(res.locations, res.ruleId).toHaveLength(1);
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
    }
    expect(run.results.find((x) => x.ruleId === 'trigger-fired')?.level).toBe('note');
  });

  it('--annotations with a machine format is refused as on plan, validate and verify (exit 2), nothing read', () => {
    for (const format of ['json', 'markdown', 'html', 'sarif']) {
      const r = tierplan([
        'review',
        '--usage',
        usage,
        ...EXAMPLE,
        ...PERIOD,
        '--annotations',
        'github',
        '--format',
        format,
      ]);
      expect(r.code, format).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `error: --annotations prints to stdout, which --format ${format} needs for itself: run the command twice, or keep the ${format} with --out where the command has it\n`,
      );
    }
  });
});

// `tierplan review` through the built binary, on a quarter of spend logs for the example.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../gateway/example.js';
import { displayWidth } from '../render/text-width.js';
import { repo, tierplan } from './run-cli.js';
import { spendLogs } from './support/spend-logs.js';

const example = [
  '--inventory',
  'examples/inventory.yaml',
  '--policy',
  'examples/tierplan.policy.yaml',
  '--as-of',
  '2026-11-24',
];
const EXAMPLE_USAGE = 'examples/usage/litellm-spend-logs-2026-q3.csv.gz';

describe('tierplan review', async () => {
  const ex = await loadExample();
  const csv = spendLogs(ex.plan, ex.policy, ['2026-07', '2026-08', '2026-09'], {
    breach: { alias: 'clinical-notes-coding', deployment: 'openai-gpt-5-mini' },
  });

  it('the bundled example usage is what its seeded script writes (npm run example:usage regenerates it)', () => {
    const r = spawnSync(process.execPath, ['scripts/generate-example-usage.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('finds the breach, the unregistered alias and the triggers; exit 1 at the default --fail-on breach', () => {
    const r = tierplan(['review', '--usage', EXAMPLE_USAGE, ...example, '--quarter', '2026-Q3', '--format', 'json']);
    expect(r.code).toBe(1);
    const review = JSON.parse(r.stdout) as {
      counts: { read: number; unreadable: number; aggregated: number };
      findings: { kind: string; use_case: string | null }[];
      triggers: unknown[];
    };
    const exampleRows = gunzipSync(readFileSync(EXAMPLE_USAGE)).toString('utf8').trim().split('\n').length - 1;
    expect(review.counts.read).toBe(exampleRows);
    expect(review.counts.read).toBe(review.counts.unreadable + review.counts.aggregated);
    expect(review.triggers.length).toBeGreaterThan(0);
    expect(review.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'breach', use_case: 'clinical-notes-coding' }),
        expect.objectContaining({ kind: 'unregistered-breach', use_case: 'shadow-ai-notetaker' }),
      ]),
    );
    expect(r.stderr).toMatch(/^\d+ findings at --fail-on breach: breach: clinical-notes-coding on api \(/m);
  });

  it.each([
    ['--width 80', ['--width', '80'], {}, 80],
    ['COLUMNS=100', [], { COLUMNS: '100' }, 100],
    ['a pipe, no COLUMNS', [], { COLUMNS: '' }, 80],
  ] as const)(
    'the terminal table fits its width (%s), and ids break only after a hyphen',
    (_name, flags, env, width) => {
      const r = tierplan(['review', '--usage', EXAMPLE_USAGE, ...example, '--quarter', '2026-Q3', ...flags], { env });
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      expect(Math.max(...lines.map(displayWidth))).toBeGreaterThan(width - 5);
      const ids = [
        ...ex.inventory.use_cases.map((u) => u.id),
        ...ex.policy.tiers.flatMap((t) => t.deployments.map((d) => d.id)),
      ];
      for (const id of ids)
        for (let k = 4; k < id.length; k++) {
          // A cell line that ends inside a word of an id (engineerin│ g-docs): the id was cut there.
          if (!/[a-z0-9]{2}/i.test(id.slice(k - 1, k + 1)) || ids.includes(id.slice(0, k))) continue;
          expect(r.stdout, `${id} cut after ${id.slice(0, k)}`).not.toMatch(new RegExp(`[ │]${id.slice(0, k)} *│`));
        }
    },
  );

  it('reads the same export gzipped, and writes the report files and the proposals patch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-'));
    writeFileSync(join(dir, 'spend.csv.gz'), gzipSync(csv));
    const out = join(dir, 'review');
    const r = tierplan([
      'review',
      '--usage',
      join(dir, 'spend.csv.gz'),
      ...example,
      '--quarter',
      '2026-Q3',
      '--out',
      out,
      '--propose',
      join(dir, 'proposals.yaml'),
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['review.html', 'review.json', 'review.md']);
    expect(readFileSync(join(out, 'review.html'), 'utf8')).toContain('<svg');
    expect(readFileSync(join(dir, 'proposals.yaml'), 'utf8')).toMatch(/^#/);
  });

  it('--apply with no --inventory applies to the inventory the patch records, from any folder, and lists each change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-apply-'));
    const inventory = join(dir, 'inventory.yaml');
    writeFileSync(inventory, readFileSync('examples/inventory.yaml', 'utf8'));
    writeFileSync(join(dir, 'spend.csv'), csv);
    const policy = join(repo, 'examples/tierplan.policy.yaml');
    const inputs = ['--inventory', 'inventory.yaml', '--policy', policy, '--as-of', '2026-11-24'];
    const propose = tierplan(
      ['review', '--usage', 'spend.csv', ...inputs, '--quarter', '2026-Q3', '--propose', 'review/proposals.yaml'],
      { cwd: dir },
    );
    expect(propose.code, propose.stderr).toBe(1);
    const patch = readFileSync(join(dir, 'review', 'proposals.yaml'), 'utf8');
    // Recorded relative to the patch's folder, so it applies from wherever it is run.
    expect(patch).toContain('\ninventory: ../inventory.yaml\n');
    const proposed = (patch.match(/^ {2}- use_case: /gm) ?? []).length;
    expect(proposed).toBeGreaterThan(0);
    const r = tierplan(['review', '--apply', 'proposals.yaml', '--policy', policy, '--as-of', '2026-11-24'], {
      cwd: join(dir, 'review'),
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`applied ${proposed} proposals to ../inventory.yaml:`);
    // Two lines a change: the use case, where and what; then the change in words.
    const listed = lines.slice(1, -1);
    expect(listed).toHaveLength(2 * proposed);
    for (let i = 0; i < listed.length; i += 2) {
      expect(listed[i]).toMatch(/^ {2}[a-z0-9-]+ \(line \d+\), (move|retire):$/);
      expect(listed[i + 1]).toMatch(/^ {4}(status \S+ → retired|override .+)$/);
    }
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(lines.at(-1)).toMatch(/^run `tierplan plan`/);
    // The line named is the changed key's, in the inventory as it was.
    const before = readFileSync('examples/inventory.yaml', 'utf8').split('\n');
    const first = /^ {2}(\S+) \(line (\d+)\), retire:$/m.exec(r.stdout);
    if (first) expect(before[Number(first[2]) - 1]).toMatch(/^ {4}status: /);
    // Applied again: nothing changes, each entry says why, and --format json says the same as data.
    const again = tierplan(
      ['review', '--apply', 'review/proposals.yaml', '--policy', policy, '--as-of', '2026-11-24', '--format', 'json'],
      { cwd: dir },
    );
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as { inventory: string; applied: unknown[]; skipped: { reason: string }[] };
    expect(json.inventory).toBe('inventory.yaml');
    expect(json.applied).toEqual([]);
    expect(json.skipped).toHaveLength(proposed);
    expect(new Set(json.skipped.map((s) => s.reason))).toEqual(new Set(['already applied']));
  });

  it('--apply names the patch line when the inventory it records is gone: exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-apply-'));
    writeFileSync(
      join(dir, 'proposals.yaml'),
      'kind: tierplan-proposals\nversion: 1\ngenerator: tierplan\nperiod: 2026-07..2026-09\ninventory: moved/inventory.yaml\nproposals: []\n',
    );
    const r = tierplan(['review', '--apply', 'proposals.yaml', '--as-of', '2026-11-24'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^proposals\.yaml:5:\d+: error file-not-found: .*moved\/inventory\.yaml.*--inventory FILE/m,
    );
    // The list of changes is text or JSON; a report format is a usage error.
    const md = tierplan(['review', '--apply', 'proposals.yaml', '--format', 'markdown'], { cwd: dir });
    expect(md.code).toBe(2);
    expect(md.stderr).toMatch(/--apply lists the changes it made as table or json, not markdown/);
    // Nor are CI annotations: --apply has no findings to place, so the flag is refused, not ignored.
    const annotated = tierplan(['review', '--apply', 'proposals.yaml', '--annotations', 'github'], { cwd: dir });
    expect(annotated.code).toBe(2);
    expect(annotated.stderr).toMatch(/--annotations places review findings, and --apply reports no findings/);
    expect(annotated.stdout).toBe('');
  });

  it('bad usage input: exit 2 with the file named, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'broken.csv.gz'), 'not gzip at all');
    for (const file of ['empty.csv', 'broken.csv.gz']) {
      const r = tierplan(['review', '--usage', join(dir, file), ...example, '--out', join(dir, 'out')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      expect(() => readdirSync(join(dir, 'out'))).toThrow();
    }
  });

  it('a .gz that breaks off midway: the report of the rows before the damage is written, and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierplan-review-'));
    const gz = gzipSync(csv);
    writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const r = tierplan([
      'review',
      '--usage',
      join(dir, 'cut.csv.gz'),
      ...example,
      '--quarter',
      '2026-Q3',
      '--out',
      join(dir, 'out'),
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unreadable-gzip');
    expect(r.stderr).toMatch(/broke off before their end/);
    const review = JSON.parse(readFileSync(join(dir, 'out', 'review.json'), 'utf8')) as {
      counts: { read: number; unreadable: number; aggregated: number };
    };
    expect(review.counts.read).toBeGreaterThan(0);
    expect(review.counts.read).toBeLessThan(csv.trim().split('\n').length - 1);
    expect(review.counts.read).toBe(review.counts.unreadable + review.counts.aggregated);
  });

  it('refuses a malformed period', () => {
    expect(tierplan(['review', '--usage', EXAMPLE_USAGE, ...example, '--quarter', '2026-Q5']).code).toBe(2);
  });
});

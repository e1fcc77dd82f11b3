import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repo, tierplan } from './run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierplan-init-'));
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const golden = (name: string): string => readFileSync(join(repo, 'test/init/golden', name), 'utf8');
const afterFirstLine = (text: string): string => text.slice(text.indexOf('\n') + 1);
const schemaLine = (text: string): string => /^# yaml-language-server: \$schema=(.+)\n/.exec(text)?.[1] ?? '';
/** The file a schema line names, as the editor resolves it: a file URL, or a path relative to the file's folder. */
const schemaFile = (dir: string, ref: string): string =>
  ref.startsWith('file:') ? fileURLToPath(ref) : resolve(dir, ref);
// Run from a clone into a folder outside it, init names the clone's schemas by file URL, and says so.
const machineNote = `note: the files' $schema lines name this machine's tierplan (${pathToFileURL(join(repo, 'schemas')).href}/); for a repository others clone, pass --schema-base a folder in it or a URL\n`;

/** validate and plan, as the next steps printed by init say, from the folder init wrote into. */
function expectUsable(dir: string): { tier: string | null }[] {
  const valid = tierplan(['validate'], { cwd: dir });
  expect(valid.stderr).toBe('');
  expect(valid.code).toBe(0);
  expect(valid.stdout).toMatch(/^valid: 1 use case in 1 file, policy "Our AI deployment policy"/);
  const plan = tierplan(['plan', '--format', 'json', '--as-of', '2026-11-27', '--fail-on', 'any'], { cwd: dir });
  expect(plan.code).toBe(0);
  return (JSON.parse(plan.stdout) as { use_cases: { tier: string | null }[] }).use_cases;
}

describe('tierplan init (no terminal)', () => {
  it('--yes writes the golden files, whose schema lines reach the package schemas, and they validate and plan', () => {
    const dir = tmp();
    const r = tierplan(['init', '--yes', '--dir', dir]);
    expect(r.stderr).toBe(machineNote);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `wrote ${join(dir, 'tierplan.policy.yaml')}: tiers api, private-cloud, on-prem; 15 deployments;`,
    );
    expect(r.stdout).toContain(
      `wrote ${join(dir, 'inventory.yaml')}: one worked example, support-ticket-summary → private-cloud`,
    );
    expect(r.stdout).toMatch(
      /Next:\n {2}cd .*\n {2}tierplan validate .*\n {2}tierplan plan .*\n\nHave a spreadsheet.*\n {2}tierplan import use-cases.csv --init-mapping/,
    );
    expect(readdirSync(dir).sort()).toEqual(['inventory.yaml', 'tierplan.policy.yaml']);
    for (const name of ['tierplan.policy.yaml', 'inventory.yaml']) {
      const text = read(dir, name);
      expect(afterFirstLine(text)).toBe(afterFirstLine(golden(`yes/${name}`)));
      const schema = schemaFile(dir, schemaLine(text));
      expect(schema).toBe(
        join(repo, 'schemas', name === 'inventory.yaml' ? 'inventory.schema.json' : 'policy.schema.json'),
      );
      expect(existsSync(schema)).toBe(true);
    }
    expect(expectUsable(dir).map((u) => u.tier)).toEqual(['private-cloud']);
  });

  it('without --yes it does not ask, says so on stderr, and writes the defaults', () => {
    const dir = tmp();
    const r = tierplan(['init', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `not asking (no terminal, or CI is set): the defaults for tiers, regions, providers, regimes, as with --yes. Choose with --tiers, --regions, --providers, --regimes.\n${machineNote}`,
    );
    expect(afterFirstLine(read(dir, 'tierplan.policy.yaml'))).toBe(afterFirstLine(golden('yes/tierplan.policy.yaml')));
  });

  it('refuses to overwrite without --force: exit 2, both files named, nothing written', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'inventory.yaml'), 'mine\n');
    const one = tierplan(['init', '--yes', '--dir', dir]);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe(
      `error: ${join(dir, 'inventory.yaml')} already exists: nothing was written. Pass --force to overwrite, or --dir DIR to write elsewhere.\n`,
    );
    expect(readdirSync(dir)).toEqual(['inventory.yaml']);
    expect(read(dir, 'inventory.yaml')).toBe('mine\n');

    writeFileSync(join(dir, 'tierplan.policy.yaml'), 'also mine\n');
    const both = tierplan(['init', '--yes', '--dir', dir]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      `${join(dir, 'tierplan.policy.yaml')} and ${join(dir, 'inventory.yaml')} already exist`,
    );
    expect(read(dir, 'tierplan.policy.yaml')).toBe('also mine\n');
  });

  it('--force overwrites both', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'inventory.yaml'), 'mine\n');
    writeFileSync(join(dir, 'tierplan.policy.yaml'), 'also mine\n');
    const r = tierplan(['init', '--yes', '--force', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(afterFirstLine(read(dir, 'inventory.yaml'))).toBe(afterFirstLine(golden('yes/inventory.yaml')));
    expect(readdirSync(dir).sort()).toEqual(['inventory.yaml', 'tierplan.policy.yaml']);
    expectUsable(dir);
  });

  it('flags answer the questions: no on-prem, EU only, GDPR only, as the golden', () => {
    const dir = tmp();
    const r = tierplan([
      'init',
      '--dir',
      dir,
      '--tiers',
      'api,private-cloud',
      '--regions',
      'eu',
      '--providers',
      'openai, azure,vertex_ai',
      '--regimes',
      'gdpr',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(machineNote);
    expect(afterFirstLine(read(dir, 'tierplan.policy.yaml'))).toBe(
      afterFirstLine(golden('eu-cloud/tierplan.policy.yaml')),
    );
    expect(afterFirstLine(read(dir, 'inventory.yaml'))).toBe(afterFirstLine(golden('eu-cloud/inventory.yaml')));
    expect(expectUsable(dir).map((u) => u.tier)).toEqual(['private-cloud']);
  });

  it('--regimes none and an API-only policy still give a placed example', () => {
    const dir = tmp();
    expect(tierplan(['init', '--yes', '--dir', dir, '--tiers', 'api', '--regimes', 'none']).code).toBe(0);
    const policy = parse(read(dir, 'tierplan.policy.yaml')) as { sensitivity: { regimes: object } };
    expect(policy.sensitivity.regimes).toEqual({});
    expect(expectUsable(dir).map((u) => u.tier)).toEqual(['api']);
  });

  it('refuses unknown names and answers that leave a tier empty, writing nothing', () => {
    const dir = tmp();
    const typo = tierplan(['init', '--yes', '--dir', dir, '--tiers', 'api,onprem']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'error: --tiers: unknown tier "onprem" (did you mean "on-prem"?); tiers are api, private-cloud, on-prem\nNothing was written.\n',
    );
    const empty = tierplan(['init', '--yes', '--dir', dir, '--providers', 'azure']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(
      /^error: tier api would keep no deployment with providers azure in regions us, eu: it offers openai in us, anthropic in us, openai in eu; choose one of those or leave the tier out\n/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--schema-base takes a URL or a folder; a new --dir is created', () => {
    const dir = join(tmp(), 'platform', 'ai');
    const url = tierplan(['init', '--yes', '--dir', dir, '--schema-base', 'https://example.com/tierplan/schemas/']);
    expect(url.code).toBe(0);
    expect(schemaLine(read(dir, 'tierplan.policy.yaml'))).toBe(
      'https://example.com/tierplan/schemas/policy.schema.json',
    );
    const local = join(dir, 'node_modules', 'tierplan', 'schemas');
    mkdirSync(local, { recursive: true });
    const folder = tierplan(['init', '--yes', '--force', '--dir', dir, '--schema-base', local]);
    expect(folder.stderr).toMatch(/^note: no policy.schema.json and inventory.schema.json in /);
    expect(schemaLine(read(dir, 'inventory.yaml'))).toBe('node_modules/tierplan/schemas/inventory.schema.json');
  });

  it('--help shows examples and exit codes', () => {
    const help = tierplan(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tierplan init --yes --dir platform/');
    expect(help.stdout).toContain('130  interrupted (Ctrl-C)');
  });
});

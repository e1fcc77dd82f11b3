// Installing like a real CLI: `npm pack`, then `npm install -g ./tierplan-*.tgz` into a temporary
// prefix, then the installed `tierplan` on a new project. npm runs offline with an empty cache and
// a registry on a closed loopback port, so the install proves that the tarball carries every
// runtime dependency (bundleDependencies) and that nothing is downloaded. PATH holds no
// node_modules/.bin, so a `prepare` build (which needs the devDependencies) would fail the install.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from './run-cli.js';

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  bundleDependencies: string[];
};
const root = mkdtempSync(join(tmpdir(), 'tierplan-install-'));
const PATH = [dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter)]
  .filter((p) => p !== '' && !p.includes('node_modules'))
  .join(delimiter);
/** npm with no way to the network: offline, an empty cache of its own, the registry a closed loopback port. */
const npmEnv = {
  ...process.env,
  PATH,
  npm_config_offline: 'true',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_cache: join(root, 'npm-cache'),
  npm_config_userconfig: join(root, 'npmrc'),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
// Generous: an install unpacks thousands of files, on a machine that may be busy. Not a timed assertion.
const SLOW = 480_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking the test worker (an install takes a while). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const npm = (args: string[], cwd: string): Promise<Run> => run('npm', args, cwd, npmEnv);

/** The installed command, run as a user would: no colour, no terminal. */
const installed = (bin: string, args: string[], cwd: string): Promise<Run> =>
  run(bin, args, cwd, { ...npmEnv, NO_COLOR: '1', CI: 'true' });

const schemaLine = (file: string): string =>
  /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
  bundled: string[];
}
let packed: Packed;
let tarball: string;

beforeAll(async () => {
  writeFileSync(npmEnv.npm_config_userconfig, '');
  // The suite has just built dist/; packing without scripts keeps the test from rebuilding it under other tests.
  const r = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', root], repo);
  expect(r.stderr).not.toMatch(/ERR!/);
  expect(r.code).toBe(0);
  packed = (JSON.parse(r.stdout) as Packed[])[0]!;
  tarball = join(root, packed.filename);
}, SLOW);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm pack', () => {
  it('holds the CLI, its schemas, templates, docs and licence, and its runtime dependencies; no tests, sources or bench data', () => {
    expect(packed.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    const own = packed.files.map((f) => f.path).filter((p) => !p.startsWith('node_modules/'));
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/tierplan.js',
      'dist/cli/main.js',
      'dist/io/schema/validators.cjs',
      'dist/io/usage/workers/part-worker.js',
      'schemas/policy.schema.json',
      'schemas/inventory.schema.json',
      'templates/matrix.html.hbs',
      'templates/review.html.hbs',
      'docs/commands.md',
    ])
      expect(own, needed).toContain(needed);
    expect(own.filter((p) => /^(src|test|bench|scripts|examples|coverage|\.changeset|\.ci)\//.test(p))).toEqual([]);
    expect(own.filter((p) => /\.(test|spec)\.|\.tgz$|\.ts$/.test(p))).toEqual([]);
    // The package's own files stay small: a bench data set or a fixture packed by mistake shows here.
    expect(
      packed.files.filter((f) => !f.path.startsWith('node_modules/')).reduce((n, f) => n + f.size, 0),
    ).toBeLessThan(4_000_000);
    // Every runtime dependency travels inside; no devDependency does.
    expect([...pkg.bundleDependencies].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    for (const dep of Object.keys(pkg.dependencies)) expect(packed.bundled, dep).toContain(dep);
    for (const dev of ['typescript', 'vitest', '@biomejs/biome', '@portkey-ai/gateway'])
      expect(packed.bundled, dev).not.toContain(dev);
  });
});

describe('npm install -g ./tierplan-*.tgz, offline, into a temporary prefix', () => {
  it(
    'installs without the registry, and the installed tierplan runs init, validate and plan in a new folder',
    async () => {
      const prefix = join(root, 'prefix');
      const r = await npm(['install', '-g', tarball, '--prefix', prefix], root);
      expect(r.stderr).not.toMatch(/ENOTCACHED|ECONNREFUSED|ERR!/);
      expect(r.code).toBe(0);
      const packageDir = join(prefix, 'lib', 'node_modules', pkg.name);
      const bin = join(prefix, 'bin', 'tierplan');
      expect(existsSync(bin)).toBe(true);
      // Installed from the tarball, not built: no sources, and dist is what was packed.
      expect(readdirSync(packageDir).sort()).not.toContain('src');

      const version = await installed(bin, ['--version'], root);
      expect(version.code).toBe(0);
      expect(version.stdout.trim()).toBe(pkg.version);

      const project = join(root, 'new-project');
      mkdirSync(project);
      const init = await installed(bin, ['init', '--yes', '--tiers', 'api,private-cloud', '--regions', 'eu'], project);
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('wrote tierplan.policy.yaml: tiers api, private-cloud;');
      // The schema lines name the installed package's schemas, by file URL (a global install is outside the project).
      for (const [file, schema] of [
        ['tierplan.policy.yaml', 'policy.schema.json'],
        ['inventory.yaml', 'inventory.schema.json'],
      ] as const) {
        const ref = schemaLine(join(project, file));
        expect(ref).toMatch(/^file:\/\//);
        const target = fileURLToPath(ref);
        expect(target).toBe(join(packageDir, 'schemas', schema));
        expect(readFileSync(target, 'utf8')).toBe(readFileSync(join(repo, 'schemas', schema), 'utf8'));
      }
      expect(init.stderr).toContain("note: the files' $schema lines name this machine's tierplan");

      const validate = await installed(bin, ['validate'], project);
      expect(validate.stderr).toBe('');
      expect(validate.code).toBe(0);
      expect(validate.stdout).toMatch(/^valid: 1 use case in 1 file/);

      const plan = await installed(
        bin,
        ['plan', '--no-interactive', '--as-of', '2026-11-27', '--fail-on', 'gap'],
        project,
      );
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain('support-ticket-summary');
      const html = await installed(
        bin,
        ['plan', '--no-interactive', '--as-of', '2026-11-27', '--format', 'html'],
        project,
      );
      expect(html.code).toBe(0);
      expect(html.stdout).toMatch(/^<!doctype html>/i);

      // review reads usage in a worker thread and renders HTML from the templates: both from the installed package.
      const usageDir = join(repo, 'examples', 'usage');
      const usage = readdirSync(usageDir).filter((f) => /\.csv(\.gz)?$/.test(f));
      expect(usage.length).toBeGreaterThan(0);
      const example = [
        '--inventory',
        join(repo, 'examples/inventory.yaml'),
        '--policy',
        join(repo, 'examples/tierplan.policy.yaml'),
      ];
      const reviewOut = join(root, 'review');
      const review = await installed(
        bin,
        [
          'review',
          '--usage',
          ...usage.map((f) => join(usageDir, f)),
          ...example,
          '--as-of',
          '2026-11-27',
          '--out',
          reviewOut,
          '--fail-on',
          'none',
        ],
        project,
      );
      expect(review.stderr).toMatch(/wrote .*review\.md, .*review\.html, .*review\.json\n$/);
      expect(review.code).toBe(0);
      expect(readFileSync(join(reviewOut, 'review.html'), 'utf8')).toMatch(/^<!doctype html>/i);

      const hosted = join(root, 'hosted-schemas');
      mkdirSync(hosted);
      const url = await installed(
        bin,
        ['init', '--yes', '--schema-base', 'https://schemas.example.com/tierplan'],
        hosted,
      );
      expect(url.code).toBe(0);
      expect(url.stderr).toBe('');
      expect(schemaLine(join(hosted, 'tierplan.policy.yaml'))).toBe(
        'https://schemas.example.com/tierplan/policy.schema.json',
      );
    },
    SLOW,
  );

  it(
    'installs into a project too (a devDependency, as in CI): init there names node_modules/tierplan/schemas, relative',
    async () => {
      const project = join(root, 'ci-project');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'ai-plan', private: true }, null, 2)}\n`);
      const r = await npm(['install', '--save-dev', tarball], project);
      expect(r.stderr).not.toMatch(/ENOTCACHED|ECONNREFUSED|ERR!/);
      expect(r.code).toBe(0);
      const bin = join(project, 'node_modules', '.bin', 'tierplan');
      const init = await installed(bin, ['init', '--yes', '--dir', 'platform/ai'], project);
      expect(init.code).toBe(0);
      expect(init.stderr).toBe('');
      const ref = schemaLine(join(project, 'platform/ai/inventory.yaml'));
      expect(ref).toBe('../../node_modules/tierplan/schemas/inventory.schema.json');
      expect(existsSync(join(project, 'platform/ai', ref))).toBe(true);
      const validate = await installed(bin, ['validate'], join(project, 'platform/ai'));
      expect(validate.stderr).toBe('');
      expect(validate.code).toBe(0);
    },
    SLOW,
  );
});

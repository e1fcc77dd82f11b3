// A real PostgreSQL for the tests (Debian's `postgresql` package): initialised in a temporary
// directory, started on a free port bound to 127.0.0.1 with password authentication, and stopped
// by the test that started it. Without PostgreSQL the tests are skipped with one line saying how
// to enable them; .ci/run sets TIERPLAN_REQUIRE_POSTGRES=1, which turns absence into a failure.
// PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Postgres {
  /** postgresql://tierplan:PASSWORD@127.0.0.1:PORT/tierplan */
  url: string;
  password: string;
  port: number;
  /** Runs SQL through psql as the owner (files of fixtures, large loads). */
  psql(args: string[], input?: string): string;
  stop(): void;
}

function binDir(): string | undefined {
  if (process.env.PG_BINDIR && existsSync(join(process.env.PG_BINDIR, 'initdb'))) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0]!, 'bin');
  }
  return undefined;
}

/** Where PostgreSQL's programs are, or null (said once on stderr; a failure when CI requires it). */
export function postgresBinaries(): string | null {
  const dir = binDir();
  if (dir !== undefined && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'psql'))) return dir;
  if (process.env.TIERPLAN_REQUIRE_POSTGRES)
    throw new Error('PostgreSQL tests required (TIERPLAN_REQUIRE_POSTGRES) but no PostgreSQL server was found');
  process.stderr.write(
    'PostgreSQL tests skipped: no PostgreSQL server found. Install it (apt-get install postgresql) or set PG_BINDIR=/path/to/bin to run them.\n',
  );
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Initialises and starts a server; `stop()` stops it and removes its directory. */
export async function startPostgres(bin: string): Promise<Postgres> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-pg-'));
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(dir, 0o700);
  const as = (cmd: string, args: string[], input?: string): string =>
    execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, {
      encoding: 'utf8',
      cwd: dir,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 28,
      ...(input !== undefined ? { input } : {}),
    });
  const data = join(dir, 'data');
  as(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'tierplan',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  as(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c timezone=Europe/Paris`,
    '-w',
    'start',
  ]);
  const env = { PGPASSWORD: password, PGOPTIONS: '-c client_min_messages=warning' };
  const psql = (args: string[], input?: string): string =>
    execFileSync(
      join(bin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'tierplan', '-v', 'ON_ERROR_STOP=1', '-X', '-q', ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        maxBuffer: 1 << 28,
        ...(input !== undefined ? { input } : {}),
      },
    );
  psql(['-d', 'postgres', '-c', 'CREATE DATABASE tierplan']);
  return {
    url: `postgresql://tierplan:${password}@127.0.0.1:${port}/tierplan`,
    password,
    port,
    psql: (args, input) => psql(['-d', 'tierplan', ...args], input),
    stop() {
      try {
        as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../source/errors.js';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

async function git(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as { code?: unknown; stderr?: string };
    if (err.code === 'ENOENT') throw new UsageError('--base needs git, which is not on the PATH');
    throw new UsageError(`git ${args.join(' ')} failed: ${(err.stderr ?? String(e)).trim().split('\n')[0]}`);
  }
}

/**
 * Copies what `path` (a file or a folder, relative to the working directory) holds at `rev` into
 * `into`, keeping its path below the repository root; returns the copy's path, or undefined when
 * the revision has no such file.
 */
export async function copyAtRevision(rev: string, path: string, into: string): Promise<string | undefined> {
  if (rev.startsWith('-')) throw new UsageError(`--base ${rev}: a revision cannot start with "-"`);
  const root = (await git(['rev-parse', '--show-toplevel'], process.cwd())).trim();
  await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root).catch(() => {
    throw new UsageError(`--base ${rev}: no such revision in ${root} (fetch it first, e.g. git fetch origin main)`);
  });
  const rel = relative(root, resolve(path)).split(sep).join('/');
  if (rel.startsWith('..')) throw new UsageError(`${path} is outside the git repository at ${root}`);
  const files = (await git(['ls-tree', '-r', '-z', '--name-only', rev, '--', rel], root)).split('\0').filter(Boolean);
  if (files.length === 0) return undefined;
  for (const file of files) {
    const text = await git(['show', `${rev}:${file}`], root);
    const target = join(into, ...file.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return join(into, ...rel.split('/'));
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputError } from './errors.js';
import { formatSize, maxYamlBytes, raiseYamlLimit } from './read-text.js';

/** Files under `dir` (relative paths with `/`), or an empty list when it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** The text of a file, or null when it does not exist; one larger than --max-yaml-size is refused. */
export async function readIfExists(path: string): Promise<string | null> {
  const size = (await stat(path).catch(() => undefined))?.size ?? 0;
  if (size > maxYamlBytes()) {
    throw new InputError([
      {
        code: 'file-too-large',
        severity: 'error',
        file: path,
        line: 1,
        column: 1,
        message: `file is too large: ${formatSize(size)}, the limit for YAML and JSON inputs is ${formatSize(maxYamlBytes())} (--max-yaml-size)`,
        hint: raiseYamlLimit(size),
      },
    ]);
  }
  return readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
}

// What `plan --out` and `gateway --out` share: the tree written all or nothing, notes on stderr.
import { type TreeFile, writeTree } from '../io/output/write-tree.js';
import type { CliContext } from './context.js';
import { generator } from './generator.js';

/**
 * Writes `files` (relative to `out`) as one tree owning `scope`; returns what to add to the
 * "wrote …" line: the files already up to date, and the stale files removed, named when few
 * (they were generated before, not now).
 */
export async function writeOutTree(
  ctx: CliContext,
  out: string,
  files: readonly TreeFile[],
  scope: readonly string[],
): Promise<string> {
  const note = (line: string): void => ctx.err(`note: ${line}\n`);
  const { stale, unchanged } = await writeTree(out, files, { generator: generator(), scope, note });
  const kept =
    unchanged === 0
      ? ''
      : unchanged === files.length
        ? '; all already up to date, none rewritten'
        : `; ${unchanged} already up to date, not rewritten`;
  if (stale.length === 0) return kept;
  const named = stale.length <= 5 ? ` (${stale.join(', ')})` : '';
  return `${kept}; removed ${stale.length} file${stale.length === 1 ? '' : 's'} no longer generated${named}`;
}

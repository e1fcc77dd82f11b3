import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OutputError } from '../source/errors.js';
import { TEMP_PREFIX, writeDurably } from './manifest.js';
import { catchSignals, OutputInterrupted, SIGNALS } from './signals.js';

const WRITE_BATCH = 64;

export interface OutputFile {
  path: string;
  text: string;
}

let noteSink: ((line: string) => void) | undefined;

/** Where writeOutputs says what it cleaned up (the cli: stderr, as `note: …`). */
export function setOutputNotes(note: ((line: string) => void) | undefined): void {
  noteSink = note;
}

/**
 * Writes every file to a temporary file beside its target (same folder, so the rename is
 * atomic), and renames only once all of them are written: a reader never sees a half-written
 * file, and a failure while writing leaves the previous outputs untouched. On failure the
 * temporaries, and folders this call created, are removed. SIGINT/SIGTERM before the renames
 * does the same and throws OutputInterrupted (nothing was changed); during the renames, they are
 * finished first. Temporaries an earlier, killed write left beside these targets are removed first.
 */
export interface WriteOptions {
  /**
   * The caller handles SIGINT itself (the interactive session finishes a save, then stops): no
   * signal is caught here, and the write runs to its end.
   */
  callerHandlesSignals?: boolean;
}

export async function writeOutputs(files: OutputFile[], opts: WriteOptions = {}): Promise<void> {
  const targets = files.map((f) => resolve(f.path));
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate !== undefined) throw new OutputError(`two outputs would be written to the same file: ${duplicate}`);

  await removeLeftovers(targets);
  const createdDirs: string[] = [];
  const temps: string[] = [];
  let current = files[0]?.path ?? '';
  const signal = opts.callerHandlesSignals ? { got: null, dispose: () => undefined } : catchSignals();
  const stopIfInterrupted = (): void => {
    if (signal.got !== null)
      throw new OutputInterrupted(
        `interrupted (${signal.got}): nothing was changed (${files.map((f) => f.path).join(', ')})`,
        SIGNALS[signal.got],
      );
  };
  try {
    for (const f of files) {
      current = f.path;
      createdDirs.push(...(await makeParents(dirname(resolve(f.path)))));
    }
    for (const f of files) {
      current = f.path;
      if (await isFolder(resolve(f.path))) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    }
    stopIfInterrupted();
    // Thousands of small files (one Portkey config per use case) are written a batch at a time:
    // each waits on its own fsync, and the waits overlap.
    for (let i = 0; i < files.length; i += WRITE_BATCH) {
      const batch = files.slice(i, i + WRITE_BATCH).map((f) => {
        const temp = join(
          dirname(resolve(f.path)),
          `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${basename(f.path)}`,
        );
        temps.push(temp);
        return { f, temp };
      });
      current = batch[0]?.f.path ?? current;
      await Promise.all(
        batch.map(({ f, temp }) =>
          writeDurably(temp, f.text).catch((e: unknown) => {
            current = f.path;
            throw e;
          }),
        ),
      );
      stopIfInterrupted();
    }
    for (const [i, f] of files.entries()) {
      current = f.path;
      await rename(temps[i]!, resolve(f.path));
    }
    temps.length = 0;
  } catch (e) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    for (const d of createdDirs.reverse()) await rmdir(d).catch(() => undefined);
    signal.dispose();
    if (e instanceof OutputInterrupted) throw e;
    throw new OutputError(`cannot write ${current}: ${reason(e)}`, { cause: e });
  }
  signal.dispose();
  if (signal.got !== null)
    throw new OutputInterrupted(
      `interrupted (${signal.got}) after the files were written: ${files.map((f) => f.path).join(', ')} hold the new outputs`,
      SIGNALS[signal.got],
    );
}

/** `.tierplan-tmp-<12 hex>-<name>`: a temporary this writer made for the target `name`. */
const leftoverOf = (name: string, target: string): boolean =>
  name.startsWith(TEMP_PREFIX) &&
  name.length === TEMP_PREFIX.length + 13 + target.length &&
  /^[0-9a-f]{12}-$/.test(name.slice(TEMP_PREFIX.length, TEMP_PREFIX.length + 13)) &&
  name.endsWith(target);

/** Removes what a write killed before its renames (SIGKILL, power loss) left beside these targets. */
async function removeLeftovers(targets: string[]): Promise<void> {
  for (const target of targets) {
    const dir = dirname(target);
    const names = await readdir(dir).catch(() => [] as string[]);
    const left = names.filter((n) => leftoverOf(n, basename(target)));
    let removed = 0;
    for (const n of left)
      if (
        await unlink(join(dir, n)).then(
          () => true,
          () => false,
        )
      )
        removed++;
    if (removed > 0)
      noteSink?.(
        `removed ${removed} temporary file${removed === 1 ? '' : 's'} an interrupted earlier write left beside ${target}`,
      );
  }
}

export async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Creates the missing folders above a target; returns them, deepest last. */
export async function makeParents(dir: string): Promise<string[]> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return [];
  const created = [first];
  for (const part of relative(first, dir).split(sep).filter(Boolean))
    created.push(join(created[created.length - 1]!, part));
  return created;
}

export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a parent of this path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a folder exists at this path';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return err.message;
  }
}

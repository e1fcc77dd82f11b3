// Writes the files of one --out run all or nothing (see README: the journal and its commit point).
import { randomBytes } from 'node:crypto';
import { readFile, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { OutputError } from '../source/errors.js';
import { isFolder, makeParents, reason } from './write-output.js';
import {
  type Journal,
  JOURNAL,
  MANIFEST,
  type Manifest,
  TEMP_PREFIX,
  isTemp,
  manifestText,
  readManifest,
  sha256,
  writeJournal,
} from './manifest.js';
import { flushFiles, writeNew } from './flush.js';
import { stage } from './staging.js';
import { applyJournal, recoverTree, refuseLinks } from './recover.js';
import { catchSignals, nextTurn, OutputInterrupted, SIGNALS } from './signals.js';

const WRITE_BATCH = 64;

export interface TreeFile {
  /** Relative to the output folder, with `/` separators. */
  path: string;
  text: string;
}

export interface TreeWritten {
  /** The owned files removed: generated before, not now. */
  stale: string[];
  /** How many of the files already held exactly their bytes and were left as they were. */
  unchanged: number;
}

export interface TreeOptions {
  /** Written into the manifest, e.g. `tierplan 0.1.0`. */
  generator: string;
  /**
   * The files and folders (relative) this run is responsible for: a file an earlier manifest
   * lists under one of them and this run no longer writes is stale and removed. Owned files
   * outside the scope (another `--target`) are left as they are.
   */
  scope: readonly string[];
  /** One line to stderr, e.g. that an interrupted earlier run was cleaned up. */
  note?: (line: string) => void;
}

/**
 * Replaces the files tierplan owns under `out` by `files`, all or nothing: after any interruption,
 * including SIGKILL, the owned files are the old set or (once the next run has recovered) the new
 * one, byte for byte. Files the manifest does not list are never touched, except at a path this
 * run writes.
 */
export async function writeTree(out: string, files: readonly TreeFile[], opts: TreeOptions): Promise<TreeWritten> {
  const root = resolve(out);
  checkPaths(root, files);
  const folders = await refuseLinks(
    root,
    files.map((f) => f.path),
  );
  const created = await makeParents(root).catch((e: unknown) => {
    throw new OutputError(`cannot write ${out}: ${reason(e)}`, { cause: e });
  });
  const recovered = await recoverTree(root, dirsOf(files.map((f) => f.path)));
  const old = await readManifest(root);
  if (old) await recoverTree(root, dirsOf(Object.keys(old.files)));
  if (recovered.finished > 0)
    opts.note?.(
      `an earlier write to ${out} was interrupted after its switch began; finished it (${recovered.finished} files)`,
    );
  if (recovered.temps > 0)
    opts.note?.(`removed ${recovered.temps} temporary file(s) left in ${out} by an interrupted earlier write`);

  const wanted = new Set(files.map((f) => f.path));
  const inScope = (p: string): boolean => opts.scope.some((s) => p === s || p.startsWith(`${s}/`));
  const kept = Object.entries(old?.files ?? {}).filter(([p]) => !inScope(p) && !wanted.has(p));
  const stale = Object.keys(old?.files ?? {}).filter((p) => inScope(p) && !wanted.has(p));
  // A stale file is removed where it is: never through a folder that has become a link since.
  await refuseLinks(root, stale);
  // Encoded once: the same bytes are hashed, compared with what is on disk and written.
  const encoded = files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text, 'utf8') }));
  const hashes = encoded.map((f) => sha256(f.bytes));
  const manifest: Manifest = {
    generator: opts.generator,
    files: Object.fromEntries([...kept, ...encoded.map((f, i) => [f.path, hashes[i]!] as const)]),
  };
  const listed = [...encoded, { path: MANIFEST, bytes: Buffer.from(manifestText(manifest), 'utf8') }];
  // A file is worth comparing when the old manifest lists it with the same hash; the manifest, always.
  const same = await unchanged(root, listed, (i) => i === hashes.length || old?.files[listed[i]!.path] === hashes[i]);
  const all = listed.filter((_, i) => !same[i]);

  const signal = catchSignals();
  const run = randomBytes(6).toString('hex');
  const staged = stage(
    root,
    all.map((f) => f.path),
    run,
  );
  const temps: string[] = [];
  let current = all[0]?.path ?? MANIFEST;
  try {
    // Each folder is made once (in the files' order, so a failure names the first file under it);
    // then the files' own paths are checked for folders, first failure in order.
    const made = new Set<string>();
    for (const [i, f] of all.entries()) {
      const dir = dirname(staged.temps[i]!);
      if (made.has(dir)) continue;
      current = f.path;
      created.push(...(await makeParents(join(root, dir))));
      made.add(dir);
    }
    // A path is a folder now only if it was one before (recovery moves and removes files, never
    // makes a folder) or if it holds another output.
    const above = new Set(
      all.flatMap((f) =>
        f.path
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    );
    for (const f of all)
      if (above.has(f.path) || (folders.has(f.path) && (await isFolder(join(root, f.path))))) {
        current = f.path;
        throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      }
    // Thousands of small files (one Portkey config per use case) are written a batch at a time,
    // then flushed together (flush.ts). A signal is looked at between batches.
    for (let i = 0; i < all.length && signal.got === null; i += WRITE_BATCH) {
      for (let j = i; j < Math.min(i + WRITE_BATCH, all.length); j++) {
        current = all[j]!.path;
        temps.push(staged.temps[j]!);
        writeNew(join(root, staged.temps[j]!), all[j]!.bytes);
      }
      await nextTurn();
    }
    if (signal.got !== null)
      throw new OutputInterrupted(`interrupted (${signal.got}): nothing under ${out} was changed`, SIGNALS[signal.got]);
    // Every temporary on stable storage before the journal: after a power loss past the commit
    // point, the switch the next run finishes must find whole files.
    await flushFiles(temps.map((t) => join(root, t)));
    if (signal.got !== null)
      throw new OutputInterrupted(`interrupted (${signal.got}): nothing under ${out} was changed`, SIGNALS[signal.got]);
    const journal: Journal = { renames: staged.renames, remove: stale };
    // The commit point: once the journal is in place this run, or the next one, finishes the switch.
    await writeJournal(root, journal, join(root, `${TEMP_PREFIX}${run}-journal`));
    temps.length = 0;
    await applyJournal(root, journal);
  } catch (e) {
    await Promise.all(temps.map((t) => unlink(join(root, t)).catch(() => undefined)));
    for (const d of created.reverse()) await rmdir(d).catch(() => undefined);
    signal.dispose();
    if (e instanceof OutputInterrupted) throw e;
    throw new OutputError(`cannot write ${join(out, current)}: ${reason(e)}`, { cause: e });
  }
  signal.dispose();
  if (signal.got !== null)
    throw new OutputInterrupted(
      `interrupted (${signal.got}) after the switch: ${out} holds the new outputs`,
      SIGNALS[signal.got],
    );
  return { stale, unchanged: same.slice(0, files.length).filter(Boolean).length };
}

/**
 * Which of `files` already hold exactly their bytes on disk: each `candidate` is read and compared. Those are neither
 * written nor renamed, so a run on unchanged inputs fsyncs nothing but its journal and leaves the
 * files' times alone; a file edited by hand since does not match and is written again.
 */
async function unchanged(
  root: string,
  files: readonly { path: string; bytes: Buffer }[],
  candidate: (i: number) => boolean,
): Promise<boolean[]> {
  const same = files.map(() => false);
  for (let i = 0; i < files.length; i += WRITE_BATCH) {
    const batch = files.slice(i, i + WRITE_BATCH);
    const found = await Promise.all(
      batch.map((f, j) =>
        candidate(i + j)
          ? readFile(join(root, f.path)).then(
              (disk) => disk.equals(f.bytes),
              () => false,
            )
          : false,
      ),
    );
    found.forEach((s, j) => {
      same[i + j] = s;
    });
  }
  return same;
}

function checkPaths(root: string, files: readonly TreeFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const rel = relative(root, resolve(root, f.path)).split(sep).join('/');
    const base = f.path.split('/').pop() ?? '';
    if (rel !== f.path || rel.startsWith('..') || base === MANIFEST || base === JOURNAL || isTemp(base))
      throw new OutputError(`not a path tierplan may write under --out: ${f.path}`);
    if (seen.has(rel)) throw new OutputError(`two outputs would be written to the same file: ${join(root, rel)}`);
    seen.add(rel);
  }
}

/** The folders of `paths` and every folder above them: where a run may have left temporaries. */
function dirsOf(paths: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  for (const p of paths) for (let d = dirname(p); d !== '.' && d !== '' && !dirs.has(d); d = dirname(d)) dirs.add(d);
  return dirs;
}

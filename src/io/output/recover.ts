// What a run finds in --out before it writes: links it must not follow, and what an earlier run
// killed part-way (SIGKILL, power loss) left behind. Recovery is deterministic: a journal means
// the earlier run had passed its commit point, so its switch is finished (the new tree); no
// journal means it had not, so its temporaries are deleted (the old tree).
import { type Stats, lstatSync, readdirSync, renameSync } from 'node:fs';
import { readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OutputError } from '../source/errors.js';
import { type Journal, JOURNAL, isTemp, readJournal, syncDir } from './manifest.js';
import { nextTurn } from './signals.js';

const BATCH = 64;

/**
 * Refuses a symbolic link at any of the `paths` (relative to `out`) or at a folder above one of
 * them, up to `out` itself: renaming into a linked folder would write outside --out, and removing
 * a stale file through one would delete someone else's file. `out` itself may be a link. Returns
 * the paths (and folders above them) that were folders when looked at.
 */
export async function refuseLinks(out: string, paths: readonly string[]): Promise<Set<string>> {
  // Every folder and file on the way, each looked at once; the looks run a batch at a time
  // (thousands of Portkey configs), then are judged in the paths' order, so the first link is named.
  const prefixes: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (!seen.has(rel)) {
        seen.add(rel);
        prefixes.push(rel);
      }
    }
  }
  const link = new Map<string, boolean | null>();
  const folders = new Set<string>();
  for (let i = 0; i < prefixes.length; i += BATCH) {
    for (const rel of prefixes.slice(i, i + BATCH)) {
      // Nothing exists below a folder that does not (a fresh --out: thousands of looks saved);
      // a folder is always listed before what is below it.
      const up = rel.lastIndexOf('/');
      const st = up > 0 && link.get(rel.slice(0, up)) === null ? null : lstatOrNull(join(out, rel));
      link.set(rel, st === null ? null : st.isSymbolicLink());
      if (st?.isDirectory()) folders.add(rel);
    }
    await nextTurn();
  }
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      const isLink = link.get(rel);
      if (isLink === null || isLink === undefined) break;
      if (isLink)
        throw new OutputError(
          `${join(out, rel)} is a symbolic link inside --out; tierplan does not write through links: replace it with a real ${i < parts.length ? 'folder' : 'file'} or choose another --out (nothing was written)`,
        );
    }
  }
  return folders;
}

// Synchronous, like the writes (flush.ts): thousands of looks cost more in promises than in calls.
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

export interface Recovered {
  /** Files an interrupted switch had still to move into place, now moved (0: no journal). */
  finished: number;
  /** Temporaries of an interrupted write, deleted. */
  temps: number;
}

/** Finishes an interrupted switch, then deletes stray temporaries in `dirs` (relative, '' = out). */
export async function recoverTree(out: string, dirs: Iterable<string>): Promise<Recovered> {
  const journal = await readJournal(out);
  let finished = 0;
  if (journal) {
    await refuseLinks(out, [...journal.renames.map(([, target]) => target), ...journal.remove]);
    for (const target of await applyJournal(out, journal)) finished += filesAt(join(out, target));
  }
  let temps = 0;
  for (const dir of new Set(['', ...dirs])) {
    const entries = await readdir(join(out, dir), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!isTemp(e.name)) continue;
      const path = join(out, dir, e.name);
      if (e.isFile()) {
        await unlink(path);
        temps++;
      } else if (e.isDirectory()) {
        // A folder staged whole (staging.ts): its files were never visible under their names.
        temps += filesAt(path);
        await rm(path, { recursive: true, force: true });
      }
    }
  }
  return { finished, temps };
}

/** 1 for a file, the files inside (at any depth) for a folder. */
function filesAt(path: string): number {
  const st = lstatOrNull(path);
  if (!st?.isDirectory()) return st ? 1 : 0;
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/**
 * Moves every temporary still present into place (a file, or a folder staged whole) and removes
 * the stale files, then deletes the journal. Safe to repeat: a rename already done has no
 * temporary left, a removal already done has no file left. Returns the targets it moved now.
 */
export async function applyJournal(out: string, journal: Journal): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < journal.renames.length; i += BATCH) {
    for (const [temp, target] of journal.renames.slice(i, i + BATCH)) {
      try {
        renameSync(join(out, temp), join(out, target));
        done.push(target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    await nextTurn();
  }
  for (const path of journal.remove) {
    await unlink(join(out, path)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    // A folder left empty by the last of its stale files goes too; one with anything in it stays.
    for (let d = dirname(path); d !== '.' && d !== ''; d = dirname(d))
      if (
        !(await rmdir(join(out, d)).then(
          () => true,
          () => false,
        ))
      )
        break;
  }
  for (const dir of new Set(journal.renames.map(([, target]) => dirname(target)))) await syncDir(join(out, dir));
  await unlink(join(out, JOURNAL));
  await syncDir(out);
  return done;
}

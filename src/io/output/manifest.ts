// What tierplan owns inside an --out folder, and the names of its own bookkeeping files there.
// The manifest is the only record of ownership: a file is removed as stale only when an earlier
// manifest listed it, so files the user keeps in the same folder are never touched.
import { createHash } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputError } from '../source/errors.js';

export const MANIFEST = '.tierplan-manifest.json';
/** Present only while a switch is under way: the commit point of a write (see README). */
export const JOURNAL = '.tierplan-journal.json';
/** Every temporary tierplan makes starts with this, so a later run and `--check` recognise it. */
export const TEMP_PREFIX = '.tierplan-tmp-';

export interface Manifest {
  generator: string;
  /** Relative path with `/` → sha256 of the text written, sorted by path. */
  files: Record<string, string>;
}

/** Renames still to do (temporary → target, relative), the owned files to remove, then done. */
export interface Journal {
  renames: [temp: string, target: string][];
  remove: string[];
}

export const isTemp = (name: string): boolean => name.startsWith(TEMP_PREFIX);

export const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The manifest of `out`, or null when there is none (a tree written before manifests, or never). */
export async function readManifest(out: string): Promise<Manifest | null> {
  const parsed = await readJson(join(out, MANIFEST));
  if (parsed === null) return null;
  const m = parsed as Partial<Manifest>;
  if (typeof m.generator !== 'string' || typeof m.files !== 'object' || m.files === null)
    throw new OutputError(`${join(out, MANIFEST)} is not a tierplan manifest; move it away and run again`);
  return m as Manifest;
}

export async function readJournal(out: string): Promise<Journal | null> {
  const parsed = (await readJson(join(out, JOURNAL))) as Partial<Journal> | null;
  if (parsed === null) return null;
  if (!Array.isArray(parsed.renames) || !Array.isArray(parsed.remove))
    throw new OutputError(`${join(out, JOURNAL)} is not a tierplan journal; move it away and run again`);
  return parsed as Journal;
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new OutputError(`${path} is not valid JSON; move it away and run again`);
  }
}

/** One entry a line, sorted: the manifest is meant to be committed beside the configs and diffed. */
export function manifestText(m: Manifest): string {
  const files = Object.fromEntries(Object.entries(m.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ generator: m.generator, files }, null, 2)}\n`;
}

// Flushed before any rename: after a crash the target holds either the old or the new text.
export async function writeDurably(path: string, text: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Written to a temporary and renamed: the journal appears whole or not at all. */
export async function writeJournal(out: string, journal: Journal, temp: string): Promise<void> {
  await writeDurably(temp, `${JSON.stringify(journal)}\n`);
  await rename(temp, join(out, JOURNAL));
  await syncDir(out);
}

/** Makes renames in `dir` durable; a platform that cannot open a folder (Windows) skips it. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

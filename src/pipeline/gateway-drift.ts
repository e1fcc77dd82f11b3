// The CI gate of `gateway --check`: the files the inputs generate against those on disk. Only
// what differs comes back, one file at a time as it is read; the cli decides how to show it.
// Every file under the targets' folders counts (a gateway may load any of them); the manifest of
// the last `--out` run tells a stale file tierplan wrote, which the next write removes, from one
// it never wrote, which it leaves alone. Temporaries of a write are never drift.
import { join } from 'node:path';
import { isTemp, readManifest } from '../io/output/manifest.js';
import { listFiles, readIfExists } from '../io/source/read-tree.js';
import { TARGET_DIRS, type GatewayFile, type GatewayTarget } from '../render/gateway/gateway-files.js';

interface Drifted {
  /** Relative to the output folder. */
  path: string;
  /** The text generated; null when the file is no longer generated (stale). */
  want: string | null;
  /** The text on disk; null when the file is missing. */
  have: string | null;
  /** Whether tierplan wrote it (listed by the manifest), so a write removes it when stale. */
  owned: boolean;
}

/** Every generated or present file under the targets' folders of `out` whose text differs, by path. */
export async function* gatewayDrift(
  out: string,
  targets: readonly GatewayTarget[],
  files: readonly GatewayFile[],
): AsyncGenerator<Drifted> {
  const expected = new Map(files.map((f) => [f.path, f.text]));
  const owned = (await readManifest(out))?.files;
  const listed = (
    await Promise.all(
      targets.map(async (t) => (await listFiles(join(out, TARGET_DIRS[t]))).map((p) => `${TARGET_DIRS[t]}/${p}`)),
    )
  ).flat();
  // A temporary, or anything in a folder staged whole, is an interrupted write's, not an output.
  const onDisk = listed.filter((p) => !p.split('/').some(isTemp));
  for (const path of [...new Set([...expected.keys(), ...onDisk])].sort()) {
    const want = expected.get(path) ?? null;
    const have = await readIfExists(join(out, path));
    if (want !== have) yield { path, want, have, owned: owned !== undefined && path in owned };
  }
}

// Where each file of a tree is first written. Beside its target under a temporary name; or, under
// a folder this run creates, under its own name inside a temporary folder that the switch renames
// into place whole. On a fresh --out that is one rename for `portkey/` instead of 7,500 (0.2 s
// of a 10,000-use-case `plan --out` on the benchmark machine's disk).
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_PREFIX } from './manifest.js';

export interface Staging {
  /** Per path, in the same order: where it is written first, relative to the output folder. */
  temps: string[];
  /** The journal's renames: a temporary file onto its target, a temporary folder onto its folder. */
  renames: [temp: string, target: string][];
}

/** Stages `paths` (relative, `/`-separated) for the run named `run`; looks only at folders. */
export function stage(root: string, paths: readonly string[], run: string): Staging {
  const present = new Map<string, boolean>();
  const exists = (dir: string): boolean => {
    let found = present.get(dir);
    if (found === undefined) {
      found = lstatOrUndefined(join(root, dir)) !== undefined;
      present.set(dir, found);
    }
    return found;
  };
  const folders = new Map<string, string>();
  const temps: string[] = [];
  const renames: [string, string][] = [];
  paths.forEach((path, i) => {
    const parts = path.split('/');
    // The outermost folder on the way that does not exist yet, if any.
    let fresh: string | undefined;
    for (let k = 1; k < parts.length && fresh === undefined; k++) {
      const dir = parts.slice(0, k).join('/');
      if (!exists(dir)) fresh = dir;
    }
    if (fresh === undefined) {
      const temp = [...parts.slice(0, -1), `${TEMP_PREFIX}${run}-${i}`].join('/');
      temps.push(temp);
      renames.push([temp, path]);
      return;
    }
    let folder = folders.get(fresh);
    if (folder === undefined) {
      const parent = fresh.includes('/') ? fresh.slice(0, fresh.lastIndexOf('/') + 1) : '';
      folder = `${parent}${TEMP_PREFIX}${run}-d${folders.size}`;
      folders.set(fresh, folder);
      renames.push([folder, fresh]);
    }
    temps.push(`${folder}${path.slice(fresh.length)}`);
  });
  return { temps, renames };
}

// A path that cannot be looked at (a file where a folder should be) counts as present: it gets a
// temporary beside it, and making its folder fails with the message that names it.
function lstatOrUndefined(path: string): object | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return {};
  }
}

import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const POLICY_FILE = 'tierplan.policy.yaml';
const INVENTORY_FILE = 'inventory.yaml';

/** The schemas/ folder of the tierplan package that is running (src/io or dist/io → ../../schemas). */
export const PACKAGE_SCHEMAS = fileURLToPath(new URL('../../../schemas/', import.meta.url));

export interface SchemaRefs {
  policy: string;
  inventory: string;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * What the `# yaml-language-server: $schema=` lines of files written into `dir` point at.
 * A URL base is used as given. A folder (by default the running package's schemas/) is
 * referenced relative to `dir`, so the reference survives moving the project together with
 * its node_modules, and reads `node_modules/tierplan/schemas/…` for a local install.
 */
export function schemaRefs(dir: string, base: string = PACKAGE_SCHEMAS): SchemaRefs {
  const ref = (name: string): string => {
    if (URL_LIKE.test(base)) return `${base.replace(/\/+$/, '')}/${name}`;
    const target = resolve(base, name);
    const rel = relative(resolve(dir), target);
    // Another drive (Windows) has no relative path: a file URL still works for the editor.
    if (isAbsolute(rel)) return pathToFileURL(target).href;
    return rel.split(sep).join('/');
  };
  return { policy: ref('policy.schema.json'), inventory: ref('inventory.schema.json') };
}

/** The scaffold's two paths in `dir`, and those of them that already exist. */
export function scaffoldTargets(dir: string): { policy: string; inventory: string; existing: string[] } {
  const policy = join(dir, POLICY_FILE);
  const inventory = join(dir, INVENTORY_FILE);
  return { policy, inventory, existing: [policy, inventory].filter((p) => existsSync(p)) };
}

/** Whether an editor following these references on this machine would find the schemas. */
export function schemasFound(base: string): boolean {
  return (
    URL_LIKE.test(base) || ['policy.schema.json', 'inventory.schema.json'].every((n) => existsSync(resolve(base, n)))
  );
}

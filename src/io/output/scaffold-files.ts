import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_SCHEMAS, schemaRef, schemasFound as found } from './schema-ref.js';

export { PACKAGE_SCHEMAS } from './schema-ref.js';

const POLICY_FILE = 'tierplan.policy.yaml';
const INVENTORY_FILE = 'inventory.yaml';
const SCHEMAS = ['policy.schema.json', 'inventory.schema.json'] as const;

export interface SchemaRefs {
  policy: string;
  inventory: string;
}

/**
 * What the `# yaml-language-server: $schema=` lines of files written into `dir` point at
 * (`schemaRef`): `node_modules/tierplan/schemas/…` for a project-local install, `../schemas/…`
 * in a folder of a tierplan clone, a file: URL for a global install, a URL base as given.
 */
export function schemaRefs(dir: string, base: string = PACKAGE_SCHEMAS, packageRoot?: string): SchemaRefs {
  const ref = (name: string): string =>
    packageRoot === undefined ? schemaRef(dir, name, base) : schemaRef(dir, name, base, packageRoot);
  return { policy: ref(SCHEMAS[0]), inventory: ref(SCHEMAS[1]) };
}

/** The scaffold's two paths in `dir`, and those of them that already exist. */
export function scaffoldTargets(dir: string): { policy: string; inventory: string; existing: string[] } {
  const policy = join(dir, POLICY_FILE);
  const inventory = join(dir, INVENTORY_FILE);
  return { policy, inventory, existing: [policy, inventory].filter((p) => existsSync(p)) };
}

/** Whether an editor following these references on this machine would find the schemas. */
export function schemasFound(base: string): boolean {
  return found(base, SCHEMAS);
}

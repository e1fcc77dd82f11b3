// Where `tierplan import` writes, and what its schema lines point at.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../source/errors.js';

/** The schemas/ folder of the running tierplan package (src/io/import or dist/io/import → ../../../schemas). */
const PACKAGE_SCHEMAS = fileURLToPath(new URL('../../../schemas/', import.meta.url));

/** A `$schema=` reference from the file at `out` to one of tierplan's schemas, relative so it works in a checkout or node_modules. */
export function schemaRefFor(out: string, schema: string): string {
  const rel = relative(dirname(resolve(out)), resolve(PACKAGE_SCHEMAS, schema));
  return rel.split(sep).join('/');
}

/** Refuses, before anything is read, to overwrite a file without --force or to write over the input. */
export function checkOutput(out: string, input: string, force: boolean, what: string): void {
  if (resolve(out) === resolve(input))
    throw new UsageError(`--out ${out} is the file being imported: choose another path`);
  if (existsSync(out) && !force) {
    throw new UsageError(`${out} already exists: pass --force to replace it, or --out another path for the ${what}`);
  }
}

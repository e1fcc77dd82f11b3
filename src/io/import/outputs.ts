// Where `tierplan import` writes, and what its schema lines point at.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { schemaRef } from '../output/schema-ref.js';
import { UsageError } from '../source/errors.js';

/** A `$schema=` reference from the file at `out` to one of the running tierplan's schemas, as `init` writes them. */
export function schemaRefFor(out: string, schema: string): string {
  return schemaRef(dirname(out), schema);
}

/** Refuses, before anything is read, to overwrite a file without --force or to write over the input. */
export function checkOutput(out: string, input: string, force: boolean, what: string): void {
  if (resolve(out) === resolve(input))
    throw new UsageError(`--output-file ${out} is the file being imported: choose another path`);
  if (existsSync(out) && !force) {
    throw new UsageError(
      `${out} already exists: pass --force to replace it, or --output-file another path for the ${what}`,
    );
  }
}

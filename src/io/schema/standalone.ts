// A schema the build compiles into a file of its own (scripts/build-validators.mjs), loaded by the
// one command that needs it; run from src/ (the tests) there is no such file and the schema is
// compiled on the spot, found next to the package (src/io or dist/io → ../../schemas).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The validator exported as `name` by the file `load` requires (the caller names it literally,
 * so the layer rules can check it), else `schemaFile` of schemas/ compiled now. Once per call:
 * callers keep the result.
 */
export function standaloneValidator(load: () => unknown, name: string, schemaFile: string): ValidateFunction {
  try {
    return (load() as Record<string, ValidateFunction>)[name]!;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
  }
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  return ajv.compile(
    JSON.parse(readFileSync(new URL(`../../../schemas/${schemaFile}`, import.meta.url), 'utf8')) as object,
  );
}

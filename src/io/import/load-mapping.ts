// Reads and validates an import mapping (schemas/import-mapping.schema.json): positioned
// diagnostics (file:line:column) when it is wrong, like every other input.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { ImportMapping } from '../../core/import/mapping-types.js';
import { InputError } from '../source/errors.js';
import { toDiagnostics, type SourceLocator } from '../source/locate.js';
import { readText } from '../source/read-text.js';
import { readYaml } from '../source/read-yaml.js';
import { describeMappingErrors } from './mapping-problems.js';

const require = createRequire(import.meta.url);
let validator: ValidateFunction | undefined;

// The build precompiles the schema (scripts/build-validators.mjs); from src/ (tests) it is compiled here.
function compiled(): ValidateFunction {
  if (validator) return validator;
  try {
    validator = (require('./mapping-validator.cjs') as { importMapping: ValidateFunction }).importMapping;
    return validator;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
  }
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  validator = ajv.compile(
    JSON.parse(readFileSync(new URL('../../../schemas/import-mapping.schema.json', import.meta.url), 'utf8')) as object,
  );
  return validator;
}

export interface LoadedMapping {
  mapping: ImportMapping;
  locator: SourceLocator;
  file: string;
}

export async function loadImportMapping(file: string): Promise<LoadedMapping> {
  const expected = 'an import mapping (version: 1, columns: …); `tierplan import --init-mapping FILE` writes one';
  const text = await readText(file, { expected });
  const { value, locator } = readYaml(text, file, expected);
  const validate = compiled();
  if (!validate(value))
    throw new InputError(toDiagnostics(describeMappingErrors(validate.errors ?? [], value), locator));
  return { mapping: value as ImportMapping, locator, file };
}

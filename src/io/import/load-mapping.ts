// Reads and validates an import mapping (schemas/import-mapping.schema.json): positioned
// diagnostics (file:line:column) when it is wrong, like every other input.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { ImportMapping } from '../../core/import/mapping-types.js';
import { InputError } from '../source/errors.js';
import { toDiagnostics, type SourceLocator } from '../source/locate.js';
import { readText } from '../source/read-text.js';
import { readYaml } from '../source/read-yaml.js';
import { describeMappingErrors } from './mapping-problems.js';
import { standaloneValidator } from '../schema/standalone.js';

let validator: ValidateFunction | undefined;
const require = createRequire(import.meta.url);

// Once per process, on first use; precompiled by the build (io/schema/standalone.ts).
function compiled(): ValidateFunction {
  validator ??= standaloneValidator(
    () => require('./mapping-validator.cjs'),
    'importMapping',
    'import-mapping.schema.json',
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

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { findSecrets } from '../../core/policy/secrets.js';
import type { PlacedProblem } from '../source/locate.js';
import { dedupe, dropSuggestedMissing, toPath } from './ajv-problems.js';
import { describeError } from './schema-messages.js';

const INVENTORY_ID = 'https://tierplan.dev/schemas/inventory.schema.json';
const POLICY_ID = 'https://tierplan.dev/schemas/policy.schema.json';

export type SchemaName = 'inventory' | 'useCase' | 'policy';

let validators: Record<SchemaName, ValidateFunction> | undefined;
const require = createRequire(import.meta.url);

// Once per process, on first use, so `--help` never pays for it. The build precompiles the
// schemas into dist/io/schema/validators.cjs (scripts/build-validators.mjs), which loads in ~10 ms
// instead of ~250 ms for ajv plus compilation; without it (tests run from src/) they are
// compiled here. The schema files are found next to the package (src/io or dist/io → ../../schemas).
function compiled(): Record<SchemaName, ValidateFunction> {
  validators ??= precompiled() ?? compileNow();
  return validators;
}

function precompiled(): Record<SchemaName, ValidateFunction> | undefined {
  try {
    return require('./validators.cjs') as Record<SchemaName, ValidateFunction>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

export function compileNow(): Record<SchemaName, ValidateFunction> {
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  addFormats(ajv, ['date']);
  for (const name of ['inventory.schema.json', 'policy.schema.json']) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8')) as object);
  }
  const get = (ref: string): ValidateFunction => {
    const v = ajv.getSchema(ref);
    if (!v) throw new Error(`schema ${ref} not found in schemas/`);
    return v;
  };
  return { inventory: get(INVENTORY_ID), useCase: get(`${INVENTORY_ID}#/definitions/useCase`), policy: get(POLICY_ID) };
}

/**
 * Schema problems in `value`, in our own words, positioned by paths relative to `basePath`.
 * An empty list means the value is valid.
 */
export function validateSchema(name: SchemaName, value: unknown, basePath: (string | number)[] = []): PlacedProblem[] {
  const validate = compiled()[name];
  if (validate(value)) return [];
  const errors = relevant(validate.errors ?? []);
  const problems = errors.map((e) => describeError(e, toPath(e.instancePath, value)));
  return dedupe(dropSuggestedMissing(problems)).map((p) => ({ ...p, path: [...basePath, ...p.path] }));
}

// `if` and the umbrella of anyOf/oneOf only repeat what their branches already said.
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const hasBranch = (e: ErrorObject): boolean =>
    errors.some(
      (o) => o !== e && o.instancePath.startsWith(e.instancePath) && !['if', 'anyOf', 'oneOf'].includes(o.keyword),
    );
  return errors.filter(
    (e) => e.keyword !== 'if' && !((e.keyword === 'anyOf' || e.keyword === 'oneOf') && hasBranch(e)),
  );
}

/**
 * Everything wrong with one parsed input document: literal secrets and schema problems.
 * A schema problem at or under a secret's path is dropped, because its message would quote
 * the secret back.
 */
export function checkDocument(name: SchemaName, value: unknown): PlacedProblem[] {
  const secrets = findSecrets(value);
  const underSecret = (p: PlacedProblem): boolean => secrets.some((s) => s.path.every((step, i) => p.path[i] === step));
  return [...secrets, ...validateSchema(name, value).filter((p) => !underSecret(p))];
}

// The answers file of `tierplan adopt --answers` (schemas/adopt-answers.schema.json), validated
// with positions like every other input.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { AdoptAnswers } from '../../core/adopt/answers.js';
import { InputError } from '../source/errors.js';
import { toDiagnostics } from '../source/locate.js';
import { readText } from '../source/read-text.js';
import { readYaml } from '../source/read-yaml.js';
import { toPath } from '../schema/ajv-problems.js';
import { describeError } from '../schema/schema-messages.js';

const require = createRequire(import.meta.url);
let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (validator) return validator;
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  validator = ajv.compile(
    JSON.parse(readFileSync(new URL('../../../schemas/adopt-answers.schema.json', import.meta.url), 'utf8')) as object,
  );
  return validator;
}

export async function loadAdoptAnswers(file: string): Promise<AdoptAnswers> {
  const expected = 'adopt answers (version: 1, deployments: …, aliases: …)';
  const text = await readText(file, { expected });
  const { value, locator } = readYaml(text, file, expected);
  const validate = compiled();
  if (!validate(value))
    throw new InputError(
      toDiagnostics(
        (validate.errors ?? []).map((e) => describeError(e, toPath(e.instancePath, value))),
        locator,
      ),
    );
  return value as AdoptAnswers;
}

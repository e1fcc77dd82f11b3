import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Plan } from '../../core/plan/plan-types.js';
import { InputError } from '../source/errors.js';
import { toDiagnostics, type PlacedProblem } from '../source/locate.js';
import { readJson } from '../source/read-json.js';
import { readText } from '../source/read-text.js';
import { describeError } from '../schema/schema-messages.js';

let validator: ValidateFunction | undefined;

// Compiled on first use only: commands that never read a plan.json never pay for it.
function compiled(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv.default({ allErrors: true, strict: true, verbose: true, logger: false });
  addFormats.default(ajv, ['date']);
  validator = ajv.compile(
    JSON.parse(readFileSync(new URL('../../../schemas/plan.schema.json', import.meta.url), 'utf8')) as object,
  );
  return validator;
}

const EXPECTED = 'a plan.json written by `tierplan plan --format json` or `plan --out`';

/** Reads a plan.json and checks it against schemas/plan.schema.json; problems are positioned. */
export async function loadPlanFile(path: string): Promise<Plan> {
  const { value, locator } = readJson(await readText(path, { expected: EXPECTED }), path, EXPECTED);
  const validate = compiled();
  if (validate(value)) return value as unknown as Plan;
  const problems: PlacedProblem[] = (validate.errors ?? [])
    .slice(0, 20)
    .map((e) => describeError(e, toPath(e.instancePath)));
  throw new InputError(toDiagnostics(problems, locator));
}

function toPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => {
      const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(step) ? Number(step) : step;
    });
}

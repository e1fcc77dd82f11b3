// The mapping file that lets `review` read any CSV or JSONL usage export: which column holds
// the time, alias, model, tokens, cost… Validated by schemas/usage-mapping.schema.json.

import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { InputError } from '../source/errors.js';
import { toDiagnostics, type PlacedProblem } from '../source/locate.js';
import { readText } from '../source/read-text.js';
import { readYaml } from '../source/read-yaml.js';
import { describeError } from '../schema/schema-messages.js';
import type { CsvEncoding } from './csv-scanner.js';
import type { TimeFormat } from './values.js';

type MappedField =
  | 'time'
  | 'end_time'
  | 'alias'
  | 'model'
  | 'model_id'
  | 'provider'
  | 'api_base'
  | 'region'
  | 'input_tokens'
  | 'output_tokens'
  | 'tokens'
  | 'cost'
  | 'requests'
  | 'status'
  | 'latency_ms'
  | 'tags';

export interface Mapping {
  version: 1;
  format: 'csv' | 'jsonl';
  delimiter?: ',' | ';' | '\t' | '|';
  encoding?: CsvEncoding;
  time_format?: TimeFormat;
  failed_values?: string[];
  columns: { time: string } & Partial<Record<MappedField, string>>;
}

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv.default({ allErrors: true, strict: true, verbose: true, logger: false });
  const schema = JSON.parse(
    readFileSync(new URL('../../../schemas/usage-mapping.schema.json', import.meta.url), 'utf8'),
  ) as object;
  validator = ajv.compile(schema);
  return validator;
}

/** Problems with a parsed mapping, as diagnostics in `file`; empty when it is valid. */
function checkMapping(value: unknown): PlacedProblem[] {
  const validate = compiled();
  if (!validate(value)) {
    return (validate.errors ?? []).map((e) =>
      describeError(
        e,
        e.instancePath
          .split('/')
          .slice(1)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
      ),
    );
  }
  const columns = (value as Mapping).columns;
  const measures: MappedField[] = ['tokens', 'input_tokens', 'output_tokens', 'cost', 'requests'];
  if (!measures.some((k) => columns[k] !== undefined)) {
    return [
      {
        code: 'missing-key',
        severity: 'error',
        path: ['columns'],
        message: `the mapping names no measure: name at least one of ${measures.join(', ')}`,
      },
    ];
  }
  return [];
}

/** Reads and validates a mapping file; InputError with positioned diagnostics when it is wrong. */
export async function loadMapping(file: string): Promise<Mapping> {
  const text = await readText(file, { expected: 'a usage mapping (version, format, columns)' });
  const { value, locator } = readYaml(text, file, 'a usage mapping');
  const problems = checkMapping(value);
  if (problems.length > 0) throw new InputError(toDiagnostics(problems, locator));
  return value as Mapping;
}

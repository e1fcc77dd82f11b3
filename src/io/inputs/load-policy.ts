import type { PolicyFile } from '../../core/policy/types.js';
import { InputError } from '../source/errors.js';
import { toDiagnostics, type Locator } from '../source/locate.js';
import { readYaml } from '../source/read-yaml.js';
import { readText } from '../source/read-text.js';
import { checkDocument } from '../schema/schemas.js';

export interface LoadedPolicyFile {
  file: PolicyFile;
  path: string;
  locator: Locator;
}

const EXPECTED = 'a policy with `version: 1` (and usually `extends: default`)';

/** Reads and validates a policy file as written; merging over the default is the caller's step. */
export async function loadPolicyFile(path: string): Promise<LoadedPolicyFile> {
  const text = await readText(path, { expected: EXPECTED });
  const { value, locator } = readYaml(text, path, EXPECTED);
  const diagnostics = toDiagnostics(checkDocument('policy', value), locator);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  return { file: value as PolicyFile, path, locator };
}

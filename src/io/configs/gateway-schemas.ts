import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { lintLitellm } from '../../core/verify/lint/litellm.js';
import { lintPortkey, type PortkeyLintOptions } from '../../core/verify/lint/portkey.js';
import type { Problem } from '../../core/diagnostics/problems.js';
import type { PlacedProblem } from '../source/locate.js';
import { dedupe, dropSuggestedMissing, samePath, toPath } from '../schema/ajv-problems.js';
import { describeError } from '../schema/schema-messages.js';
import { standaloneValidator } from '../schema/standalone.js';

type Path = (string | number)[];

let litellmValidator: ValidateFunction | undefined;
const require = createRequire(import.meta.url);

// Once per process, on first use; precompiled by the build (io/schema/standalone.ts).
function litellm(): ValidateFunction {
  litellmValidator ??= standaloneValidator(
    () => require('./litellm-validator.cjs'),
    'litellmConfig',
    'litellm-config.schema.json',
  );
  return litellmValidator;
}

/**
 * Problems of a parsed LiteLLM `config.yaml` against schemas/litellm-config.schema.json, in our
 * own words (schema-messages.ts), positioned by paths into the config. Empty means valid.
 * Only the shape: what a schema cannot say (fallback targets, duplicate ids…) is lintLitellm's.
 */
export function validateLitellmSchema(config: unknown): PlacedProblem[] {
  const validate = litellm();
  if (validate(config)) return [];
  return dedupe(dropSuggestedMissing(describeAll(validate.errors ?? [], config)));
}

/**
 * Everything tierplan finds in a LiteLLM config: schema problems and semantic ones. Where both
 * speak about the same place, the semantic problem (the more specific explanation) is kept;
 * no schema message is kept at or under a literal secret or a URL with credentials, since it could
 * quote the secret.
 */
export function checkLitellmConfig(config: unknown): PlacedProblem[] {
  const semantic = lintLitellm(config);
  const secrets = semantic.filter((p) => p.code === 'literal-secret' || p.code === 'url-credentials');
  const covered = (p: Problem): boolean =>
    semantic.some((s) => samePath(s.path, p.path)) || secrets.some((s) => isPrefix(s.path, p.path));
  return [...validateLitellmSchema(config).filter((p) => !covered(p)), ...semantic];
}

/** Everything tierplan finds in a Portkey config (the lint covers the shape too). */
export function checkPortkeyConfig(config: unknown, options: PortkeyLintOptions = {}): Problem[] {
  return lintPortkey(config, options);
}

function describeAll(errors: ErrorObject[], root: unknown): PlacedProblem[] {
  // An `anyOf` such as "an integer or an os.environ/NAME reference" is said once, in full,
  // instead of once per branch. Every error at or under a failed anyOf's place comes from one
  // of its branches (a $ref'd branch reports the schemaPath of its definition, so the place,
  // not the schemaPath, tells them apart).
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const inUnion = (e: ErrorObject): boolean =>
    unions.some(
      (u) => u !== e && (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)),
    );
  return errors
    .filter((e) => !inUnion(e))
    .map((e) => {
      const path = toPath(e.instancePath, root);
      if (e.keyword === 'anyOf') return unionProblem(e, path);
      if (e.keyword === 'maxProperties') {
        const fallback = path.some((s) => typeof s === 'string' && s.endsWith('fallbacks'));
        return {
          code: 'invalid-value',
          severity: 'error' as const,
          path,
          message: `must have at most ${String((e.params as { limit: number }).limit)} key${(e.params as { limit: number }).limit === 1 ? '' : 's'}`,
          ...(fallback
            ? {
                hint: 'each fallback entry maps ONE model group to its list, and LiteLLM reads only the first key: write one entry per group',
              }
            : {}),
        };
      }
      return describeError(e, path);
    });
}

function unionProblem(e: ErrorObject, path: Path): PlacedProblem {
  const branches = Array.isArray(e.schema) ? (e.schema as Record<string, unknown>[]) : [];
  const names = branches.map(branchName);
  const expected =
    names.length > 0 && names.every((n) => n !== undefined) ? names.join(' or ') : 'a value of another type';
  return {
    code: 'wrong-type',
    severity: 'error',
    path,
    message: `expected ${expected}, found ${found(e.data)}`,
    ...(names.includes('true or false') ? { hint: 'write true or false, without quotes' } : {}),
  };
}

function branchName(s: Record<string, unknown>): string | undefined {
  if (typeof s.$ref === 'string') {
    if (s.$ref.endsWith('/envRef')) return 'an os.environ/NAME reference';
    if (s.$ref.endsWith('/stringList')) return 'a list of strings';
    return undefined;
  }
  switch (s.type) {
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    default:
      return undefined;
  }
}

function found(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

const isPrefix = (prefix: Path, p: Path): boolean => prefix.length <= p.length && prefix.every((x, i) => x === p[i]);

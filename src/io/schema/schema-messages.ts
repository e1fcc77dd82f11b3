import type { ErrorObject } from 'ajv';
import type { InputCode } from '../../core/diagnostics/catalog.js';
import { didYouMean } from '../../core/diagnostics/problems.js';
import type { PlacedProblem } from '../source/locate.js';

type Path = (string | number)[];

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
const POLICY_ID = '^[a-z0-9]+([-_.][a-z0-9]+)*$';
const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';

/** One ajv error in plain words: what was expected, what was found, and what to do. */
export function describeError(e: ErrorObject, path: Path): PlacedProblem {
  const p = e.params as Record<string, unknown>;
  const found = e.data;
  const error = (code: InputCode, message: string, hint?: string, at: Path = path): PlacedProblem => ({
    code,
    severity: 'error',
    message,
    path: at,
    ...(hint ? { hint } : {}),
  });
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint =
        didYouMean(key, allowed) ?? (allowed.length ? `allowed keys here: ${allowed.join(', ')}` : undefined);
      return { ...error('unknown-key', `unknown key ${quote(key)}`, hint, [...path, key]), at: 'key' };
    }
    case 'required': {
      const key = String(p.missingProperty);
      return { ...error('missing-key', `missing required key ${quote(key)}`), key };
    }
    case 'type':
      // YAML 1.1 habits: `yes`/`on` are text in YAML 1.2, and quoting makes `"true"` text too.
      return error(
        'wrong-type',
        `expected ${typeNames(p.type)}, found ${describe(found)}`,
        p.type === 'boolean' ? 'write true or false, without quotes' : undefined,
      );
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const hint = typeof found === 'string' ? suggest(found, allowed) : undefined;
      return error('invalid-value', `must be one of ${allowed.join(', ')}; found ${describe(found, false)}`, hint);
    }
    case 'const': {
      const hint =
        path[path.length - 1] === 'version'
          ? 'this version of tierplan reads format version 1: `version: 1`'
          : undefined;
      return error('invalid-value', `must be ${JSON.stringify(p.allowedValue)}; found ${describe(found, false)}`, hint);
    }
    case 'pattern':
      return patternProblem(String(p.pattern), found, path);
    case 'format':
      return p.format === 'date'
        ? error(
            'invalid-format',
            `expected a date like 2027-03-31, found ${describe(found, false)}`,
            'write dates as YYYY-MM-DD',
          )
        : error('invalid-format', `must be a ${String(p.format)}; found ${describe(found, false)}`);
    case 'minLength':
      return p.limit === 1
        ? error('invalid-value', 'must not be empty')
        : error('invalid-value', `must be at least ${String(p.limit)} characters long`);
    case 'maxLength':
      return error(
        'invalid-value',
        `is too long: ${typeof found === 'string' ? found.length : '?'} characters, at most ${String(p.limit)}`,
      );
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return error(
        'out-of-range',
        `must be ${String(p.comparison)} ${String(p.limit)}; found ${describe(found, false)}`,
      );
    case 'minItems':
      return error(
        'invalid-value',
        p.limit === 1 ? 'must not be an empty list' : `must list at least ${String(p.limit)} items`,
      );
    case 'uniqueItems': {
      const later = Math.max(Number(p.i), Number(p.j));
      const item = Array.isArray(found) ? found[later] : undefined;
      return error('duplicate-item', `${describe(item, false)} is listed more than once`, 'remove the repeated item', [
        ...path,
        later,
      ]);
    }
    case 'minProperties':
      return error('invalid-value', `must have at least ${String(p.limit)} key${p.limit === 1 ? '' : 's'}`);
    default:
      return error('schema', e.message ?? `fails the ${e.keyword} rule of the schema`);
  }
}

/** A near miss by edit distance, or else the one allowed value the input abbreviates (`prod`). */
function suggest(found: string, allowed: string[]): string | undefined {
  const near = didYouMean(found, allowed);
  if (near || found.length < 2) return near;
  const longer = allowed.filter((a) => a.toLowerCase().startsWith(found.toLowerCase()));
  return longer.length === 1 ? `did you mean "${longer[0]!}"?` : undefined;
}

function patternProblem(pattern: string, found: unknown, path: Path): PlacedProblem {
  const base = { code: 'invalid-id' as const, severity: 'error' as const, path };
  const value = describe(found, false);
  const suggestion = typeof found === 'string' ? slugify(found) : '';
  const tryIt = suggestion ? `try ${quote(suggestion)}` : undefined;
  if (pattern === SLUG) {
    return {
      ...base,
      message: `${value} is not a valid id: use lowercase letters a-z, digits and single hyphens, like "claims-triage" (the id becomes the gateway alias applications call)`,
      ...(tryIt ? { hint: tryIt } : {}),
    };
  }
  if (pattern === POLICY_ID) {
    return {
      ...base,
      message: `${value} is not a valid id: use lowercase letters a-z and digits, separated by single "-", "_" or "."`,
      ...(tryIt ? { hint: tryIt } : {}),
    };
  }
  if (pattern === ENV_NAME) {
    return {
      ...base,
      code: 'invalid-env-name',
      message: `${value} is not an environment variable name`,
      hint: 'give the NAME of the variable that holds the value (like OPENAI_API_KEY), never the value itself',
    };
  }
  return { ...base, code: 'invalid-value', message: `${value} does not match the pattern ${pattern}` };
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

const TYPE_NAMES: Record<string, string> = { object: 'mapping', array: 'list' };

function typeNames(t: unknown): string {
  const list = Array.isArray(t) ? t.map(String) : [String(t)];
  return list.map((x) => TYPE_NAMES[x] ?? x).join(' or ');
}

const MAX_SHOWN = 40;

/** The found value, short and quoted; `withType` prefixes the YAML type name. */
function describe(v: unknown, withType = true): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') {
    const shown = v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}…` : v;
    return withType ? `string ${JSON.stringify(shown)}` : JSON.stringify(shown);
  }
  return withType ? `${typeof v} ${String(v)}` : String(v);
}

function quote(s: string): string {
  return JSON.stringify(s);
}

// The conditional strategy of a Portkey config: its conditions, queries and operators, as
// gateway 1.15.2's conditionalRouter evaluates them.
import { regexHazard } from '../regex-safety.js';
import { didYouMean } from '../../diagnostics/problems.js';
import { typeError, unknownKeys, type Ctx } from './portkey-common.js';
import { isObj, shown, type Obj, type Path } from './values.js';

const CONDITION_KEYS = ['query', 'then'];
/**
 * Operators on a field's value in gateway 1.15.2 (conditionalRouter.ts, checked in the npm
 * build); `$and`/`$or` combine whole queries. Later sources add `$length`: 1.15.2 answers 400.
 */
const FIELD_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$regex'];
const LOGICAL = ['$and', '$or'];
/** Query keys resolve as `<root>.<key>`, at most two levels. */
const QUERY_ROOTS = ['metadata', 'params', 'url'];

export function conditional(n: Obj, targets: unknown[], at: Path, ctx: Ctx): void {
  const s = n.strategy as Obj;
  const sAt: Path = [...at, 'strategy'];
  const names = targets.flatMap((t) => (isObj(t) && typeof t.name === 'string' ? [t.name] : []));
  const used = new Set<string>();
  let dangling = false;
  const refer = (name: unknown, path: Path, what: string): void => {
    if (typeof name !== 'string') {
      ctx.add({
        code: 'missing-target-name',
        severity: 'error',
        path,
        message: `${what} must name a target of this node (a string); found ${shown(name)}`,
      });
      return;
    }
    used.add(name);
    if (names.includes(name)) return;
    dangling = true;
    const hint = didYouMean(name, names);
    ctx.add({
      code: 'dangling-target-name',
      severity: 'error',
      path,
      message: `${what} names ${JSON.stringify(name)}, but no target of this node has that name: the gateway answers 400 "Invalid target name found in the query router"`,
      ...(hint
        ? { hint }
        : { hint: names.length > 0 ? `target names here: ${names.join(', ')}` : 'give the targets a name' }),
    });
  };
  const conditions = s.conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) {
    ctx.add({
      code: 'missing-conditions',
      severity: 'error',
      path: sAt,
      message: Array.isArray(conditions)
        ? 'a conditional node without conditions routes every request to its default, or fails with a 400'
        : 'a conditional node needs strategy.conditions: the gateway answers 400 "No conditions passed in the query router"',
    });
  } else {
    conditions.forEach((c, i) => {
      const cAt: Path = [...sAt, 'conditions', i];
      if (!isObj(c)) {
        typeError(c, 'a mapping with query and then', cAt, ctx);
        return;
      }
      unknownKeys(c, CONDITION_KEYS, cAt, 'a condition', ctx);
      if (!('query' in c))
        ctx.add({ code: 'missing-query', severity: 'error', path: cAt, message: 'a condition needs a query' });
      else query(c.query, [...cAt, 'query'], ctx);
      refer(c.then, [...cAt, 'then'], 'then');
    });
  }
  if ('default' in s) refer(s.default, [...sAt, 'default'], 'default');
  // A dangling name is most likely a misspelt target: that one is reported, not its echo.
  if (dangling) return;
  targets.forEach((t, i) => {
    if (isObj(t) && typeof t.name === 'string' && !used.has(t.name)) {
      ctx.add({
        code: 'unreachable-target',
        severity: 'warning',
        path: [...at, 'targets', i],
        message: `no condition and no default names ${JSON.stringify(t.name)}: it never receives traffic`,
      });
    } else if (isObj(t) && typeof t.name !== 'string') {
      ctx.add({
        code: 'unreachable-target',
        severity: 'warning',
        path: [...at, 'targets', i],
        message:
          'a target of a conditional node without a name never receives traffic: conditions pick targets by name',
        hint: 'give it a name',
      });
    }
  });
}

/**
 * A query object (conditionalRouter.evaluateQuery): keys are `$and`/`$or` with a list of
 * sub-queries, or `metadata.<k>`, `params.<k>`, `url.pathname` with a value or an operator map.
 * The gateway returns as soon as it meets `$and`/`$or`, so keys after one are never checked.
 */
function query(q: unknown, at: Path, ctx: Ctx): void {
  if (!isObj(q)) {
    typeError(q, 'a query (a mapping)', at, ctx);
    return;
  }
  const keys = Object.keys(q);
  if (keys.length === 0) {
    ctx.add({
      code: 'empty-query',
      severity: 'warning',
      path: at,
      message: 'an empty query matches every request: later conditions and the default are never used',
    });
    return;
  }
  let shortCircuit = false;
  keys.forEach((key, k) => {
    const value = q[key];
    const kAt: Path = [...at, key];
    if (LOGICAL.includes(key)) {
      if (!Array.isArray(value)) {
        ctx.add({
          code: 'invalid-operator-value',
          severity: 'error',
          path: kAt,
          message: `${key} needs a list of sub-queries; with ${shown(value)} the gateway reads "${key}" as a field, which never matches`,
        });
        return;
      }
      for (const [i, sub] of value.entries()) query(sub, [...kAt, i], ctx);
      const later = keys[k + 1];
      if (later !== undefined && !shortCircuit) {
        shortCircuit = true;
        ctx.add({
          code: 'query-short-circuit',
          severity: 'error',
          path: [...at, later],
          message: `keys after ${JSON.stringify(key)} in the same query are ignored: the gateway returns the result of ${key} without checking ${keys
            .slice(k + 1)
            .map((x) => JSON.stringify(x))
            .join(', ')}`,
          hint: 'one key per query object: put every condition inside one $and',
        });
      }
      return;
    }
    if (key.startsWith('$')) {
      const hint =
        didYouMean(key, LOGICAL) ??
        (FIELD_OPERATORS.includes(key)
          ? `${key} applies to a field: { "metadata.<key>": { "${key}": … } }`
          : undefined);
      ctx.add({
        code: 'unknown-operator',
        severity: 'error',
        path: kAt,
        message: `${JSON.stringify(key)} is neither $and, $or nor a field: the gateway reads it as a field that never matches`,
        ...(hint ? { hint } : {}),
      });
      return;
    }
    field(key, value, kAt, ctx);
  });
  if (keys.length > 1 && !shortCircuit) {
    ctx.add({
      code: 'query-multiple-keys',
      severity: 'warning',
      path: at,
      message: `this query has ${keys.length} keys; the gateway ANDs them only while no $and/$or comes before another key, so reordering them changes the routing`,
      hint: 'one key per query object: combine them with $and',
    });
  }
}

function field(key: string, value: unknown, at: Path, ctx: Ctx): void {
  const parts = key.split('.');
  const root = parts[0]!;
  if (
    !QUERY_ROOTS.includes(root) ||
    parts.length < 2 ||
    parts[1] === '' ||
    (root === 'url' && parts[1] !== 'pathname')
  ) {
    ctx.add({
      code: 'unknown-query-field',
      severity: 'error',
      path: at,
      message: `${JSON.stringify(key)} reads nothing: the gateway resolves only metadata.<key>, params.<key> and url.pathname, so this never matches`,
      ...(QUERY_ROOTS.includes(root) ? {} : { hint: `did you mean "metadata.${key}"?` }),
    });
  } else if (parts.length > 2) {
    ctx.add({
      code: 'query-key-too-deep',
      severity: 'error',
      path: at,
      message: `${JSON.stringify(key)} has ${parts.length} levels, but the gateway resolves at most 2: it reads ${parts.slice(0, 2).join('.')} and the condition silently fails`,
      hint: `route on a top-level ${root} key, e.g. "${parts[0]}.${parts.slice(1).join('_')}"`,
    });
  }
  const metadata = root === 'metadata';
  if (Array.isArray(value)) {
    ctx.add({
      code: 'invalid-query-value',
      severity: 'error',
      path: at,
      message:
        'a list here is read as an operator map: the gateway answers 400 "Unsupported operator used in the query router: 0"',
      hint: 'to match any of several values, write { "$in": [ … ] }',
    });
  } else if (isObj(value)) {
    operators(value, at, metadata, ctx);
  } else if (metadata && typeof value !== 'string') {
    nonString(value, at, ctx);
  }
}

function operators(ops: Obj, at: Path, metadata: boolean, ctx: Ctx): void {
  const entries = Object.entries(ops);
  if (entries.length === 0) {
    ctx.add({
      code: 'empty-query',
      severity: 'warning',
      path: at,
      message: 'an empty operator map matches every request',
    });
    return;
  }
  entries.forEach(([op, v], k) => {
    const oAt: Path = [...at, op];
    if (!FIELD_OPERATORS.includes(op)) {
      const prefix = FIELD_OPERATORS.filter((o) => op.startsWith(o)).sort((a, b) => b.length - a.length)[0];
      const hint = LOGICAL.includes(op)
        ? `${op} combines whole queries: { "${op}": [ { "metadata.a": … }, { "metadata.b": … } ] }`
        : op === '$length'
          ? '$length exists only in gateway sources newer than release 1.15.2'
          : (didYouMean(op, FIELD_OPERATORS) ?? (prefix ? `did you mean "${prefix}"?` : undefined));
      ctx.add({
        code: 'unknown-operator',
        severity: 'error',
        path: oAt,
        message: `unknown operator ${JSON.stringify(op)}: the gateway answers 400 "Unsupported operator used in the query router: ${op}"`,
        ...(hint ? { hint } : {}),
      });
      return;
    }
    switch (op) {
      case '$eq':
      case '$ne':
        if (metadata && typeof v !== 'string') nonString(v, oAt, ctx);
        break;
      case '$in':
      case '$nin':
        if (!Array.isArray(v)) {
          ctx.add({
            code: 'invalid-operator-value',
            severity: 'error',
            path: oAt,
            message: `${op} needs a list; with ${shown(v)} the condition is always false`,
          });
        } else if (metadata) {
          v.forEach((item, i) => {
            if (typeof item !== 'string') nonString(item, [...oAt, i], ctx);
          });
        }
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (Number.isNaN(Number.parseFloat(String(v)))) {
          ctx.add({
            code: 'invalid-operator-value',
            severity: 'error',
            path: oAt,
            message: `${op} compares numbers; ${shown(v)} is not one, so the condition is always false`,
          });
        }
        break;
      case '$regex':
        if (typeof v !== 'string' || !validRegex(v)) {
          ctx.add({
            code: 'invalid-regex',
            severity: 'error',
            path: oAt,
            message: `${shown(v)} is not a valid regular expression: the gateway treats the condition as false`,
          });
        } else if (regexHazard(v) !== null) {
          ctx.add({
            code: 'unsafe-regex',
            severity: 'error',
            path: oAt,
            message: `cannot evaluate this $regex safely: ${regexHazard(v)}; verify does not run it and judges every branch after it as possibly taken, and the gateway runs it on every request`,
            hint: 'anchor the pattern and avoid repeating groups that themselves repeat or alternate, e.g. "^(eu|us)-[a-z]+$"',
          });
        }
        if (k < entries.length - 1) {
          ctx.add({
            code: 'query-short-circuit',
            severity: 'error',
            path: [...at, entries[k + 1]![0]],
            message: `operators after $regex are ignored: the gateway returns the regex result without checking ${entries
              .slice(k + 1)
              .map(([o]) => o)
              .join(', ')}`,
            hint: 'one operator per field when $regex is used: combine with $and, e.g. { "$and": [ { "<field>": { "$regex": … } }, { "<field>": { "$ne": … } } ] }',
          });
        }
        break;
    }
  });
}

function nonString(v: unknown, at: Path, ctx: Ctx): void {
  ctx.add({
    code: 'metadata-non-string',
    severity: 'error',
    path: at,
    message: `compares metadata with ${shown(v)}, which is not a string: Portkey metadata values are strings and the comparison is strict (3 is not "3"), so this never matches`,
    hint: `write it as a string: ${JSON.stringify(String(v))}`,
  });
}

function validRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

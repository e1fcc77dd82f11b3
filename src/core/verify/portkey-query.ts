// A replica of the Portkey gateway's conditional router (`src/services/conditionalRouter.ts`,
// release 1.15.2), quirks included: it must say which branch the gateway takes, not which one
// the author meant. Observed traps it keeps: after `$or`/`$and` the rest of the query object is
// ignored; after `$regex` the other operators of the same object are ignored; a key reads at
// most two levels (`metadata.a.b` reads `metadata.a`); `$eq` is strict (3 ≠ "3").
//
// Metadata is known (what the use case sends); `params.*` and `url.*` come from the client's
// request and are unknown, so answers are three-valued: a condition that may hold is a branch
// that may be taken.

import { MAX_REGEX_INPUT, regexHazard } from './regex-safety.js';

export type Tri = true | false | 'unknown';

/** The gateway answers 400 for these; the message is the gateway's. */
export class QueryError extends Error {
  override name = 'QueryError';
}

const UNKNOWN = Symbol('unknown');
type Value = unknown;

export interface QueryContext {
  metadata: Record<string, unknown>;
}

const and = (a: Tri, b: Tri): Tri =>
  a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true;

export function evaluateQuery(query: unknown, ctx: QueryContext): Tri {
  // Object.entries(null) throws in the gateway too (a 400); strings and numbers behave as in JS.
  if (query === null || query === undefined) throw new QueryError('Cannot convert undefined or null to object');
  let acc: Tri = true;
  for (const [key, value] of Object.entries(query as object)) {
    if ((key === '$or' || key === '$and') && Array.isArray(value)) {
      // The gateway returns here: later keys of this object are never looked at.
      return and(acc, key === '$or' ? some(value, ctx) : every(value, ctx));
    }
    const contextValue = lookup(key, ctx);
    let r: Tri;
    if (typeof value === 'object' && value !== null)
      r = contextValue === UNKNOWN ? 'unknown' : evaluateOperator(value, contextValue);
    else r = contextValue === UNKNOWN ? 'unknown' : contextValue === value;
    if (r === false) return false;
    acc = and(acc, r);
  }
  return acc;
}

const some = (subs: unknown[], ctx: QueryContext): Tri => combine(subs, ctx, true);
const every = (subs: unknown[], ctx: QueryContext): Tri => combine(subs, ctx, false);

/**
 * `$or` (decisive = true) and `$and` (decisive = false): the first sub-query that evaluates to
 * `decisive` settles it. A sub-query the gateway would refuse is reached only if none before it
 * settled; after an unknown one it may not be reached, so the result is unknown.
 */
function combine(subs: unknown[], ctx: QueryContext, decisive: boolean): Tri {
  let maybe = false;
  for (const q of subs) {
    let r: Tri;
    try {
      r = evaluateQuery(q, ctx);
    } catch (e) {
      if (maybe) return 'unknown';
      throw e;
    }
    if (r === decisive) return decisive;
    if (r === 'unknown') maybe = true;
  }
  return maybe ? 'unknown' : !decisive;
}

/** `a.b.c` reads `context[a][b]`, as the gateway does; only metadata is known here. */
function lookup(key: string, ctx: QueryContext): Value | typeof UNKNOWN {
  const parts = key.split('.');
  const root = parts[0];
  if (root === 'params' || root === 'url') return UNKNOWN;
  if (root !== 'metadata') return undefined;
  const second = String(parts[1]);
  return Object.hasOwn(ctx.metadata, second) ? ctx.metadata[second] : undefined;
}

function evaluateOperator(operators: object, value: Value): Tri {
  for (const [op, compare] of Object.entries(operators)) {
    switch (op) {
      case '$eq':
        if (value !== compare) return false;
        break;
      case '$ne':
        if (value === compare) return false;
        break;
      case '$gt':
        if (!(parseFloat(String(value)) > parseFloat(String(compare)))) return false;
        break;
      case '$gte':
        if (!(parseFloat(String(value)) >= parseFloat(String(compare)))) return false;
        break;
      case '$lt':
        if (!(parseFloat(String(value)) < parseFloat(String(compare)))) return false;
        break;
      case '$lte':
        if (!(parseFloat(String(value)) <= parseFloat(String(compare)))) return false;
        break;
      case '$in':
        if (!Array.isArray(compare) || !compare.includes(value)) return false;
        break;
      case '$nin':
        if (!Array.isArray(compare) || compare.includes(value)) return false;
        break;
      case '$regex':
        // The gateway returns from the loop here: later operators are ignored. A pattern that
        // could backtrack without bound is not run: either branch may be taken (the lint
        // reports it as unsafe-regex), so both are judged.
        if (regexHazard(String(compare)) !== null || String(value).length > MAX_REGEX_INPUT) return 'unknown';
        try {
          return new RegExp(String(compare)).test(String(value));
        } catch {
          return false;
        }
      default:
        throw new QueryError(`Unsupported operator used in the query router: ${op}`);
    }
  }
  return true;
}

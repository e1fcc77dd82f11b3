// SQL built as data: a query is a tree of these nodes, and each dialect (dialects.ts) renders
// it, quoting every name and literal its own way. Names given by a user (tables, columns) only
// ever enter a query as `col` or `table` nodes, never as text.

export type Expr =
  | { k: 'col'; name: string; from?: string }
  | { k: 'str'; value: string }
  | { k: 'num'; value: number }
  | { k: 'null' }
  | { k: 'timestamp'; iso: string }
  | { k: 'isNull'; e: Expr; not: boolean }
  | { k: 'cmp'; op: '<' | '<=' | '>' | '>=' | '=' | '<>'; a: Expr; b: Expr }
  | { k: 'and' | 'or'; args: Expr[] }
  | { k: 'in'; e: Expr; values: string[] }
  | { k: 'like'; e: Expr; pattern: string }
  | { k: 'case'; whens: [Expr, Expr][]; otherwise: Expr }
  | { k: 'arith'; op: '+' | '-' | '*' | '/'; a: Expr; b: Expr }
  | { k: 'fn'; fn: Fn; args: Expr[] }
  | { k: 'agg'; fn: 'sum' | 'count' | 'min'; e?: Expr };

/** Functions whose spelling differs between dialects (each renders them in dialects.ts). */
export type Fn =
  | 'lower'
  | 'coalesce'
  | 'floor'
  | 'ceil'
  | 'ln'
  | 'greatest'
  | 'concat'
  /** Integer (BIGINT) of a number. */
  | 'int'
  /** A number as a double: logarithms and arithmetic in floating point, as tierplan computes them (a DECIMAL logarithm is slow and rounds otherwise). */
  | 'float'
  /** Any value (a JSON column, a string) as its text. */
  | 'text'
  /** A value as JSON text (a string quoted and escaped), or NULL for NULL. */
  | 'jsonString'
  /** JSON text of a key of a JSON value (`args[1]` a `str`), or NULL when absent. */
  | 'jsonGet'
  /** The first `args[1]` characters of a text. */
  | 'prefix'
  /** The UTC month of a timestamp, `YYYY-MM`. */
  | 'month'
  /** Milliseconds since 1970 of a timestamp, rounded down. */
  | 'epochMs';

export interface SelectItem {
  as: string;
  e: Expr;
}

/** A table or a subquery, with the alias its columns are read through. */
export type From = { k: 'table'; path: string[]; as: string } | { k: 'query'; q: Select; as: string };

export interface Select {
  select: SelectItem[];
  from: From;
  where?: Expr;
  groupBy?: Expr[];
  orderBy?: Expr[];
}

// Constructors, so a query reads as what it computes.
export const col = (name: string, from?: string): Expr =>
  from === undefined ? { k: 'col', name } : { k: 'col', name, from };
export const str = (value: string): Expr => ({ k: 'str', value });
export const num = (value: number): Expr => ({ k: 'num', value });
export const NULL: Expr = { k: 'null' };
export const fn = (f: Fn, ...args: Expr[]): Expr => ({ k: 'fn', fn: f, args });
export const isNull = (e: Expr): Expr => ({ k: 'isNull', e, not: false });
export const notNull = (e: Expr): Expr => ({ k: 'isNull', e, not: true });
export const cmp = (op: '<' | '<=' | '>' | '>=' | '=' | '<>', a: Expr, b: Expr): Expr => ({ k: 'cmp', op, a, b });
export const and = (...args: Expr[]): Expr => ({ k: 'and', args });
export const caseWhen = (whens: [Expr, Expr][], otherwise: Expr = NULL): Expr => ({ k: 'case', whens, otherwise });
export const sum = (e: Expr): Expr => ({ k: 'agg', fn: 'sum', e });
export const count = (): Expr => ({ k: 'agg', fn: 'count' });
export const min = (e: Expr): Expr => ({ k: 'agg', fn: 'min', e });
export const arith = (op: '+' | '-' | '*' | '/', a: Expr, b: Expr): Expr => ({ k: 'arith', op, a, b });

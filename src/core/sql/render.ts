// A query tree (sql-ast.ts) as the text of one dialect: one clause per line, so a golden diff
// shows what changed.
import type { Dialect } from './dialects.js';
import type { Expr, From, Select } from './sql-ast.js';

export function renderExpr(e: Expr, d: Dialect): string {
  const r = (x: Expr): string => renderExpr(x, d);
  switch (e.k) {
    case 'col':
      return e.from === undefined ? d.ident(e.name) : `${d.ident(e.from)}.${d.ident(e.name)}`;
    case 'str':
      return d.string(e.value);
    case 'num':
      if (!Number.isFinite(e.value)) throw new Error(`a SQL number must be finite, not ${e.value}`);
      return String(e.value);
    case 'null':
      return 'NULL';
    case 'timestamp':
      return d.timestamp(e.iso);
    case 'isNull':
      return `${r(e.e)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'cmp':
      return `${r(e.a)} ${e.op} ${r(e.b)}`;
    case 'and':
    case 'or':
      return e.args.map((a) => `(${r(a)})`).join(e.k === 'and' ? ' AND ' : ' OR ');
    case 'in':
      return `${r(e.e)} IN (${e.values.map((v) => d.string(v)).join(', ')})`;
    case 'like':
      return `${r(e.e)} LIKE ${d.string(e.pattern)}`;
    case 'case':
      return `CASE ${e.whens.map(([w, t]) => `WHEN ${r(w)} THEN ${r(t)}`).join(' ')} ELSE ${r(e.otherwise)} END`;
    case 'arith':
      return `(${r(e.a)} ${e.op} ${r(e.b)})`;
    case 'fn':
      return d.fn(
        e.fn,
        e.args.map((a) => r(a)),
        e.args,
      );
    case 'agg':
      return e.fn === 'count' ? 'COUNT(*)' : `${e.fn.toUpperCase()}(${r(e.e!)})`;
  }
}

function renderFrom(f: From, d: Dialect, indent: string): string {
  if (f.k === 'table') return `${f.path.map((p) => d.ident(p)).join('.')} AS ${d.ident(f.as)}`;
  return `(\n${renderSelect(f.q, d, `${indent}  `)}\n${indent}) AS ${d.ident(f.as)}`;
}

export function renderSelect(q: Select, d: Dialect, indent = ''): string {
  const lines = [
    `${indent}SELECT`,
    q.select.map((s) => `${indent}  ${renderExpr(s.e, d)} AS ${d.ident(s.as)}`).join(',\n'),
    `${indent}FROM ${renderFrom(q.from, d, indent)}`,
  ];
  if (q.where) lines.push(`${indent}WHERE ${renderExpr(q.where, d)}`);
  if (q.groupBy && q.groupBy.length > 0)
    lines.push(`${indent}GROUP BY ${q.groupBy.map((g) => renderExpr(g, d)).join(', ')}`);
  if (q.orderBy && q.orderBy.length > 0)
    lines.push(`${indent}ORDER BY ${q.orderBy.map((g) => renderExpr(g, d)).join(', ')}`);
  return lines.join('\n');
}

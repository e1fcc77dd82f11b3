// `--where field=value`: which use cases a bulk decision applies to. Every condition must hold; a
// field given twice matches either value. Fields are the ones an architect groups by.
import type { UseCase } from '../policy/types.js';

const WHERE_FIELDS = ['id', 'owner', 'status', 'suggested'] as const;
type WhereField = (typeof WHERE_FIELDS)[number];

export interface Where {
  field: WhereField;
  /** Compared exactly, or as a prefix when it ends with `*`. */
  value: string;
}

/** `owner=claims@x` → a condition, or the reason it is not one. */
export function parseWhere(text: string): Where | string {
  const eq = text.indexOf('=');
  if (eq <= 0) return `expected FIELD=VALUE (fields: ${WHERE_FIELDS.join(', ')}), got "${text}"`;
  const field = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  if (!(WHERE_FIELDS as readonly string[]).includes(field))
    return `unknown field "${field}" in --where (fields: ${WHERE_FIELDS.join(', ')})`;
  if (value === '') return `--where ${field}= needs a value (a trailing * matches a prefix)`;
  return { field: field as WhereField, value };
}

const matches = (pattern: string, actual: string | undefined): boolean =>
  actual !== undefined && (pattern.endsWith('*') ? actual.startsWith(pattern.slice(0, -1)) : actual === pattern);

function valuesOf(uc: UseCase, field: WhereField): string[] {
  switch (field) {
    case 'id':
      return [uc.id];
    case 'owner':
      return uc.owner === undefined ? [] : [uc.owner];
    case 'status':
      return [uc.status ?? 'idea'];
    case 'suggested':
      return uc.suggested?.data_classes ?? [];
  }
}

export function selected(uc: UseCase, where: readonly Where[]): boolean {
  const fields = new Set(where.map((w) => w.field));
  for (const field of fields) {
    const patterns = where.filter((w) => w.field === field).map((w) => w.value);
    const values = valuesOf(uc, field);
    if (!patterns.some((p) => values.some((v) => matches(p, v)))) return false;
  }
  return true;
}

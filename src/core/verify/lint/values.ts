// Shapes the gateway-config lints walk, and how a found value is named in a message.
export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}

export const hintFrom = (hint: string | undefined): { hint?: string } => (hint ? { hint } : {});

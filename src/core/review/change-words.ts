// A proposal's change to an inventory entry in words, for the list `review --apply` prints:
// `status production → retired`, `override removed (was on-prem, expires 2026-09-30)`. Values
// from the inventory stay data: the caller makes them safe for the terminal.
import type { ProposalChange } from './review-types.js';

export function changeInWords(change: ProposalChange): string {
  const key = change.path.join('.');
  const from = change.from ?? null;
  const to = change.to ?? null;
  if (to === null) return `${key} removed (was ${summary(from)})`;
  if (from === null) return `${key} added: ${summary(to)}`;
  if (isMapping(from) && isMapping(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter(
      (k) => scalar(from[k] ?? null) !== scalar(to[k] ?? null),
    );
    if (keys.length === 0) return `${key} rewritten, same values`;
    return `${key}: ${keys.map((k) => `${k} ${scalar(from[k] ?? null)} → ${scalar(to[k] ?? null)}`).join(', ')}`;
  }
  return `${key} ${scalar(from)} → ${scalar(to)}`;
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** An override-like mapping by what matters first: its tier, then its expiry; anything else as key value pairs. */
function summary(v: unknown): string {
  if (!isMapping(v)) return scalar(v);
  const parts: string[] = [];
  if (v.tier !== undefined) parts.push(scalar(v.tier));
  if (v.expires !== undefined) parts.push(`expires ${scalar(v.expires)}`);
  if (parts.length > 0) return parts.join(', ');
  return Object.entries(v)
    .map(([k, x]) => `${k} ${scalar(x)}`)
    .join(', ');
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return JSON.stringify(v);
}

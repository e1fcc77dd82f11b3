import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';

/**
 * A diagnostic's message with what helps act on it, for forms that have one text field per
 * result (SARIF, annotations): the hint, then the path a request takes to get there.
 */
export function fullMessage(d: Diagnostic): string {
  const lines = [d.message];
  if (d.hint !== undefined && d.hint !== '') lines.push(d.hint);
  const hops = d.evidence?.path ?? [];
  if (hops.length > 0) lines.push(`Path: ${hops.join(' → ')}`);
  return lines.join('\n');
}

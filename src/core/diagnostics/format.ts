import type { Diagnostic } from './diagnostic.js';
import { terminalText as esc } from './terminal-text.js';

/** Where a diagnostic is, as editors and terminals link it: `file:line:column`, or `file` alone. */
function where(d: Diagnostic): string | undefined {
  if (d.file === undefined) return undefined;
  return d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
}

/**
 * `file:line:column: error CODE: message` (with the JSONPath after the position when there is
 * one), the hint indented on the next line(s), then the evidence path `a → b` indented further.
 * In core, not render, because io's InputError puts the same text in its message.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [where(d), d.path]
    .filter((x) => x !== undefined)
    .map((x) => `${esc(x)}: `)
    .join('');
  // Messages and hints quote input values: escaped, so a file name or a use case name cannot
  // write escape sequences or fake lines. A hint's own line breaks are kept.
  const lines = [`${place}${d.severity} ${d.code}: ${esc(d.message)}`];
  if (d.hint !== undefined && d.hint !== '') lines.push(...d.hint.split('\n').map((l) => `  ${esc(l)}`));
  const hops = d.evidence?.path ?? [];
  if (hops.length > 0) lines.push(`    ${hops.map(esc).join(' → ')}`);
  return lines.join('\n');
}

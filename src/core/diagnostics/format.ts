import type { Diagnostic } from './diagnostic.js';

/** Where a diagnostic is, as editors and terminals link it: `file:line:column`, or `file` alone. */
export function where(d: Diagnostic): string | undefined {
  if (d.file === undefined) return undefined;
  return d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
}

/**
 * `file:line:column: error CODE: message`, then the hint indented on the next line(s).
 * In core, not render, because io's InputError puts the same text in its message.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const at = where(d);
  const head = `${at === undefined ? '' : `${at}: `}${d.severity} ${d.code}: ${d.message}`;
  if (d.hint === undefined || d.hint === '') return head;
  return `${head}\n${d.hint.split('\n').map((l) => `  ${l}`).join('\n')}`;
}

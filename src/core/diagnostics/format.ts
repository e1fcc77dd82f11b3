import type { Diagnostic } from './problems.js';

/** `file:line:column: error CODE: message`, then the hint indented on the next line(s). */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
  if (d.hint === undefined || d.hint === '') return head;
  return `${head}\n${d.hint.split('\n').map((l) => `  ${l}`).join('\n')}`;
}

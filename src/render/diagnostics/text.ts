import { formatDiagnostic } from '../../core/diagnostics/format.js';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';

/** One diagnostic after the other in the form compilers use; an empty list is an empty string. */
export function renderDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('');
}

import { CATALOG } from '../../core/diagnostics/catalog.js';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';

/** A diagnostic with its keys in one fixed order, and where its code is documented. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line, column: d.column ?? 1 } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
    ...(d.use_case !== undefined ? { use_case: d.use_case } : {}),
    ...(d.evidence !== undefined ? { evidence: d.evidence } : {}),
    help: CATALOG[d.code].anchor,
  };
}

/** `{ schema_version, diagnostics }`, pretty-printed, with a final newline. */
export function renderDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify({ schema_version: 1, diagnostics: diagnostics.map(diagnosticJson) }, null, 2)}\n`;
}

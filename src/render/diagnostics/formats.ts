// The formatter registry: every command that reports diagnostics picks its output form here.
import type { Diagnostic } from '../../core/diagnostics/diagnostic.js';
import { renderAnnotations } from './github.js';
import { renderDiagnosticsJson } from './json.js';
import { renderSarif, type SarifOptions } from './sarif.js';
import { renderDiagnosticsText } from './text.js';

/** What a formatter may need from outside the diagnostics: the version, SARIF's rule list. */
export type DiagnosticContext = SarifOptions;

export const DIAGNOSTIC_FORMATTERS = {
  text: (diagnostics) => renderDiagnosticsText(diagnostics),
  json: (diagnostics) => renderDiagnosticsJson(diagnostics),
  sarif: (diagnostics, context) => renderSarif(diagnostics, context),
  github: (diagnostics) => renderAnnotations(diagnostics),
} as const satisfies Record<string, (diagnostics: readonly Diagnostic[], context: DiagnosticContext) => string>;

export type DiagnosticFormat = keyof typeof DIAGNOSTIC_FORMATTERS;

export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  context: DiagnosticContext,
): string {
  return DIAGNOSTIC_FORMATTERS[format](diagnostics, context);
}

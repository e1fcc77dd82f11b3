import { formatDiagnostic } from '../../core/diagnostics/format.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';

/** Bad flags or arguments: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * An output could not be written (e.g. --out names a path under a regular file). It is a
 * UsageError so the CLI reports it as a plain message with exit 2, not as an internal error.
 */
export class OutputError extends UsageError {
  override name = 'OutputError';
}

/** One or more input files are bad: every diagnostic is printed, exit 2, nothing is written. */
export class InputError extends Error {
  override name = 'InputError';

  constructor(public readonly diagnostics: PlacedDiagnostic[]) {
    super(summarize(diagnostics));
  }
}

const SHOWN_IN_MESSAGE = 3;

// The message matters when an InputError escapes to a generic handler (or a test failure):
// it should still say where the problem is.
function summarize(diagnostics: PlacedDiagnostic[]): string {
  if (diagnostics.length === 0) return 'invalid input';
  const shown = diagnostics.slice(0, SHOWN_IN_MESSAGE).map(formatDiagnostic);
  const more = diagnostics.length - shown.length;
  return more > 0 ? `${shown.join('\n')}\n… and ${more} more` : shown.join('\n');
}

/** Sorted by file, then line, then column, so output is stable whatever order checks ran in. */
export function sortDiagnostics(diagnostics: PlacedDiagnostic[]): PlacedDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

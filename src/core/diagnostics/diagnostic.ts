// The one shape of everything tierplan reports: an input problem, a verify finding, a review
// finding. Each area keeps the richer record it computes with (and serialises as before) and
// converts to this losslessly, so one set of formatters serves every command.
import type { DiagnosticCode, Severity } from './catalog.js';

interface Evidence {
  /** How a request gets there, hop by hop (verify). */
  path?: string[];
  /** Rows elsewhere that show it: the first rows of a usage export that could not be read. */
  rows?: { file: string; line: number; reason: string }[];
  /** The figures behind it, e.g. a review finding's months, requests, tokens and cost. */
  figures?: Record<string, string | number | string[] | null>;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** What to do about it, e.g. a "did you mean" suggestion. */
  hint?: string;
  /** Absent when it is about no file (a review finding is about usage as a whole). */
  file?: string;
  /** 1-based; absent when no position inside the file is known. */
  line?: number;
  column?: number;
  /** The place inside the document as JSONPath, e.g. `$.router_settings.fallbacks[0]`. */
  path?: string;
  /** The use case (or unregistered alias) it is about. */
  use_case?: string;
  evidence?: Evidence;
}

/** A diagnostic at file:line:column: every problem of an input file, ready to print. */
export interface PlacedDiagnostic extends Diagnostic {
  file: string;
  line: number;
  column: number;
}

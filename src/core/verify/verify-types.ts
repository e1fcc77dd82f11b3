// The vocabulary of `tierplan verify`: what a gateway config can reach, and what is wrong with it.
// The codes, with what each means and what to do, are in core/diagnostics/catalog-verify.ts.
import type { VerifyCode } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Steps into a parsed config: ['router_settings', 'fallbacks', 0, 'claims-triage', 1]. */
export type Path = (string | number)[];

export type Dialect = 'litellm' | 'portkey';

/** A finding as verify computes it: placed by steps into the parsed config, then by the CLI at line:column. */
export interface VerifyFinding {
  severity: 'error' | 'warning';
  code: VerifyCode;
  /** The use case concerned, or null for a finding about the config itself. */
  use_case: string | null;
  file: string;
  /** JSONPath of the config node responsible, e.g. `$.router_settings.fallbacks[0]["claims-triage"][1]`. */
  path: string;
  /** The same place as steps, so the CLI can turn it into line:column. */
  steps: Path;
  message: string;
  /** How a request for the use case gets there, hop by hop. */
  chain: string[];
}

/** A finding the CLI placed in its file; line and column are absent when no position is known. */
export interface PlacedVerifyFinding extends VerifyFinding {
  line?: number;
  column?: number;
}

/**
 * The finding as a Diagnostic, for the shared formatters. Nothing is lost: `steps` is the place
 * `path` names, a null use case is an absent one, and the chain is the evidence.
 */
export function verifyDiagnostic(f: PlacedVerifyFinding): Diagnostic {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    file: f.file,
    ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
    path: f.path,
    ...(f.use_case !== null ? { use_case: f.use_case } : {}),
    evidence: { path: f.chain },
  };
}

/** One way a request can end at a leaf of the config (a LiteLLM deployment entry, a Portkey target). */
export interface ReachPath {
  /** Where the leaf is. */
  leaf: Path;
  /** The config node responsible for reaching it: the member entry, the fallback target, the default branch. */
  via: Path;
  /** The leaf as the gateway sees it (for Portkey, with inherited `override_params` and `custom_host`). */
  value: Record<string, unknown>;
  chain: string[];
  /** Reached without any fallback: the use case's primary group. */
  primary: boolean;
  /** False when the gateway cannot pick it today (load-balance weight 0): reported as a warning. */
  live: boolean;
}

export interface ConfigInput {
  file: string;
  dialect: Dialect;
  value: unknown;
  /** Per-use-case Portkey configs read from one folder: that folder must hold one per routed use case. */
  set?: string;
  /** `routes.json` next to a conditional config: alias → the `x-portkey-metadata` it sends. */
  metadata?: { file: string; value: unknown };
}

interface VerifySummary {
  files: number;
  use_cases: number;
  errors: number;
  warnings: number;
  by_code: Partial<Record<VerifyCode, number>>;
}

export interface VerifyResult {
  findings: VerifyFinding[];
  summary: VerifySummary;
}

/** `$.a.b[0]["with-dash"]`: identifiers dotted, anything else quoted, as JSONPath readers expect. */
export function jsonPath(steps: Path): string {
  return `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

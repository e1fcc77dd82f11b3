// The vocabulary of `tierplan verify`: what a gateway config can reach, and what is wrong with it.

/** Steps into a parsed config: ['router_settings', 'fallbacks', 0, 'claims-triage', 1]. */
export type Path = (string | number)[];

export type Dialect = 'litellm' | 'portkey';

export type FindingCode =
  /** A use case can reach a tier not cleared for its sensitivity, regimes or residency. */
  | 'uncleared-tier'
  /** A cleared tier, but the deployment itself is in a region outside the use case's residency. */
  | 'outside-residency'
  /** A cleared tier, but more open than the assigned one: fallbacks go sideways or more restrictive. */
  | 'more-open-fallback'
  /** A reached entry matches no policy deployment, so it cannot be proven cleared (fail closed). */
  | 'unknown-deployment'
  /** A tier label on an entry disagrees with the tier of the deployment it really is. */
  | 'mislabelled-tier'
  /** A routed use case has no alias (group, file, metadata) in the config. */
  | 'alias-missing'
  /** An alias that is not a routed use case: unknown, retired or a gap. */
  | 'alias-unknown'
  /** The use case's primary group runs on another tier than the plan assigns. */
  | 'tier-drift'
  /** A fallback, alias or branch names nothing: the gateway fails such requests. */
  | 'unresolved-target'
  /** A Portkey query the gateway refuses (unsupported operator, no conditions). */
  | 'query-error'
  /** No metadata is known for the use cases of a conditional config: only the no-metadata case was checked. */
  | 'no-metadata'
  /** The config itself is malformed or holds a trap the gateway accepts silently (schema and lint rules). */
  | 'config-problem';

export interface Finding {
  severity: 'error' | 'warning';
  code: FindingCode;
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
  by_code: Partial<Record<FindingCode, number>>;
}

export interface VerifyResult {
  findings: Finding[];
  summary: VerifySummary;
}

/** `$.a.b[0]["with-dash"]`: identifiers dotted, anything else quoted, as JSONPath readers expect. */
export function jsonPath(steps: Path): string {
  return `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Input types. They mirror schemas/inventory.schema.json and schemas/policy.schema.json;
// test/schema-alignment.test.ts fails when the two drift apart.

export type Status = 'idea' | 'pilot' | 'production' | 'retired';
export type Task =
  | 'classification'
  | 'extraction'
  | 'summarization'
  | 'search'
  | 'generation'
  | 'transcription'
  | 'reasoning'
  | 'agentic'
  | 'code';
export type Reasoning = 'low' | 'medium' | 'high';
export type Modality = 'text' | 'image' | 'audio' | 'video';

export interface DataSpec {
  classes?: string[];
  regimes?: string[];
  residency?: string[];
}

export interface Needs {
  task?: Task;
  reasoning?: Reasoning;
  context_tokens?: number;
  tools?: boolean;
  modalities?: Modality[];
}

export interface Volume {
  requests?: number;
  input_tokens_per_request?: number;
  output_tokens_per_request?: number;
}

export interface Override {
  tier: string;
  reason: string;
  approved_by?: string;
  expires: string;
  /** An approved exception may pin a tier that is not cleared for the data. */
  exception?: boolean;
}

export interface UseCase {
  id: string;
  name: string;
  owner?: string;
  status?: Status;
  description?: string;
  data?: DataSpec;
  needs?: Needs;
  volume?: Volume;
  /** Guesses awaiting confirmation; suggested data classes count fail-closed until then. */
  suggested?: Suggested;
  override?: Override;
  /**
   * Other names applications call for this use case (a gateway's model names before tierplan):
   * `gateway` generates each as a model name routed like the use case, `verify` judges it as the
   * use case, `review` attributes its traffic to it.
   */
  aliases?: string[];
}

/**
 * What an import's keyword rules guessed, kept apart from the facts until an architect confirms
 * it. Until then the suggested data classes are applied fail-closed (docs/design.md), unless
 * `dismissed` says why they do not apply.
 */
export interface Suggested {
  data_classes?: string[];
  task?: Task;
  because?: string[];
  dismissed?: string;
}

export interface Inventory {
  version: 1;
  use_cases: UseCase[];
}

export interface DataClass {
  level: string;
  description: string;
  implies_regimes?: string[];
}

export interface Regime {
  level: string;
  description: string;
}

interface SensitivityPolicy {
  levels: string[];
  fail_closed: string;
  /**
   * Level of a use case whose data declares no class and no regime. Absent: the lowest level (a
   * policy written with `extends: none` before this setting existed keeps its meaning).
   */
  no_class_level?: string;
  data_classes: Record<string, DataClass>;
  regimes: Record<string, Regime>;
}

export interface CapabilityCondition {
  task?: Task[];
  reasoning?: Reasoning[];
  context_tokens_at_least?: number;
  tools?: boolean;
  modalities_any?: Modality[];
}

export interface CapabilityRule {
  id: string;
  level: string;
  when: CapabilityCondition;
  description?: string;
}

interface CapabilityPolicy {
  levels: string[];
  /** Assumed when a use case states no needs at all. */
  unclassified: string;
  rules: CapabilityRule[];
}

export interface TokenPrice {
  input_per_1m: number;
  output_per_1m: number;
}

export interface FixedCost {
  monthly: number;
  capacity_tokens_per_month: number;
}

export interface Credentials {
  /** Environment-variable names only; a literal secret is refused. */
  api_key_env?: string;
  api_base_env?: string;
}

export interface Deployment {
  id: string;
  provider: string;
  model: string;
  capability: string;
  region: string;
  endpoint?: string;
  context_tokens?: number;
  modalities?: Modality[];
  tools?: boolean;
  credentials?: Credentials;
  price?: TokenPrice;
  fixed_cost?: FixedCost;
}

export interface Tier {
  id: string;
  name: string;
  clearance: string;
  regimes: string[];
  regions: string[];
  deployments: Deployment[];
  description?: string;
}

export interface MatrixCell {
  sensitivity: string;
  capability: string;
  tier: string;
}

export interface GatewaySettings {
  /** Also route context-window errors to cleared deployments with a longer context. */
  context_window_fallbacks?: boolean;
  /** Upstream statuses that make the gateway try the next target. */
  fallback_status_codes?: number[];
  /** LiteLLM `router_settings.num_retries`: retries of each model group before its fallbacks. */
  num_retries?: number;
  /** LiteLLM `router_settings.timeout`: seconds one upstream call may take. */
  timeout_seconds?: number;
}

/** How `tierplan review` reads usage exports. */
export interface ReviewSettings {
  /**
   * Provider names as cloud bills give them (FOCUS ServiceName, HostProviderName,
   * ServiceProviderName, ProviderName) → the provider id of the policy's deployments; added over
   * the built-in table (core/review/provider-names.ts), compared case-insensitively.
   */
  provider_names?: Record<string, string>;
  /**
   * Where usage lives, by name, for `review --usage-db NAME`: a LiteLLM PostgreSQL database whose
   * URL is in an environment variable (never in the policy: it holds credentials).
   */
  databases?: Record<string, UsageDatabase>;
}

export interface UsageDatabase {
  /** The environment variable holding the `postgresql://` URL (e.g. LiteLLM's own DATABASE_URL). */
  url_env: string;
  description?: string;
}

/**
 * What a consolidation trigger watches (structured data; no code string is ever evaluated):
 * - `volume_below`: a use case planned on `tier` used fewer than `tokens_per_month` there → move to the next more open cleared tier;
 * - `tokens_above` / `spend_above`: a use case's traffic on `tier` above `tokens_per_month` / `cost_per_month` → evaluate a move;
 * - `no_traffic`: a pilot or production use case with no requests on any tier → propose retirement;
 * - `capacity_above`: a fixed-cost deployment of `tier` used above `utilisation` (0–1) of its capacity → plan capacity;
 * - `capacity_below`: a fixed-cost deployment of `tier` used below `utilisation` of its capacity (its real
 *   traffic, whatever the use cases' status) → consolidate or release it;
 * - `break_even`: a use case's spend on `tier` above the fixed monthly cost of a cleared, capable self-hosted deployment
 *   that could carry its volume (tokens above that deployment's break-even) → evaluate a move.
 * Each must hold for `months` consecutive months (hysteresis).
 */
export type TriggerKind =
  | 'volume_below'
  | 'tokens_above'
  | 'spend_above'
  | 'no_traffic'
  | 'capacity_above'
  | 'capacity_below'
  | 'break_even';

export interface TriggerRule {
  id: string;
  kind: TriggerKind;
  /** The tier watched; every kind but `no_traffic` needs one. */
  tier?: string;
  tokens_per_month?: number;
  cost_per_month?: number;
  utilisation?: number;
  /** For `tokens_above` / `spend_above`: the tier to evaluate (default: a cleared tier with self-hosted capacity). */
  target_tier?: string;
  months: number;
  description?: string;
}

/** The effective policy, after a policy file has been merged over the default. */
export interface Policy {
  version: 1;
  name: string;
  sensitivity: SensitivityPolicy;
  capability: CapabilityPolicy;
  tiers: Tier[];
  preference: string[];
  matrix?: MatrixCell[];
  reference_split?: Record<string, number>;
  gateway?: GatewaySettings;
  triggers?: TriggerRule[];
  review?: ReviewSettings;
  /** ISO 4217 code of every price and fixed cost, and of the usage exports' costs (default USD). */
  currency?: string;
}

/** A policy file as written: with `extends: default` every section may be partial. */
export interface PolicyFile {
  version: 1;
  name?: string;
  extends?: 'default' | 'none';
  sensitivity?: Partial<SensitivityPolicy>;
  capability?: Partial<CapabilityPolicy>;
  tiers?: Tier[];
  preference?: string[];
  matrix?: MatrixCell[];
  reference_split?: Record<string, number>;
  gateway?: GatewaySettings;
  triggers?: TriggerRule[];
  review?: ReviewSettings;
  currency?: string;
}

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
  override?: Override;
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

export interface SensitivityPolicy {
  levels: string[];
  fail_closed: string;
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

export interface CapabilityPolicy {
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
}

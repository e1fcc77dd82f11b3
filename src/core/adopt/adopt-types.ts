// The vocabulary of `tierplan adopt`: what an existing gateway config connects to, and what
// adopting it proposes for the policy (deployments on tiers) and the inventory (aliases).
import type { AdoptCode } from '../diagnostics/catalog-adopt.js';
import type { Deployment } from '../policy/types.js';
import type { Dialect, Path } from '../verify/verify-types.js';

/**
 * One place a config connects to a model: a LiteLLM `model_list` entry or a Portkey leaf, read
 * by its real fields. Credentials are kept as environment-variable names only; a literal value
 * is recorded by field name, never copied.
 */
export interface FoundConnection {
  file: string;
  dialect: Dialect;
  steps: Path;
  /** The name a request uses to get here as its primary route (LiteLLM model_name, Portkey config). */
  name: string;
  /** Policy spelling (`openai`, `bedrock`, `hosted_vllm`…); null when the config does not say. */
  provider: string | null;
  model: string | null;
  /** A literal endpoint URL (api_base, custom_host). */
  endpoint: string | null;
  /** The environment variable the endpoint is read from at start-up. */
  endpointEnv: string | null;
  /** A cloud region as written (aws_region_name, vertex_location). */
  cloudRegion: string | null;
  apiKeyEnv: string | null;
  /** Every environment variable the entry reads (sorted, unique), credentials included. */
  envNames: string[];
  /** Fields holding a literal credential: named, never shown. */
  literalSecrets: string[];
  /** Context window the config states (LiteLLM model_info.max_input_tokens). */
  contextTokens: number | null;
  /** Per-token prices the config states (LiteLLM input/output_cost_per_token). */
  price: { input: number; output: number } | null;
  /** The Azure base model (`model_info.base_model`), for the price map. */
  baseModel: string | null;
  /** A wildcard entry (`openai/*`): any model of the provider. */
  wildcard: boolean;
  /** The entry as the gateway reads it, for recognising a deployment the policy already has. */
  value: Record<string, unknown>;
}

/** Something in a config adopt did not turn into policy or inventory: listed, never dropped. */
export interface AdoptNote {
  file: string;
  path: string;
  steps: Path;
  code: AdoptCode;
  message: string;
  /** Placed by the caller, which knows the file's text. */
  line?: number;
  column?: number;
}

type FieldSource = 'policy' | 'price-map' | 'config' | 'answer' | 'unknown';

export interface ProposedDeployment {
  /** The deployment as it will be written (or as the policy has it already). */
  deployment: Deployment;
  tier: string;
  /** Why this tier, in words; the first line is the rule that decided. */
  why: string[];
  /** The policy already has this deployment (recognised by its connection): nothing to write. */
  existing: boolean;
  /** Where each of capability, context and price came from. */
  sources: { capability: FieldSource; context: FieldSource; price: FieldSource; region: FieldSource };
  /** Fields the user must fill or confirm (capability, region…). */
  unknown: string[];
  /** Where the config uses it: `file: $.model_list[3] (model_name)`. */
  usedBy: { file: string; path: string; steps: Path; name: string }[];
  envNames: string[];
}

export interface AliasProposal {
  /** The name applications call today. */
  name: string;
  file: string;
  steps: Path;
  /**
   * `use-case`: the name is a use case id already; `alias`: it becomes an alias of an existing
   * use case; `new`: a new use case stub is written for it.
   */
  kind: 'use-case' | 'alias' | 'new';
  use_case: string;
  why: string;
  /** Deployment ids its primary group runs on today. */
  deployments: string[];
}

export interface AdoptProposal {
  dialect: Dialect;
  files: string[];
  deployments: ProposedDeployment[];
  aliases: AliasProposal[];
  /** Names only fallbacks reach (tierplan's own `<alias>--<deployment>` groups): not aliases. */
  fallbackGroups: string[];
  notes: AdoptNote[];
}

/** A note's code without its `adopt-` prefix, as the readers write it. */
export type NoteKind = AdoptCode extends `adopt-${infer K}` ? K : never;

// The neutral routing model: what every gateway dialect is compiled from, and what `verify`
// checks a config against.

export interface RouteTarget {
  /** Stable per (use case, deployment): `<use case>.<deployment>`. Becomes LiteLLM's model_info.id. */
  id: string;
  deployment: string;
  tier: string;
  /** Load-balance weight within the primary group. */
  weight: number;
}

export interface UseCaseRoute {
  /** The use case id: the alias applications call. */
  alias: string;
  /** Other names applications call for it (the inventory's `aliases:`), routed the same way. */
  aliases?: string[];
  /** The use case's name, for readers of the generated config. */
  name: string;
  tier: string;
  sensitivity: string;
  /** Tiers this use case's data may reach: the assigned one, and cleared tiers at least as restrictive. */
  allowed_tiers: string[];
  /** Load-balanced: the chosen deployment and its equals in the assigned tier. */
  primary: RouteTarget[];
  /** Tried in order when the primary fails: same tier first, then more restrictive cleared tiers. */
  fallbacks: RouteTarget[];
  /** Tried when the input exceeds the primary's context window: allowed deployments with a longer one. */
  context_window_fallbacks: RouteTarget[];
}

export interface RoutingModel {
  generator: string;
  as_of: string;
  policy: string;
  fallback_status_codes: number[];
  routes: UseCaseRoute[];
  /** Use cases with no route (gaps, retired): the gateway must not know their alias. */
  unrouted: { alias: string; reason: string }[];
}

export const DEFAULT_FALLBACK_STATUS_CODES = [429, 500, 502, 503, 504];

/**
 * LiteLLM retries a model group this many times before its fallbacks (per group, fallbacks
 * included). 1, not 0: LiteLLM reads an unset or 0 count as "use its default" (2) in places.
 */
export const DEFAULT_NUM_RETRIES = 1;
/** Seconds LiteLLM waits for one upstream call (its own default is 600). */
export const DEFAULT_TIMEOUT_SECONDS = 120;

// Builders shared by the core tests: synthetic use cases and a fixed planning date.
import { assign } from '../../src/core/plan/assign.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { PlannedUseCase } from '../../src/core/plan/plan-types.js';
import type { Needs, Policy, UseCase } from '../../src/core/policy/types.js';

/** Every test plans "as of" this date; the core never reads the clock. */
export const AS_OF = '2026-11-24';

/** A minimal use case; `data` and `needs` default to a classified, basic one. */
export function uc(over: Partial<UseCase> = {}): UseCase {
  return {
    id: 'uc',
    name: 'Use case',
    status: 'production',
    data: { classes: ['internal_docs'] },
    needs: { task: 'classification' },
    ...over,
  };
}

export function place(over: Partial<UseCase>, policy: Policy = DEFAULT_POLICY, asOf = AS_OF): PlannedUseCase {
  return assign(uc(over), policy, asOf);
}

/** One data class per sensitivity level that carries no regime (so only clearance decides). */
export const CLASS_FOR_LEVEL: Record<string, string> = {
  public: 'public',
  internal: 'internal_docs',
  confidential: 'customer_data',
  regulated: 'classified',
};

/** Needs that classify to exactly one capability level under the default rules. */
export const NEEDS_FOR_LEVEL: Record<string, Needs> = {
  basic: { task: 'classification', reasoning: 'low' },
  mid: { task: 'generation' },
  frontier: { reasoning: 'high' },
};

export const rules = (p: PlannedUseCase): string[] => p.rationale.map((r) => r.rule);

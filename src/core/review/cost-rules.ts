// The two costs a row adds to its cell, kept apart so the billed total still matches the export.
import type { Deployment } from '../policy/types.js';

/** What was billed: the row's own cost, else the deployment's list price, else nothing. */
export function billedOf(input: number, output: number, cost: number | null, d: Deployment | undefined): number {
  if (cost !== null) return cost;
  if (d?.price) return (input * d.price.input_per_1m + output * d.price.output_per_1m) / 1e6;
  return 0;
}

/**
 * A self-hosted deployment's fixed cost spread at its capacity rate: kept apart from what was
 * billed so the billed total still matches the export, and labelled as an allocation.
 */
export function allocatedOf(input: number, output: number, d: Deployment | undefined): number {
  if (!d?.fixed_cost) return 0;
  return ((input + output) * d.fixed_cost.monthly) / d.fixed_cost.capacity_tokens_per_month;
}

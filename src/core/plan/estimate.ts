import type { Estimate } from './plan-types.js';
import type { Deployment, Volume } from '../policy/types.js';

function monthlyTokens(v: Volume | undefined): { input: number; output: number } {
  const requests = v?.requests ?? 0;
  return {
    input: requests * (v?.input_tokens_per_request ?? 0),
    output: requests * (v?.output_tokens_per_request ?? 0),
  };
}

/**
 * Self-hosted deployments cost a fixed amount whatever the traffic; a use case is charged
 * its share of capacity (tokens / capacity × monthly), which is what a chargeback would use.
 */
export function estimate(v: Volume | undefined, d: Deployment | undefined): Estimate {
  const { input, output } = monthlyTokens(v);
  const tokens = input + output;
  let cost = 0;
  if (d?.price) cost = (input * d.price.input_per_1m + output * d.price.output_per_1m) / 1e6;
  else if (d?.fixed_cost) cost = (tokens / d.fixed_cost.capacity_tokens_per_month) * d.fixed_cost.monthly;
  return { tokens_per_month: tokens, cost_per_month: round2(cost) };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

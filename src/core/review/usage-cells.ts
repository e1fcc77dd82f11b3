// The accumulator's cells (use case × month × tier) and self-hosted deployment months, each
// created once and then found again when a new target or a merged snapshot names it. Looked up
// by nested maps of the row's own strings (their hashes are cached) rather than by a joined key
// string, which cost a new string and its hash per lookup.
import type { Deployment } from '../policy/types.js';
import type { DeploymentMonth, UsageCell } from './aggregate-types.js';
import { ExactSum } from './exact-sum.js';
import { NO_BUCKETS } from './latency-histogram.js';

/** A cell as it is filled: exact sums, a latency histogram and the deployments seen. */
export interface Cell extends Omit<UsageCell, 'p95_latency_ms' | 'deployments' | 'cost' | 'allocated_cost'> {
  cost: ExactSum;
  allocated: ExactSum;
  latency: Float64Array;
  latencyRest: Map<number, number>;
  deployments: Set<string>;
}

/** Every cell in the order it was first seen, and the index that finds it. */
export class CellIndex {
  readonly list: Cell[] = [];
  private readonly index = new Map<string, Map<string, Map<string, Cell>>>();

  has(use_case: string): boolean {
    return this.index.has(use_case);
  }

  get(use_case: string, month: string, tier: string): Cell {
    let byMonth = this.index.get(use_case);
    if (!byMonth) {
      byMonth = new Map();
      this.index.set(use_case, byMonth);
    }
    let byTier = byMonth.get(month);
    if (!byTier) {
      byTier = new Map();
      byMonth.set(month, byTier);
    }
    let c = byTier.get(tier);
    if (!c) {
      c = {
        use_case,
        month,
        tier,
        requests: 0,
        rows_without_requests: 0,
        input_tokens: 0,
        output_tokens: 0,
        cost: new ExactSum(),
        allocated: new ExactSum(),
        failures: 0,
        latency_samples: 0,
        latency: NO_BUCKETS,
        latencyRest: new Map(),
        deployments: new Set(),
      };
      byTier.set(tier, c);
      this.list.push(c);
    }
    return c;
  }
}

/** Every deployment month in the order it was first seen, and the index that finds it. */
export class DeploymentMonthIndex {
  readonly list: DeploymentMonth[] = [];
  private readonly index = new Map<string, Map<string, DeploymentMonth>>();

  get(deployment: string, month: string, tier: string, d: Deployment | undefined): DeploymentMonth {
    let byMonth = this.index.get(deployment);
    if (!byMonth) {
      byMonth = new Map();
      this.index.set(deployment, byMonth);
    }
    let m = byMonth.get(month);
    if (!m) {
      const capacity = d?.fixed_cost?.capacity_tokens_per_month ?? null;
      m = {
        deployment,
        tier,
        month,
        requests: 0,
        tokens: 0,
        capacity_tokens: capacity,
        utilisation: capacity === null ? null : 0,
        fixed_cost: d?.fixed_cost?.monthly ?? null,
      };
      byMonth.set(month, m);
      this.list.push(m);
    }
    return m;
  }
}

// Tokens over capacity, worked out when the totals are read rather than per row.
export const withUtilisation = (m: DeploymentMonth): DeploymentMonth => ({
  ...m,
  utilisation: m.capacity_tokens === null ? null : m.tokens / m.capacity_tokens,
});

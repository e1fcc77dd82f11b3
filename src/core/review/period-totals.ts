// The period's totals, and the cells and deployment-months as review.json holds them. Totals are
// exact sums of the unrounded cells (so the billed total is the export's to the cent however
// many cells there are); cells are rounded only afterwards, for the file.
import type { Policy } from '../policy/types.js';
import type { DeploymentMonth, UsageCell } from './aggregate-types.js';
import { ExactSum } from './exact-sum.js';
import type { ReviewTotals } from './review-types.js';

/** Amounts in review.json keep sub-cent precision (a FOCUS charge can be 0.0004) without float noise. */
export const roundAmount = (n: number): number => Math.round(n * 1e6) / 1e6;

export function periodTotals(cells: readonly UsageCell[]): ReviewTotals {
  const billed = new ExactSum();
  const allocated = new ExactSum();
  let requests = 0;
  let tokens = 0;
  for (const c of cells) {
    requests += c.requests;
    tokens += c.input_tokens + c.output_tokens;
    billed.add(c.cost);
    allocated.add(c.allocated_cost);
  }
  return {
    requests,
    tokens,
    billed_cost: roundAmount(billed.value()),
    allocated_cost: roundAmount(allocated.value()),
  };
}

export const roundedCell = (c: UsageCell): UsageCell => ({
  ...c,
  cost: roundAmount(c.cost),
  allocated_cost: roundAmount(c.allocated_cost),
});

/**
 * Every self-hosted deployment of the policy in every month of the period, those no row reached
 * at 0 %: an idle GPU is still paid for, and must show in the report.
 */
export function withIdleDeployments(
  seen: readonly DeploymentMonth[],
  policy: Policy,
  months: readonly string[],
): DeploymentMonth[] {
  const have = new Set(seen.map((d) => `${d.deployment}\u0000${d.month}`));
  const out = [...seen];
  for (const t of policy.tiers)
    for (const d of t.deployments) {
      if (!d.fixed_cost) continue;
      for (const month of months) {
        if (have.has(`${d.id}\u0000${month}`)) continue;
        out.push({
          deployment: d.id,
          tier: t.id,
          month,
          requests: 0,
          tokens: 0,
          capacity_tokens: d.fixed_cost.capacity_tokens_per_month,
          utilisation: 0,
          fixed_cost: d.fixed_cost.monthly,
        });
      }
    }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.deployment, b.deployment) || cmp(a.month, b.month));
}

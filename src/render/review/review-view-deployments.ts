import { formatTokens, formatUtilisation } from '../text/format.js';
import { formatAmount } from '../../core/review/money.js';
import type { Review } from '../../core/review/review-types.js';
import { cmp } from '../../core/review/aggregate.js';

// Self-hosted deployments as the review report shows them: per deployment and month, the tokens
// served against capacity, the fixed monthly cost, and the use cases that sent the traffic. The
// review lists every self-hosted deployment of the policy each month, idle ones at 0 %: a paid-for
// GPU nothing ran on is the first thing a capacity review wants to see.

interface DeploymentMonthView {
  month: string;
  tokens: string;
  capacity: string;
  /** Tokens / capacity, 0..(more than 1 when over capacity). */
  share: number;
  utilisation: string;
  fixed: string;
  useCases: string;
}

export interface DeploymentView {
  deployment: string;
  tier: string;
  cls: string;
  months: DeploymentMonthView[];
  /** The period's tokens over the period's capacity, formatted, and as a share (0..). */
  utilisation: string;
  share: number;
  /** `2026-07..2026-09`: the months the period figure covers. */
  period: string;
  /** The fixed monthly cost (`$28,000`), or each month's when they differ. */
  fixed: string;
  /** The use cases that ran on it in the period, sorted. */
  useCases: string[];
}

export function deploymentViews(review: Review, cls: (tier: string | null) => string): DeploymentView[] {
  // Which use cases sent traffic to a deployment in a month, from the usage cells.
  const users = new Map<string, Set<string>>();
  for (const c of review.usage)
    for (const d of c.deployments) {
      const key = `${d}\u0000${c.month}`;
      users.set(key, (users.get(key) ?? new Set()).add(c.use_case));
    }
  const byDeployment = new Map<string, DeploymentView & { tokens: number; capacity: number; ran: Set<string> }>();
  for (const d of review.deployments) {
    if (d.capacity_tokens === null || d.utilisation === null) continue; // priced: no capacity to fill
    let v = byDeployment.get(d.deployment);
    if (!v) {
      v = {
        deployment: d.deployment,
        tier: d.tier,
        cls: cls(d.tier),
        months: [],
        utilisation: '',
        share: 0,
        period: '',
        fixed: '',
        useCases: [],
        tokens: 0,
        capacity: 0,
        ran: new Set(),
      };
      byDeployment.set(d.deployment, v);
    }
    v.tokens += d.tokens;
    v.capacity += d.capacity_tokens;
    for (const u of users.get(`${d.deployment}\u0000${d.month}`) ?? []) v.ran.add(u);
    v.months.push({
      month: d.month,
      tokens: formatTokens(d.tokens),
      capacity: formatTokens(d.capacity_tokens),
      share: d.utilisation,
      utilisation: formatUtilisation(d.utilisation),
      fixed: d.fixed_cost === null ? '–' : formatAmount(d.fixed_cost, review.currency),
      useCases: [...(users.get(`${d.deployment}\u0000${d.month}`) ?? [])].sort(cmp).join(', ') || 'none',
    });
  }
  return [...byDeployment.values()]
    .sort((a, b) => cmp(a.deployment, b.deployment))
    .map(({ tokens, capacity, ran, ...v }) => {
      const months = [...v.months].sort((a, b) => cmp(a.month, b.month));
      return {
        ...v,
        months,
        utilisation: formatUtilisation(capacity > 0 ? tokens / capacity : 0),
        share: capacity > 0 ? tokens / capacity : 0,
        period: months.length ? `${months[0]!.month}..${months[months.length - 1]!.month}` : '',
        fixed: [...new Set(months.map((m) => m.fixed))].join(' / '),
        useCases: [...ran].sort(cmp),
      };
    });
}

/** Under the self-hosted utilisation table. */
export const DEPLOYMENTS_LEGEND =
  "Tokens served against each self-hosted deployment's capacity_tokens_per_month; the fixed cost is paid whatever the traffic, so an idle one shows at 0%.";

// What a firing says: the measure its figures are in, and its one-line summary.
import type { TriggerRule } from '../policy/types.js';
import type { TriggerFiring } from './review-types.js';
import { fmt, type Subject } from './trigger-context.js';
import { formatAmount } from './money.js';

export function metricOf(rule: TriggerRule): TriggerFiring['metric'] {
  switch (rule.kind) {
    case 'volume_below':
    case 'tokens_above':
      return 'tokens';
    case 'spend_above':
    case 'break_even':
      return 'cost';
    case 'no_traffic':
      return 'requests';
    case 'capacity_above':
    case 'capacity_below':
      return 'utilisation';
  }
}

export function summary(rule: TriggerRule, s: Subject, run: number, cur: string): string {
  const who = s.use_case?.id ?? s.deployment ?? '?';
  const span = `${run} consecutive month${run === 1 ? '' : 's'} (needs ${rule.months})`;
  const threshold = s.figures[0]?.threshold ?? 0;
  switch (rule.kind) {
    case 'volume_below':
      return `${who}: fewer than ${fmt(threshold)} tokens/month on ${s.tier} for ${span}`;
    case 'tokens_above':
      return `${who}: more than ${fmt(threshold)} tokens/month on ${s.tier} for ${span}`;
    case 'spend_above':
      return `${who}: more than ${formatAmount(threshold, cur)}/month spent on ${s.tier} for ${span}`;
    case 'no_traffic':
      return `${who}: no traffic for ${span}${s.note ? ` (${s.note})` : ''}`;
    case 'capacity_above':
      return `${who}: above ${fmt(threshold * 100)} % of capacity for ${span}`;
    case 'capacity_below': {
      const ran = s.use_cases ?? [];
      const on = ran.length === 0 ? 'no use case ran on it' : `use cases on it: ${ran.join(', ')}`;
      return `${who}: below ${fmt(threshold * 100)} % of capacity for ${span}; ${on}`;
    }
    case 'break_even':
      return `${who}: spend on ${s.tier} above the ${formatAmount(threshold, cur)}/month of ${s.deployment} (past its break-even) for ${span}`;
  }
}

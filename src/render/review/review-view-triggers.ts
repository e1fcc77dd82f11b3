import { formatInt, formatMoney, formatTokens, formatUtilisation } from '../text/format.js';
import type { Proposal, TriggerFiring } from '../../core/review/review-types.js';

// The triggers that fired, with each month's figure against its threshold in the rule's own
// measure, and the inventory changes the review proposes.

export interface FiringView {
  trigger: string;
  kind: string;
  subject: string;
  tier: string;
  cls: string;
  metric: string;
  months: string;
  run: string;
  summary: string;
  /** Why the figures are not on the rule's own measure (e.g. a FOCUS export counts no requests), or ''. */
  note: string;
  /** Deployment triggers: the use cases on it, or ''. */
  useCases: string;
  move: string;
  figures: { month: string; value: number; threshold: number; label: string }[];
}
export interface ProposalView {
  useCase: string;
  action: string;
  path: string;
  from: string;
  to: string;
  reason: string;
}

export function firingView(t: TriggerFiring, cls: (t: string | null) => string, currency: string): FiringView {
  const fmt = (n: number): string =>
    t.metric === 'cost'
      ? `${currency} ${formatMoney(n)}`
      : t.metric === 'utilisation'
        ? formatUtilisation(n)
        : t.metric === 'requests'
          ? formatInt(n)
          : formatTokens(n);
  const move = `${t.move.action}${t.move.tier === null ? '' : ` → ${t.move.tier}`}: ${t.move.note}`;
  return {
    trigger: t.trigger,
    kind: t.kind,
    subject: t.use_case ?? t.deployment ?? '',
    tier: t.tier ?? '',
    cls: cls(t.tier),
    metric: t.metric,
    months: t.months.join(', '),
    run: `${t.consecutive}/${t.required}`,
    summary: t.summary,
    note: t.note ?? '',
    useCases: t.deployment !== null && t.use_case === null ? t.use_cases.join(', ') : '',
    move,
    figures: t.figures.map((f) => ({ ...f, label: `${f.month}: ${fmt(f.value)} (threshold ${fmt(f.threshold)})` })),
  };
}

/** JSON of a proposal's `from`/`to`, short: these are inventory values (a status, an override). */
const valueText = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

export const proposalView = (p: Proposal): ProposalView => ({
  useCase: p.use_case,
  action: p.action,
  path: p.change.path.join('.'),
  from: valueText(p.change.from),
  to: valueText(p.change.to),
  reason: p.reason,
});

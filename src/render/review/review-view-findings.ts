import { formatInt, formatTokens } from '../text/format.js';
import { formatAmount } from '../../core/review/money.js';
import { isBreach } from '../../core/review/unregistered.js';
import type { Review, ReviewFinding } from '../../core/review/review-types.js';

// The review's findings as the report's sections: breaches, aliases nobody registered, retired
// use cases with traffic, everything else under "Other findings", and the rejected rows.

/** Findings with a section of their own; the rest go under "Other findings". */
const OWN_SECTION: ReadonlySet<string> = new Set([
  'breach',
  'unverified-deployment',
  'unregistered-breach',
  'unregistered',
  'retired-traffic',
  'unreadable',
  'unattributed',
]);

export interface FindingView {
  kind: string;
  severity: string;
  subject: string;
  tier: string;
  cls: string;
  months: string;
  traffic: string;
  message: string;
}
export interface RejectedView {
  kind: string;
  file: string;
  line: number;
  reason: string;
}

function findingView(f: ReviewFinding, cls: (t: string | null) => string, currency: string): FindingView {
  const traffic =
    f.requests > 0 || f.tokens > 0
      ? `${formatInt(f.requests)} req · ${formatTokens(f.tokens)} tok · billed ${formatAmount(f.cost, currency)}`
      : '';
  return {
    kind: f.kind,
    severity: f.severity,
    subject: f.use_case ?? '',
    tier: f.tier ?? '',
    cls: cls(f.tier),
    months: f.months.join(', '),
    traffic,
    message: f.message,
  };
}

export function findingSections(
  review: Review,
  cls: (t: string | null) => string,
): { breaches: FindingView[]; unregistered: FindingView[]; retired: FindingView[]; otherFindings: FindingView[] } {
  const findings = review.findings.map((f) => findingView(f, cls, review.currency));
  return {
    breaches: findings.filter(isBreach),
    // Every alias the inventory lacks, those judged a breach included: the meeting registers them all.
    unregistered: findings.filter((f) => f.kind === 'unregistered' || f.kind === 'unregistered-breach'),
    retired: findings.filter((f) => f.kind === 'retired-traffic'),
    otherFindings: findings.filter((f) => !OWN_SECTION.has(f.kind) && !isBreach(f)),
  };
}

/** The rows that could not be read, or attributed to no use case at all, as the findings list them. */
export const rejectedRows = (review: Review): RejectedView[] =>
  review.findings
    .filter((f) => f.kind === 'unreadable' || (f.kind === 'unattributed' && f.use_case === null))
    .flatMap((f) => f.first_rows.map((r) => ({ kind: f.kind, file: r.file, line: r.line, reason: r.reason })));

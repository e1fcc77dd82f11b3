// An alias the inventory does not know is a use case nobody classified: its data is taken to be
// at the policy's fail-closed level (invariant 6), so traffic on a tier not cleared for that level
// is a breach of its own kind, not a note to register it some day.
import { clearTier, describeFailure } from '../plan/clearance.js';
import type { Policy } from '../policy/types.js';
import type { ReviewFindingKind, Severity } from './review-types.js';

/** The finding kinds that count as breaches: the headline, and `--fail-on breach`. */
export const BREACH_KINDS: ReadonlySet<string> = new Set(['breach', 'unverified-deployment', 'unregistered-breach']);

/** A breach, or traffic folded into the overflow on a tier not cleared for fail-closed data (it may hold one). */
export const isBreach = (f: { kind: string; severity: string }): boolean =>
  BREACH_KINDS.has(f.kind) || (f.kind === 'too-many-identities' && f.severity === 'error');

export interface UnregisteredVerdict {
  kind: ReviewFindingKind;
  severity: Severity;
  /** Why the tier is not cleared for fail-closed data, or null when it is. */
  why: string | null;
}

/** Judges traffic of an unknown alias on `tierId` as if its data were at the fail-closed level. */
export function judgeUnregistered(tierId: string, policy: Policy): UnregisteredVerdict {
  const tier = policy.tiers.find((t) => t.id === tierId);
  const level = policy.sensitivity.fail_closed;
  const failures = tier
    ? clearTier(tier, { sensitivity: level, regimes: [], residency: [], regimeBacked: false }, policy).failures
    : [];
  // A tier the policy does not have cannot be shown cleared either.
  const why = !tier
    ? `${tierId} is no tier of the policy`
    : failures.length > 0
      ? failures.map(describeFailure).join('; ')
      : null;
  return why === null
    ? { kind: 'unregistered', severity: 'warning', why }
    : { kind: 'unregistered-breach', severity: 'error', why };
}

/** The sentence that says how an unknown alias was judged. */
export function failClosedNote(policy: Policy, why: string): string {
  return `not in the inventory, so judged as ${policy.sensitivity.fail_closed} data (fail closed), and that tier is not cleared for it: ${why}; register the use case or stop the traffic`;
}

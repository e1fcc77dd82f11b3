// The order findings are listed in: most severe first, then by kind, breaches leading.
import type { ReviewFindingKind, Severity } from './review-types.js';

export const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const KIND: ReviewFindingKind[] = [
  'breach',
  'unverified-deployment',
  'label-mismatch',
  'use-case-mismatch',
  'unregistered-breach',
  'too-many-identities',
  'unregistered',
  'retired-traffic',
  'drift',
  'idle-production',
  'override-expired',
  'override-expiring',
  'unreadable',
  'unattributed',
];

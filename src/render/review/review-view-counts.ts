import { formatInt } from '../text/format.js';
import type { ReviewCounts } from '../../core/review/review-types.js';
import type { FindingView } from './review-view-findings.js';

// The report's headline and row counts: who breached, the rows that could not be attributed or
// placed, and how every row read is accounted for.

const NAMED_IN_HEADLINE = 5;

export interface RowCounts {
  read: number;
  aggregated: number;
  unattributed: number;
  /** Rows of a use case on a deployment that could not be identified. */
  unplaced: number;
  unreadable: number;
  /** read = aggregated + unattributed + unplaced + unreadable; anything else is reported, never hidden. */
  adds: boolean;
  outsidePeriodCells: number;
  /** Of the cells outside the period, those of the previous period (used for the split only). */
  previousPeriodCells: number;
}

export const rowCounts = (c: ReviewCounts): RowCounts => ({
  read: c.read,
  aggregated: c.aggregated,
  unattributed: c.unattributed,
  unplaced: c.unplaced,
  unreadable: c.unreadable,
  adds: c.read === c.aggregated + c.unattributed + c.unplaced + c.unreadable,
  outsidePeriodCells: c.outside_period_cells,
  previousPeriodCells: c.previous_period_cells,
});

/** `2 breaches (claims-triage, clinical-notes-coding)`: the headline names who breached. */
export function breachCount(breaches: FindingView[]): string {
  const n = breaches.length;
  if (n === 0) return '0 breaches';
  const names = [...new Set(breaches.map((b) => b.subject))];
  const shown = names.slice(0, NAMED_IN_HEADLINE).join(', ') + (names.length > NAMED_IN_HEADLINE ? ', …' : '');
  return `${n} ${n === 1 ? 'breach' : 'breaches'} (${shown})`;
}

/** The headline's second line: every row that could not be attributed or placed, counted. */
export function notPlacedSentence(unattributed: number, unplaced: number): string {
  const rows = (n: number): string => `${formatInt(n)} ${n === 1 ? 'row' : 'rows'}`;
  return (
    `${rows(unattributed)} could not be attributed to a use case; ` +
    `${rows(unplaced)} of use cases ran on a deployment that could not be identified (judged as the most open tier).`
  );
}

/** `read 25 = 20 aggregated + 2 unattributed + 3 unreadable`, or says by how much it does not add up. */
export function countsSentence(c: RowCounts): string {
  const parts = `${formatInt(c.aggregated)} attributed + ${formatInt(c.unattributed)} unattributed + ${formatInt(c.unplaced)} on an unidentified deployment + ${formatInt(c.unreadable)} unreadable`;
  const sum = c.aggregated + c.unattributed + c.unplaced + c.unreadable;
  return c.adds
    ? `${formatInt(c.read)} rows read = ${parts}.`
    : `${formatInt(c.read)} rows read, but ${parts} = ${formatInt(sum)}: ${formatInt(Math.abs(c.read - sum))} rows unaccounted for.`;
}

/** `3 attributed cells outside the period ignored (2 of them last period, used for the split only).` */
export function outsideSentence(c: RowCounts): string {
  if (c.outsidePeriodCells === 0) return '';
  const cells = `${formatInt(c.outsidePeriodCells)} attributed ${c.outsidePeriodCells === 1 ? 'cell' : 'cells'} outside the period ignored`;
  return c.previousPeriodCells > 0
    ? `${cells} (${formatInt(c.previousPeriodCells)} of them last period, used for the split only).`
    : `${cells}.`;
}

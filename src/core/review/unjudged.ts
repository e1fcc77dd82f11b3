// Volume triggers count the traffic whose tier is known. Over a use case with rows on a deployment
// nobody could identify they cannot be judged (the low volume may be the part that was placed):
// the firing says why, and proposes nothing to move — no proposal without evidence.
import type { EvidenceGroup } from './evidence.js';
import type { TriggerFiring } from './review-types.js';

const VOLUME_KINDS: ReadonlySet<TriggerFiring['kind']> = new Set([
  'volume_below',
  'tokens_above',
  'spend_above',
  'break_even',
]);

/** Rows on an unidentified deployment per use case, in the period's evidence. */
export function unplacedRows(evidence: EvidenceGroup[]): Map<string, number> {
  const rows = new Map<string, number>();
  for (const e of evidence)
    if (e.kind === 'unknown')
      rows.set(e.use_case, (rows.get(e.use_case) ?? 0) + e.months.reduce((s, m) => s + m.rows, 0));
  return rows;
}

/** The firings, with those that cannot be judged saying why and their move reduced to an evaluation. */
export function markUnjudged(firings: TriggerFiring[], unplaced: Map<string, number>): TriggerFiring[] {
  return firings.map((f) => {
    const rows = f.use_case === null ? undefined : unplaced.get(f.use_case);
    if (rows === undefined || !VOLUME_KINDS.has(f.kind)) return f;
    const why = `cannot be judged: ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} of ${f.use_case} ran on a deployment that could not be identified, so its volume is not known`;
    return {
      ...f,
      summary: `${f.summary}; ${why}`,
      move: { action: 'evaluate', tier: null, note: `place its traffic first: ${why}` },
    };
  });
}

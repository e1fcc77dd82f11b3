// The diff `gateway --check` prints for one drifted file, in time linear in the file. A Myers
// diff costs (lines × edit distance): after a large inventory change the generated LiteLLM
// config differs from the one on disk in tens of thousands of lines, and the unbounded diff ran
// for minutes. So: the common first and last lines are cut off before diffing, the edit distance
// searched is bounded by a work budget (no clock: the same files always print the same), and at
// most MAX_SHOWN_CHANGES changed lines are printed per file. Which files drift is decided before,
// by comparing texts; this only decides how much of the difference is shown.
import { formatPatch, structuredPatch, type StructuredPatchHunk } from 'diff';

const CONTEXT = 3;
/** Changed lines printed per file; the rest is counted. */
export const MAX_SHOWN_CHANGES = 200;
/** Line comparisons one file's diff may cost, about (lines compared × edit distance). */
const WORK_BUDGET = 10_000_000;
const MIN_EDIT = 50;
const MAX_EDIT = 5_000;

/** Lines with their terminators, so the joined pieces give the text back exactly. */
const lines = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));

/** A unified diff of `have` (on disk) against `want` (generated), bounded as above. */
export function driftDiff(shown: string, have: string, want: string, rerun: string): string {
  const a = lines(have);
  const b = lines(want);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - CONTEXT);
  const oldPart = a.slice(from, Math.min(a.length, endA + CONTEXT)).join('');
  const newPart = b.slice(from, Math.min(b.length, endB + CONTEXT)).join('');
  const size = endA - start + (endB - start);
  const maxEditLength = Math.min(MAX_EDIT, Math.max(MIN_EDIT, Math.floor(WORK_BUDGET / Math.max(1, size))));
  const oldName = `${shown} (on disk)`;
  const newName = `${shown} (generated)`;
  const patch = structuredPatch(oldName, newName, oldPart, newPart, undefined, undefined, {
    context: CONTEXT,
    maxEditLength,
  });
  if (patch === undefined) {
    const range = (s: number, e: number): string => (e > s ? `lines ${s + 1}–${e}` : 'no lines');
    return (
      `${formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks: [] })}` +
      `… ${range(start, endA)} on disk differ from ${range(start, endB)} generated: more than ${maxEditLength} lines changed, too many to diff here; run \`${rerun}\` to see them\n`
    );
  }
  for (const h of patch.hunks) {
    h.oldStart += from;
    h.newStart += from;
  }
  const { hunks, hidden } = capHunks(patch.hunks, MAX_SHOWN_CHANGES);
  const text = formatPatch({ ...patch, hunks });
  return hidden === 0
    ? text
    : `${text}… ${hidden} more changed line${hidden === 1 ? '' : 's'} in ${shown}; run \`${rerun}\` to see them\n`;
}

const isChange = (l: string): boolean => l.startsWith('+') || l.startsWith('-');

/** The hunks up to `max` changed lines (the last one cut there), and how many changed lines were left out. */
function capHunks(all: StructuredPatchHunk[], max: number): { hunks: StructuredPatchHunk[]; hidden: number } {
  const hunks: StructuredPatchHunk[] = [];
  let shown = 0;
  let hidden = 0;
  for (const h of all) {
    const changes = h.lines.filter(isChange).length;
    if (shown >= max) {
      hidden += changes;
      continue;
    }
    if (shown + changes <= max) {
      hunks.push(h);
      shown += changes;
      continue;
    }
    // Cut inside the hunk after the last change that fits; its counts follow the kept lines.
    const kept: string[] = [];
    for (const l of h.lines) {
      if (isChange(l)) {
        if (shown === max) break;
        shown++;
      }
      kept.push(l);
    }
    hidden += changes - kept.filter(isChange).length;
    const count = (c: string): number => kept.filter((l) => l.startsWith(' ') || l.startsWith(c)).length;
    hunks.push({ ...h, lines: kept, oldLines: count('-'), newLines: count('+') });
  }
  return { hunks, hidden };
}

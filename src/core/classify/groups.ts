// Pending suggestions grouped so an architect decides once per group: by owner, or by what is
// suggested (the same classes and task). Deterministic: groups by size, then key; members by id.
import type { UseCase } from '../policy/types.js';
import { hasPendingSuggestion } from './decide.js';

export type GroupBy = 'owner' | 'suggestion';

export interface SuggestionGroup {
  /** The owner, or the suggestion as `phi, pii · task extraction`. */
  key: string;
  use_cases: string[];
  /** Each distinct reason given, with how many use cases give it. */
  because: { text: string; count: number }[];
  /** Each suggested class, with how many use cases it is suggested for. */
  classes: { name: string; count: number }[];
}

export function suggestionKey(uc: UseCase): string {
  const s = uc.suggested;
  const classes = [...(s?.data_classes ?? [])].sort().join(', ') || 'no class';
  return s?.task === undefined ? classes : `${classes} · task ${s.task}`;
}

export function groupSuggestions(useCases: readonly UseCase[], by: GroupBy): SuggestionGroup[] {
  const groups = new Map<string, UseCase[]>();
  for (const uc of useCases) {
    if (!hasPendingSuggestion(uc)) continue;
    const key = by === 'owner' ? (uc.owner ?? '(no owner)') : suggestionKey(uc);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [uc]);
    else list.push(uc);
  }
  return [...groups]
    .map(([key, members]) => ({
      key,
      use_cases: members.map((u) => u.id).sort(),
      because: counted(members.flatMap((u) => u.suggested?.because ?? [])).map(([text, count]) => ({ text, count })),
      classes: counted(members.flatMap((u) => u.suggested?.data_classes ?? [])).map(([name, count]) => ({
        name,
        count,
      })),
    }))
    .sort((a, b) => b.use_cases.length - a.use_cases.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function counted(xs: readonly string[]): [string, number][] {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

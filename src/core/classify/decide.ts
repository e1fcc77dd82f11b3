// Accepting or dismissing the pending suggestions of many use cases: the same changes the
// interactive questions make when an architect confirms a suggestion as it stands.
import type { Change } from '../interactive/answers.js';
import type { Policy, UseCase } from '../policy/types.js';

/** A suggestion still awaiting a decision: it has classes or a task and was not dismissed. */
export function hasPendingSuggestion(uc: UseCase): boolean {
  const s = uc.suggested;
  return s !== undefined && s.dismissed === undefined && ((s.data_classes ?? []).length > 0 || s.task !== undefined);
}

/**
 * Accepting: suggested classes join `data.classes` (declared ones kept), a suggested task fills
 * `needs.task` only when none is written (a fact is never replaced by a guess), and `suggested` goes.
 */
export function acceptChanges(uc: UseCase): Change[] {
  const s = uc.suggested;
  if (s === undefined) return [];
  const changes: Change[] = [];
  const declared = uc.data?.classes ?? [];
  const added = (s.data_classes ?? []).filter((c) => !declared.includes(c));
  if (added.length > 0 || uc.data?.classes === undefined)
    changes.push({ path: ['data', 'classes'], value: [...declared, ...added] });
  if (s.task !== undefined && uc.needs?.task === undefined) changes.push({ path: ['needs', 'task'], value: s.task });
  changes.push({ path: ['suggested'] });
  return changes;
}

/** Dismissing keeps the suggestion as the record of the decision, with why. */
export function dismissChanges(uc: UseCase, why: string): Change[] {
  if (uc.suggested === undefined) return [];
  return [{ path: ['suggested', 'dismissed'], value: why }];
}

/** Suggested classes the policy does not define, sorted: accepting them would make the inventory invalid. */
export function unknownSuggestedClasses(useCases: readonly UseCase[], policy: Policy): string[] {
  const known = policy.sensitivity.data_classes;
  return [...new Set(useCases.flatMap((u) => u.suggested?.data_classes ?? []))].filter((c) => !(c in known)).sort();
}

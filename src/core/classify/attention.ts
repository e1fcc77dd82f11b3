// The use cases `plan` would ask about on a terminal, grouped so an architect decides once per
// group: by owner, by what is suggested, or by the answers needed (the same questions left open
// and the same suggestion). Deterministic: groups by size, then key; members in inventory order.
import { applyChanges, changesFor, type Answers, type Change } from '../interactive/answers.js';
import { needsAttention, questionPlan, type QuestionPlan } from '../interactive/questions.js';
import type { UseCase } from '../policy/types.js';
import { hasPendingSuggestion } from './decide.js';
import { counted, suggestionKey } from './groups.js';

export type SessionGroupBy = 'owner' | 'suggestion' | 'answers';

export interface Counted {
  text: string;
  count: number;
}

export interface AttentionGroup {
  key: string;
  /** Every member, in inventory order. */
  use_cases: UseCase[];
  /** Suggested classes, tasks and reasons of the members with a pending suggestion, each counted. */
  classes: Counted[];
  tasks: Counted[];
  because: Counted[];
}

/** What is still open about a use case, in words: `lacks data and needs`, `to confirm`. */
function openKey(plan: QuestionPlan): string {
  const lacks = [...(plan.data === 'all' ? ['data'] : []), ...(plan.needs === 'all' ? ['needs'] : [])];
  return lacks.length > 0 ? `lacks ${lacks.join(' and ')}` : 'to confirm';
}

function keyOf(uc: UseCase, by: SessionGroupBy): string {
  if (by === 'owner') return uc.owner ?? '(no owner)';
  const suggestion = hasPendingSuggestion(uc) ? suggestionKey(uc) : 'no suggestion';
  return by === 'suggestion' ? suggestion : `${openKey(questionPlan(uc))} · ${suggestion}`;
}

const asCounted = (xs: readonly string[]): Counted[] => counted(xs).map(([text, count]) => ({ text, count }));

export function attentionGroups(useCases: readonly UseCase[], by: SessionGroupBy): AttentionGroup[] {
  const groups = new Map<string, UseCase[]>();
  for (const uc of useCases) {
    if (!needsAttention(uc)) continue;
    const key = keyOf(uc, by);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [uc]);
    else list.push(uc);
  }
  return [...groups]
    .map(([key, members]) => {
      const open = members.filter(hasPendingSuggestion).map((u) => u.suggested!);
      return {
        key,
        use_cases: members,
        classes: asCounted(open.flatMap((s) => s.data_classes ?? [])),
        tasks: asCounted(open.flatMap((s) => (s.task === undefined ? [] : [s.task]))),
        because: asCounted(open.flatMap((s) => s.because ?? [])),
      };
    })
    .sort((a, b) => b.use_cases.length - a.use_cases.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The questions to ask once for a whole group: every question any member leaves open; never the volume, which differs per use case. */
export function sharedQuestionPlan(members: readonly UseCase[]): QuestionPlan {
  const plans = members.map(questionPlan);
  const widest = <T extends string>(order: readonly T[], xs: readonly T[]): T =>
    order.find((o) => xs.includes(o)) ?? order[order.length - 1]!;
  return {
    data: widest(
      ['all', 'classes', 'none'] as const,
      plans.map((p) => p.data),
    ),
    needs: widest(
      ['all', 'task', 'none'] as const,
      plans.map((p) => p.needs),
    ),
    volume: false,
  };
}

/**
 * The changes one set of answers makes to one member: only what that member leaves open is
 * written. Where its data is known and only a suggestion is open, the answered classes join the
 * declared ones (a fact is never replaced by a group's answer); likewise a written task stays.
 */
export function sharedChanges(uc: UseCase, shared: Answers): Change[] {
  const plan = questionPlan(uc);
  const answers: Answers = {};
  if (plan.data === 'all' && shared.data) answers.data = shared.data;
  if (plan.data === 'classes' && shared.data) {
    const declared = uc.data?.classes ?? [];
    answers.data = { classes: [...declared, ...shared.data.classes.filter((c) => !declared.includes(c))] };
  }
  if (plan.needs === 'all' && shared.needs) answers.needs = shared.needs;
  if (plan.needs === 'task' && shared.needs) answers.needs = { task: uc.needs?.task ?? shared.needs.task };
  return changesFor(uc, answers);
}

/** The members as they would be with `shared` written into each. */
export const withShared = (members: readonly UseCase[], shared: Answers): UseCase[] =>
  members.map((u) => applyChanges(u, sharedChanges(u, shared)));

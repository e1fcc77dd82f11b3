// "Answer once for all": the questions any member of a group leaves open, asked once, the answers
// written into every member (only what each leaves open), after showing how many would land where.
import { select } from '@inquirer/prompts';
import { sharedChanges, sharedQuestionPlan, withShared } from '../../core/classify/attention.js';
import { hasPendingSuggestion } from '../../core/classify/decide.js';
import { suggestionKey } from '../../core/classify/groups.js';
import { placementOf } from '../../core/classify/effect.js';
import { initialAnswers, type Answers, type Change } from '../../core/interactive/answers.js';
import type { UseCase } from '../../core/policy/types.js';
import { describePlacement } from '../../render/classify/group-card.js';
import { askAnswers } from './ask.js';
import type { GroupSession } from './group-session.js';

/** The changes to save for every member, or undefined to go back to the group's choices. */
export async function answerOnceForAll(
  s: GroupSession,
  members: readonly UseCase[],
): Promise<Map<string, Change[]> | undefined> {
  const io = { signal: s.guard.signal };
  const plan = sharedQuestionPlan(members);
  // When every member carries the same suggestion, it is pre-selected as for one use case.
  const first = members[0]!;
  const same = members.every(hasPendingSuggestion) && members.every((u) => suggestionKey(u) === suggestionKey(first));
  const asked: UseCase = { id: first.id, name: first.name, ...(same ? { suggested: first.suggested } : {}) };
  let answers: Answers = same ? initialAnswers(asked) : {};
  const n = members.length;
  s.ctx.out(`\nThe answers will be written into all ${n} use cases (only what each leaves open).\n`);
  for (;;) {
    answers = await askAnswers(asked, s.inputs.policy, plan, answers, io);
    const placed = placementOf(withShared(members, answers), s.inputs.policy, {
      asOf: s.inputs.asOf,
      generator: s.generator,
    });
    s.ctx.out(`\nWith these answers the ${n} use cases land: ${describePlacement(placed)}\n`);
    const decision = await select<'save' | 'change' | 'back'>(
      {
        message: `Write these answers into all ${n} use cases?`,
        choices: [
          { value: 'save', name: `save: write them into all ${n}` },
          { value: 'change', name: 'change answers' },
          { value: 'back', name: 'back to the group: nothing is written' },
        ],
        loop: false,
      },
      io,
    );
    if (decision === 'change') continue;
    if (decision === 'back') return undefined;
    return new Map(members.map((u) => [u.id, sharedChanges(u, answers)]));
  }
}

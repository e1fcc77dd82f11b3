// The questions about one use case, its placement with the answers, and save / change / skip / stop.
import { select } from '@inquirer/prompts';
import { applyChanges, changesFor, initialAnswers, type Answers } from '../../core/interactive/answers.js';
import { previewPlacement } from '../../core/interactive/preview.js';
import { questionPlan } from '../../core/interactive/questions.js';
import type { UseCase } from '../../core/policy/types.js';
import { saveUseCase } from '../../io/edit/write-back.js';
import { sanitizeTerminal as clean } from '../../render/text/terminal-style.js';
import type { CliContext } from '../context.js';
import type { Inputs } from '../inputs.js';
import { askAnswers } from './ask.js';
import type { SigintGuard } from './sigint-guard.js';

type Decision = 'save' | 'change' | 'skip' | 'stop';

/** One use case to ask about, the file its answers are saved to, and the session's generator and Ctrl-C guard. */
interface Asking {
  uc: UseCase;
  file: string;
  generator: string;
  guard: SigintGuard;
}

export async function oneUseCase(
  ctx: CliContext,
  inputs: Inputs,
  { uc, file, generator, guard }: Asking,
): Promise<Exclude<Decision, 'change'>> {
  const io = { signal: guard.signal };
  const plan = questionPlan(uc);
  let answers: Answers = initialAnswers(uc);
  for (;;) {
    answers = await askAnswers(uc, inputs.policy, plan, answers, io);
    const changes = changesFor(uc, answers);
    const updated = applyChanges(uc, changes);
    const { plan: single, placed } = previewPlacement(updated, inputs.policy, { asOf: inputs.asOf, generator });
    const { renderExplain } = await import('../../render/matrix/explain.js');
    ctx.out(`\nWith these answers:\n\n${renderExplain(placed, single, { color: ctx.color })}\n`);
    const decision = await select<Decision>(
      {
        message: `Save these answers for ${uc.id}?`,
        choices: [
          { value: 'save', name: `save: write them into ${clean(file)}` },
          { value: 'change', name: 'change answers' },
          { value: 'skip', name: 'skip this use case: nothing is written, it is asked again next time' },
          { value: 'stop', name: 'stop asking and show the plan' },
        ],
        loop: false,
      },
      io,
    );
    if (decision === 'change') continue;
    if (decision === 'save') await guard.whileSaving(() => saveUseCase(file, uc.id, changes));
    return decision;
  }
}

export function describeSuggestion(uc: UseCase): string {
  const s = uc.suggested!;
  const parts = [
    ...(s.data_classes ? [`data ${s.data_classes.join(', ')}`] : []),
    ...(s.task ? [`task ${s.task}`] : []),
  ];
  const because = s.because && s.because.length > 0 ? ` (because ${s.because.join('; ')})` : '';
  return parts.length > 0
    ? `The import suggested ${clean(parts.join(' and '))}${clean(because)}: pre-selected below, to confirm or correct.\n`
    : '';
}

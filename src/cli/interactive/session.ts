// `tierplan plan` on a terminal: before the plan, each use case that lacks what classification
// needs is put to the architect, its placement shown, and the answers saved into its file at
// once, so an interruption later loses nothing already saved.
import { select } from '@inquirer/prompts';
import { applyChanges, changesFor, initialAnswers, type Answers } from '../../core/interactive/answers.js';
import { previewPlacement } from '../../core/interactive/preview.js';
import { needsAttention, questionPlan } from '../../core/interactive/questions.js';
import type { UseCase } from '../../core/policy/types.js';
import { saveUseCase, sourceFileOf } from '../../io/edit/write-back.js';
import { sanitizeTerminal as clean } from '../../render/text/terminal-style.js';
import type { CliContext } from '../context.js';
import type { Inputs } from '../inputs.js';
import { askAnswers } from './ask.js';

export interface SessionResult {
  saved: string[];
  skipped: string[];
  /** Use cases not reached because the architect stopped or pressed Ctrl-C. */
  left: string[];
  outcome: 'done' | 'stopped' | 'interrupted';
  files: string[];
}

type Decision = 'save' | 'change' | 'skip' | 'stop';

/**
 * Ctrl-C at a prompt (@inquirer's ExitPromptError), or SIGINT from elsewhere cancelling the prompt
 * on screen (AbortPromptError): the run ends without the plan.
 */
const isPromptExit = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');

class Interrupted extends Error {
  override name = 'ExitPromptError';
}

/**
 * While a prompt is on screen the terminal is in raw mode and Ctrl-C is a key press; otherwise
 * it arrives as SIGINT. A signal cancels the prompt on screen, or, while a use case is being
 * saved, waits for the save to finish (the file is replaced whole or not at all) and stops after.
 */
class SigintGuard {
  private readonly controller = new AbortController();
  private pending = false;
  private saving = false;
  private readonly onSigint = (): void => {
    if (this.saving) this.pending = true;
    else this.controller.abort();
  };

  constructor() {
    process.on('SIGINT', this.onSigint);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws when a signal came in since the last check. */
  check(): void {
    if (this.pending || this.controller.signal.aborted) throw new Interrupted('interrupted');
  }

  async whileSaving<T>(run: () => Promise<T>): Promise<T> {
    this.saving = true;
    try {
      return await run();
    } finally {
      this.saving = false;
    }
  }

  release(): void {
    process.off('SIGINT', this.onSigint);
  }
}

export async function classifyInteractively(
  ctx: CliContext,
  inputs: Inputs,
  generator: string,
): Promise<SessionResult> {
  const queue = inputs.inventory.use_cases.map((uc, index) => ({ uc, index })).filter(({ uc }) => needsAttention(uc));
  const result: SessionResult = { saved: [], skipped: [], left: [], outcome: 'done', files: [] };
  if (queue.length === 0) return result;
  ctx.out(
    `${queue.length} use case${queue.length === 1 ? ' lacks' : 's lack'} what placing ${queue.length === 1 ? 'it' : 'them'} needs, or carr${queue.length === 1 ? 'ies' : 'y'} suggestions to confirm.\n`,
  );
  ctx.out('Answer for each, or skip it; answers are saved into the inventory as you go. Ctrl-C stops at any time.\n');
  const guard = new SigintGuard();
  try {
    for (const [n, { uc, index }] of queue.entries()) {
      guard.check();
      const file = sourceFileOf(inputs.loaded, index);
      ctx.out(`\n[${n + 1}/${queue.length}] ${uc.id}: ${clean(uc.name)}  (${clean(file)})\n`);
      if (uc.description) ctx.out(`${clean(uc.description.trim())}\n`);
      if (uc.suggested) ctx.out(describeSuggestion(uc));
      const decision = await oneUseCase(ctx, inputs, { uc, file, generator, guard });
      if (decision === 'save') {
        result.saved.push(uc.id);
        if (!result.files.includes(file)) result.files.push(file);
        ctx.out(`saved ${uc.id} to ${clean(file)}\n`);
      } else if (decision === 'skip') result.skipped.push(uc.id);
      else {
        result.outcome = 'stopped';
        result.left = queue.slice(n).map((q) => q.uc.id);
        break;
      }
    }
    // A signal during the last save.
    if (result.outcome === 'done') guard.check();
  } catch (e) {
    if (!isPromptExit(e)) throw e;
    result.outcome = 'interrupted';
    const done = new Set([...result.saved, ...result.skipped]);
    result.left = queue.map((q) => q.uc.id).filter((id) => !done.has(id));
  } finally {
    guard.release();
  }
  return result;
}

/** One use case to ask about, the file its answers are saved to, and the session's generator and Ctrl-C guard. */
interface Asking {
  uc: UseCase;
  file: string;
  generator: string;
  guard: SigintGuard;
}

async function oneUseCase(
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

function describeSuggestion(uc: UseCase): string {
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

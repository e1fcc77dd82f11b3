// `tierplan plan` on a terminal: before the plan, each use case that lacks what classification
// needs is put to the architect, its placement shown, and the answers saved into its file at
// once, so an interruption later loses nothing already saved.
import { select } from '@inquirer/prompts';
import { applyChanges, changesFor, initialAnswers, type Answers } from '../../core/interactive/answers.js';
import { previewPlacement } from '../../core/interactive/preview.js';
import { needsAttention, questionPlan } from '../../core/interactive/questions.js';
import type { UseCase } from '../../core/types.js';
import { saveUseCase, sourceFileOf } from '../../io/write-back.js';
import { sanitizeTerminal as clean } from '../../render/terminal-style.js';
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

/** Ctrl-C at a prompt: @inquirer rejects with this error; the run ends without the plan. */
const isPromptExit = (e: unknown): boolean => e instanceof Error && e.name === 'ExitPromptError';

export async function classifyInteractively(ctx: CliContext, inputs: Inputs, generator: string): Promise<SessionResult> {
  const queue = inputs.inventory.use_cases.map((uc, index) => ({ uc, index })).filter(({ uc }) => needsAttention(uc));
  const result: SessionResult = { saved: [], skipped: [], left: [], outcome: 'done', files: [] };
  if (queue.length === 0) return result;
  ctx.out(`${queue.length} use case${queue.length === 1 ? ' lacks' : 's lack'} what placing ${queue.length === 1 ? 'it' : 'them'} needs, or carr${queue.length === 1 ? 'ies' : 'y'} suggestions to confirm.\n`);
  ctx.out('Answer for each, or skip it; answers are saved into the inventory as you go. Ctrl-C stops at any time.\n');
  // Between prompts the terminal is not in raw mode, so Ctrl-C arrives as SIGINT: let a save in
  // progress finish (the file is replaced whole or not at all), then stop.
  let signalled = false;
  const onSigint = (): void => void (signalled = true);
  process.on('SIGINT', onSigint);
  try {
    for (const [n, { uc, index }] of queue.entries()) {
      if (signalled) throw Object.assign(new Error('interrupted'), { name: 'ExitPromptError' });
      const file = sourceFileOf(inputs.loaded, index);
      ctx.out(`\n[${n + 1}/${queue.length}] ${uc.id}: ${clean(uc.name)}  (${clean(file)})\n`);
      if (uc.description) ctx.out(`${clean(uc.description.trim())}\n`);
      if (uc.suggested) ctx.out(describeSuggestion(uc));
      const decision = await oneUseCase(ctx, inputs, uc, file, generator);
      if (decision === 'save') {
        result.saved.push(uc.id);
        if (!result.files.includes(file)) result.files.push(file);
        ctx.out(`saved ${uc.id} to ${file}\n`);
      } else if (decision === 'skip') result.skipped.push(uc.id);
      else {
        result.outcome = 'stopped';
        result.left = queue.slice(n).map((q) => q.uc.id);
        break;
      }
    }
  } catch (e) {
    if (!isPromptExit(e)) throw e;
    result.outcome = 'interrupted';
    const done = new Set([...result.saved, ...result.skipped]);
    result.left = queue.map((q) => q.uc.id).filter((id) => !done.has(id));
  } finally {
    process.off('SIGINT', onSigint);
  }
  return result;
}

async function oneUseCase(ctx: CliContext, inputs: Inputs, uc: UseCase, file: string, generator: string): Promise<Exclude<Decision, 'change'>> {
  const plan = questionPlan(uc);
  let answers: Answers = initialAnswers(uc);
  for (;;) {
    answers = await askAnswers(uc, inputs.policy, plan, answers);
    const changes = changesFor(uc, answers);
    const updated = applyChanges(uc, changes);
    const { plan: single, placed } = previewPlacement(updated, inputs.policy, { asOf: inputs.asOf, generator });
    const { renderExplain } = await import('../../render/explain.js');
    ctx.out(`\nWith these answers:\n\n${renderExplain(placed, single, { color: ctx.color })}\n`);
    const decision = await select<Decision>({
      message: `Save these answers for ${uc.id}?`,
      choices: [
        { value: 'save', name: `save: write them into ${file}` },
        { value: 'change', name: 'change answers' },
        { value: 'skip', name: 'skip this use case (it stays unclassified for now)' },
        { value: 'stop', name: 'stop asking and show the plan' },
      ],
      loop: false,
    });
    if (decision === 'change') continue;
    if (decision === 'save') await saveUseCase(file, uc.id, changes);
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
  return parts.length > 0 ? `The import suggested ${clean(parts.join(' and '))}${clean(because)}: pre-selected below, to confirm or correct.\n` : '';
}

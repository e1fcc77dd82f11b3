// `tierplan plan` on a terminal: before the plan, each use case that lacks what classification
// needs is put to the architect, its placement shown, and the answers saved into its file at
// once, so an interruption later loses nothing already saved. More than a handful are offered
// by group as well (group-session.ts).
import { select } from '@inquirer/prompts';
import { needsAttention } from '../../core/interactive/questions.js';
import { sourceFileOf } from '../../io/edit/write-back.js';
import { sanitizeTerminal as clean } from '../../render/text/terminal-style.js';
import type { CliContext } from '../context.js';
import type { Inputs } from '../inputs.js';
import { workByGroup } from './group-session.js';
import { describeSuggestion, oneUseCase } from './one-use-case.js';
import { isPromptExit, SigintGuard } from './sigint-guard.js';

export interface SessionResult {
  saved: string[];
  skipped: string[];
  /** Use cases not reached because the architect stopped or pressed Ctrl-C. */
  left: string[];
  outcome: 'done' | 'stopped' | 'interrupted';
  files: string[];
}

/** Up to this many use cases are asked about one at a time without asking how to work. */
const BULK_THRESHOLD = 10;

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
  const guard = new SigintGuard();
  const fileOf = new Map(queue.map(({ uc, index }) => [uc.id, sourceFileOf(inputs.loaded, index)]));
  let grouped = false;
  try {
    if (queue.length > BULK_THRESHOLD) {
      const mode = await select<'group' | 'one'>(
        {
          message: 'How do you want to work through them?',
          choices: [
            {
              value: 'group',
              name: 'by group: by owner, by suggestion or by the answers needed, a decision per group',
            },
            { value: 'one', name: 'one at a time, in inventory order' },
          ],
          loop: false,
        },
        { signal: guard.signal },
      );
      grouped = mode === 'group';
    }
    if (grouped) {
      const session = { ctx, inputs, generator, guard, result, fileOf };
      result.outcome = await workByGroup(
        session,
        queue.map((q) => q.uc),
      );
      guard.check();
      return result;
    }
    ctx.out('Answer for each, or skip it; answers are saved into the inventory as you go. Ctrl-C stops at any time.\n');
    for (const [n, { uc }] of queue.entries()) {
      guard.check();
      const file = fileOf.get(uc.id)!;
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
    if (!grouped) {
      const done = new Set([...result.saved, ...result.skipped]);
      result.left = queue.map((q) => q.uc.id).filter((id) => !done.has(id));
    }
  } finally {
    guard.release();
  }
  return result;
}

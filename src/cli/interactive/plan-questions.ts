import type { CliContext } from '../context.js';
import { generator } from '../generator.js';
import type { InputOptions, Inputs } from '../inputs.js';
import { filesSaved } from './files-saved.js';
import { classifyInteractively, type SessionResult } from './session.js';

/**
 * The questions `plan` asks on a terminal, and the one-line summary after them. `saved` means
 * the inventory changed and must be read again for the plan; `interrupted` ends the run.
 */
export async function askAndSave(
  ctx: CliContext,
  inputs: Inputs,
  opts: InputOptions,
): Promise<'none' | 'saved' | 'interrupted'> {
  const result = await classifyInteractively(ctx, inputs, generator());
  const summary = summarise(result, opts);
  if (summary) (result.outcome === 'interrupted' ? ctx.err : ctx.out)(`${summary}\n`);
  if (result.outcome === 'interrupted') return 'interrupted';
  return result.saved.length > 0 ? 'saved' : 'none';
}

export function summarise(r: SessionResult, opts: InputOptions): string | undefined {
  if (r.saved.length + r.skipped.length + r.left.length === 0) return undefined;
  const saved =
    r.saved.length === 0
      ? 'nothing saved'
      : `${r.saved.length} use case${r.saved.length === 1 ? '' : 's'} saved to ${filesSaved(r.files)}`;
  const open = r.skipped.length + r.left.length;
  const resume = open > 0 ? `; ${open} still to answer: run \`${resumeCommand(opts)}\` again to continue` : '';
  const head = r.outcome === 'interrupted' ? '\nInterrupted: ' : r.outcome === 'stopped' ? '\nStopped: ' : '\n';
  return `${head}${saved}${resume}.`;
}

/** The command that picks up where this run left off: saved use cases are not asked again. */
function resumeCommand(opts: InputOptions): string {
  const q = (s: string): string => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [
    'tierplan plan',
    ...(opts.inventory ? ['--inventory', q(opts.inventory)] : []),
    ...(opts.policy ? ['--policy', q(opts.policy)] : []),
  ].join(' ');
}

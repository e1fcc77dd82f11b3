import { InputError, UsageError } from '../io/source/errors.js';
import { formatDiagnostic } from '../core/diagnostics/format.js';
import { OutputInterrupted } from '../io/output/signals.js';
import type { CliContext } from './context.js';

/** The one place errors become messages and exit codes: 2 for usage, input and internal errors. */
export function reportError(e: unknown, ctx: CliContext): number {
  if (e instanceof InputError) {
    for (const d of e.diagnostics) ctx.err(`${formatDiagnostic(d)}\n`);
    const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
    ctx.err(`\n${errors} error${errors === 1 ? '' : 's'}: nothing was written. Fix the input and run again.\n`);
    return 2;
  }
  // SIGINT/SIGTERM while outputs (an --out tree, or single files) were written: one line saying what state it is in, 130/143.
  if (e instanceof OutputInterrupted) {
    ctx.err(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof UsageError) {
    ctx.err(`error: ${e.message}\n`);
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  ctx.err(`internal error: ${err.message}\n`);
  ctx.err(
    ctx.debug ? `${err.stack ?? ''}\n` : 'Run again with --debug for the stack trace, and report it if it persists.\n',
  );
  return 2;
}

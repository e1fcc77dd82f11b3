// `--annotations github`: findings printed as GitHub Actions workflow commands on stdout, beside a
// human-readable format. A machine format needs stdout for itself, so the two are not combined.
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { UsageError } from '../io/source/errors.js';
import { renderAnnotations } from '../render/diagnostics/github.js';
import type { CliContext } from './context.js';

export type Annotations = 'github';

export function refuseWithMachineFormat(annotations: Annotations | undefined, format: string | undefined): void {
  if (annotations !== undefined && format !== undefined && format !== 'table' && format !== 'text')
    throw new UsageError(
      `--annotations prints to stdout, which --format ${format} needs for itself: run the command twice, or keep the ${format} with --out where the command has it`,
    );
}

export function printAnnotations(
  ctx: CliContext,
  annotations: Annotations | undefined,
  found: readonly Diagnostic[],
): void {
  if (annotations === 'github') ctx.out(renderAnnotations(found));
}

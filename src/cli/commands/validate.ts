import { InputError } from '../../io/source/errors.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import { type Annotations, printAnnotations, refuseWithMachineFormat } from '../annotations.js';
import type { CliContext } from '../context.js';
import { loadInputs, type InputOptions } from '../inputs.js';

export async function validate(
  ctx: CliContext,
  opts: InputOptions & { format?: 'table' | 'json'; failOn?: 'none' | 'warning'; annotations?: Annotations },
): Promise<number> {
  refuseWithMachineFormat(opts.annotations, opts.format);
  try {
    const inputs = await loadInputs(opts);
    printAnnotations(ctx, opts.annotations, inputs.warnings);
    const n = inputs.inventory.use_cases.length;
    const findings = opts.failOn === 'warning' ? inputs.warnings.length : 0;
    if (opts.format === 'json') {
      ctx.out(
        `${JSON.stringify({ valid: true, use_cases: n, policy: inputs.policy.name, diagnostics: inputs.warnings }, null, 2)}\n`,
      );
      return findings > 0 ? 1 : 0;
    }
    for (const d of inputs.warnings) ctx.err(`${formatDiagnostic(d)}\n`);
    const files = inputs.loaded.files.length;
    ctx.out(
      `valid: ${n} use case${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}, policy "${inputs.policy.name}"${inputs.warnings.length ? `, ${inputs.warnings.length} warning(s)` : ''}\n`,
    );
    if (findings > 0) ctx.err(`${findings} warning(s) at --fail-on warning\n`);
    return findings > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) printAnnotations(ctx, opts.annotations, e.diagnostics);
    if (opts.format === 'json' && e instanceof InputError) {
      ctx.out(`${JSON.stringify({ valid: false, diagnostics: e.diagnostics }, null, 2)}\n`);
      return 2;
    }
    throw e;
  }
}

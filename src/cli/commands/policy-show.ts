import { Document } from 'yaml';
import type { CliContext } from '../context.js';
import { loadPolicy } from '../inputs.js';
import { InputError } from '../../io/source/errors.js';

export async function policyShow(
  ctx: CliContext,
  opts: { policy?: string; format?: 'yaml' | 'json' },
): Promise<number> {
  const { policy, policyPath, diagnostics } = await loadPolicy(opts.policy);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  if (opts.format === 'json') {
    ctx.out(`${JSON.stringify(policy, null, 2)}\n`);
    return 0;
  }
  // `extends: none` makes the printed policy a complete file that can be saved and edited as is.
  const { version, name, ...rest } = policy;
  const doc = new Document({ version, name, extends: 'none', ...rest });
  doc.commentBefore = ` Effective tierplan policy: ${policyPath ? `${policyPath} merged over the built-in default` : 'the built-in default'}.`;
  ctx.out(doc.toString({ lineWidth: 0 }));
  return 0;
}

import { computePlan } from '../../core/plan/plan.js';
import { didYouMean } from '../../core/diagnostics/problems.js';
import { UsageError } from '../../io/source/errors.js';
import type { CliContext } from '../context.js';
import { loadInputs, type InputOptions } from '../inputs.js';
import { generator } from '../generator.js';

export async function explain(
  ctx: CliContext,
  id: string,
  opts: InputOptions & { format?: 'table' | 'json' },
): Promise<number> {
  const inputs = await loadInputs(opts);
  const uc = inputs.inventory.use_cases.find((u) => u.id === id);
  if (!uc) {
    const hint =
      didYouMean(
        id,
        inputs.inventory.use_cases.map((u) => u.id),
      ) ?? 'run `tierplan plan` to list the ids';
    throw new UsageError(`no use case "${id}" in the inventory: ${hint}`);
  }
  const plan = computePlan({ version: 1, use_cases: [uc] }, inputs.policy, {
    asOf: inputs.asOf,
    generator: generator(),
  });
  const planned = plan.use_cases[0]!;
  const { renderExplain, explainJson } = await import('../../render/matrix/explain.js');
  ctx.out(opts.format === 'json' ? explainJson(planned, plan) : renderExplain(planned, plan, { color: ctx.color }));
  return 0;
}

import {
  acceptChanges,
  dismissChanges,
  hasPendingSuggestion,
  unknownSuggestedClasses,
} from '../../core/classify/decide.js';
import { groupSuggestions, type GroupBy } from '../../core/classify/groups.js';
import { parseWhere, selected, type Where } from '../../core/classify/select.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';
import type { Change } from '../../core/interactive/answers.js';
import { saveUseCases, sourceFileOf } from '../../io/edit/write-back.js';
import { UsageError } from '../../io/source/errors.js';
import { renderClassifyJson, renderClassifyText, type ClassifyReport } from '../../render/classify/classify-report.js';
import type { CliContext } from '../context.js';
import { loadInputs, type InputOptions } from '../inputs.js';

export interface ClassifyOptions extends InputOptions {
  acceptSuggestions?: boolean;
  dismissSuggestions?: string;
  where?: string[];
  by: GroupBy;
  dryRun?: boolean;
  format: 'table' | 'json';
}

/** Decides pending suggestions in bulk; without a decision flag it lists them, grouped. */
export async function classify(ctx: CliContext, opts: ClassifyOptions): Promise<number> {
  if (opts.acceptSuggestions && opts.dismissSuggestions !== undefined)
    throw new UsageError('give --accept-suggestions or --dismiss-suggestions, not both (narrow each with --where)');
  const where = (opts.where ?? []).map((w): Where => {
    const parsed = parseWhere(w);
    if (typeof parsed === 'string') throw new UsageError(parsed);
    return parsed;
  });
  const inputs = await loadInputs(opts);
  for (const d of inputs.warnings) ctx.err(`${formatDiagnostic(d)}\n`);
  const useCases = inputs.inventory.use_cases;
  const chosen = useCases.filter((uc) => hasPendingSuggestion(uc) && selected(uc, where));
  const action = opts.acceptSuggestions ? 'accept' : opts.dismissSuggestions !== undefined ? 'dismiss' : 'list';
  if (action === 'accept') refuseUnknownClasses(unknownSuggestedClasses(chosen, inputs.policy));
  const byFile = new Map<string, Map<string, Change[]>>();
  if (action !== 'list') {
    const index = new Map(useCases.map((u, i) => [u, i]));
    for (const uc of chosen) {
      const changes = action === 'accept' ? acceptChanges(uc) : dismissChanges(uc, opts.dismissSuggestions!);
      const file = sourceFileOf(inputs.loaded, index.get(uc)!);
      const m = byFile.get(file) ?? new Map<string, Change[]>();
      byFile.set(file, m.set(uc.id, changes));
    }
  }
  const files = action === 'list' || opts.dryRun ? [] : await saveUseCases(byFile);
  const report: ClassifyReport = {
    action,
    reason: opts.dismissSuggestions ?? null,
    dry_run: opts.dryRun ?? false,
    grouped_by: opts.by,
    groups: groupSuggestions(chosen, opts.by),
    changed: action === 'list' || opts.dryRun ? 0 : chosen.length,
    files,
  };
  ctx.out(opts.format === 'json' ? renderClassifyJson(report) : renderClassifyText(report));
  return 0;
}

/** Accepting a class the policy does not know would make the inventory invalid: refuse first. */
function refuseUnknownClasses(unknown: string[]): void {
  if (unknown.length > 0)
    throw new UsageError(
      `cannot accept suggested data class${unknown.length === 1 ? '' : 'es'} ${unknown.join(', ')}: not in the policy's data_classes. Add ${unknown.length === 1 ? 'it' : 'them'} to the policy, or narrow with --where and dismiss ${unknown.length === 1 ? 'it' : 'them'}; nothing was written.`,
    );
}

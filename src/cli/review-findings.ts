// Review's findings and fired triggers at a place in a file, for `--annotations github` and
// `--format sarif`: code scanning refuses a result without a location, and an annotation on the
// line to change is what a reviewer acts on.
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { reviewDiagnostic, triggerDiagnostic } from '../core/review/review-diagnostic.js';
import type { Review } from '../core/review/review-types.js';
import { loadPolicyFile } from '../io/inputs/load-policy.js';
import type { Inputs } from './inputs.js';

type Path = (string | number)[];

/**
 * Each finding where it can be acted on: a use case of the inventory at its entry (an expiring
 * override at its `expires`); rows of a usage export at the first row shown (file:line); a
 * deployment trigger at the deployment, or else the trigger, in the policy file (a trigger the
 * file inherits from the built-in policy: at its `triggers`, or its start). What has none of
 * these — an alias no use case of the inventory has, a trigger with no policy file — sits at the
 * inventory's `use_cases`, where the missing use case would be added.
 */
export async function placedReviewDiagnostics(r: Review, inputs: Inputs): Promise<Diagnostic[]> {
  const index = new Map(inputs.inventory.use_cases.map((u, i) => [u.id, i]));
  const inInventory = (path: Path): Pick<Diagnostic, 'file' | 'line' | 'column'> => {
    const pos = inputs.loaded.locator.locate(path);
    return { file: pos.file, line: pos.line, column: pos.column };
  };
  const atUseCase = (id: string | null, rest: Path = ['id']): Pick<Diagnostic, 'file' | 'line' | 'column'> | null => {
    const i = id === null ? undefined : index.get(id);
    return i === undefined ? null : inInventory(['use_cases', i, ...rest]);
  };
  const fallback = inInventory(['use_cases']);

  const findings = r.findings.map((f): Diagnostic => {
    const row = f.first_rows[0];
    const at =
      atUseCase(
        f.use_case,
        f.kind === 'override-expiring' || f.kind === 'override-expired' ? ['override', 'expires'] : ['id'],
      ) ?? (row ? { file: row.file, line: row.line } : fallback);
    return { ...reviewDiagnostic(f), ...at };
  });

  const policy = inputs.policyPath === null ? null : await loadPolicyFile(inputs.policyPath);
  const inPolicy = (path: Path | null): Pick<Diagnostic, 'file' | 'line' | 'column'> | null => {
    if (policy === null || path === null) return null;
    const pos = policy.locator.locate(path);
    return { file: pos.file, line: pos.line, column: pos.column };
  };
  const deploymentPath = (id: string | null): Path | null => {
    for (const [ti, tier] of (policy?.file.tiers ?? []).entries()) {
      const di = (tier.deployments ?? []).findIndex((d) => d.id === id);
      if (di >= 0) return ['tiers', ti, 'deployments', di, 'id'];
    }
    return null;
  };
  const triggerPath = (id: string): Path | null => {
    const k = (policy?.file.triggers ?? []).findIndex((t) => t.id === id);
    return k >= 0 ? ['triggers', k, 'id'] : null;
  };
  const triggers = r.triggers.map(
    (t): Diagnostic => ({
      ...triggerDiagnostic(t),
      ...(atUseCase(t.use_case) ??
        inPolicy(deploymentPath(t.deployment)) ??
        inPolicy(triggerPath(t.trigger)) ??
        // A trigger of the built-in policy the file extends: changed by adding one to the file.
        inPolicy(policy?.file.triggers ? ['triggers'] : []) ??
        fallback),
    }),
  );
  return [...findings, ...triggers];
}

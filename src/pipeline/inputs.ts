// Policy and inventory read, merged and checked: what every planning command starts from.
// The date comes in resolved (the cli reads the clock); problems that stop the run are thrown
// as one InputError, the rest handed back for the caller to print.
import { existsSync } from 'node:fs';
import { checkInventory } from '../core/policy/check-inventory.js';
import { checkPolicy } from '../core/policy/check-policy.js';
import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import { mergePolicy, pathInFile } from '../core/policy/merge-policy.js';
import type { PlacedDiagnostic } from '../core/diagnostics/problems.js';
import type { Inventory, Policy } from '../core/policy/types.js';
import { InputError, UsageError } from '../io/source/errors.js';
import { loadInventory, type LoadedInventory } from '../io/inputs/load-inventory.js';
import { loadPolicyFile } from '../io/inputs/load-policy.js';
import { toDiagnostics } from '../io/source/locate.js';

export const DEFAULT_INVENTORY = 'inventory.yaml';
const DEFAULT_POLICY_FILE = 'tierplan.policy.yaml';

interface InputPaths {
  inventory?: string;
  /** null: the built-in default, even when ./tierplan.policy.yaml exists. */
  policy?: string | null;
  /** YYYY-MM-DD, already checked. */
  asOf: string;
}

export interface Inputs {
  inventory: Inventory;
  loaded: LoadedInventory;
  policy: Policy;
  policyPath: string | null;
  asOf: string;
  /** Problems that did not stop the run; the caller prints them. */
  warnings: PlacedDiagnostic[];
}

export async function loadPolicy(
  path: string | null | undefined,
): Promise<{ policy: Policy; policyPath: string | null; diagnostics: PlacedDiagnostic[] }> {
  const policyPath = path === undefined ? (existsSync(DEFAULT_POLICY_FILE) ? DEFAULT_POLICY_FILE : null) : path;
  if (policyPath === null) return { policy: DEFAULT_POLICY, policyPath, diagnostics: [] };
  const loaded = await loadPolicyFile(policyPath);
  const policy = mergePolicy(loaded.file, DEFAULT_POLICY);
  const diagnostics = checkPolicy(policy).map((p): PlacedDiagnostic => {
    const inFile = pathInFile(p.path, policy, loaded.file);
    const pos = loaded.locator.locate(inFile ?? []);
    const message = inFile ? p.message : `${p.message} (in the built-in default this file extends)`;
    return {
      code: p.code,
      severity: p.severity,
      message,
      file: pos.file,
      line: pos.line,
      column: pos.column,
      ...(p.hint ? { hint: p.hint } : {}),
    };
  });
  return { policy, policyPath, diagnostics };
}

/** Loads and checks policy and inventory: errors throw, warnings (an expired override…) are returned. */
export async function loadCheckedInputs(o: InputPaths): Promise<Inputs> {
  const asOf = o.asOf;
  const { policy, policyPath, diagnostics: policyDiagnostics } = await loadPolicy(o.policy);
  if (policyDiagnostics.some((d) => d.severity === 'error')) throw new InputError(policyDiagnostics);
  const inventoryPath = o.inventory ?? DEFAULT_INVENTORY;
  if (o.inventory === undefined && !existsSync(inventoryPath)) {
    throw new UsageError(
      `no ${DEFAULT_INVENTORY} here: pass --inventory FILE|DIR, or run \`tierplan init\` to create one`,
    );
  }
  const loaded = await loadInventory(inventoryPath);
  const problems = checkInventory(loaded.inventory, policy, asOf);
  const diagnostics = [...policyDiagnostics, ...toDiagnostics(problems, loaded.locator)];
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  return { inventory: loaded.inventory, loaded, policy, policyPath, asOf, warnings: diagnostics };
}

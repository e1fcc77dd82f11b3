// What a proposals patch may do, checked before anything is written. The patch is a file a
// person edits, so an entry can say `retire` and change something else, or set `id` onto another
// use case's id: each entry must make the one change its action stands for (the changes
// core/review/proposals.ts writes), and the inventory it leaves must pass the checks `validate`
// runs, as far as they passed before.
import { checkInventory } from '../../core/policy/check-inventory.js';
import type { Problem } from '../../core/diagnostics/problems.js';
import { DEFAULT_POLICY } from '../../core/policy/default-policy.js';
import type { Inventory, Policy } from '../../core/policy/types.js';
import type { Proposal } from '../../core/review/review-types.js';

/** A refused entry: where in the entry (under `proposals[i]`) and why. */
export interface EntryProblem {
  at: (string | number)[];
  message: string;
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Each action's one change: the key it sets, whether a key inside it may be set instead (a
 * move may renew an override's `expires`), what it may set the key to, and that in words.
 */
const ACTIONS: Record<
  Proposal['action'],
  { path: string; inside: boolean; to: (v: unknown) => boolean; what: string }
> = {
  retire: { path: 'status', inside: false, to: (v) => v === 'retired', what: 'status: retired' },
  move: {
    path: 'override',
    inside: true,
    to: (v) => v === null || (isMapping(v) && typeof v.tier === 'string'),
    what: 'an override (a mapping with a tier, or a key inside it) or its removal (to: null)',
  },
};

/** Why entry `p` does not make the change its action stands for, or undefined when it does. */
export function actionProblem(p: Proposal): EntryProblem | undefined {
  const rule = ACTIONS[p.action];
  const path = p.change.path;
  if (path[0] !== rule.path || (path.length > 1 && !rule.inside)) {
    const touchesId = path[0] === 'id';
    return {
      at: ['change', 'path'],
      message: touchesId
        ? `no proposal changes a use case's id (action ${p.action} sets ${rule.what})`
        : `action ${p.action} sets ${rule.what}, not ${path.join('.')}`,
    };
  }
  // A key inside the override is the inventory schema's to judge, after the edit.
  if (path.length === 1 && !rule.to(p.change.to ?? null))
    return { at: ['change', 'to'], message: `action ${p.action} sets ${rule.what}` };
  return undefined;
}

/** What the inventory checks need beyond the inventory: the review's policy and date. */
export interface InventoryContext {
  policy: Policy;
  asOf: string;
}

// Without the policy only the checks that need none are trusted: another policy's tiers and
// classes would read as unknown.
const POLICY_FREE = new Set(['duplicate-id', 'reserved-file-name']);

/**
 * The errors `validate` would report on the patched use cases that it did not report before
 * (an inventory's existing problems are not the patch's to fix), each with the use case id it
 * is about.
 */
export function newInventoryErrors(
  before: unknown[],
  after: unknown[],
  context: InventoryContext | undefined,
): { id: string | undefined; problem: Problem }[] {
  const policy = context?.policy ?? DEFAULT_POLICY;
  const asOf = context?.asOf ?? '1970-01-01';
  const errors = (useCases: unknown[]): Problem[] =>
    checkInventory({ version: 1, use_cases: useCases } as Inventory, policy, asOf).filter(
      (p) => p.severity === 'error' && (context !== undefined || POLICY_FREE.has(p.code)),
    );
  const known = new Set(errors(before).map((p) => `${p.code}\u0000${p.message}`));
  return errors(after)
    .filter((p) => !known.has(`${p.code}\u0000${p.message}`))
    .map((problem) => {
      const entry = after[problem.path[1] as number];
      const id = isMapping(entry) && typeof entry.id === 'string' ? entry.id : undefined;
      return { id, problem };
    });
}

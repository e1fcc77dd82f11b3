// Aliases are names applications call: each must lead to exactly one use case, and none may
// look like what tierplan itself generates (`<alias>--<deployment>` fallback groups), or the
// gateway, `verify` and `review` would read it as something else.
import type { Problem } from '../diagnostics/problems.js';
import type { Inventory } from './types.js';

export function checkAliases(inv: Inventory): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map(inv.use_cases.map((u) => [u.id, u]));
  const owner = new Map<string, string>();
  inv.use_cases.forEach((uc, i) => {
    (uc.aliases ?? []).forEach((a, j) => {
      const path = ['use_cases', i, 'aliases', j];
      const clash = ids.get(a);
      const first = owner.get(a);
      if (clash !== undefined && clash !== uc)
        problems.push({
          code: 'alias-conflict',
          severity: 'error',
          message: `alias "${a}" of "${uc.id}" is the id of another use case: a request for it would have two owners`,
          hint: `remove the alias, or merge the two use cases`,
          path,
        });
      else if (first !== undefined && first !== uc.id)
        problems.push({
          code: 'alias-conflict',
          severity: 'error',
          message: `alias "${a}" of "${uc.id}" is also an alias of "${first}": a request for it would have two owners`,
          hint: 'keep it on one use case',
          path,
        });
      else if (a.includes('--'))
        problems.push({
          code: 'alias-reserved',
          severity: 'error',
          message: `alias "${a}" contains "--", which tierplan reserves for its fallback groups (<alias>--<deployment>)`,
          hint: 'rename the model the applications call, or drop the alias',
          path,
        });
      owner.set(a, owner.get(a) ?? uc.id);
    });
  });
  return problems;
}

/** Every alias of the inventory → its use case id (the first owner, when a check already reported two). */
export function aliasOwners(inv: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const uc of inv.use_cases) for (const a of uc.aliases ?? []) if (!out.has(a)) out.set(a, uc.id);
  return out;
}

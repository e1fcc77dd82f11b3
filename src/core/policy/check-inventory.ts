import { daysBetween } from '../plan/dates.js';
import { checkAliases } from './check-aliases.js';
import { didYouMean, type Problem } from '../diagnostics/problems.js';
import { checkReservedIds } from './check-reserved-ids.js';
import { checkInventoryReferences } from './check-endpoints.js';
import type { Inventory, Policy } from './types.js';

/** Semantic rules the schema cannot express; each returns problems, none throws. */
export function checkInventory(inv: Inventory, policy: Policy, asOf: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const classes = Object.keys(policy.sensitivity.data_classes);
  const regimes = Object.keys(policy.sensitivity.regimes);
  const tiers = policy.tiers.map((t) => t.id);
  const regions = [...new Set(policy.tiers.flatMap((t) => t.regions))];

  inv.use_cases.forEach((uc, i) => {
    const at = (...p: (string | number)[]): (string | number)[] => ['use_cases', i, ...p];
    const first = seen.get(uc.id);
    if (first !== undefined) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        message: `duplicate id "${uc.id}": ids become gateway aliases and must be unique (first used by use case #${first + 1}, "${inv.use_cases[first]?.name}")`,
        hint: 'rename one of them',
        path: at('id'),
      });
    } else seen.set(uc.id, i);

    (uc.data?.classes ?? []).forEach((c, j) => {
      if (!classes.includes(c))
        problems.push(
          unknown(
            'data-class',
            c,
            classes,
            at('data', 'classes', j),
            'add it to sensitivity.data_classes in tierplan.policy.yaml',
          ),
        );
    });
    // A suggestion is only a guess, never planned on: a stale name warns rather than fails.
    (uc.suggested?.data_classes ?? []).forEach((c, j) => {
      if (!classes.includes(c)) {
        const p = unknown(
          'data-class',
          c,
          classes,
          at('suggested', 'data_classes', j),
          'add it to sensitivity.data_classes in tierplan.policy.yaml, or remove the suggestion',
        );
        problems.push({
          ...p,
          code: 'unknown-suggested-data-class',
          severity: 'warning',
          message: `suggested data class "${c}" is not in the policy`,
        });
      }
    });
    (uc.data?.regimes ?? []).forEach((r, j) => {
      if (!regimes.includes(r))
        problems.push(
          unknown(
            'regime',
            r,
            regimes,
            at('data', 'regimes', j),
            'add it to sensitivity.regimes in tierplan.policy.yaml',
          ),
        );
    });
    (uc.data?.residency ?? []).forEach((r, j) => {
      if (!regions.includes(r)) {
        const p = unknown(
          'region',
          r,
          regions,
          at('data', 'residency', j),
          `no tier serves it: tiers run in ${regions.join(', ')}`,
        );
        problems.push({ ...p, severity: 'warning' });
      }
    });

    const o = uc.override;
    if (!o) return;
    if (!tiers.includes(o.tier))
      problems.push(unknown('tier', o.tier, tiers, at('override', 'tier'), `tiers are ${tiers.join(', ')}`));
    if (o.exception === true && !o.approved_by) {
      problems.push({
        code: 'exception-unapproved',
        severity: 'error',
        message: 'an exception (exception: true) needs approved_by: who accepted the risk',
        hint: 'add approved_by, or remove exception: true',
        path: at('override', 'exception'),
      });
    }
    if (daysBetween(asOf, o.expires) < 0) {
      problems.push({
        code: 'override-expired',
        // A finding, not unusable input: the plan still places the use case (by the policy).
        severity: 'warning',
        message: `override to ${o.tier} expired on ${o.expires} (as of ${asOf}); it is ignored and the use case is placed by the policy`,
        hint: 'renew it with a new expires date and approval, or remove it',
        path: at('override', 'expires'),
      });
    }
  });
  problems.push(
    ...checkReservedIds(inv.use_cases.map((uc, i) => ({ id: uc.id, what: 'use case', path: ['use_cases', i, 'id'] }))),
  );
  problems.push(...checkInventoryReferences(inv), ...checkAliases(inv));
  return problems;
}

function unknown(
  kind: 'data-class' | 'regime' | 'region' | 'tier',
  value: string,
  known: string[],
  path: (string | number)[],
  fallback: string,
): Problem {
  const guess = didYouMean(value, known);
  return {
    code: `unknown-${kind}`,
    severity: 'error',
    message: `unknown ${kind.replace('-', ' ')} "${value}"`,
    hint: guess ?? fallback,
    path,
  };
}

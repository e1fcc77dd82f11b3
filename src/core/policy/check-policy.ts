import type { InputCode } from '../diagnostics/catalog.js';
import { didYouMean, type Problem } from '../diagnostics/problems.js';
import { checkPublicEndpoints } from './check-public-endpoints.js';
import { checkReservedIds, type IdKind } from './check-reserved-ids.js';
import { checkEndpoints } from './check-endpoints.js';
import type { Policy, TriggerKind, TriggerRule } from './types.js';

type Path = (string | number)[];
/** What a policy names by id; an unknown one is reported as `unknown-<what>`. */
type Named = 'sensitivity-level' | 'capability-level' | 'regime' | 'tier';

/** Cross-references inside the effective policy; paths are into the merged policy. */
export function checkPolicy(p: Policy): Problem[] {
  const problems: Problem[] = [];
  const err = (code: InputCode, message: string, path: Path, hint?: string): void => {
    problems.push({ code, severity: 'error', message, path, ...(hint ? { hint } : {}) });
  };
  const sens = p.sensitivity.levels;
  const caps = p.capability.levels;
  const regimes = Object.keys(p.sensitivity.regimes);
  const tierIds = p.tiers.map((t) => t.id);
  const level = (value: string, known: string[], what: Named, path: Path): void => {
    if (!known.includes(value)) {
      err(
        `unknown-${what}`,
        `unknown ${what} "${value}"`,
        path,
        didYouMean(value, known) ?? `${what}s are ${known.join(', ') || '(none defined)'}`,
      );
    }
  };

  if (sens.length === 0)
    err('missing-levels', 'sensitivity.levels is empty', ['sensitivity'], 'list the levels, lowest first');
  if (caps.length === 0)
    err('missing-levels', 'capability.levels is empty', ['capability'], 'list the levels, lowest first');
  level(p.sensitivity.fail_closed, sens, 'sensitivity-level', ['sensitivity', 'fail_closed']);
  if (p.sensitivity.no_class_level !== undefined)
    level(p.sensitivity.no_class_level, sens, 'sensitivity-level', ['sensitivity', 'no_class_level']);
  level(p.capability.unclassified, caps, 'capability-level', ['capability', 'unclassified']);
  for (const [name, dc] of Object.entries(p.sensitivity.data_classes)) {
    level(dc.level, sens, 'sensitivity-level', ['sensitivity', 'data_classes', name, 'level']);
    for (const [i, r] of (dc.implies_regimes ?? []).entries())
      level(r, regimes, 'regime', ['sensitivity', 'data_classes', name, 'implies_regimes', i]);
  }
  for (const [name, r] of Object.entries(p.sensitivity.regimes)) {
    level(r.level, sens, 'sensitivity-level', ['sensitivity', 'regimes', name, 'level']);
  }
  const ruleIds = new Set<string>();
  p.capability.rules.forEach((r, i) => {
    if (ruleIds.has(r.id))
      err('duplicate-rule', `duplicate capability rule id "${r.id}"`, ['capability', 'rules', i, 'id']);
    ruleIds.add(r.id);
    level(r.level, caps, 'capability-level', ['capability', 'rules', i, 'level']);
  });
  if (p.tiers.length === 0)
    err('no-tiers', 'the policy defines no tiers', ['tiers'], 'define at least one tier with deployments');

  const seenTier = new Set<string>();
  const seenDeployment = new Set<string>();
  p.tiers.forEach((t, i) => {
    if (seenTier.has(t.id)) err('duplicate-tier', `duplicate tier id "${t.id}"`, ['tiers', i, 'id']);
    seenTier.add(t.id);
    level(t.clearance, sens, 'sensitivity-level', ['tiers', i, 'clearance']);
    for (const [j, r] of t.regimes.entries()) level(r, regimes, 'regime', ['tiers', i, 'regimes', j]);
    t.deployments.forEach((d, j) => {
      const at = (...k: Path): Path => ['tiers', i, 'deployments', j, ...k];
      // Deployment ids name gateway deployments and spend-log attributions, so they are global.
      if (seenDeployment.has(d.id))
        err(
          'duplicate-deployment',
          `duplicate deployment id "${d.id}"`,
          at('id'),
          'deployment ids must be unique across all tiers',
        );
      seenDeployment.add(d.id);
      level(d.capability, caps, 'capability-level', at('capability'));
      if (!t.regions.includes(d.region)) {
        err(
          'deployment-region',
          `deployment region "${d.region}" is not one of tier ${t.id}'s regions (${t.regions.join(', ')})`,
          at('region'),
          didYouMean(d.region, t.regions) ?? `add it to tiers[${i}].regions`,
        );
      }
      if (d.price && d.fixed_cost)
        err('two-costs', 'give either price (per token) or fixed_cost (self-hosted), not both', at('fixed_cost'));
      if (!d.price && !d.fixed_cost) {
        problems.push({
          code: 'no-cost',
          severity: 'warning',
          message: `deployment ${d.id} has no price or fixed_cost: its cost is estimated as 0`,
          path: at('id'),
        });
      }
    });
  });
  for (const [i, id] of p.preference.entries()) level(id, tierIds, 'tier', ['preference', i]);
  for (const t of p.tiers) {
    if (!p.preference.includes(t.id)) {
      problems.push({
        code: 'unpreferred-tier',
        severity: 'warning',
        message: `tier ${t.id} is not in preference: it is tried last`,
        path: ['preference'],
      });
    }
  }
  (p.matrix ?? []).forEach((m, i) => {
    level(m.sensitivity, sens, 'sensitivity-level', ['matrix', i, 'sensitivity']);
    level(m.capability, caps, 'capability-level', ['matrix', i, 'capability']);
    level(m.tier, tierIds, 'tier', ['matrix', i, 'tier']);
  });
  for (const key of Object.keys(p.reference_split ?? {})) level(key, tierIds, 'tier', ['reference_split', key]);
  checkTriggers(p, tierIds, level, err, problems);
  checkProviderNames(p, problems);
  problems.push(...checkPublicEndpoints(p), ...checkReservedIds(policyIds(p)), ...checkEndpoints(p));
  return problems;
}

/** Tier and deployment ids with their paths: renderers name files after them. */
const policyIds = (p: Policy): { id: string; what: IdKind; path: Path }[] =>
  p.tiers.flatMap((t, i) => [
    { id: t.id, what: 'tier' as const, path: ['tiers', i, 'id'] },
    ...t.deployments.map((d, j) => ({
      id: d.id,
      what: 'deployment' as const,
      path: ['tiers', i, 'deployments', j, 'id'],
    })),
  ]);

/** A billed name mapped to a provider no deployment uses matches nothing: a typo, most likely. */
function checkProviderNames(p: Policy, problems: Problem[]): void {
  const providers = [...new Set(p.tiers.flatMap((t) => t.deployments.map((d) => d.provider)))];
  for (const [name, id] of Object.entries(p.review?.provider_names ?? {})) {
    if (providers.includes(id)) continue;
    problems.push({
      code: 'unused-provider-name',
      severity: 'warning',
      message: `provider name "${name}" maps to "${id}", which no deployment uses: its rows match no deployment`,
      path: ['review', 'provider_names', name],
      hint: didYouMean(id, providers) ?? `deployments use ${providers.join(', ') || '(none)'}`,
    });
  }
}

const TRIGGER_NEEDS: Record<TriggerKind, (keyof TriggerRule)[]> = {
  volume_below: ['tier', 'tokens_per_month'],
  tokens_above: ['tier', 'tokens_per_month'],
  spend_above: ['tier', 'cost_per_month'],
  no_traffic: [],
  capacity_above: ['tier', 'utilisation'],
  capacity_below: ['tier', 'utilisation'],
  break_even: ['tier'],
};

function checkTriggers(
  p: Policy,
  tierIds: string[],
  level: (value: string, known: string[], what: Named, path: Path) => void,
  err: (code: InputCode, message: string, path: Path, hint?: string) => void,
  problems: Problem[],
): void {
  const ids = new Set<string>();
  const fixed = (t: string | undefined): boolean =>
    p.tiers.some((x) => (t === undefined || x.id === t) && x.deployments.some((d) => d.fixed_cost));
  (p.triggers ?? []).forEach((t, i) => {
    if (ids.has(t.id)) err('duplicate-trigger', `duplicate trigger id "${t.id}"`, ['triggers', i, 'id']);
    ids.add(t.id);
    for (const k of TRIGGER_NEEDS[t.kind] ?? []) {
      if (t[k] === undefined) err('trigger-incomplete', `trigger ${t.id} (${t.kind}) needs ${k}`, ['triggers', i]);
    }
    if (t.tier !== undefined) level(t.tier, tierIds, 'tier', ['triggers', i, 'tier']);
    if (t.target_tier !== undefined) level(t.target_tier, tierIds, 'tier', ['triggers', i, 'target_tier']);
    const warn = (message: string): void =>
      void problems.push({ code: 'trigger-never-fires', severity: 'warning', message, path: ['triggers', i] });
    if (
      (t.kind === 'capacity_above' || t.kind === 'capacity_below') &&
      t.tier !== undefined &&
      tierIds.includes(t.tier) &&
      !fixed(t.tier)
    )
      warn(`trigger ${t.id}: tier ${t.tier} has no fixed_cost deployment, so no capacity to measure`);
    if (t.kind === 'break_even' && !fixed(undefined))
      warn(`trigger ${t.id}: no deployment has a fixed_cost, so there is no break-even to compare with`);
  });
}

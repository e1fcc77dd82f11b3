// Findings for one LiteLLM config: each routed use case's reach judged, aliases that are
// missing or should not exist, tier labels that lie, fallback targets that name nothing.
import { TIER_TAG_PREFIX } from '../gateway/leaves.js';
import type { PlannedUseCase } from '../plan/plan-types.js';
import {
  callableNames,
  hasOwnGroup,
  litellmGraph,
  litellmReach,
  members,
  targetNames,
  type LitellmGraph,
} from './litellm.js';
import { finding, judgeReach, unknownAliasReason, type JudgeContext } from './judge.js';
import { accessGroups, checkAccessGroup, looksGenerated } from './litellm-access.js';
import { isRecord, type VerifyFinding } from './verify-types.js';

export interface PlanView {
  /** Use cases with a tier and a deployment: each must have an alias. */
  routed: Map<string, PlannedUseCase>;
  /** Every use case of the plan, routed or not. */
  planned: Map<string, PlannedUseCase>;
  /** The inventory's aliases (`aliases:`): another name → its use case's id. */
  owner: Map<string, string>;
  /** The same, by use case: id → its aliases (built once, so lookups stay linear in the inventory). */
  aliasesOf: Map<string, string[]>;
}

/** Builds `aliasesOf` from `owner`. */
export function aliasesByUseCase(owner: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [alias, id] of owner) {
    const list = out.get(id);
    if (list) list.push(alias);
    else out.set(id, [alias]);
  }
  return out;
}

/** The names a use case is called by: its id, then its aliases. */
export const namesOf = (id: string, plan: PlanView): string[] => [id, ...(plan.aliasesOf.get(id) ?? [])];

/** A name's use case: the owner of an alias, else the name itself. */
export const useCaseOf = (name: string, plan: PlanView): string => plan.owner.get(name) ?? name;

export function checkLitellm(value: unknown, ctx: JudgeContext, plan: PlanView): VerifyFinding[] {
  const g = litellmGraph(value);
  const out: VerifyFinding[] = [];
  const groups = accessGroups(g);
  const generated = looksGenerated(g);
  for (const u of plan.routed.values()) {
    const own = namesOf(u.id, plan);
    const present = own.filter((n) => hasOwnGroup(g, n));
    // An application calling any of the use case's names is served: only none at all is missing.
    if (present.length === 0) {
      out.push(
        finding(
          ctx.file,
          'error',
          'alias-missing',
          u.id,
          ['model_list'],
          `"${u.id}" is routed to ${u.tier ?? '?'} in the plan, but no model group or model_group_alias is named "${u.id}"${own.length > 1 ? ` or any of its aliases (${own.slice(1).join(', ')})` : ''}${members(g, u.id).length > 0 ? ' (only a wildcard group serves it)' : ''}`,
        ),
      );
    }
    for (const name of present.length > 0 ? present : [u.id]) {
      const reach = litellmReach(g, name);
      out.push(...judgeReach(u, reach, ctx), ...checkAccessGroup(u, g, reach, groups, generated, ctx));
    }
  }
  out.push(...unknownAliases(g, ctx, plan), ...mislabels(g, ctx), ...unresolved(g, ctx));
  return out;
}

/**
 * A callable name that is not a routed use case: an application could send data there that
 * no plan placed. Groups that fallbacks or aliases point at exist to be fallen back to and
 * are judged through the use cases that reach them — unless they carry the id of a retired
 * or gap use case, which must not be callable at all.
 */
function unknownAliases(g: LitellmGraph, ctx: JudgeContext, plan: PlanView): VerifyFinding[] {
  const targets = new Set(targetNames(g).map((t) => t.name));
  const out: VerifyFinding[] = [];
  for (const name of callableNames(g)) {
    if (plan.routed.has(useCaseOf(name, plan))) continue;
    const isTarget =
      targets.has(name) ||
      (name.includes('*') && [...targets].some((t) => members(g, t).some((m) => m.entry.name === name)));
    if (isTarget && !plan.planned.has(name)) continue;
    const first = g.groups.get(name)?.[0];
    // An alias-only name is shown where it is defined (router_settings or litellm_settings).
    const steps = first
      ? ['model_list', first.index, 'model_name']
      : (g.aliases.get(name)?.[0]?.steps ?? ['router_settings', 'model_group_alias', name]);
    out.push(
      finding(
        ctx.file,
        'error',
        'alias-unknown',
        plan.planned.has(name) ? name : null,
        steps,
        `model group "${name}" is not a routed use case: ${name.includes('*') ? 'a wildcard group lets any model name through' : plan.owner.has(name) ? `it is an alias of "${useCaseOf(name, plan)}": ${unknownAliasReason(useCaseOf(name, plan), plan.planned)}` : unknownAliasReason(name, plan.planned)}`,
      ),
    );
  }
  return out;
}

/** Labels are what people and `review` read; a label that disagrees with the deployment misleads both. */
function mislabels(g: LitellmGraph, ctx: JudgeContext): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  for (const e of g.entries) {
    const refs = ctx.catalog.litellm(e.value);
    if (refs.length === 0) continue;
    const real = [...new Set(refs.map((r) => r.tier.id))];
    const what = `deployment ${[...new Set(refs.map((r) => `"${r.deployment.id}"`))].join(' or ')} on tier ${real.join(' or ')}`;
    const owner =
      isRecord(e.value.model_info) && typeof e.value.model_info.tierplan_use_case === 'string'
        ? e.value.model_info.tierplan_use_case
        : null;
    const label = isRecord(e.value.model_info) ? e.value.model_info.tierplan_tier : undefined;
    if (label !== undefined && !real.includes(String(label))) {
      out.push(
        finding(
          ctx.file,
          'error',
          'mislabelled-tier',
          owner,
          ['model_list', e.index, 'model_info', 'tierplan_tier'],
          `model_info.tierplan_tier says ${String(label)}, but this entry is ${what}`,
        ),
      );
    }
    const tags =
      isRecord(e.value.litellm_params) && Array.isArray(e.value.litellm_params.tags)
        ? (e.value.litellm_params.tags as unknown[])
        : [];
    tags.forEach((t, j) => {
      if (typeof t !== 'string' || !t.startsWith(TIER_TAG_PREFIX)) return;
      const tagged = t.slice(TIER_TAG_PREFIX.length);
      if (!real.includes(tagged)) {
        out.push(
          finding(
            ctx.file,
            'error',
            'mislabelled-tier',
            owner,
            ['model_list', e.index, 'litellm_params', 'tags', j],
            `tag "${t}" says ${tagged}, but this entry is ${what}: spend logs would attribute its traffic to the wrong tier`,
          ),
        );
      }
    });
  }
  return out;
}

function unresolved(g: LitellmGraph, ctx: JudgeContext): VerifyFinding[] {
  return targetNames(g)
    .filter((t) => members(g, t.name).length === 0)
    .map((t) =>
      finding(
        ctx.file,
        'warning',
        'unresolved-target',
        null,
        t.steps,
        `"${t.name}" names no model group, model_info.id or wildcard group: the proxy fails a request that gets here`,
      ),
    );
}

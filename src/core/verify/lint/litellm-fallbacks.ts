// Fallbacks and guardrail reroutes of a LiteLLM config: every name they use must resolve to a
// model group, an id or a wildcard match.
import { didYouMean, type Problem } from '../../diagnostics/problems.js';
import { glob, type Glob } from '../glob.js';
import { hintFrom, isObj, type Obj, type Path } from './values.js';

const FALLBACK_KINDS = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'] as const;
export const FALLBACK_SECTIONS = ['router_settings', 'litellm_settings'] as const;

export interface Groups {
  names: Set<string>;
  ids: Set<string>;
  wildcards: Glob[];
}

export function fallbacks(
  config: Obj,
  section: (typeof FALLBACK_SECTIONS)[number],
  groups: Groups,
  partial: boolean,
  add: (p: Problem) => void,
): void {
  const settings = config[section];
  if (!isObj(settings)) return;
  for (const kind of FALLBACK_KINDS) {
    const list = settings[kind];
    if (!Array.isArray(list)) continue;
    const router = config.router_settings;
    if (section === 'litellm_settings' && isObj(router) && router[kind] !== undefined) {
      add({
        code: 'shadowed-fallbacks',
        severity: 'warning',
        path: [section, kind],
        message: `router_settings.${kind} is set too, and router_settings wins: this list is ignored`,
        hint: `keep one ${kind} list, in router_settings`,
      });
    }
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      if (!isObj(entry)) return;
      // LiteLLM reads the first key only; the schema reports the others.
      const [key, targets] = Object.entries(entry)[0] ?? [];
      if (key === undefined) return;
      const at: Path = [section, kind, i, key];
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        add({
          code: 'duplicate-fallback-key',
          severity: 'warning',
          path: at,
          message: `${JSON.stringify(key)} already has an entry (${section}.${kind}[${earlier}]): LiteLLM uses the first and ignores this one`,
          hint: 'merge the two lists into one entry',
        });
      } else seen.set(key, i);
      if (!isGroup(key, groups)) {
        const isId = groups.ids.has(key);
        add(
          unresolved(partial, {
            code: 'unknown-fallback-key',
            severity: 'error',
            path: at,
            message: isId
              ? `${JSON.stringify(key)} is a model_info.id, not a model group: fallbacks are keyed by model_name, so this entry never applies`
              : `${JSON.stringify(key)} is not a model group (no model_list entry has this model_name), so this fallback entry never applies`,
            ...hintFrom(isId ? 'key the entry by the model_name clients call' : didYouMean(key, groups.names)),
          }),
        );
      }
      if (Array.isArray(targets))
        for (const [j, t] of targets.entries()) target(t, [...at, j], key, { groups, partial, add });
    });
  }
  const defaults = settings.default_fallbacks;
  if (Array.isArray(defaults))
    for (const [j, t] of defaults.entries())
      target(t, [section, 'default_fallbacks', j], undefined, { groups, partial, add });
}

/** What a fallback name is checked against, whether the config includes files tierplan does not read, and where problems go. */
interface Resolving {
  groups: Groups;
  partial: boolean;
  add: (p: Problem) => void;
}

function target(t: unknown, path: Path, key: string | undefined, { groups, partial, add }: Resolving): void {
  if (typeof t !== 'string') return;
  if (t === key) {
    add({
      code: 'fallback-to-self',
      severity: 'warning',
      path,
      message: `${JSON.stringify(t)} falls back to itself: the group is already retried (num_retries) before any fallback`,
      hint: 'remove it, or name another group',
    });
    return;
  }
  if (resolves(t, groups)) return;
  add(
    unresolved(partial, {
      code: 'unknown-fallback-target',
      severity: 'error',
      path,
      message: `fallback target ${JSON.stringify(t)} is not a model group, a model_info.id or a match of a wildcard model_name: LiteLLM fails over to nothing when it is needed`,
      ...hintFrom(didYouMean(t, [...groups.names, ...groups.ids])),
    }),
  );
}

export function guardrails(list: unknown, groups: Groups, partial: boolean, add: (p: Problem) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((g, i) => {
    const params = isObj(g) ? g.litellm_params : undefined;
    const model = isObj(params) ? params.on_premise_model : undefined;
    if (typeof model !== 'string' || groups.names.has(model)) return;
    add(
      unresolved(partial, {
        code: 'unknown-guardrail-model',
        severity: 'error',
        path: ['guardrails', i, 'litellm_params', 'on_premise_model'],
        message: `on_premise_model ${JSON.stringify(model)} is not a model group: requests this guardrail reroutes have nowhere to go`,
        ...hintFrom(didYouMean(model, groups.names)),
      }),
    );
  });
}

/** With `include:`, a name may be defined in a file tierplan does not read: say so, as a warning. */
function unresolved(partial: boolean, p: Problem): Problem {
  return partial
    ? {
        ...p,
        severity: 'warning',
        message: `${p.message} (unless an included file defines it: tierplan does not read include: files)`,
      }
    : p;
}

function isGroup(key: string, groups: Groups): boolean {
  return key === '*' || groups.names.has(key) || groups.wildcards.some((re) => re.test(key));
}

function resolves(t: string, groups: Groups): boolean {
  return groups.names.has(t) || groups.ids.has(t) || groups.wildcards.some((re) => re.test(t));
}

/** A wildcard model_name (`azure/*`) as LiteLLM's pattern router reads it: `*` is any text. */
export const wildcard = (name: string): Glob => glob(name);

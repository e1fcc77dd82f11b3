// Every LiteLLM deployment entry a request for a model name can end at. The proxy resolves a
// name through `model_group_alias`, its model group (load-balanced), `model_info.id`s and
// wildcard groups, then tries fallbacks of four kinds, each of which may have fallbacks of
// its own. This over-approximates on purpose — every kind of fallback is assumed to fire,
// `default_fallbacks` to apply to every group, `max_fallbacks` to be unlimited — because a
// checker that misses a path is worse than one that reports a path the proxy rarely takes.
import { glob, type Glob } from './glob.js';
import { isRecord, type Path, type ReachPath } from './verify-types.js';

const KINDS = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'] as const;
/** Fallback keys are read from both; `router_settings` wins in the proxy, the union is safe. */
const SECTIONS = ['router_settings', 'litellm_settings'] as const;

interface Entry {
  index: number;
  name: string;
  value: Record<string, unknown>;
}

interface Target {
  name: string;
  steps: Path;
}

/** One fallback list: `key` null applies to every group (default_fallbacks). */
interface FallbackList {
  key: string | null;
  label: string;
  targets: Target[];
}

export interface LitellmGraph {
  entries: Entry[];
  groups: Map<string, Entry[]>;
  /** `model_info.id` → entry: a valid fallback target too. */
  ids: Map<string, Entry[]>;
  lists: FallbackList[];
  /** Lists by exact key, and those whose key needs matching (null, `*`, patterns): lookups stay linear in the config. */
  byKey: Map<string, FallbackList[]>;
  general: FallbackList[];
  /** Groups whose model_name is a pattern (`azure/*`), compiled once. */
  wildcards: { pattern: string; regex: Glob; entries: Entry[] }[];
  /**
   * `model_group_alias`: a public name → the groups that may serve it. `router_settings`'
   * map (the Router's own) comes first; `litellm_settings`' follows, for the same name too.
   */
  aliases: Map<string, Target[]>;
  /** `sensitive_data_routing` guardrails: any request may be rerouted to their model group. */
  reroutes: Target[];
}

export function litellmGraph(config: unknown): LitellmGraph {
  const root = isRecord(config) ? config : {};
  const entries: Entry[] = [];
  const groups = new Map<string, Entry[]>();
  const ids = new Map<string, Entry[]>();
  (Array.isArray(root.model_list) ? root.model_list : []).forEach((value: unknown, index) => {
    if (!isRecord(value) || typeof value.model_name !== 'string') return;
    const entry = { index, name: value.model_name, value };
    entries.push(entry);
    groups.set(entry.name, [...(groups.get(entry.name) ?? []), entry]);
    const id = isRecord(value.model_info) ? value.model_info.id : undefined;
    if (typeof id === 'string') ids.set(id, [...(ids.get(id) ?? []), entry]);
  });
  const lists: FallbackList[] = [];
  const aliases = new Map<string, Target[]>();
  for (const section of SECTIONS) {
    const s = isRecord(root[section]) ? root[section] : {};
    for (const kind of KINDS) {
      const raw = s[kind];
      if (!Array.isArray(raw)) continue;
      raw.forEach((item: unknown, i) => {
        // A bare string in a fallback list is a fallback for every group, as in the proxy.
        if (typeof item === 'string')
          lists.push({
            key: null,
            label: `${kind} (${section})`,
            targets: [{ name: item, steps: [section, kind, i] }],
          });
        if (!isRecord(item)) return;
        for (const [key, targets] of Object.entries(item)) {
          lists.push({ key, label: `${kind} (${section})`, targets: strings(targets, [section, kind, i, key]) });
        }
      });
    }
    if (Array.isArray(s.default_fallbacks))
      lists.push({
        key: null,
        label: `default_fallbacks (${section})`,
        targets: strings(s.default_fallbacks, [section, 'default_fallbacks']),
      });
    if (isRecord(s.model_group_alias)) {
      for (const [name, to] of Object.entries(s.model_group_alias)) {
        const target =
          typeof to === 'string' ? to : isRecord(to) && typeof to.model === 'string' ? to.model : undefined;
        // Both maps are kept (fail closed): the proxy passes `router_settings`' map to the
        // Router, which resolves names with it, and sets `litellm_settings`' keys on the
        // litellm module; which one a given release consults for a name in both differs,
        // so a route either could take is judged.
        if (target !== undefined)
          aliases.set(name, [
            ...(aliases.get(name) ?? []),
            { name: target, steps: [section, 'model_group_alias', name] },
          ]);
      }
    }
  }
  const reroutes: Target[] = [];
  (Array.isArray(root.guardrails) ? root.guardrails : []).forEach((g: unknown, i) => {
    const p = isRecord(g) && isRecord(g.litellm_params) ? g.litellm_params : {};
    if (typeof p.on_premise_model === 'string')
      reroutes.push({ name: p.on_premise_model, steps: ['guardrails', i, 'litellm_params', 'on_premise_model'] });
  });
  const byKey = new Map<string, FallbackList[]>();
  const general: FallbackList[] = [];
  for (const l of lists) {
    if (l.key === null || l.key.includes('*')) general.push(l);
    else byKey.set(l.key, [...(byKey.get(l.key) ?? []), l]);
  }
  const wildcards = [...groups]
    .filter(([name]) => name.includes('*'))
    .map(([pattern, list]) => ({ pattern, regex: glob(pattern), entries: list }));
  return { entries, groups, ids, lists, byKey, general, wildcards, aliases, reroutes };
}

function strings(v: unknown, base: Path): Target[] {
  return Array.isArray(v)
    ? v.flatMap((t: unknown, j) => (typeof t === 'string' ? [{ name: t, steps: [...base, j] }] : []))
    : [];
}

const matches = (pattern: string, name: string): boolean =>
  pattern === name || (pattern.includes('*') && glob(pattern).test(name));
/** The proxy also applies a fallback keyed `gpt-4o` to the group `openai/gpt-4o` (provider prefix stripped). */
const keyApplies = (key: string, name: string): boolean =>
  key === '*' || matches(key, name) || (name.includes('/') && name.slice(name.indexOf('/') + 1) === key);

interface Member {
  entry: Entry;
  /** Set when the name reached the entry through model_group_alias. */
  via?: Path;
  how: string[];
}

/** The entries a requested name is served by, without fallbacks. */
export function members(g: LitellmGraph, name: string, depth = 0): Member[] {
  const out: Member[] = [];
  const alias = g.aliases.get(name);
  if (alias && depth < 8) {
    for (const a of alias)
      for (const m of members(g, a.name, depth + 1))
        out.push({ ...m, via: m.via ?? a.steps, how: [`model_group_alias → "${a.name}"`, ...m.how] });
  }
  const group = g.groups.get(name);
  for (const entry of group ?? []) out.push({ entry, how: [] });
  for (const entry of g.ids.get(name) ?? []) out.push({ entry, how: ['model_info.id'] });
  // Wildcard groups serve only names no group has, as in the proxy.
  if (!group && !alias) {
    for (const w of g.wildcards)
      if (w.regex.test(name))
        for (const entry of w.entries) out.push({ entry, how: [`wildcard group "${w.pattern}"`] });
  }
  return out;
}

/** Whether a name is served by its own group or alias (not only by a wildcard). */
export const hasOwnGroup = (g: LitellmGraph, name: string): boolean => g.groups.has(name) || g.aliases.has(name);

/** Every way a request for `name` ends at an entry: its members, then every fallback, transitively. */
export function litellmReach(g: LitellmGraph, name: string): ReachPath[] {
  const paths: ReachPath[] = [];
  const emit = (found: Member[], via: Path | null, chain: string[], primary: boolean): void => {
    for (const m of found) {
      const leaf: Path = ['model_list', m.entry.index];
      const model = isRecord(m.entry.value.litellm_params) ? m.entry.value.litellm_params.model : undefined;
      paths.push({
        leaf,
        via: via ?? m.via ?? leaf,
        value: m.entry.value,
        chain: [...chain, ...m.how, `model_list[${m.entry.index}]${typeof model === 'string' ? ` (${model})` : ''}`],
        primary,
        live: true,
      });
    }
  };
  const start = [`model group "${name}"`];
  emit(members(g, name), null, start, true);
  const queue: { name: string; chain: string[] }[] = [{ name, chain: start }];
  const seen = new Set([name]);
  const follow = (t: Target, label: string, chain: string[]): void => {
    const next = [...chain, label, `"${t.name}"`];
    emit(members(g, t.name), t.steps, next, false);
    if (!seen.has(t.name)) {
      seen.add(t.name);
      queue.push({ name: t.name, chain: next });
    }
  };
  for (const t of g.reroutes) follow(t, 'sensitive_data_routing guardrail', start);
  for (let item = queue.shift(); item; item = queue.shift()) {
    // Fallbacks are looked up by the requested name; after model_group_alias, by its target too.
    const alias = g.aliases.get(item.name);
    const groupNames = [item.name, ...(alias ?? []).map((a) => a.name)];
    for (const list of listsFor(g, groupNames)) for (const t of list.targets) follow(t, list.label, item.chain);
  }
  return paths;
}

/** The fallback lists that apply to a group, in config order. */
function listsFor(g: LitellmGraph, names: string[]): FallbackList[] {
  const found = new Set<FallbackList>();
  for (const n of names) {
    for (const l of g.byKey.get(n) ?? []) found.add(l);
    if (n.includes('/')) for (const l of g.byKey.get(n.slice(n.indexOf('/') + 1)) ?? []) found.add(l);
  }
  for (const l of g.general) if (l.key === null || names.some((n) => keyApplies(l.key!, n))) found.add(l);
  const order = (l: FallbackList): number => g.lists.indexOf(l);
  return found.size < 2 ? [...found] : [...found].sort((a, b) => order(a) - order(b));
}

/** Names a client can call: model groups and `model_group_alias` keys. */
export function callableNames(g: LitellmGraph): string[] {
  return [...new Set([...g.groups.keys(), ...g.aliases.keys()])];
}

/** Names that fallbacks, aliases and reroutes point at: groups that exist to be fallen back to. */
export function targetNames(g: LitellmGraph): Target[] {
  return [...g.lists.flatMap((l) => l.targets), ...[...g.aliases.values()].flat(), ...g.reroutes];
}

/** For every callable name (and any extra, e.g. a use case served only by a wildcard): what it reaches. */
export function litellmPaths(config: unknown, extra: Iterable<string> = []): Map<string, ReachPath[]> {
  const g = litellmGraph(config);
  const out = new Map<string, ReachPath[]>();
  for (const name of [...callableNames(g), ...extra]) if (!out.has(name)) out.set(name, litellmReach(g, name));
  return out;
}

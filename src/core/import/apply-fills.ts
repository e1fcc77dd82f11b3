// A mapping's constants and defaults applied to one row, after its own cells were read.
// Defaults fill blanks only, in rule order (first match wins per field). Data classes fail
// closed: what does not come from the row's own cells may add to a known answer, never replace
// an unknown one; it then becomes a suggestion with its reason, for a person to confirm.
import type { Suggested, UseCase } from '../policy/types.js';
import type { CompiledFills } from './fills.js';
import type { FieldValues } from './mapping-types.js';

type Key = keyof FieldValues;
type ListKey = 'data_classes' | 'regimes' | 'residency';

const NEEDS = ['task', 'reasoning', 'context_tokens', 'tools', 'modalities'] as const;
const VOLUME = ['requests', 'input_tokens_per_request', 'output_tokens_per_request'] as const;
const isList = (k: Key): k is ListKey => k === 'data_classes' || k === 'regimes' || k === 'residency';
const union = (a: readonly string[] | undefined, b: readonly string[]): string[] => [...new Set([...(a ?? []), ...b])];

export function applyFills(
  fills: CompiledFills,
  cell: (index: number) => string,
  useCase: UseCase,
  /** The row's task cell said unknown: the task is answered, a default does not fill it. */
  taskUnknown: boolean,
  suggested: Suggested,
): void {
  const data = useCase.data ?? {};
  // What the row's own cells left blank, before any constant is added.
  const classesKnown = data.classes !== undefined;
  const ownBlank: Record<ListKey, boolean> = {
    data_classes: !classesKnown,
    regimes: (data.regimes ?? []).length === 0,
    residency: (data.residency ?? []).length === 0,
  };
  let answeredTask = taskUnknown;
  const filled = new Set<Key>();

  const suggest = (names: string[], why: string): void => {
    const fresh = names.filter((n) => !(suggested.data_classes ?? []).includes(n));
    if (fresh.length === 0) return;
    suggested.data_classes = union(suggested.data_classes, fresh);
    suggested.because = [
      ...(suggested.because ?? []),
      `data classes ${fresh.join(', ')}: ${why} (the row's own data classes are not known)`,
    ];
  };
  const addList = (key: ListKey, names: string[], why: string): void => {
    if (key === 'data_classes' && !classesKnown) {
      suggest(names, why);
      return;
    }
    const field = key === 'data_classes' ? 'classes' : key;
    data[field] = union(data[field], names);
  };
  const put = (values: FieldValues, key: Exclude<Key, ListKey>): void => {
    if (key === 'task' && values.task === 'unknown') {
      answeredTask = true;
      return;
    }
    if (key === 'owner' || key === 'status' || key === 'description') {
      Object.assign(useCase, { [key]: values[key] });
      return;
    }
    const value = Array.isArray(values[key]) ? [...(values[key] as string[])] : values[key];
    if ((NEEDS as readonly Key[]).includes(key)) useCase.needs = { ...useCase.needs, [key]: value };
    else if ((VOLUME as readonly Key[]).includes(key)) useCase.volume = { ...useCase.volume, [key]: value };
  };
  const blank = (key: Key): boolean => {
    if (filled.has(key)) return false;
    if (isList(key)) return ownBlank[key];
    if (key === 'task') return !answeredTask && useCase.needs?.task === undefined;
    if (key === 'owner' || key === 'status' || key === 'description') return useCase[key] === undefined;
    if ((NEEDS as readonly Key[]).includes(key)) return useCase.needs?.[key as (typeof NEEDS)[number]] === undefined;
    return useCase.volume?.[key as (typeof VOLUME)[number]] === undefined;
  };

  for (const key of Object.keys(fills.constants) as Key[]) {
    if (isList(key)) addList(key, fills.constants[key]!, "the mapping's constants");
    else put(fills.constants, key);
  }
  for (const rule of fills.defaults) {
    const keys = (Object.keys(rule.set) as Key[]).filter(blank);
    if (keys.length === 0 || (rule.when && !rule.when.test(cell(rule.when.index)))) continue;
    const why = rule.when ? `default for ${rule.when.says}` : 'default for every row';
    for (const key of keys) {
      filled.add(key);
      if (isList(key)) addList(key, rule.set[key]!, why);
      else put(rule.set, key);
    }
  }
  if (Object.keys(data).length > 0) useCase.data = data;
  // Keys in the order a row's own cells give them, so the inventory reads the same either way.
  reorder(useCase, ['owner', 'status', 'description', 'data', 'needs', 'volume']);
  if (useCase.data) reorder(useCase.data, ['classes', 'regimes', 'residency']);
  if (useCase.needs) reorder(useCase.needs, NEEDS);
  if (useCase.volume) reorder(useCase.volume, VOLUME);
}

function reorder<T extends object>(o: T, keys: readonly string[]): void {
  const r = o as Record<string, unknown>;
  for (const k of keys) {
    if (!(k in r)) continue;
    const v = r[k];
    delete r[k];
    r[k] = v;
  }
}

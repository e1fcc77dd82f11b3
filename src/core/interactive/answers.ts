// An architect's answers about one use case, and the inventory changes they make. Pure: the
// io layer (src/io/edit/inventory-edit.ts) applies the same changes to the YAML text.
import type { Modality, Reasoning, Task, UseCase } from '../policy/types.js';

/** A field left undefined was not asked and stays as it is in the inventory. */
export interface Answers {
  data?: { classes: string[]; regimes?: string[]; residency?: string[] };
  needs?: { task: Task; reasoning?: Reasoning; context_tokens?: number; tools?: boolean; modalities?: Modality[] };
  volume?: { requests: number; input_tokens_per_request?: number; output_tokens_per_request?: number };
}

/**
 * One change to a use case: `value` undefined removes the key. Paths are one key deep
 * (`suggested`) or two (`data.classes`), the only shapes answers produce.
 */
export interface Change {
  path: [string] | [string, string];
  value?: unknown;
}

/** The inventory's usual key order, which new keys follow. */
export const KEY_ORDER: Record<string, readonly string[]> = {
  '': ['id', 'name', 'owner', 'status', 'description', 'data', 'needs', 'volume', 'suggested', 'override'],
  data: ['classes', 'regimes', 'residency'],
  needs: ['task', 'reasoning', 'context_tokens', 'tools', 'modalities'],
  volume: ['requests', 'input_tokens_per_request', 'output_tokens_per_request'],
  suggested: ['data_classes', 'task', 'because', 'dismissed'],
};

/** What the prompts start from: the facts already written, then the suggestions awaiting confirmation. */
export function initialAnswers(uc: UseCase): Answers {
  const suggestedClasses = uc.suggested?.data_classes ?? [];
  const classes = [
    ...(uc.data?.classes ?? []),
    ...suggestedClasses.filter((c) => !(uc.data?.classes ?? []).includes(c)),
  ];
  const task = uc.suggested?.task ?? uc.needs?.task;
  return {
    data: { classes, regimes: [...(uc.data?.regimes ?? [])], residency: [...(uc.data?.residency ?? [])] },
    ...(task !== undefined ? { needs: { ...uc.needs, task } } : {}),
    ...(uc.volume?.requests !== undefined ? { volume: { ...uc.volume, requests: uc.volume.requests } } : {}),
  };
}

/**
 * The changes that record `answers` in `uc`; a value equal to what is written already makes no
 * change. An empty list of regimes or residency removes the key (absent means none / anywhere);
 * modalities of text alone are not written (text is what an absent list means). Saving always
 * removes `suggested`: its guesses have now been confirmed or corrected.
 */
export function changesFor(uc: UseCase, answers: Answers): Change[] {
  const changes: Change[] = [];
  const set = (group: 'data' | 'needs' | 'volume', key: string, value: unknown): void => {
    const current = (uc[group] as Record<string, unknown> | undefined)?.[key];
    if (!sameValue(current, value))
      changes.push(value === undefined ? { path: [group, key] } : { path: [group, key], value });
  };
  const listOrAbsent = (xs: readonly string[]): string[] | undefined => (xs.length > 0 ? [...xs] : undefined);
  const { data, needs, volume } = answers;
  if (data) {
    set('data', 'classes', [...data.classes]);
    if (data.regimes) set('data', 'regimes', listOrAbsent(data.regimes));
    if (data.residency) set('data', 'residency', listOrAbsent(data.residency));
  }
  if (needs) {
    set('needs', 'task', needs.task);
    if (needs.reasoning !== undefined) set('needs', 'reasoning', needs.reasoning);
    if (needs.context_tokens !== undefined) set('needs', 'context_tokens', needs.context_tokens);
    if (needs.tools !== undefined) set('needs', 'tools', needs.tools);
    if (needs.modalities)
      set(
        'needs',
        'modalities',
        needs.modalities.length === 1 && needs.modalities[0] === 'text' ? undefined : listOrAbsent(needs.modalities),
      );
  }
  if (volume) {
    set('volume', 'requests', volume.requests);
    if (volume.input_tokens_per_request !== undefined)
      set('volume', 'input_tokens_per_request', volume.input_tokens_per_request);
    if (volume.output_tokens_per_request !== undefined)
      set('volume', 'output_tokens_per_request', volume.output_tokens_per_request);
  }
  if (uc.suggested !== undefined) changes.push({ path: ['suggested'] });
  return changes;
}

/** The use case with `changes` made: what the inventory holds once they are written. */
export function applyChanges(uc: UseCase, changes: readonly Change[]): UseCase {
  const out = structuredClone(uc) as unknown as Record<string, unknown>;
  for (const { path, value } of changes) {
    const [group, key] = path;
    if (key === undefined) {
      if (value === undefined) delete out[group];
      else out[group] = structuredClone(value);
      continue;
    }
    out[group] ??= {};
    const sub = out[group] as Record<string, unknown>;
    if (value === undefined) delete sub[key];
    else sub[key] = structuredClone(value);
  }
  return out as unknown as UseCase;
}

/** Structural equality of plain data; key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

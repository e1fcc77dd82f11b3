import type { Policy, PolicyFile, Tier } from './types.js';

/**
 * The effective policy: with `extends: default` a file is merged over the base — catalogs
 * (data classes, regimes) by key, capability rules, tiers and triggers by id (a tier given replaces
 * the base tier of that id whole, so a tier's deployments are never half-inherited), review's
 * provider names by name —
 * and lists such as levels, preference and matrix replace the base's when given.
 * With `extends: none` the file is the whole policy; missing sections are reported by
 * `checkPolicy`, not filled in silently.
 */
export function mergePolicy(file: PolicyFile, base: Policy): Policy {
  if (file.extends === 'none') {
    return {
      version: 1,
      name: file.name ?? 'custom',
      sensitivity: {
        levels: file.sensitivity?.levels ?? [],
        fail_closed: file.sensitivity?.fail_closed ?? '',
        ...(file.sensitivity?.no_class_level !== undefined ? { no_class_level: file.sensitivity.no_class_level } : {}),
        data_classes: file.sensitivity?.data_classes ?? {},
        regimes: file.sensitivity?.regimes ?? {},
      },
      capability: {
        levels: file.capability?.levels ?? [],
        unclassified: file.capability?.unclassified ?? '',
        rules: file.capability?.rules ?? [],
      },
      tiers: file.tiers ?? [],
      preference: file.preference ?? [],
      ...(file.matrix ? { matrix: file.matrix } : {}),
      ...(file.reference_split ? { reference_split: file.reference_split } : {}),
      ...(file.gateway ? { gateway: file.gateway } : {}),
      ...(file.triggers ? { triggers: file.triggers } : {}),
      ...(file.review ? { review: file.review } : {}),
      ...(file.currency ? { currency: file.currency } : {}),
    };
  }
  const s = file.sensitivity ?? {};
  const noClass = s.no_class_level ?? base.sensitivity.no_class_level;
  const c = file.capability ?? {};
  const matrix = file.matrix ?? base.matrix;
  const referenceSplit = file.reference_split ?? base.reference_split;
  const gateway = file.gateway || base.gateway ? { ...base.gateway, ...file.gateway } : undefined;
  const triggers = file.triggers || base.triggers ? mergeById(base.triggers ?? [], file.triggers ?? []) : undefined;
  // Provider names by name, the file's over the base's.
  const names = { ...base.review?.provider_names, ...file.review?.provider_names };
  const review = file.review || base.review ? { ...base.review, ...file.review, provider_names: names } : undefined;
  return {
    version: 1,
    name: file.name ?? `${base.name} + overrides`,
    sensitivity: {
      levels: s.levels ?? base.sensitivity.levels,
      fail_closed: s.fail_closed ?? base.sensitivity.fail_closed,
      ...(noClass !== undefined ? { no_class_level: noClass } : {}),
      data_classes: { ...base.sensitivity.data_classes, ...s.data_classes },
      regimes: { ...base.sensitivity.regimes, ...s.regimes },
    },
    capability: {
      levels: c.levels ?? base.capability.levels,
      unclassified: c.unclassified ?? base.capability.unclassified,
      rules: mergeById(base.capability.rules, c.rules ?? []),
    },
    tiers: mergeById<Tier>(base.tiers, file.tiers ?? []),
    preference: file.preference ?? base.preference,
    ...(matrix ? { matrix } : {}),
    ...(referenceSplit ? { reference_split: referenceSplit } : {}),
    ...(gateway ? { gateway } : {}),
    ...(triggers ? { triggers } : {}),
    ...(review ? { review } : {}),
    ...((file.currency ?? base.currency) ? { currency: file.currency ?? base.currency } : {}),
  };
}

function mergeById<T extends { id: string }>(base: T[], over: T[]): T[] {
  const byId = new Map(over.map((x) => [x.id, x]));
  const merged = base.map((x) => byId.get(x.id) ?? x);
  return [...merged, ...over.filter((x) => !base.some((b) => b.id === x.id))];
}

type Path = (string | number)[];

/**
 * Where a problem found in the merged policy sits in the user's file, or null when it comes
 * from the built-in default that the file extends.
 */
export function pathInFile(path: Path, merged: Policy, file: PolicyFile): Path | null {
  const [section, key, ...rest] = path;
  const byId = (list: { id: string }[] | undefined, mergedList: { id: string }[]): Path | null => {
    const id = typeof key === 'number' ? mergedList[key]?.id : undefined;
    const idx = list?.findIndex((x) => x.id === id) ?? -1;
    return idx >= 0 ? [section!, idx, ...rest] : null;
  };
  if (file.extends !== 'none') {
    if (section === 'tiers') return byId(file.tiers, merged.tiers);
    if (section === 'triggers') return byId(file.triggers, merged.triggers ?? []);
    if (section === 'capability' && key === 'rules') {
      const id = typeof rest[0] === 'number' ? merged.capability.rules[rest[0]]?.id : undefined;
      const idx = file.capability?.rules?.findIndex((r) => r.id === id) ?? -1;
      return idx >= 0 ? ['capability', 'rules', idx, ...rest.slice(1)] : null;
    }
    if (section === 'sensitivity' && (key === 'data_classes' || key === 'regimes')) {
      const name = rest[0];
      const map = file.sensitivity?.[key];
      return typeof name === 'string' && map && name in map ? path : null;
    }
  }
  if (section === undefined) return [];
  return section in file ? path : null;
}

// Which use case a usage row is for, from the signals it carries, in this order of precedence:
// 1. a `tierplan-uc:<id>` tag or metadata key (the caller or the gateway said so);
// 2. the alias, LiteLLM's `model_group`, with tierplan's fallback groups `<alias>--<deployment>`
//    read back as `<alias>`;
// 3. the prefix of a `model_id` `<alias>.<deployment>` (tierplan's `model_info.id`).
// A name that is no use case of the inventory (a generic `default-router` group, a caller's own
// tag) never hides one that is. Several use cases named: the row is for each of them.

const UC_TAG = 'tierplan-uc:';

/** The separator of tierplan's generated fallback groups; it never occurs in a use case id. */
const FALLBACK_SEPARATOR = '--';

export interface Who {
  /** The use case the row is counted for: the first known name in precedence order (else the first name). */
  use_case: string | null;
  /** Every distinct name the row carries, in precedence order. */
  names: string[];
  /** Deployments the labels claim (fallback group suffix, model_id suffix), to check against the connection. */
  claimedDeployments: string[];
}

export interface WhoRow {
  alias: string | null;
  tags: readonly string[];
  model_id: string | null;
}

/**
 * `isUseCase` tells inventory ids (undefined: every name counts as one); `isDeployment` the
 * policy's deployment ids.
 */
export function whoOf(
  row: WhoRow,
  isDeployment: (id: string) => boolean,
  isUseCase: ((id: string) => boolean) | undefined,
  ownerOf?: (alias: string) => string | undefined,
): Who {
  const names: string[] = [];
  const claimed: string[] = [];
  // An inventory alias (a name applications called before tierplan) stands for its use case.
  const name = (n: string | null | undefined): void => {
    const raw = n?.trim();
    const t = raw ? (ownerOf?.(raw) ?? raw) : raw;
    if (t && !names.includes(t)) names.push(t);
  };
  for (const t of row.tags) if (t.startsWith(UC_TAG)) name(t.slice(UC_TAG.length));
  if (row.alias !== null) {
    const sep = row.alias.indexOf(FALLBACK_SEPARATOR);
    if (sep > 0) {
      name(row.alias.slice(0, sep));
      const d = row.alias.slice(sep + FALLBACK_SEPARATOR.length);
      if (isDeployment(d)) claimed.push(d);
    } else name(row.alias);
  }
  if (row.model_id !== null) {
    const dot = row.model_id.indexOf('.');
    if (dot > 0) {
      const prefix = row.model_id.slice(0, dot);
      const d = row.model_id.slice(dot + 1);
      if (isDeployment(d)) {
        name(prefix);
        if (!claimed.includes(d)) claimed.push(d);
      } else if (isUseCase?.(prefix)) name(prefix);
    }
  }
  const known = isUseCase === undefined ? names : names.filter(isUseCase);
  return { use_case: known[0] ?? names[0] ?? null, names, claimedDeployments: claimed };
}

/** The names that are use cases of the inventory (all of them when the inventory is not known). */
export const knownNames = (who: Who, isUseCase: ((id: string) => boolean) | undefined): string[] =>
  isUseCase === undefined ? who.names : who.names.filter(isUseCase);

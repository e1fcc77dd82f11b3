// What an application key scoped to a use case's access group can reach. LiteLLM lets a key whose
// `models` names an access group call every model group that has an entry carrying that group in
// `model_info.access_groups`, and accepts any of them as a fallback sent in the request body; from
// each, the config's own fallbacks follow. So a group that covers more than the use case's own
// entries widens what its data can reach at run time, whatever the config's routes say.
import { accessGroup } from '../gateway/leaves.js';
import type { PlannedUseCase } from '../plan/plan-types.js';
import { finding, judgeReach, type JudgeContext } from './judge.js';
import { litellmReach, type LitellmGraph } from './litellm.js';
import { isRecord, type Path, type ReachPath, type VerifyFinding } from './verify-types.js';

/** Access group → the model groups it lets a key call, each with the first `access_groups` item that put it there. */
export type AccessGroups = Map<string, Map<string, Path>>;

export function accessGroups(g: LitellmGraph): AccessGroups {
  const out: AccessGroups = new Map();
  for (const e of g.entries) {
    const info = e.value.model_info;
    if (!isRecord(info) || !Array.isArray(info.access_groups)) continue;
    info.access_groups.forEach((name: unknown, j) => {
      if (typeof name !== 'string') return;
      const members = out.get(name) ?? new Map<string, Path>();
      if (!members.has(e.name)) members.set(e.name, ['model_list', e.index, 'model_info', 'access_groups', j]);
      out.set(name, members);
    });
  }
  return out;
}

/** A config tierplan wrote (or one edited from it): its entries name their use case. */
export const looksGenerated = (g: LitellmGraph): boolean =>
  g.entries.some((e) => isRecord(e.value.model_info) && typeof e.value.model_info.tierplan_use_case === 'string');

const leafKey = (p: ReachPath): string => JSON.stringify(p.leaf);

/**
 * Judges what `u`'s key reaches through its access group beyond the use case's own routes
 * (`own`, already judged as routes): anything not cleared for it, or more open than its routing
 * may go, is `access-group-uncleared`, placed at the `access_groups` item responsible.
 */
export function checkAccessGroup(
  u: PlannedUseCase,
  g: LitellmGraph,
  own: ReachPath[],
  groups: AccessGroups,
  generated: boolean,
  ctx: JudgeContext,
): VerifyFinding[] {
  const name = accessGroup(u.id);
  const members = groups.get(name);
  if (!members) {
    const first = g.groups.get(u.id)?.[0];
    if (!generated || !first) return [];
    return [
      finding(
        ctx.file,
        'warning',
        'access-group-missing',
        u.id,
        isRecord(first.value.model_info) ? ['model_list', first.index, 'model_info'] : ['model_list', first.index],
        `no entry carries the access group "${name}": a key for "${u.id}" cannot be scoped to its cleared entries, so a request-body fallback can take its data to any model group the key may call`,
      ),
    ];
  }
  const reached = new Set(own.map(leafKey));
  const paths: ReachPath[] = [];
  for (const [modelName, steps] of members) {
    for (const p of litellmReach(g, modelName)) {
      if (reached.has(leafKey(p))) continue;
      reached.add(leafKey(p));
      paths.push({
        ...p,
        via: steps,
        primary: false,
        chain: [`key scoped to access group "${name}"`, ...p.chain],
      });
    }
  }
  return judgeReach(u, paths, ctx)
    .filter((f) => f.code !== 'tier-drift')
    .map((f) => ({
      ...f,
      code: 'access-group-uncleared' as const,
      message: `with a key scoped to access group "${name}", ${f.message}`,
    }));
}

// What adopting writes, as data: deployments added to tiers (with regions the tiers must gain),
// new use case stubs, aliases added to existing use cases. The io layer turns these into edits
// of the two files, keeping everything else as it was.
import type { Deployment, Inventory, Policy, Status, UseCase } from '../policy/types.js';
import type { AdoptProposal } from './adopt-types.js';
import { suggestedClasses } from './propose.js';

interface TierChange {
  tier: string;
  add: Deployment[];
  /** Regions the tier must list for its new deployments (e.g. `unknown`). */
  regions: string[];
}

export interface AdoptChanges {
  tiers: TierChange[];
  useCases: UseCase[];
  aliases: { use_case: string; add: string[] }[];
}

export function adoptChanges(
  proposal: AdoptProposal,
  policy: Policy,
  inventory: Inventory,
  opts: { status?: Status; source: string },
): AdoptChanges {
  const tiers: TierChange[] = [];
  for (const t of policy.tiers) {
    const add = proposal.deployments.filter((d) => !d.existing && d.tier === t.id).map((d) => d.deployment);
    if (add.length === 0) continue;
    const regions = [...new Set(add.map((d) => d.region))].filter((r) => !t.regions.includes(r));
    tiers.push({ tier: t.id, add, regions });
  }
  const existing = new Map(inventory.use_cases.map((u) => [u.id, u]));
  const stubs = new Map<string, UseCase>();
  const aliases = new Map<string, string[]>();
  for (const a of proposal.aliases) {
    if (a.kind === 'use-case') continue;
    const u = existing.get(a.use_case);
    if (u !== undefined) {
      if (!(u.aliases ?? []).includes(a.name) && a.name !== u.id)
        aliases.set(u.id, [...new Set([...(aliases.get(u.id) ?? []), a.name])]);
      continue;
    }
    const stub = stubs.get(a.use_case) ?? stubFor(a.use_case, a.name, opts.source, opts.status ?? 'production');
    if (a.name !== stub.id && !(stub.aliases ?? []).includes(a.name)) stub.aliases = [...(stub.aliases ?? []), a.name];
    const classes = suggestedClasses(a.name, policy).filter((c) => !(stub.suggested?.data_classes ?? []).includes(c));
    if (classes.length > 0)
      stub.suggested = {
        data_classes: [...(stub.suggested?.data_classes ?? []), ...classes],
        because: [
          ...(stub.suggested?.because ?? []),
          ...classes.map((c) => `data class ${c}: the gateway name "${a.name}" mentions "${c}"`),
        ],
      };
    stubs.set(a.use_case, stub);
  }
  return {
    tiers,
    useCases: [...stubs.values()],
    aliases: [...aliases].map(([use_case, add]) => ({ use_case, add })),
  };
}

function stubFor(id: string, name: string, source: string, status: Status): UseCase {
  return {
    id,
    name,
    status,
    description: `Adopted from the gateway (${source}): applications call "${name}". Say what data it handles and what it needs, then run tierplan plan.`,
  };
}

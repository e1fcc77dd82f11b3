// The questions of `tierplan adopt` on a terminal: the tier of each new deployment (the proposal
// first, with why), its capability and region when adopt could not tell, and which use case each
// name applications call belongs to. What flags or an answers file already said is not asked.
import type { AdoptAnswers } from '../../core/adopt/answers.js';
import type { AdoptProposal } from '../../core/adopt/adopt-types.js';
import { UNKNOWN_REGION } from '../../core/adopt/propose.js';
import type { Inventory, Policy } from '../../core/policy/types.js';

const PAGE = 12;

export async function askAdoptAnswers(
  proposal: AdoptProposal,
  policy: Policy,
  inventory: Inventory,
  given: AdoptAnswers,
  signal: AbortSignal,
): Promise<AdoptAnswers> {
  const { select } = await import('@inquirer/prompts');
  const io = { signal };
  const answers: AdoptAnswers = {
    ...given,
    deployments: { ...given.deployments },
    aliases: { ...given.aliases },
  };
  const fresh = proposal.deployments.filter((d) => !d.existing);
  for (const [i, d] of fresh.entries()) {
    const id = d.deployment.id;
    const a = { ...answers.deployments![id] };
    if (a.skip === true) continue;
    const where = d.usedBy.map((u) => `"${u.name}"`).join(', ');
    if (a.tier === undefined) {
      a.tier = await select(
        {
          message: `(${i + 1}/${fresh.length}) ${id}: which tier? (${d.deployment.provider}/${d.deployment.model}, used by ${where})`,
          choices: policy.tiers.map((t) => ({
            name: t.id === d.tier ? `${t.id} — proposed: ${d.why[0] ?? ''}` : `${t.id} — clearance ${t.clearance}`,
            short: t.id,
            value: t.id,
          })),
          default: d.tier,
          pageSize: PAGE,
          loop: false,
        },
        io,
      );
    }
    if (a.capability === undefined && d.unknown.includes('capability')) {
      a.capability = await select(
        {
          message: `${id}: what can it do? (adopt does not know this model)`,
          choices: policy.capability.levels.map((l) => ({ name: l, value: l })),
          default: policy.capability.levels[0],
          loop: false,
        },
        io,
      );
    }
    if (a.region === undefined && d.unknown.includes('region')) {
      const regions = [...new Set(policy.tiers.flatMap((t) => t.regions))];
      const region = await select(
        {
          message: `${id}: which region does it serve from? (adopt could not tell)`,
          choices: [
            ...regions.map((r) => ({ name: r, value: r })),
            {
              name: `${UNKNOWN_REGION} — keep it out of every residency-bound use case`,
              short: UNKNOWN_REGION,
              value: UNKNOWN_REGION,
            },
          ],
          default: UNKNOWN_REGION,
          loop: false,
        },
        io,
      );
      if (region !== UNKNOWN_REGION) a.region = region;
    }
    answers.deployments![id] = a;
  }
  const asked = proposal.aliases.filter((a) => a.kind === 'new' && answers.aliases![a.name] === undefined);
  for (const [i, a] of asked.entries()) {
    const runs = a.deployments.length > 0 ? ` (runs on ${a.deployments.join(', ')})` : '';
    const choice = await select(
      {
        message: `(${i + 1}/${asked.length}) Applications call "${a.name}"${runs}. Which use case is it?`,
        choices: [
          { name: `a new use case, ${a.use_case} — ${a.why}`, short: `new: ${a.use_case}`, value: a.use_case },
          ...inventory.use_cases.map((u) => ({ name: `${u.id} — ${u.name}`, short: u.id, value: u.id })),
        ],
        default: a.use_case,
        pageSize: PAGE,
        loop: false,
      },
      io,
    );
    answers.aliases![a.name] = choice;
  }
  return answers;
}

export async function confirmWrite(files: string[], signal: AbortSignal): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: `Write ${files.join(' and ')}?`, default: true }, { signal });
}

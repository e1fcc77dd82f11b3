// What the user decided, from the terminal's questions, `--tier`/`--alias` flags or an answers
// file (schemas/adopt-answers.schema.json), applied over the proposal. Every answer must name
// something the proposal has and a value the policy knows: a typo is an error, never ignored.
import type { Inventory, Policy, Status } from '../policy/types.js';
import type { AdoptProposal } from './adopt-types.js';

interface DeploymentAnswer {
  /** Keep it out of the policy (its entries stay unknown to verify). */
  skip?: boolean;
  /** A different id for the deployment. */
  id?: string;
  tier?: string;
  capability?: string;
  region?: string;
  context_tokens?: number;
}

export interface AdoptAnswers {
  version: 1;
  /** By the id the proposal gives the deployment. */
  deployments?: Record<string, DeploymentAnswer>;
  /** A name applications call → the use case it belongs to (existing or new), or `new` for a stub of its own. */
  aliases?: Record<string, string>;
  /** Status of the new use case stubs (default production: applications call them today). */
  status?: Status;
}

export interface AnswerProblem {
  /** Where in the answers: `deployments.openai-gpt-4o.tier`. */
  at: string;
  message: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DEPLOYMENT_ID = /^[a-z0-9]+([-_.][a-z0-9]+)*$/;

export function applyAnswers(
  proposal: AdoptProposal,
  answers: AdoptAnswers,
  policy: Policy,
  inventory: Inventory,
): { proposal: AdoptProposal; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const tiers = policy.tiers.map((t) => t.id);
  const levels = policy.capability.levels;
  const byId = new Map(proposal.deployments.map((d) => [d.deployment.id, d]));
  const renamed = new Map<string, string>();
  const taken = new Set(policy.tiers.flatMap((t) => t.deployments.map((d) => d.id)));
  for (const d of proposal.deployments) taken.add(d.deployment.id);
  const deployments = proposal.deployments.map((d) => ({
    ...d,
    deployment: { ...d.deployment },
    why: [...d.why],
    unknown: [...d.unknown],
    sources: { ...d.sources },
  }));
  const skipped = new Set<string>();
  for (const [id, a] of Object.entries(answers.deployments ?? {})) {
    const at = (k: string): string => `deployments.${id}${k === '' ? '' : `.${k}`}`;
    const found = byId.get(id);
    if (found === undefined) {
      problems.push({
        at: at(''),
        message: `no proposed deployment is "${id}" (proposed: ${[...byId.keys()].join(', ') || 'none'})`,
      });
      continue;
    }
    const d = deployments[proposal.deployments.indexOf(found)]!;
    if (
      d.existing &&
      (a.tier !== undefined || a.capability !== undefined || a.region !== undefined || a.id !== undefined)
    ) {
      problems.push({
        at: at(''),
        message: `"${id}" is already in the policy (tier ${d.tier}): change it in the policy file`,
      });
      continue;
    }
    if (a.skip === true) {
      skipped.add(id);
      continue;
    }
    if (a.tier !== undefined) {
      if (!tiers.includes(a.tier))
        problems.push({ at: at('tier'), message: `unknown tier "${a.tier}" (tiers: ${tiers.join(', ')})` });
      else if (a.tier !== d.tier) {
        d.why.unshift(`you chose ${a.tier} (proposed ${d.tier}: ${d.why[0] ?? ''})`);
        d.tier = a.tier;
      }
    }
    if (a.capability !== undefined) {
      if (!levels.includes(a.capability))
        problems.push({
          at: at('capability'),
          message: `unknown capability "${a.capability}" (levels: ${levels.join(', ')})`,
        });
      else {
        d.deployment.capability = a.capability;
        d.sources.capability = 'answer';
        d.unknown = d.unknown.filter((u) => u !== 'capability');
      }
    }
    if (a.region !== undefined) {
      d.deployment.region = a.region;
      d.sources.region = 'answer';
      d.unknown = d.unknown.filter((u) => u !== 'region');
    }
    if (a.context_tokens !== undefined) {
      d.deployment.context_tokens = a.context_tokens;
      d.sources.context = 'answer';
      d.unknown = d.unknown.filter((u) => u !== 'context_tokens');
    }
    if (a.id !== undefined && a.id !== id) {
      if (!DEPLOYMENT_ID.test(a.id) || a.id.length > 63)
        problems.push({
          at: at('id'),
          message: `"${a.id}" is not a valid deployment id (lower case letters, digits, - _ .)`,
        });
      else if (taken.has(a.id)) problems.push({ at: at('id'), message: `deployment id "${a.id}" is taken` });
      else {
        taken.add(a.id);
        renamed.set(id, a.id);
        d.deployment.id = a.id;
      }
    }
  }
  const ids = new Set(inventory.use_cases.map((u) => u.id));
  const names = new Set(proposal.aliases.map((a) => a.name));
  for (const [name, to] of Object.entries(answers.aliases ?? {})) {
    if (!names.has(name))
      problems.push({ at: `aliases.${name}`, message: `no name applications call is "${name}" in the config` });
    else if (to !== 'new' && (!SLUG.test(to) || to.length > 63))
      problems.push({ at: `aliases.${name}`, message: `"${to}" is not a use case id (a slug) nor "new"` });
  }
  const aliases = proposal.aliases.map((a) => {
    const deploymentsOf = a.deployments.filter((x) => !skipped.has(x)).map((x) => renamed.get(x) ?? x);
    const to = answers.aliases?.[a.name];
    if (to === undefined || to === 'new' || !names.has(a.name) || (!SLUG.test(to) && to !== 'new'))
      return { ...a, deployments: deploymentsOf };
    if (ids.has(to))
      return {
        ...a,
        deployments: deploymentsOf,
        kind: a.name === to ? ('use-case' as const) : ('alias' as const),
        use_case: to,
        why: 'you chose this use case',
      };
    return {
      ...a,
      deployments: deploymentsOf,
      kind: 'new' as const,
      use_case: to,
      why: 'you chose a new use case of this id',
    };
  });
  return {
    proposal: {
      ...proposal,
      deployments: deployments.filter((d) => !skipped.has(proposal.deployments[deployments.indexOf(d)]!.deployment.id)),
      aliases,
    },
    problems,
  };
}

import { didYouMean } from '../diagnostics/problems.js';
import type { Policy } from '../policy/types.js';

/**
 * What `tierplan init` asks: the tiers an organisation runs, the regions and providers it
 * uses, the regulatory regimes that apply. Every answer is a subset of what the base policy
 * (the built-in default) offers; the scaffolded policy keeps only what was chosen.
 */
export interface InitAnswers {
  tiers: string[];
  regions: string[];
  providers: string[];
  regimes: string[];
}

export interface InitChoice {
  value: string;
  name: string;
  description: string;
}

// Friendlier names for the default catalog's provider ids; an unknown provider shows as itself.
const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI API',
  anthropic: 'Anthropic API',
  bedrock: 'AWS Bedrock',
  azure: 'Azure OpenAI',
  vertex_ai: 'Google Vertex AI',
  hosted_vllm: 'vLLM on your own GPUs',
};

export const providerName = (p: string): string => PROVIDER_NAMES[p] ?? p;

const unique = (xs: string[]): string[] => [...new Set(xs)];

/** The answers `--yes` takes: everything the base policy offers, so the default policy is written whole. */
export function defaultAnswers(base: Policy): InitAnswers {
  return {
    tiers: base.tiers.map((t) => t.id),
    regions: regionsOf(
      base,
      base.tiers.map((t) => t.id),
    ),
    providers: unique(base.tiers.flatMap((t) => t.deployments.map((d) => d.provider))),
    regimes: Object.keys(base.sensitivity.regimes),
  };
}

function regionsOf(base: Policy, tiers: string[]): string[] {
  return unique(base.tiers.filter((t) => tiers.includes(t.id)).flatMap((t) => t.deployments.map((d) => d.region)));
}

export function tierChoices(base: Policy): InitChoice[] {
  return base.tiers.map((t) => ({ value: t.id, name: `${t.name} (${t.id})`, description: t.description ?? '' }));
}

/** Regions where the chosen tiers have deployments. */
export function regionChoices(base: Policy, tiers: string[]): InitChoice[] {
  return regionsOf(base, tiers).map((r) => {
    const where = base.tiers
      .filter((t) => tiers.includes(t.id) && t.deployments.some((d) => d.region === r))
      .map((t) => t.name);
    return { value: r, name: r, description: `deployments in ${r}: ${where.join(', ')}` };
  });
}

/** Providers with a deployment in the chosen tiers and regions, named with what they would keep. */
export function providerChoices(base: Policy, tiers: string[], regions: string[]): InitChoice[] {
  const kept = base.tiers
    .filter((t) => tiers.includes(t.id))
    .flatMap((t) => t.deployments.filter((d) => regions.includes(d.region)).map((d) => ({ t, d })));
  return unique(kept.map((k) => k.d.provider)).map((p) => {
    const mine = kept.filter((k) => k.d.provider === p);
    const tierNames = unique(mine.map((k) => k.t.name)).join(', ');
    return {
      value: p,
      name: `${providerName(p)} (${tierNames}; ${unique(mine.map((k) => k.d.region)).join(', ')})`,
      description: `keeps ${mine.map((k) => k.d.id).join(', ')}`,
    };
  });
}

export function regimeChoices(base: Policy): InitChoice[] {
  return Object.entries(base.sensitivity.regimes).map(([id, r]) => ({
    value: id,
    name: id,
    description: r.description,
  }));
}

/** Names in the answers that the base policy does not offer, each with a suggestion when one is close. */
export function unknownAnswers(base: Policy, a: Partial<InitAnswers>): string[] {
  const known = defaultAnswers(base);
  const problems: string[] = [];
  const check = (what: string, key: keyof InitAnswers): void => {
    for (const v of a[key] ?? []) {
      if (known[key].includes(v)) continue;
      const hint = didYouMean(v, known[key]);
      problems.push(
        `--${key}: unknown ${what} "${v}"${hint ? ` (${hint})` : ''}; ${what}s are ${known[key].join(', ')}`,
      );
    }
  };
  check('tier', 'tiers');
  check('region', 'regions');
  check('provider', 'providers');
  check('regime', 'regimes');
  return problems;
}

/**
 * Why these answers cannot make a usable policy, in words a user can act on (empty when
 * they can): unknown names, no tier at all, or a chosen tier left without any deployment.
 */
export function checkAnswers(base: Policy, a: InitAnswers): string[] {
  const unknown = unknownAnswers(base, a);
  if (unknown.length > 0) return unknown;
  if (a.tiers.length === 0) return ['choose at least one tier: a policy without tiers places nothing'];
  const problems: string[] = [];
  for (const t of base.tiers.filter((x) => a.tiers.includes(x.id))) {
    if (keptDeployments(t.deployments, a).length > 0) continue;
    const offers = unique(t.deployments.map((d) => `${d.provider} in ${d.region}`)).join(', ');
    problems.push(
      `tier ${t.id} would keep no deployment with providers ${list(a.providers)} in regions ${list(a.regions)}: it offers ${offers}; choose one of those or leave the tier out`,
    );
  }
  return problems;
}

export function keptDeployments<D extends { provider: string; region: string }>(
  deployments: D[],
  a: Pick<InitAnswers, 'providers' | 'regions'>,
): D[] {
  return deployments.filter((d) => a.providers.includes(d.provider) && a.regions.includes(d.region));
}

const list = (xs: string[]): string => (xs.length ? xs.join(', ') : '(none)');

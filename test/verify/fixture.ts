// A small policy (two deployments per tier) and an inventory with one use case per kind of
// placement; the configs tierplan generates for them, parsed, ready to be broken by hand.
import { parse } from 'yaml';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { litellmParams, portkeyLeaf, tierTag, useCaseTag } from '../../src/core/gateway/leaves.js';
import { computePlan } from '../../src/core/plan/plan.js';
import type { Plan } from '../../src/core/plan/plan-types.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { RoutingModel } from '../../src/core/gateway/routing-types.js';
import type { Deployment, Inventory, Policy } from '../../src/core/policy/types.js';
import { verifyConfigs } from '../../src/core/verify/verify.js';
import type { ConfigInput, VerifyFinding } from '../../src/core/verify/verify-types.js';
import { renderLitellmConfig } from '../../src/render/gateway/litellm-config.js';
import { renderPortkeyConditional } from '../../src/render/gateway/portkey-conditional.js';
import { renderPortkeyConfigs } from '../../src/render/gateway/portkey-config.js';

const d = (
  id: string,
  provider: string,
  model: string,
  capability: string,
  endpoint?: string,
  region = 'us',
): Deployment => ({
  id,
  provider,
  model,
  capability,
  region,
  context_tokens: 128000,
  ...(endpoint ? { endpoint } : {}),
  credentials: { api_key_env: `${id.toUpperCase().replace(/-/g, '_')}_KEY` },
});

export const DEPLOYMENTS = {
  apiSmall: d('oai-mini', 'openai', 'gpt-5-mini', 'basic'),
  apiLarge: d('oai-large', 'openai', 'gpt-5.4', 'mid'),
  apiEu: d('oai-eu', 'openai', 'gpt-5-mini', 'basic', 'https://eu.api.openai.com/v1', 'eu'),
  cloudSmall: d('bedrock-haiku', 'bedrock', 'anthropic.claude-haiku', 'basic', 'us-east-1'),
  cloudLarge: d('azure-large', 'azure', 'gpt-5-4-us', 'mid', 'https://contoso-us.openai.azure.com'),
  onpremSmall: d('vllm-small', 'hosted_vllm', 'llama-8b', 'basic', 'http://vllm-small.dc1.internal:8000/v1'),
  onpremLarge: d('vllm-large', 'hosted_vllm', 'llama-70b', 'mid', 'http://vllm-large.dc1.internal:8000/v1'),
};

export const POLICY: Policy = {
  ...DEFAULT_POLICY,
  name: 'verify test policy',
  matrix: [],
  tiers: [
    {
      id: 'api',
      name: 'Public API',
      clearance: 'internal',
      regimes: [],
      regions: ['us', 'eu'],
      deployments: [DEPLOYMENTS.apiSmall, DEPLOYMENTS.apiLarge, DEPLOYMENTS.apiEu],
    },
    {
      id: 'private-cloud',
      name: 'Private cloud',
      clearance: 'confidential',
      regimes: ['hipaa'],
      regions: ['us'],
      deployments: [DEPLOYMENTS.cloudSmall, DEPLOYMENTS.cloudLarge],
    },
    {
      id: 'on-prem',
      name: 'On-premises',
      clearance: 'regulated',
      regimes: ['hipaa', 'itar'],
      regions: ['us'],
      deployments: [DEPLOYMENTS.onpremSmall, DEPLOYMENTS.onpremLarge],
    },
  ],
  preference: ['api', 'private-cloud', 'on-prem'],
  gateway: { context_window_fallbacks: false, fallback_status_codes: [429, 500, 502, 503, 504] },
};

const basic = { task: 'classification' as const, reasoning: 'low' as const };
const INVENTORY: Inventory = {
  version: 1,
  use_cases: [
    { id: 'faq-bot', name: 'FAQ bot', status: 'production', data: { classes: ['public'] }, needs: basic },
    {
      id: 'eu-faq',
      name: 'EU FAQ bot',
      status: 'production',
      data: { classes: ['public'], residency: ['eu'] },
      needs: basic,
    },
    {
      id: 'hr-triage',
      name: 'HR triage',
      status: 'production',
      data: { classes: ['employee_data'] },
      needs: { task: 'generation' },
    },
    { id: 'claims-triage', name: 'Claims triage', status: 'production', data: { classes: ['phi'] }, needs: basic },
    { id: 'secret-docs', name: 'Secret docs', status: 'production', data: { classes: ['classified'] }, needs: basic },
    {
      id: 'kept-home',
      name: 'Kept on-prem by choice',
      status: 'production',
      data: { classes: ['internal_docs'] },
      needs: basic,
      override: { tier: 'on-prem', reason: 'Board decision.', approved_by: 'cio@example.com', expires: '2027-06-30' },
    },
    {
      id: 'pinned',
      name: 'Pinned by exception',
      status: 'pilot',
      data: { classes: ['customer_data'] },
      needs: basic,
      override: {
        tier: 'api',
        reason: 'Vendor evaluation on synthetic data.',
        approved_by: 'ciso@example.com',
        expires: '2027-06-30',
        exception: true,
      },
    },
    { id: 'old-bot', name: 'Retired bot', status: 'retired', data: { classes: ['public'] }, needs: basic },
    {
      id: 'secret-agent',
      name: 'Gap',
      status: 'idea',
      data: { classes: ['classified'] },
      needs: { task: 'agentic', tools: true },
    },
  ],
};

export interface Generated {
  plan: Plan;
  routes: RoutingModel;
  litellm: Record<string, any>;
  conditional: Record<string, any>;
  routesJson: Record<string, Record<string, string>>;
  useCases: Map<string, Record<string, any>>;
}

export function generate(): Generated {
  const plan = computePlan(INVENTORY, POLICY, { asOf: '2026-11-24', generator: 'tierplan test' });
  const routes = compileRoutes(plan, INVENTORY, POLICY);
  const { config, routes: routesText } = renderPortkeyConditional(routes, POLICY);
  const useCases = new Map(
    [...renderPortkeyConfigs(routes, POLICY)].map(([file, text]) => [
      file.replace(/\.json$/, ''),
      JSON.parse(text) as Record<string, any>,
    ]),
  );
  return {
    plan,
    routes,
    litellm: parse(renderLitellmConfig(routes, POLICY, { inputs: ['inventory.yaml'] })) as Record<string, any>,
    conditional: JSON.parse(config) as Record<string, any>,
    routesJson: JSON.parse(routesText) as Record<string, Record<string, string>>,
    useCases,
  };
}

export function check(configs: ConfigInput[], g: Generated, withRoutes = false): VerifyFinding[] {
  return verifyConfigs(configs, g.plan, POLICY, withRoutes ? { routes: g.routes } : {}).findings;
}

export const litellm = (value: unknown): ConfigInput => ({ file: 'litellm/config.yaml', dialect: 'litellm', value });
export const useCase = (alias: string, value: unknown, set?: string): ConfigInput => ({
  file: `portkey/use-cases/${alias}.json`,
  dialect: 'portkey',
  value,
  ...(set ? { set } : {}),
});
export const conditional = (value: unknown, routesJson?: unknown): ConfigInput => ({
  file: 'portkey/conditional.json',
  dialect: 'portkey',
  value,
  ...(routesJson ? { metadata: { file: 'portkey/routes.json', value: routesJson } } : {}),
});

/** A model_list entry as tierplan writes it, for `deployment` under `modelName`, labelled `tier`. */
export function entry(
  modelName: string,
  deployment: Deployment,
  tier: string,
  id = `${modelName}.${deployment.id}`,
): Record<string, unknown> {
  return {
    model_name: modelName,
    litellm_params: litellmParams(deployment, [tierTag(tier), useCaseTag(modelName)]),
    model_info: { id, tierplan_tier: tier },
  };
}

export function leaf(deployment: Deployment, name = `x.${deployment.id}`): Record<string, unknown> {
  return portkeyLeaf({ id: name, deployment: deployment.id, tier: '', weight: 1 }, deployment);
}

/** The findings reduced to what a reader checks: code, use case, path (and severity when a warning). */
export const brief = (findings: VerifyFinding[]): string[] =>
  findings.map((f) => `${f.severity === 'warning' ? 'warning ' : ''}${f.code} ${f.use_case ?? '-'} ${f.path}`);

export const index = (list: Record<string, any>[], pred: (e: Record<string, any>) => boolean): number =>
  list.findIndex(pred);

import {
  accessGroup,
  fallbackGroup,
  litellmMode,
  litellmParams,
  tierTag,
  useCaseTag,
} from '../../core/gateway/leaves.js';
import { deploymentIndex } from '../../core/gateway/routing.js';
import {
  DEFAULT_NUM_RETRIES,
  DEFAULT_TIMEOUT_SECONDS,
  type RouteTarget,
  type RoutingModel,
  type UseCaseRoute,
} from '../../core/gateway/routing-types.js';
import type { Policy } from '../../core/policy/types.js';
import { dumpBlockYaml } from './block-yaml.js';
import { assertOnlyCredentialReferences } from './references.js';

export interface GatewayHeader {
  /** What the config was generated from, named in its header comment. */
  inputs: string[];
}

/** LiteLLM proxy `config.yaml`: one model group per use case alias, fallbacks only to cleared deployments. */
export function renderLitellmConfig(model: RoutingModel, policy: Policy, header: GatewayHeader): string {
  const index = deploymentIndex(policy);
  const entry = (r: UseCaseRoute, t: RouteTarget, modelName: string, role: string): Record<string, unknown> => {
    const d = index.get(t.deployment)!.deployment;
    return {
      model_name: modelName,
      litellm_params: litellmParams(d, [tierTag(t.tier), useCaseTag(r.alias)]),
      // `tier` is reserved by LiteLLM (free/paid); our keys are prefixed. No free text (the use
      // case name): LiteLLM resolves `os.environ/…` strings anywhere and serves `model_info` on
      // `/model/info`, so only slugs and enums go here.
      model_info: {
        id: t.id,
        tierplan_use_case: r.alias,
        tierplan_tier: t.tier,
        tierplan_sensitivity: r.sensitivity,
        tierplan_role: role,
        // Every entry belongs to one alias, so the group covers exactly that alias's entries.
        access_groups: [accessGroup(r.alias)],
        // Pre-call checks know nothing of a model LiteLLM has no price entry for: say its window.
        ...(d.context_tokens !== undefined ? { max_input_tokens: d.context_tokens } : {}),
        ...(litellmMode(d) !== undefined ? { mode: litellmMode(d) } : {}),
      },
    };
  };
  const modelList: Record<string, unknown>[] = [];
  const fallbacks: Record<string, string[]>[] = [];
  const contextFallbacks: Record<string, string[]>[] = [];
  for (const r of model.routes) {
    for (const t of r.primary) modelList.push(entry(r, t, r.alias, 'primary'));
    // Names applications called before tierplan: the same entries under each alias, unique ids.
    (r.aliases ?? []).forEach((a, k) => {
      for (const t of r.primary) modelList.push(aliasEntry(entry(r, t, a, 'alias'), k));
    });
    const extra = new Map<string, RouteTarget>();
    for (const t of [...r.fallbacks, ...r.context_window_fallbacks])
      if (!r.primary.some((p) => p.deployment === t.deployment)) extra.set(t.deployment, t);
    for (const t of extra.values())
      modelList.push(
        entry(
          r,
          t,
          fallbackGroup(r.alias, t.deployment),
          // By deployment, not by object: a deployment in both lists is a regular fallback first.
          r.fallbacks.some((f) => f.deployment === t.deployment) ? 'fallback' : 'context-window-fallback',
        ),
      );
    const names = [r.alias, ...(r.aliases ?? [])];
    if (r.fallbacks.length > 0)
      for (const n of names) fallbacks.push({ [n]: r.fallbacks.map((t) => fallbackGroup(r.alias, t.deployment)) });
    const ctx = r.context_window_fallbacks.filter((t) => !r.primary.some((p) => p.deployment === t.deployment));
    if (ctx.length > 0)
      for (const n of names) contextFallbacks.push({ [n]: ctx.map((t) => fallbackGroup(r.alias, t.deployment)) });
  }
  const routerSettings: Record<string, unknown> = {
    routing_strategy: 'simple-shuffle',
    ...routerLimits(model, policy),
  };
  if (contextFallbacks.length > 0) routerSettings.enable_pre_call_checks = true;
  if (fallbacks.length > 0) routerSettings.fallbacks = fallbacks;
  if (contextFallbacks.length > 0) routerSettings.context_window_fallbacks = contextFallbacks;
  const config = {
    model_list: modelList,
    router_settings: routerSettings,
    general_settings: { enforce_fallback_model_access: true },
  };
  assertOnlyCredentialReferences(config, credentialReferences(policy));
  const body = dumpBlockYaml(config);
  const comment = headerComment(model, header)
    .split('\n')
    .map((l) => `#${l}`)
    .join('\n');
  return `${comment}\n\n${body}`;
}

/** An alias entry's model_info: `<use case>.<deployment>.alias<k>`, unique, still read as the use case by `review`. */
function aliasEntry(e: Record<string, unknown>, k: number): Record<string, unknown> {
  const info = e.model_info as Record<string, unknown>;
  return { ...e, model_info: { ...info, id: `${String(info.id)}.alias${k + 1}` } };
}

/**
 * Bounded retries and waits: a request makes at most (1 + num_retries) attempts per model group,
 * on its group and on each fallback group in turn. `max_fallbacks` is the longest generated list,
 * so no LiteLLM release cuts a generated chain short (docs/gateway.md#limits-on-retries-and-fallbacks).
 */
function routerLimits(model: RoutingModel, policy: Policy): Record<string, number> {
  let longest = 1;
  for (const r of model.routes) longest = Math.max(longest, r.fallbacks.length, r.context_window_fallbacks.length);
  return {
    num_retries: policy.gateway?.num_retries ?? DEFAULT_NUM_RETRIES,
    max_fallbacks: longest,
    timeout: policy.gateway?.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS,
  };
}

/** The `os.environ/NAME` strings tierplan writes, as `field=reference`: the policy's credential names, and Vertex's project. */
function credentialReferences(policy: Policy): Set<string> {
  const refs = new Set(['vertex_project=os.environ/VERTEXAI_PROJECT']);
  for (const t of policy.tiers)
    for (const d of t.deployments) {
      if (d.credentials?.api_key_env) refs.add(`api_key=os.environ/${d.credentials.api_key_env}`);
      if (d.credentials?.api_base_env) refs.add(`api_base=os.environ/${d.credentials.api_base_env}`);
    }
  return refs;
}

function headerComment(model: RoutingModel, header: GatewayHeader): string {
  const safe = commentText;
  return [
    ` Generated by ${safe(model.generator)} — do not edit: change the inputs and run \`tierplan gateway\`.`,
    // No date here: `--check` compares byte for byte, and a date alone must never be drift.
    ` Inputs: ${header.inputs.map(safe).join(', ')}; policy "${safe(model.policy)}".`,
    ` Each use case is a model group named by its id; fallbacks reach only tiers cleared for its data.`,
    // One a line: thousands of retired use cases and gaps stay readable, and one changing is one line of diff.
    ...(model.unrouted.length > 0
      ? [` Not routed (${model.unrouted.length}):`, ...model.unrouted.map((u) => `   ${u.alias} (${safe(u.reason)})`)]
      : []),
  ].join('\n');
}

/**
 * What an input may put in the header comment: printable ASCII and `≥`, everything else `?`.
 * A comment ends at any line break PyYAML knows (LF, CR, U+0085, U+2028, U+2029), and PyYAML
 * refuses the whole file on a control character such as ESC, even in a comment: an allow-list
 * closes both, where a list of line breaks to strip missed U+0085.
 */
function commentText(s: string): string {
  return s.replace(/[^\x20-\x7e≥]/gu, '?');
}

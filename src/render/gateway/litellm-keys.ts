// `litellm/keys.json`: for each routed use case, the body of LiteLLM's `POST /key/generate` that
// scopes an application's key to the use case's access group. Built as data; no secret is in it —
// the key itself is created and returned by the proxy.
import { accessGroup, fallbackGroup } from '../../core/gateway/leaves.js';
import type { RoutingModel, UseCaseRoute } from '../../core/gateway/routing-types.js';

/** What a scoped key may call: the alias and its `<alias>--<deployment>` fallback groups, as the config names them. */
function modelGroups(r: UseCaseRoute): string[] {
  const primary = new Set(r.primary.map((t) => t.deployment));
  const extra = new Set(
    [...r.fallbacks, ...r.context_window_fallbacks].map((t) => t.deployment).filter((d) => !primary.has(d)),
  );
  return [r.alias, ...[...extra].map((d) => fallbackGroup(r.alias, d))];
}

export function renderLitellmKeys(model: RoutingModel): string {
  const doc = {
    generator: model.generator,
    policy: model.policy,
    usage:
      'POST each "generate" body to the proxy\'s /key/generate with the master key, and give the key it returns to that use case\'s application only (docs/gateway.md#scoping-application-keys)',
    keys: model.routes.map((r) => ({
      use_case: r.alias,
      tier: r.tier,
      access_group: accessGroup(r.alias),
      model_groups: modelGroups(r),
      generate: {
        key_alias: `tierplan-${r.alias}`,
        models: [accessGroup(r.alias)],
        metadata: { tierplan_use_case: r.alias, tierplan_tier: r.tier, tierplan_sensitivity: r.sensitivity },
      },
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

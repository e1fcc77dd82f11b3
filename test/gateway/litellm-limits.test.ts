// The run-time limits the LiteLLM config sets: bounded retries, waits and fallbacks, and what
// pre-call checks and health checks need to know about a deployment.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderLitellmConfig } from '../../src/render/gateway/litellm-config.js';
import { loadExample } from './example.js';

const render = async (gateway: Record<string, unknown> = {}) => {
  const ex = await loadExample();
  const policy = { ...ex.policy, gateway: { ...ex.policy.gateway, ...gateway } };
  return { ex, config: parse(renderLitellmConfig(ex.model, policy, { inputs: ['inventory.yaml'] })) };
};

describe('LiteLLM run-time limits', () => {
  it('bounds retries and waits, and lets the longest generated fallback list run in full', async () => {
    const { ex, config } = await render();
    const longest = Math.max(...ex.model.routes.map((r) => r.fallbacks.length));
    expect(config.router_settings).toMatchObject({ num_retries: 1, max_fallbacks: longest, timeout: 120 });
    for (const list of config.router_settings.fallbacks as Record<string, string[]>[])
      expect(Object.values(list)[0]!.length).toBeLessThanOrEqual(config.router_settings.max_fallbacks);
  });

  it("takes num_retries and timeout_seconds from the policy's gateway settings", async () => {
    const { config } = await render({ num_retries: 3, timeout_seconds: 30 });
    expect(config.router_settings).toMatchObject({ num_retries: 3, timeout: 30 });
  });

  it('states each deployment’s context window, and the mode of audio-only deployments', async () => {
    const { ex, config } = await render();
    const deployments = new Map(ex.policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d] as const)));
    for (const e of config.model_list as Record<string, any>[]) {
      const d = deployments.get(e.model_info.id.slice(e.model_info.tierplan_use_case.length + 1))!;
      expect(e.model_info.max_input_tokens).toBe(d.context_tokens);
      expect(e.model_info.mode).toBe(d.modalities?.join() === 'audio' ? 'audio_transcription' : undefined);
    }
    expect((config.model_list as Record<string, any>[]).some((e) => e.model_info.mode === 'audio_transcription')).toBe(
      true,
    );
  });
});

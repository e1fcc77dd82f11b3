// adopt's proposal from configs written in the shapes the LiteLLM and Portkey docs show: each
// connection on the tier its real fields place it, credentials by name, names carried over,
// and everything not understood listed.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AdoptProposal } from '../../src/core/adopt/adopt-types.js';
import { proposeAdoption } from '../../src/core/adopt/propose.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import type { Inventory } from '../../src/core/policy/types.js';
import { bundledPrices } from '../../src/io/adopt/bundled-prices.js';
import { readLitellmForAdopt, readPortkeyForAdopt } from '../../src/io/adopt/read-adopt-source.js';

const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const empty: Inventory = { version: 1, use_cases: [] };

const byModel = (p: AdoptProposal, model: string) => {
  const found = p.deployments.find((d) => d.deployment.model === model);
  if (!found) throw new Error(`no deployment of ${model}: ${p.deployments.map((d) => d.deployment.model).join(', ')}`);
  return found;
};

describe('adopt litellm: the documented shapes', async () => {
  const { source } = await readLitellmForAdopt(fixture('litellm-shapes.yaml'));
  const p = proposeAdoption(source, DEFAULT_POLICY, empty, bundledPrices);

  it('places each connection by what it connects to, with why', () => {
    expect(byModel(p, 'gpt-4o')).toMatchObject({ tier: 'api', existing: false });
    expect(byModel(p, 'gpt-4o').why[0]).toContain("openai's public API");
    expect(byModel(p, 'gpt-4o-prod')).toMatchObject({ tier: 'private-cloud' });
    expect(byModel(p, 'anthropic.claude-3-5-sonnet-20240620-v1:0')).toMatchObject({
      tier: 'private-cloud',
      deployment: { provider: 'bedrock', endpoint: 'eu-central-1', region: 'eu' },
    });
    expect(byModel(p, 'meta-llama/Llama-3.1-8B-Instruct')).toMatchObject({
      tier: 'on-prem',
      deployment: { endpoint: 'http://vllm.internal:8000/v1' },
    });
    // Ollama without api_base listens on localhost.
    expect(byModel(p, 'llama3.1')).toMatchObject({ tier: 'on-prem', deployment: { provider: 'ollama_chat' } });
    expect(byModel(p, 'gemini-1.5-pro')).toMatchObject({
      tier: 'private-cloud',
      deployment: { provider: 'vertex_ai', endpoint: 'us-central1', region: 'us' },
    });
    // A bare model name: LiteLLM's model map says the provider, so does the bundled copy.
    expect(byModel(p, 'gpt-4o-mini')).toMatchObject({ tier: 'api', deployment: { provider: 'openai' } });
  });

  it('keeps credentials as environment-variable names, and facts from the price map marked as such', () => {
    expect(byModel(p, 'gpt-4o-prod').deployment.credentials).toEqual({
      api_key_env: 'AZURE_API_KEY',
      api_base_env: 'AZURE_API_BASE',
    });
    // The Azure deployment is priced by its base_model.
    expect(byModel(p, 'gpt-4o-prod').sources.price).toBe('price-map');
    expect(byModel(p, 'gpt-4o').deployment.credentials).toEqual({ api_key_env: 'OPENAI_API_KEY' });
    expect(byModel(p, 'gpt-4o').deployment.price).toEqual({ input_per_1m: 2.5, output_per_1m: 10 });
    expect(byModel(p, 'gpt-4o').unknown).toEqual(['capability', 'region']);
  });

  it('carries over every name applications call: groups and model_group_alias of both sections', () => {
    expect(p.aliases.map((a) => a.name).sort()).toEqual(
      [
        'azure-gpt-4o',
        'claude',
        'claude-bedrock',
        'gemini',
        'gpt-4',
        'gpt-4o',
        'gpt-4o-mini',
        'llama-local',
        'llama-ollama',
      ].sort(),
    );
    const gpt4 = p.aliases.find((a) => a.name === 'gpt-4')!;
    expect(gpt4).toMatchObject({ kind: 'new', use_case: 'gpt-4' });
    expect(gpt4.deployments).toEqual([byModel(p, 'gpt-4o').deployment.id]);
    expect(p.aliases.find((a) => a.name === 'claude')!.deployments).toEqual([
      byModel(p, 'anthropic.claude-3-5-sonnet-20240620-v1:0').deployment.id,
    ]);
  });

  it('lists what it does not adopt: the wildcard, and keys the generated config will not carry', () => {
    const notes = p.notes.map((n) => `${n.code.replace('adopt-', '')} ${n.path}`);
    expect(notes).toContain('wildcard $.model_list[5]');
    expect(notes).toContain('not-carried $.model_list[1].litellm_params.api_version');
    expect(notes).toContain('not-carried $.model_list[2].litellm_params.aws_profile_name');
    expect(notes).toContain('not-carried $.model_list[0].litellm_params.rpm');
    expect(notes).toContain('not-carried $.router_settings.routing_strategy');
    // The team's own tags (tag routing) are listed; tierplan writes its own.
    expect(notes).toContain('not-carried $.model_list[0].litellm_params.tags');
  });
});

describe('adopt litellm: a /model/info export', () => {
  it('reads data[] as the model_list, positions included', async () => {
    const { source, locators } = await readLitellmForAdopt(fixture('model-info.json'));
    const p = proposeAdoption(source, DEFAULT_POLICY, empty, bundledPrices);
    expect(p.deployments.map((d) => [d.deployment.provider, d.deployment.model, d.tier])).toEqual([
      ['azure', 'gpt-4o-support', 'private-cloud'],
      ['anthropic', 'claude-3-5-sonnet-20240620', 'api'],
    ]);
    expect(locators.get(fixture('model-info.json'))!.locate(['model_list', 1]).line).toBe(8);
  });
});

describe('adopt portkey: targets, strategy modes, nested configs, virtual keys', () => {
  it('reads every leaf with what it inherits; a virtual key is listed and not adopted', async () => {
    const { source } = await readPortkeyForAdopt([fixture('portkey')]);
    const p = proposeAdoption(source, DEFAULT_POLICY, empty, bundledPrices);
    expect(p.deployments.map((d) => [d.deployment.provider, d.deployment.model, d.tier]).sort()).toEqual(
      [
        ['azure', 'gpt-4o-eu', 'private-cloud'],
        ['bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'private-cloud'],
        ['hosted_vllm', 'meta-llama/Llama-3.1-8B-Instruct', 'on-prem'],
        ['openai', 'gpt-4o', 'api'],
      ].sort(),
    );
    expect(byModel(p, 'gpt-4o-eu').deployment.endpoint).toBe('https://contoso-eu.openai.azure.com');
    expect(p.notes.map((n) => `${n.code.replace('adopt-', '')} ${n.path}`)).toEqual(
      expect.arrayContaining(['unknown-provider $.targets[1].targets[1]', 'not-carried $.targets[0].api_version']),
    );
    expect(p.aliases.map((a) => a.name).sort()).toEqual(['azure-single', 'chat-default']);
    expect(p.aliases.find((a) => a.name === 'chat-default')!.deployments).toEqual([byModel(p, 'gpt-4o').deployment.id]);
  });

  it('a conditional config: each name in routes.json takes the branch its metadata selects', async () => {
    const { source } = await readPortkeyForAdopt([fixture('portkey-conditional')]);
    const p = proposeAdoption(source, DEFAULT_POLICY, empty, bundledPrices);
    const runs = Object.fromEntries(p.aliases.map((a) => [a.name, a.deployments]));
    expect(runs).toEqual({
      'claims-bot': [byModel(p, 'gemini-1.5-pro').deployment.id],
      'ad-copy': [byModel(p, 'claude-3-5-sonnet-20240620').deployment.id],
    });
    expect(byModel(p, 'gemini-1.5-pro')).toMatchObject({ tier: 'private-cloud', deployment: { region: 'eu' } });
  });
});

describe('names against an existing inventory', () => {
  it('a name that is a use case id stays; an existing alias stays its use case; the rest become stubs', async () => {
    const { source } = await readLitellmForAdopt(fixture('litellm-shapes.yaml'));
    const inventory: Inventory = {
      version: 1,
      use_cases: [
        { id: 'gemini', name: 'Gemini chat' },
        { id: 'claims-triage', name: 'Claims', aliases: ['claude'] },
      ],
    };
    const p = proposeAdoption(source, DEFAULT_POLICY, inventory, bundledPrices);
    const kind = Object.fromEntries(p.aliases.map((a) => [a.name, `${a.kind}:${a.use_case}`]));
    expect(kind.gemini).toBe('use-case:gemini');
    expect(kind.claude).toBe('alias:claims-triage');
    expect(kind['gpt-4o']).toBe('new:gpt-4o');
  });
});

// Hostile names, ids, aliases, file names and policy strings, drawn from the whole Unicode range and biased
// to what breaks a YAML 1.1 reader or a terminal: the LiteLLM config read the PyYAML way (the way
// the proxy reads it) is exactly what the routing model says, the only `os.environ/` strings are
// the credential references tierplan wrote, and the terminal output holds no raw control.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import type { RoutingModel } from '../../src/core/gateway/routing-types.js';
import type { Inventory, Policy } from '../../src/core/policy/types.js';
import { formatDiagnostic } from '../../src/core/diagnostics/format.js';
import { renderLitellmKeys } from '../../src/render/gateway/litellm-keys.js';
import { renderLitellmConfig } from '../../src/render/gateway/litellm-config.js';
import { renderTable } from '../../src/render/matrix/table.js';
import { renderExplain } from '../../src/render/matrix/explain.js';
import { parsePyYaml } from './support/pyyaml.js';

const SPECIAL = [
  '\u0085',
  '\u2028',
  '\u2029',
  '\r',
  '\n',
  '\r\n',
  '\v',
  '\f',
  '\t',
  '\u0000',
  '\u001b[2J',
  '\u007f',
  '\u009b',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\ufeff',
  'os.environ/OPENAI_API_KEY',
  '{{',
  '${HOME}',
  '#',
  ': ',
  '"',
  "'",
  '- ',
  '<<: *a',
  '&a',
  'litellm_settings: {default_fallbacks: [public-faq]}',
  'yes',
  '1:20',
  '~',
];
const hostile = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...SPECIAL)), { maxLength: 6 })
  .map((parts) => parts.join(''));
/** Raw C0 (but LF, which separates lines), DEL, C1, line/paragraph separators and bidi controls. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const CLASSES = Object.keys(DEFAULT_POLICY.sensitivity.data_classes);
const RESOLVED = /^\s*os\.environ\//i;

/** What the config must hold, derived from the routing model on its own (not by the renderer). */
function expected(model: RoutingModel, policy: Policy) {
  const deps = new Map(policy.tiers.flatMap((t) => t.deployments.map((d) => [d.id, d] as const)));
  const entries: unknown[] = [];
  const fallbacks: Record<string, string[]>[] = [];
  for (const r of model.routes) {
    const entry = (name: string, t: { id: string; deployment: string; tier: string }, role: string) => {
      const d = deps.get(t.deployment)!;
      return {
        model_name: name,
        model: `${d.provider}/${d.model}`,
        tags: [`tierplan-tier:${t.tier}`, `tierplan-uc:${r.alias}`],
        model_info: {
          id: t.id,
          tierplan_use_case: r.alias,
          tierplan_tier: t.tier,
          tierplan_sensitivity: r.sensitivity,
          tierplan_role: role,
          access_groups: [`tierplan-uc:${r.alias}`],
          ...(d.context_tokens !== undefined ? { max_input_tokens: d.context_tokens } : {}),
          ...(d.modalities?.join() === 'audio' ? { mode: 'audio_transcription' } : {}),
        },
      };
    };
    for (const t of r.primary) entries.push(entry(r.alias, t, 'primary'));
    // Each name an application called before: the primary entries again, under that name.
    (r.aliases ?? []).forEach((a, k) => {
      for (const t of r.primary) {
        const e = entry(a, t, 'alias');
        entries.push({ ...e, model_info: { ...e.model_info, id: `${t.id}.alias${k + 1}` } });
      }
    });
    // One group per extra deployment, in first-seen order; a deployment that is both a fallback
    // and a context-window fallback is a regular fallback.
    const extra = new Map<string, (typeof r.fallbacks)[number]>();
    for (const t of [...r.fallbacks, ...r.context_window_fallbacks])
      if (!r.primary.some((p) => p.deployment === t.deployment)) extra.set(t.deployment, t);
    for (const t of extra.values())
      entries.push(
        entry(
          `${r.alias}--${t.deployment}`,
          t,
          r.fallbacks.some((f) => f.deployment === t.deployment) ? 'fallback' : 'context-window-fallback',
        ),
      );
    if (r.fallbacks.length > 0)
      for (const n of [r.alias, ...(r.aliases ?? [])])
        fallbacks.push({ [n]: r.fallbacks.map((t) => `${r.alias}--${t.deployment}`) });
  }
  const longest = Math.max(1, ...model.routes.flatMap((r) => [r.fallbacks.length, r.context_window_fallbacks.length]));
  return { entries, fallbacks, limits: { num_retries: 1, max_fallbacks: longest, timeout: 120 } };
}

/** Every `os.environ/` string with the key it sits under. */
function references(v: unknown, key: string, out: [string, string][]): [string, string][] {
  if (typeof v === 'string') {
    if (RESOLVED.test(v)) out.push([key, v]);
  } else if (Array.isArray(v)) for (const x of v) references(x, key, out);
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      references(k, '(key)', out);
      references(x, k, out);
    }
  return out;
}

const input = fc.record({
  useCases: fc.uniqueArray(
    fc.record({
      id: fc.oneof(
        fc.constantFrom('claims-triage', 'faq', 'a-b'),
        hostile.filter((s) => s.length > 0),
      ),
      name: hostile,
      cls: fc.constantFrom(...CLASSES),
      aliases: fc.array(
        hostile.filter((s) => s.length > 0),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 4, selector: (u) => u.id },
  ),
  policyName: hostile,
  files: fc.array(hostile, { minLength: 1, maxLength: 3 }),
  model: hostile,
});

describe('hostile strings in the inputs (property)', () => {
  it('the LiteLLM config read the PyYAML way is the routing model; terminals get no raw control', () => {
    fc.assert(
      fc.property(input, ({ useCases, policyName, files, model: modelName }) => {
        const policy: Policy = structuredClone(DEFAULT_POLICY);
        policy.name = policyName;
        policy.tiers.find((t) => t.id === 'on-prem')!.deployments[0]!.model = modelName || 'm';
        // Aliases as validate lets them through: none equal to an id or to another alias.
        const taken = new Set(useCases.map((u) => u.id));
        const aliasesOf = useCases.map((u) =>
          u.aliases.filter((a) => {
            if (taken.has(a)) return false;
            taken.add(a);
            return true;
          }),
        );
        const inventory: Inventory = {
          version: 1,
          use_cases: useCases.map((u, i) => ({
            id: u.id,
            name: u.name,
            status: 'production',
            data: { classes: [u.cls] },
            needs: { task: 'classification' },
            ...(aliasesOf[i]!.length > 0 ? { aliases: aliasesOf[i]! } : {}),
          })),
        };
        const plan = computePlan(inventory, policy, { asOf: '2026-11-24', generator: 'tierplan test' });
        const model = compileRoutes(plan, inventory, policy);
        const render = () => renderLitellmConfig(model, policy, { inputs: files });
        // validate refuses such ids; if one gets this far, the serialiser refuses it too.
        if (model.routes.some((r) => [r.alias, ...(r.aliases ?? [])].some((n) => RESOLVED.test(n)))) {
          expect(render).toThrow(/os\.environ|environment variable/);
          return;
        }
        const config = parsePyYaml(render()) as {
          model_list: { model_name: string; litellm_params: Record<string, unknown>; model_info: unknown }[];
          router_settings: Record<string, unknown>;
          general_settings: unknown;
        };
        expect(Object.keys(config)).toEqual(['model_list', 'router_settings', 'general_settings']);
        expect(config.general_settings).toEqual({ enforce_fallback_model_access: true });
        const want = expected(model, policy);
        expect(
          config.model_list.map((m) => ({
            model_name: m.model_name,
            model: m.litellm_params.model,
            tags: m.litellm_params.tags,
            model_info: m.model_info,
          })),
        ).toEqual(want.entries);
        expect(config.router_settings.fallbacks ?? []).toEqual(want.fallbacks);
        expect(config.router_settings).toMatchObject(want.limits);
        // The key-scoping file names the same groups, whatever the ids hold.
        const keys = JSON.parse(renderLitellmKeys(model)) as { keys: { use_case: string; generate: unknown }[] };
        expect(keys.keys.map((k) => [k.use_case, k.generate])).toEqual(
          model.routes.map((r) => [
            r.alias,
            {
              key_alias: `tierplan-${r.alias}`,
              models: [`tierplan-uc:${r.alias}`],
              metadata: { tierplan_use_case: r.alias, tierplan_tier: r.tier, tierplan_sensitivity: r.sensitivity },
            },
          ]),
        );
        for (const [key, ref] of references(config, '', [])) {
          expect(['api_key', 'api_base', 'vertex_project']).toContain(key);
          expect(ref).toMatch(/^os\.environ\/[A-Z_][A-Z0-9_]*$/);
        }
        const screen = [
          renderTable(plan, { color: false, width: 100 }),
          ...plan.use_cases.map((u) => renderExplain(u, plan, { color: false, width: 100 })),
          ...files.map((file) =>
            formatDiagnostic({ code: 'invalid-id', severity: 'error', message: policyName, file, line: 1, column: 1 }),
          ),
        ].join('\n');
        expect(screen).not.toMatch(RAW);
      }),
      { numRuns: 100 },
    );
  });
});

// Offline checks of LiteLLM configs: the config tierplan generates for the bundled example
// passes clean, and each hand-broken fixture in fixtures-lint/litellm/ yields exactly its problem.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintLitellm } from '../../src/core/verify/lint/litellm.js';
import type { Problem } from '../../src/core/diagnostics/problems.js';
import { checkLitellmConfig, validateLitellmSchema } from '../../src/io/configs/gateway-schemas.js';
import { renderLitellmConfig } from '../../src/render/gateway/litellm-config.js';
import { loadExample, type Example } from './example.js';

type Path = (string | number)[];
type Expected = [code: string, severity: Problem['severity'], path: Path];

const fixture = (name: string): unknown =>
  parse(readFileSync(new URL(`./fixtures-lint/litellm/${name}`, import.meta.url), 'utf8')) as unknown;
const brief = (ps: Problem[]): Expected[] => ps.map((p) => [p.code, p.severity, p.path]);

let example: Example;
let generated: unknown;
beforeAll(async () => {
  example = await loadExample();
  const text = renderLitellmConfig(example.model, example.policy, {
    inputs: ['examples/inventory.yaml', 'examples/tierplan.policy.yaml'],
  });
  generated = parse(text) as unknown;
});

describe('the generated LiteLLM config', () => {
  it('passes the schema and every semantic check: no error, no warning', () => {
    expect(validateLitellmSchema(generated)).toEqual([]);
    expect(lintLitellm(generated)).toEqual([]);
    expect(checkLitellmConfig(generated)).toEqual([]);
  });

  it('is not trivially clean: it has fallbacks of both kinds and every provider the checks know', () => {
    const config = generated as {
      model_list: { litellm_params: { model: string } }[];
      router_settings: Record<string, unknown[]>;
    };
    expect(config.router_settings.fallbacks?.length).toBeGreaterThan(0);
    expect(config.router_settings.context_window_fallbacks?.length).toBeGreaterThan(0);
    const prefixes = new Set(config.model_list.map((d) => d.litellm_params.model.split('/')[0]));
    for (const p of ['bedrock', 'azure', 'vertex_ai', 'hosted_vllm']) expect(prefixes).toContain(p);
  });

  it('breaks the checks once it is edited wrongly by hand', () => {
    const config = structuredClone(generated) as {
      model_list: { model_name: string; model_info: Record<string, unknown> }[];
      router_settings: { fallbacks: Record<string, string[]>[] };
    };
    const [entry] = config.router_settings.fallbacks;
    const [group] = Object.keys(entry!);
    entry![group!]![0] = 'no-such-group';
    config.model_list[1]!.model_info.tier = 'private-cloud';
    expect(brief(checkLitellmConfig(config))).toEqual([
      ['reserved-tier-key', 'error', ['model_list', 1, 'model_info', 'tier']],
      ['unknown-fallback-target', 'error', ['router_settings', 'fallbacks', 0, group, 0]],
    ]);
  });
});

describe('a hand-written config that uses every checked feature correctly', () => {
  it('yields no problem', () => {
    expect(checkLitellmConfig(fixture('valid.yaml'))).toEqual([]);
  });
});

const SCHEMA_CASES: [file: string, expected: Expected[], hint?: string][] = [
  [
    'schema-unknown-top-level-key.yaml',
    [['unknown-key', 'error', ['router_setting']]],
    'did you mean "router_settings"?',
  ],
  [
    'schema-deployment-typo.yaml',
    [['unknown-key', 'error', ['model_list', 0, 'litellm_param']]],
    'did you mean "litellm_params"?',
  ],
  ['schema-model-missing.yaml', [['missing-key', 'error', ['model_list', 0, 'litellm_params']]]],
  ['schema-rpm-not-integer.yaml', [['wrong-type', 'error', ['model_list', 0, 'litellm_params', 'rpm']]]],
  [
    'schema-routing-strategy.yaml',
    [['invalid-value', 'error', ['router_settings', 'routing_strategy']]],
    'did you mean "least-busy"?',
  ],
  ['schema-fallback-two-keys.yaml', [['invalid-value', 'error', ['router_settings', 'fallbacks', 0]]]],
  ['schema-default-fallbacks-map.yaml', [['wrong-type', 'error', ['litellm_settings', 'default_fallbacks', 0]]]],
  [
    'schema-boolean-quoted.yaml',
    [['wrong-type', 'error', ['general_settings', 'enforce_fallback_model_access']]],
    'write true or false, without quotes',
  ],
  ['schema-tags-string.yaml', [['wrong-type', 'error', ['model_list', 0, 'litellm_params', 'tags']]]],
];

describe('schema rules (validateLitellmSchema)', () => {
  it.each(SCHEMA_CASES)('%s', (file, expected, hint) => {
    const problems = validateLitellmSchema(fixture(file));
    expect(brief(problems)).toEqual(expected);
    expect(checkLitellmConfig(fixture(file))).toEqual(problems);
    if (hint) expect(problems[0]?.hint).toBe(hint);
  });

  it('says an anyOf once, in full', () => {
    expect(validateLitellmSchema(fixture('schema-rpm-not-integer.yaml'))[0]?.message).toBe(
      'expected an integer or an os.environ/NAME reference, found string "100/min"',
    );
  });

  it('lets os.environ/NAME stand for a typed value, and unknown keys inside the sections pass', () => {
    const config = {
      model_list: [
        {
          model_name: 'a',
          litellm_params: { model: 'openai/x', rpm: 'os.environ/RPM', temperature: 0.2, seed: 7 },
          model_info: { id: 'a.1', owner: 'me' },
        },
      ],
      router_settings: { num_retries: 'os.environ/RETRIES', some_new_setting: true },
      litellm_settings: { callbacks: ['prometheus'] },
      general_settings: { enforce_fallback_model_access: 'os.environ/ENFORCE', alerting: ['slack'] },
    };
    expect(validateLitellmSchema(config)).toEqual([]);
  });

  it('knows the reserved tier values itself', () => {
    expect(brief(validateLitellmSchema(fixture('reserved-tier.yaml')))).toEqual([
      ['invalid-value', 'error', ['model_list', 0, 'model_info', 'tier']],
    ]);
  });
});

const LINT_CASES: [file: string, expected: Expected[], hint?: string][] = [
  ['duplicate-model-id.yaml', [['duplicate-model-id', 'error', ['model_list', 1, 'model_info', 'id']]]],
  [
    'fallback-target-unknown.yaml',
    [['unknown-fallback-target', 'error', ['router_settings', 'fallbacks', 2, 'claims-triage', 0]]],
    'did you mean "claims-triage-onprem"?',
  ],
  [
    'fallback-target-unknown-litellm-settings.yaml',
    [
      ['unknown-fallback-target', 'error', ['litellm_settings', 'context_window_fallbacks', 0, 'a', 0]],
      ['unknown-fallback-target', 'error', ['litellm_settings', 'content_policy_fallbacks', 0, 'b', 0]],
      ['unknown-fallback-target', 'error', ['litellm_settings', 'default_fallbacks', 1]],
    ],
  ],
  [
    'fallback-key-unknown.yaml',
    [
      ['unknown-fallback-key', 'error', ['router_settings', 'fallbacks', 0, 'contract-reveiw']],
      ['unknown-fallback-key', 'error', ['router_settings', 'context_window_fallbacks', 0, 'contract-review.openai']],
    ],
    'did you mean "contract-review"?',
  ],
  [
    'fallback-smells.yaml',
    [
      ['fallback-to-self', 'warning', ['router_settings', 'fallbacks', 0, 'a', 0]],
      ['duplicate-fallback-key', 'warning', ['router_settings', 'fallbacks', 1, 'a']],
      ['shadowed-fallbacks', 'warning', ['litellm_settings', 'fallbacks']],
    ],
  ],
  [
    'env-ref-malformed.yaml',
    [
      ['malformed-env-ref', 'error', ['model_list', 0, 'litellm_params', 'api_key']],
      ['malformed-env-ref', 'error', ['model_list', 0, 'litellm_params', 'api_base']],
      ['malformed-env-ref', 'error', ['model_list', 0, 'litellm_params', 'organization']],
    ],
    'did you mean "os.environ/OPENAI_API_KEY"?',
  ],
  [
    'provider-fields-missing.yaml',
    [0, 1, 2, 3, 4, 5].map((i): Expected => ['provider-fields-missing', 'error', ['model_list', i, 'litellm_params']]),
  ],
  [
    'literal-secret.yaml',
    [
      ['literal-secret', 'error', ['model_list', 0, 'litellm_params', 'api_key']],
      ['literal-secret', 'error', ['model_list', 1, 'litellm_params', 'api_key']],
      ['literal-secret', 'error', ['credential_list', 0, 'credential_values', 'api_key']],
      ['literal-secret', 'error', ['general_settings', 'master_key']],
    ],
  ],
  [
    'reserved-tier.yaml',
    [['reserved-tier-key', 'error', ['model_list', 0, 'model_info', 'tier']]],
    'keep your tier under a key of your own, e.g. model_info.deployment_tier (tierplan writes tierplan_tier)',
  ],
  [
    'unknown-credential.yaml',
    [['unknown-credential', 'warning', ['model_list', 0, 'litellm_params', 'litellm_credential_name']]],
    'did you mean "azure-eu"?',
  ],
  [
    'guardrail-model-unknown.yaml',
    [['unknown-guardrail-model', 'error', ['guardrails', 0, 'litellm_params', 'on_premise_model']]],
    'did you mean "claims-triage-onprem"?',
  ],
  ['include-partial.yaml', [['unknown-fallback-target', 'warning', ['router_settings', 'fallbacks', 0, 'a', 0]]]],
];

describe('semantic rules (lintLitellm)', () => {
  it.each(LINT_CASES)('%s', (file, expected, hint) => {
    const problems = checkLitellmConfig(fixture(file));
    expect(brief(problems)).toEqual(expected);
    expect(lintLitellm(fixture(file))).toEqual(problems);
    if (hint) expect(problems[0]?.hint).toBe(hint);
  });

  it('explains why the reserved tier key matters', () => {
    const [p] = lintLitellm(fixture('reserved-tier.yaml'));
    expect(p?.message).toContain('"free" or "paid"');
    expect(p?.message).toContain('drops it');
  });

  it('names the missing fields per provider', () => {
    expect(lintLitellm(fixture('provider-fields-missing.yaml')).map((p) => p.message.split(':')[0])).toEqual([
      'a bedrock/ deployment needs aws_region_name',
      'an azure/ deployment needs api_version',
      'a vertex_ai/ deployment needs vertex_project',
      'a hosted_vllm/ deployment needs api_base',
      'an ollama/ deployment needs api_base',
      'an ollama_chat/ deployment needs api_base',
    ]);
  });

  it('never repeats a secret, and keeps the schema from quoting one', () => {
    const text = JSON.stringify(checkLitellmConfig(fixture('literal-secret.yaml')));
    for (const secret of ['my-openai-key-123', '0123456789abcdef', 'sk-1234']) expect(text).not.toContain(secret);
    const numeric = { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/x', api_key: 9876543210 } }] };
    expect(brief(checkLitellmConfig(numeric))).toEqual([
      ['literal-secret', 'error', ['model_list', 0, 'litellm_params', 'api_key']],
    ]);
    expect(JSON.stringify(checkLitellmConfig(numeric))).not.toContain('9876543210');
  });

  it('takes any input without throwing', () => {
    for (const input of [
      null,
      3,
      'text',
      [],
      { model_list: 'x' },
      { model_list: [null, 1, { litellm_params: [] }] },
      { router_settings: { fallbacks: [null, { a: 'b' }, {}] } },
    ]) {
      expect(() => checkLitellmConfig(input)).not.toThrow();
    }
    expect(brief(lintLitellm([]))).toEqual([['not-a-mapping', 'error', []]]);
  });
});

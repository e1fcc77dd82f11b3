// Offline checks of Portkey configs: what tierplan generates for the bundled example, a
// 500-use-case portfolio's conditional config against the header limit, and one hand-broken
// fixture per rule in fixtures-lint/portkey/ with exactly its problem.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computePlan } from '../../src/core/plan/plan.js';
import { compileRoutes } from '../../src/core/gateway/routing.js';
import { DEFAULT_TRUSTED_CUSTOM_HOSTS, HEADER_LIMIT_BYTES, lintPortkey } from '../../src/core/verify/lint/portkey.js';
import type { Problem } from '../../src/core/diagnostics/problems.js';
import type { Inventory, Needs, Task, UseCase } from '../../src/core/policy/types.js';
import { checkPortkeyConfig } from '../../src/io/configs/gateway-schemas.js';
import { renderPortkeyConditional } from '../../src/render/gateway/portkey-conditional.js';
import { renderPortkeyConfigs } from '../../src/render/gateway/portkey-config.js';
import { loadExample, type Example } from './example.js';

type Path = (string | number)[];
type Expected = [code: string, severity: Problem['severity'], path: Path];

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures-lint/portkey/${name}`, import.meta.url), 'utf8')) as unknown;
const brief = (ps: Problem[]): Expected[] => ps.map((p) => [p.code, p.severity, p.path]);
const minifiedBytes = (json: string): number => Buffer.byteLength(JSON.stringify(JSON.parse(json)));
const SIZE_CODES = ['config-too-large', 'config-near-header-limit'];

let example: Example;
let conditional: unknown;
let conditionalBytes: number;
let perUseCase: Map<string, string>;
beforeAll(async () => {
  example = await loadExample();
  const { config } = renderPortkeyConditional(example.model, example.policy);
  conditional = JSON.parse(config) as unknown;
  conditionalBytes = minifiedBytes(config);
  perUseCase = renderPortkeyConfigs(example.model, example.policy);
});

describe('the generated Portkey configs', () => {
  it('per use case: no error and no warning in any of them', () => {
    expect(perUseCase.size).toBe(example.model.routes.length);
    for (const [name, text] of perUseCase) expect([name, lintPortkey(JSON.parse(text))]).toEqual([name, []]);
  });

  it('conditional: no error and no warning apart from its size', () => {
    expect(lintPortkey(conditional).filter((p) => !SIZE_CODES.includes(p.code))).toEqual([]);
  });

  // Branches share leaves only by repetition, so they are keyed on the first primary deployment
  // (bounded by the policy's deployments) and carry at most two fallbacks each.
  it('conditional: fits in the x-portkey-config header (no size problem)', () => {
    expect(conditionalBytes).toBeLessThanOrEqual(HEADER_LIMIT_BYTES);
    expect(lintPortkey(conditional)).toEqual([]);
  });

  it('conditional: the size rule reports what it measures', () => {
    const size = lintPortkey(conditional).filter((p) => SIZE_CODES.includes(p.code));
    const expected =
      conditionalBytes > HEADER_LIMIT_BYTES
        ? ['config-too-large']
        : conditionalBytes > 12 * 1024
          ? ['config-near-header-limit']
          : [];
    expect(size.map((p) => p.code)).toEqual(expected);
    if (expected.length > 0) expect(size[0]?.message).toContain(`${conditionalBytes} bytes`);
  });

  it('custom hosts: the on-prem endpoints need TRUSTED_CUSTOM_HOSTS; trusted, they pass', () => {
    const hosts = (ps: Problem[]): string[] => [...new Set(ps.map((p) => p.hint?.split(' ')[1] ?? ''))].sort();
    const untrusted = lintPortkey(conditional, { trustedCustomHosts: [...DEFAULT_TRUSTED_CUSTOM_HOSTS] }).filter(
      (p) => !SIZE_CODES.includes(p.code),
    );
    expect(new Set(untrusted.map((p) => p.code))).toEqual(new Set(['untrusted-custom-host']));
    const onPrem = example.policy.tiers
      .find((t) => t.id === 'on-prem')!
      .deployments.map((d) => new URL(d.endpoint!).hostname);
    expect(onPrem.length).toBeGreaterThan(0);
    expect(hosts(untrusted).every((h) => onPrem.includes(h))).toBe(true);
    const trusted = lintPortkey(conditional, { trustedCustomHosts: [...DEFAULT_TRUSTED_CUSTOM_HOSTS, ...onPrem] });
    expect(trusted.filter((p) => !SIZE_CODES.includes(p.code))).toEqual([]);
  });

  it('breaks the checks once it is edited wrongly by hand', () => {
    const config = structuredClone(conditional) as {
      strategy: { conditions: { then: string }[] };
      targets: Record<string, unknown>[];
    };
    config.strategy.conditions[0]!.then = 'nowhere';
    const target = config.targets[1]!;
    target.overide_params = target.override_params;
    const problems = lintPortkey(config).filter((p) => !SIZE_CODES.includes(p.code));
    expect(brief(problems)).toEqual([
      ['dangling-target-name', 'error', ['strategy', 'conditions', 0, 'then']],
      ['unknown-key', 'error', ['targets', 1, 'overide_params']],
    ]);
  });
});

// A portfolio of 500 use cases spread over every data class, regime, residency and need the
// example policy knows, deterministically (a small LCG), so the route classes are many.
function portfolio(n: number, classes: string[], regimes: string[]): Inventory {
  let seed = 20261124;
  const next = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
  const tasks: Task[] = [
    'classification',
    'extraction',
    'summarization',
    'search',
    'generation',
    'transcription',
    'reasoning',
    'agentic',
    'code',
  ];
  const useCases: UseCase[] = Array.from({ length: n }, (_, i) => {
    const needs: Needs = { task: pick(tasks) };
    if (next(2)) needs.reasoning = pick(['low', 'medium', 'high'] as const);
    if (next(2)) needs.context_tokens = pick([4000, 16000, 64000, 150000, 300000]);
    if (next(3) === 0) needs.tools = true;
    if (needs.task === 'transcription') needs.modalities = ['audio'];
    else if (next(5) === 0) needs.modalities = ['text', 'image'];
    const data: UseCase['data'] = {
      classes: [pick(classes), ...(next(3) === 0 ? [pick(classes)] : [])].filter((c, j, a) => a.indexOf(c) === j),
    };
    if (next(4) === 0) data.regimes = [pick(regimes)];
    if (next(3) === 0) data.residency = [pick(['eu', 'us'])];
    return { id: `uc-${String(i).padStart(3, '0')}`, name: `Use case ${i}`, status: 'production', data, needs };
  });
  return { version: 1, use_cases: useCases };
}

describe('a 500-use-case portfolio', () => {
  let bytes: number;
  let routes: number;
  let classes: number;
  let config: unknown;
  beforeAll(() => {
    const inventory = portfolio(
      500,
      Object.keys(example.policy.sensitivity.data_classes),
      Object.keys(example.policy.sensitivity.regimes),
    );
    const plan = computePlan(inventory, example.policy, { asOf: '2026-11-24', generator: 'test' });
    const model = compileRoutes(plan, inventory, example.policy);
    const rendered = renderPortkeyConditional(model, example.policy);
    config = JSON.parse(rendered.config) as unknown;
    bytes = minifiedBytes(rendered.config);
    routes = model.routes.length;
    classes = (config as { targets: unknown[] }).targets.length;
  });

  it('routes most of them, through fewer branches than use cases', () => {
    expect(routes).toBeGreaterThan(400);
    expect(classes).toBeLessThan(routes);
  });

  it('has no problem apart from its size', () => {
    expect(lintPortkey(config).filter((p) => !SIZE_CODES.includes(p.code))).toEqual([]);
  });

  it('the size rule reports what it measures', () => {
    const expected =
      bytes > HEADER_LIMIT_BYTES ? ['config-too-large'] : bytes > 12 * 1024 ? ['config-near-header-limit'] : [];
    expect(
      lintPortkey(config)
        .filter((p) => SIZE_CODES.includes(p.code))
        .map((p) => p.code),
    ).toEqual(expected);
  });

  // "well under the gateway's 16 KiB header limit for 500 use cases": one branch per first
  // primary deployment, whatever the number of use cases.
  it('keeps the minified conditional config under 8 KiB', () => {
    expect(bytes, `${bytes} bytes for ${routes} routed use cases in ${classes} branches`).toBeLessThan(8 * 1024);
  });
});

describe('a hand-written config that uses every checked feature correctly', () => {
  it('yields no problem', () => {
    expect(checkPortkeyConfig(fixture('valid.json'))).toEqual([]);
    expect(lintPortkey(fixture('valid.json'), { trustedCustomHosts: [...DEFAULT_TRUSTED_CUSTOM_HOSTS] })).toEqual([]);
  });
});

const CASES: [file: string, expected: Expected[], hint?: string][] = [
  ['unknown-key-typo.json', [['unknown-key', 'error', ['overide_params']]], 'did you mean "override_params"?'],
  ['unknown-key-other.json', [['unknown-key', 'warning', ['x_team']]]],
  [
    'dangling-then.json',
    [
      ['dangling-target-name', 'error', ['strategy', 'conditions', 0, 'then']],
      ['dangling-target-name', 'error', ['strategy', 'default']],
    ],
    'did you mean "onprem"?',
  ],
  [
    'unknown-operator.json',
    [
      ['unknown-operator', 'error', ['strategy', 'conditions', 0, 'query', 'metadata.tier', '$equals']],
      ['unknown-operator', 'error', ['strategy', 'conditions', 1, 'query', '$eq']],
      ['unknown-operator', 'error', ['strategy', 'conditions', 2, 'query', 'params.messages', '$length']],
    ],
    'did you mean "$eq"?',
  ],
  [
    'duplicate-target-name.json',
    [
      ['duplicate-target-name', 'error', ['targets', 2, 'name']],
      ['duplicate-target-name', 'warning', ['targets', 1, 'targets', 1, 'name']],
    ],
  ],
  ['zero-weight.json', [['zero-weight', 'warning', ['targets', 1, 'weight']]]],
  ['all-zero-weights.json', [['all-zero-weights', 'error', ['targets']]]],
  [
    'query-key-too-deep.json',
    [['query-key-too-deep', 'error', ['strategy', 'conditions', 0, 'query', 'metadata.data.class']]],
  ],
  [
    'unknown-query-field.json',
    [
      ['unknown-query-field', 'error', ['strategy', 'conditions', 0, 'query', 'sensitivity']],
      ['unknown-query-field', 'error', ['strategy', 'conditions', 1, 'query', 'url.path']],
    ],
    'did you mean "metadata.sensitivity"?',
  ],
  [
    'or-short-circuit.json',
    [['query-short-circuit', 'error', ['strategy', 'conditions', 0, 'query', 'metadata.sensitivity']]],
  ],
  [
    'regex-short-circuit.json',
    [['query-short-circuit', 'error', ['strategy', 'conditions', 0, 'query', 'params.model', '$ne']]],
  ],
  ['query-multiple-keys.json', [['query-multiple-keys', 'warning', ['strategy', 'conditions', 0, 'query']]]],
  [
    'metadata-non-string.json',
    [
      ['metadata-non-string', 'error', ['strategy', 'conditions', 0, 'query', 'metadata.risk', '$eq']],
      ['metadata-non-string', 'error', ['strategy', 'conditions', 1, 'query', 'metadata.level']],
      ['metadata-non-string', 'error', ['strategy', 'conditions', 2, 'query', 'metadata.tier', '$in', 1]],
    ],
    'write it as a string: "3"',
  ],
  [
    'incomplete-node.json',
    [
      ['incomplete-node', 'error', ['targets', 0]],
      ['incomplete-node', 'error', ['targets', 1]],
    ],
    'add an api_key (any dummy value works for self-hosted servers without auth)',
  ],
  ['retry-without-attempts.json', [['retry-without-attempts', 'error', ['retry']]]],
  [
    'status-codes-not-integers.json',
    [
      ['status-code-not-integer', 'error', ['strategy', 'on_status_codes', 0]],
      ['status-code-not-integer', 'error', ['strategy', 'on_status_codes', 1]],
    ],
    'write 500 without quotes',
  ],
  ['legacy-options.json', [['legacy-config', 'error', ['options']]]],
  ['unknown-mode.json', [['unknown-strategy-mode', 'error', ['strategy', 'mode']]], 'did you mean "fallback"?'],
  ['missing-conditions.json', [['missing-conditions', 'error', ['strategy']]]],
  [
    'invalid-regex.json',
    [['invalid-regex', 'error', ['strategy', 'conditions', 0, 'query', 'params.model', '$regex']]],
  ],
  ['unreachable-target.json', [['unreachable-target', 'warning', ['targets', 2]]]],
  [
    'ignored-settings.json',
    [
      ['conditions-ignored', 'warning', ['strategy', 'default']],
      ['status-codes-ignored', 'warning', ['targets', 0, 'strategy', 'on_status_codes']],
      ['weight-ignored', 'warning', ['targets', 1, 'weight']],
    ],
  ],
];

describe('rules (lintPortkey), one fixture each', () => {
  it.each(CASES)('%s', (file, expected, hint) => {
    const problems = lintPortkey(fixture(file));
    expect(brief(problems)).toEqual(expected);
    expect(checkPortkeyConfig(fixture(file))).toEqual(problems);
    if (hint) expect(problems[0]?.hint).toBe(hint);
  });

  it('untrusted-custom-host.json: only with the gateway trust list given, private and .internal hosts fail', () => {
    expect(lintPortkey(fixture('untrusted-custom-host.json'))).toEqual([]);
    expect(
      brief(
        lintPortkey(fixture('untrusted-custom-host.json'), { trustedCustomHosts: [...DEFAULT_TRUSTED_CUSTOM_HOSTS] }),
      ),
    ).toEqual([
      ['untrusted-custom-host', 'error', ['targets', 0, 'custom_host']],
      ['untrusted-custom-host', 'error', ['targets', 1, 'custom_host']],
    ]);
    expect(
      lintPortkey(fixture('untrusted-custom-host.json'), {
        trustedCustomHosts: ['127.0.0.1', 'vllm.dc1.internal', '10.0.0.12'],
      }),
    ).toEqual([]);
  });

  it('retry attempts without a cap: warns above 5', () => {
    expect(brief(lintPortkey({ provider: 'openai', api_key: 'x', retry: { attempts: 8 } }))).toEqual([
      ['retry-attempts-high', 'warning', ['retry', 'attempts']],
    ]);
  });
});

describe('size against the header limit', () => {
  // A loadbalance over identical leaves, padded to the wanted minified size.
  const sized = (bytes: number): Record<string, unknown> => {
    const config = { provider: 'openai', api_key: 'x', override_params: { model: 'gpt-4o-mini', user: '' } };
    config.override_params.user = 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(config)));
    expect(Buffer.byteLength(JSON.stringify(config))).toBe(bytes);
    return config;
  };

  it.each([
    [12 * 1024, []],
    [12 * 1024 + 1, [['config-near-header-limit', 'warning', []]]],
    [16 * 1024, [['config-near-header-limit', 'warning', []]]],
    [16 * 1024 + 1, [['config-too-large', 'error', []]]],
  ] as [number, Expected[]][])('%i bytes minified', (bytes, expected) => {
    expect(brief(lintPortkey(sized(bytes)))).toEqual(expected);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const config = sized(12 * 1024 - 100);
    (config.override_params as { user: string }).user += 'é'.repeat(60);
    expect(brief(lintPortkey(config))).toEqual([['config-near-header-limit', 'warning', []]]);
  });
});

describe('robustness', () => {
  it('takes any input without throwing', () => {
    const inputs: unknown[] = [
      null,
      1,
      'x',
      [],
      { targets: 'x' },
      { strategy: 'fallback', targets: [null, 1, []] },
      {
        strategy: {
          mode: 'conditional',
          conditions: [
            null,
            { query: [] },
            { query: { $or: 'x' } },
            { query: { 'metadata.a': { $in: 'x', $gt: 'abc' } }, then: 1 },
          ],
        },
        targets: [{}],
      },
      { retry: 'x', cache: { mode: 'fast' }, on_status_codes: 'x', request_timeout: -1, weight: 'x' },
    ];
    for (const input of inputs) expect(() => lintPortkey(input)).not.toThrow();
    expect(brief(lintPortkey([]))).toEqual([['not-a-mapping', 'error', []]]);
  });
});

// fast-check generators for random policies and inventories: small catalogs, so that
// collisions (same region, same regime, same level) are frequent and the edge cases get hit.
import fc from 'fast-check';
import type {
  DataSpec,
  Deployment,
  Inventory,
  MatrixCell,
  Modality,
  Needs,
  Override,
  Policy,
  Task,
  Tier,
  UseCase,
} from '../../src/core/policy/types.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { AS_OF } from './helpers.js';

export const SENS = ['public', 'internal', 'confidential', 'regulated'];
const CAPS = ['basic', 'mid', 'frontier'];
const REGIMES = ['r0', 'r1', 'r2', 'r3'];
export const CLASSES = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
const REGIONS = ['us', 'eu', 'ap'];
const MODALITIES: Modality[] = ['text', 'image', 'audio', 'video'];
const TASKS: Task[] = [
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
const CONTEXTS = [4000, 16000, 32000, 128000, 200000, 400000, 1_000_000];

const deployment = (tierId: string, j: number, regions: string[]): fc.Arbitrary<Deployment> =>
  fc
    .record(
      {
        capability: fc.constantFrom(...CAPS),
        region: fc.constantFrom(...regions),
        context_tokens: fc.constantFrom(...CONTEXTS),
        modalities: fc.subarray(MODALITIES, { minLength: 1 }),
        tools: fc.boolean(),
        cost: fc.oneof(
          fc.record({
            price: fc.record({
              input_per_1m: fc.integer({ min: 0, max: 30 }),
              output_per_1m: fc.integer({ min: 0, max: 60 }),
            }),
          }),
          fc.record({
            fixed_cost: fc.record({
              monthly: fc.integer({ min: 0, max: 50000 }),
              capacity_tokens_per_month: fc.integer({ min: 1, max: 1e10 }),
            }),
          }),
        ),
      },
      { requiredKeys: ['capability', 'region', 'cost'] },
    )
    .map(({ cost, ...d }) => ({ id: `${tierId}-d${j}`, provider: 'test', model: `m${j}`, ...d, ...cost }));

const tier = (i: number): fc.Arbitrary<Tier> =>
  fc
    .record({
      clearance: fc.constantFrom(...SENS),
      regimes: fc.oneof(fc.constant(REGIMES), fc.subarray(REGIMES)),
      regions: fc.subarray(REGIONS, { minLength: 1 }),
      n: fc.integer({ min: 0, max: 6 }),
    })
    .chain(({ n, ...t }) =>
      fc
        .tuple(...Array.from({ length: n }, (_, j) => deployment(`t${i}`, j, t.regions)))
        .map((deployments) => ({ id: `t${i}`, name: `Tier ${i}`, ...t, deployments })),
    );

export const policyArb = (opts: { matrix: boolean } = { matrix: true }): fc.Arbitrary<Policy> =>
  fc.integer({ min: 1, max: 4 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `t${i}`);
    const cell: fc.Arbitrary<MatrixCell> = fc.record({
      sensitivity: fc.constantFrom(...SENS),
      capability: fc.constantFrom(...CAPS),
      tier: fc.constantFrom(...ids),
    });
    return fc
      .record({
        tiers: fc.tuple(...ids.map((_, i) => tier(i))),
        preference: fc.shuffledSubarray(ids),
        classLevels: fc.tuple(
          ...CLASSES.map(() =>
            fc.record({ level: fc.constantFrom(...SENS), implies: fc.subarray(REGIMES, { maxLength: 1 }) }),
          ),
        ),
        regimeLevels: fc.tuple(...REGIMES.map(() => fc.constantFrom(...SENS))),
        matrix: opts.matrix ? fc.array(cell, { maxLength: 6 }) : fc.constant<MatrixCell[]>([]),
      })
      .map(
        ({ tiers, preference, classLevels, regimeLevels, matrix }): Policy => ({
          version: 1,
          name: 'random',
          sensitivity: {
            levels: SENS,
            fail_closed: 'regulated',
            data_classes: Object.fromEntries(
              CLASSES.map((c, k) => [
                c,
                { level: classLevels[k]!.level, description: c, implies_regimes: classLevels[k]!.implies },
              ]),
            ),
            regimes: Object.fromEntries(REGIMES.map((r, k) => [r, { level: regimeLevels[k]!, description: r }])),
          },
          capability: structuredClone(DEFAULT_POLICY.capability),
          tiers,
          preference,
          ...(matrix.length > 0 ? { matrix } : {}),
        }),
      );
  });

const dataArb = (classes: string[], regimes: string[]): fc.Arbitrary<DataSpec> =>
  fc.record(
    {
      classes: fc.subarray(classes, { maxLength: 3 }),
      regimes: fc.subarray(regimes, { maxLength: 1 }),
      residency: fc.subarray([...REGIONS, 'ch'], { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

const needsArb: fc.Arbitrary<Needs> = fc.record(
  {
    task: fc.constantFrom(...TASKS),
    reasoning: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
    context_tokens: fc.constantFrom(1000, ...CONTEXTS, 2_000_000),
    tools: fc.boolean(),
    modalities: fc.subarray(MODALITIES),
  },
  { requiredKeys: [] },
);

const isoPlus = (days: number): string =>
  new Date(Date.parse(`${AS_OF}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const overrideArb = (tierIds: string[]): fc.Arbitrary<Override> =>
  fc.record(
    {
      tier: fc.constantFrom(...tierIds, 'nowhere'),
      reason: fc.constant('test'),
      approved_by: fc.constant('ciso@example.com'),
      exception: fc.boolean(),
      expires: fc.integer({ min: -60, max: 400 }).map(isoPlus),
    },
    { requiredKeys: ['tier', 'reason', 'expires'] },
  );

export const useCaseArb = (
  id: string,
  o: { classes?: string[]; regimes?: string[]; tierIds?: string[]; overrides?: boolean } = {},
): fc.Arbitrary<UseCase> =>
  fc
    .record(
      {
        status: fc.constantFrom(
          'production' as const,
          'pilot' as const,
          'idea' as const,
          'production' as const,
          'retired' as const,
        ),
        // Mostly classified data: unclassified (fail-closed) is one case among many, not the norm.
        data: fc.oneof(
          { arbitrary: dataArb(o.classes ?? CLASSES, o.regimes ?? REGIMES), weight: 1 },
          {
            arbitrary: dataArb(o.classes ?? CLASSES, o.regimes ?? REGIMES).filter((d) => d.classes !== undefined),
            weight: 3,
          },
        ),
        needs: needsArb,
        volume: fc.record({
          requests: fc.integer({ min: 0, max: 1e6 }),
          input_tokens_per_request: fc.integer({ min: 0, max: 1e5 }),
          output_tokens_per_request: fc.integer({ min: 0, max: 1e4 }),
        }),
        ...(o.overrides ? { override: overrideArb(o.tierIds ?? ['t0', 't1', 't2', 't3']) } : {}),
      },
      { requiredKeys: [] },
    )
    .map((u) => ({ id, name: `Use case ${id}`, ...u }));

export const inventoryArb = (tierIds: string[], overrides: boolean): fc.Arbitrary<Inventory> =>
  fc
    .integer({ min: 0, max: 8 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => useCaseArb(`uc-${i}`, { tierIds, overrides }))))
    .map((use_cases) => ({ version: 1, use_cases }));

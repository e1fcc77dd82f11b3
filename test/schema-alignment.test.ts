// The schemas in schemas/ are the contract; the TypeScript types must say the same.
// Each manifest below is checked by the compiler against a type (every key, and whether it
// is optional) and by the test against the schema (properties and `required`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  Estimate,
  Gap,
  OverrideOutcome,
  Plan,
  PlanCell,
  PlannedUseCase,
  PlanTier,
  Reason,
  SplitEntry,
} from '../src/core/plan/plan-types.js';
import type {
  CapabilityCondition,
  CapabilityRule,
  GatewaySettings,
  Credentials,
  DataClass,
  DataSpec,
  Deployment,
  FixedCost,
  Inventory,
  MatrixCell,
  Modality,
  Needs,
  Override,
  PolicyFile,
  Reasoning,
  ReviewSettings,
  UsageDatabase,
  Regime,
  Status,
  Suggested,
  Task,
  Tier,
  TokenPrice,
  TriggerKind,
  TriggerRule,
  UseCase,
  Volume,
} from '../src/core/policy/types.js';
import type { DeploymentMonth, UsageCell } from '../src/core/review/aggregate.js';
import type {
  ReviewFinding,
  ReviewFindingKind,
  MoveAction,
  PortfolioSplit,
  Proposal,
  ProposalChange,
  ProposedMove,
  Review,
  ReviewCounts,
  ReviewPeriod,
  ReviewTotals,
  Severity,
  ShareChange,
  SplitSource,
  SplitTier,
  SplitTotals,
  Streak,
  TierFigures,
  TriggerFigure,
  TriggerFiring,
} from '../src/core/review/review-types.js';
import type { RejectedRow } from '../src/core/review/usage-types.js';
import {
  AGGREGATE_COLUMNS,
  AGGREGATE_FORMAT_VERSION,
  type AggregateRecord,
} from '../src/core/review/aggregate-format.js';
import { AGGREGATE_REQUIRED } from '../src/io/usage/aggregate-records.js';
import type {
  DateFormat,
  DefaultCondition,
  DefaultRule,
  FieldValues,
  ImportMapping,
  KeywordRule,
  LetterColumn,
  ListSource,
  MappingColumns,
  NamedColumn,
  ValuedColumn,
} from '../src/core/import/mapping-types.js';

type Kinds<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? 'optional' : 'required' };
type Schema = {
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
};

const load = (name: string): Schema =>
  JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as Schema;
const inventory = load('inventory.schema.json');
const policy = load('policy.schema.json');
const plan = load('plan.schema.json');
const review = load('review.schema.json');
const importMapping = load('import-mapping.schema.json');

function at(root: Schema, ...path: string[]): Schema {
  let node: Schema = root;
  for (const step of path) {
    node = deref(root, node);
    const next =
      step === '[]'
        ? node.items
        : step === '{}'
          ? (node.additionalProperties as Schema)
          : step === '|'
            ? node.oneOf?.map((o) => deref(root, o)).find((o) => o.properties)
            : node.properties?.[step];
    if (!next) throw new Error(`no ${step} in schema at ${path.join('.')}`);
    node = next;
  }
  return deref(root, node);
}
function deref(root: Schema, node: Schema): Schema {
  if (!node.$ref) return node;
  const parts = node.$ref.replace(/^#\//, '').split('/');
  return deref(
    root,
    parts.reduce<Record<string, unknown>>(
      (n, p) => n[p] as Record<string, unknown>,
      root as Record<string, unknown>,
    ) as Schema,
  );
}
function expectAligned(schema: Schema, kinds: Record<string, 'optional' | 'required'>): void {
  expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(kinds).sort());
  expect([...(schema.required ?? [])].sort()).toEqual(
    Object.keys(kinds)
      .filter((k) => kinds[k] === 'required')
      .sort(),
  );
}
const o = 'optional' as const;
const r = 'required' as const;

describe('inventory schema ↔ types', () => {
  it('objects', () => {
    expectAligned(inventory, { version: r, use_cases: r } satisfies Kinds<Inventory>);
    const uc = at(inventory, 'use_cases', '[]');
    expectAligned(uc, {
      id: r,
      name: r,
      owner: o,
      status: o,
      description: o,
      data: o,
      needs: o,
      volume: o,
      suggested: o,
      override: o,
      aliases: o,
    } satisfies Kinds<UseCase>);
    expectAligned(at(inventory, 'use_cases', '[]', 'suggested'), {
      data_classes: o,
      task: o,
      because: o,
      dismissed: o,
    } satisfies Kinds<Suggested>);
    expectAligned(at(inventory, 'use_cases', '[]', 'data'), {
      classes: o,
      regimes: o,
      residency: o,
    } satisfies Kinds<DataSpec>);
    expectAligned(at(inventory, 'use_cases', '[]', 'needs'), {
      task: o,
      reasoning: o,
      context_tokens: o,
      tools: o,
      modalities: o,
    } satisfies Kinds<Needs>);
    expectAligned(at(inventory, 'use_cases', '[]', 'volume'), {
      requests: o,
      input_tokens_per_request: o,
      output_tokens_per_request: o,
    } satisfies Kinds<Volume>);
    expectAligned(at(inventory, 'use_cases', '[]', 'override'), {
      tier: r,
      reason: r,
      approved_by: o,
      expires: r,
      exception: o,
    } satisfies Kinds<Override>);
  });
  it('enums', () => {
    const statuses: Record<Status, true> = { idea: true, pilot: true, production: true, retired: true };
    const tasks: Record<Task, true> = {
      classification: true,
      extraction: true,
      summarization: true,
      search: true,
      generation: true,
      transcription: true,
      reasoning: true,
      agentic: true,
      code: true,
    };
    const reasoning: Record<Reasoning, true> = { low: true, medium: true, high: true };
    const modalities: Record<Modality, true> = { text: true, image: true, audio: true, video: true };
    expect(at(inventory, 'use_cases', '[]', 'status').enum).toEqual(Object.keys(statuses));
    expect(at(inventory, 'use_cases', '[]', 'needs', 'task').enum).toEqual(Object.keys(tasks));
    expect(at(inventory, 'use_cases', '[]', 'needs', 'reasoning').enum).toEqual(Object.keys(reasoning));
    expect(at(inventory, 'use_cases', '[]', 'needs', 'modalities', '[]').enum).toEqual(Object.keys(modalities));
  });
});

describe('policy schema ↔ types', () => {
  it('objects', () => {
    expectAligned(policy, {
      version: r,
      name: o,
      extends: o,
      sensitivity: o,
      capability: o,
      tiers: o,
      preference: o,
      matrix: o,
      reference_split: o,
      gateway: o,
      triggers: o,
      review: o,
      currency: o,
    } satisfies Kinds<PolicyFile>);
    expectAligned(at(policy, 'triggers', '[]'), {
      id: r,
      kind: r,
      tier: o,
      tokens_per_month: o,
      cost_per_month: o,
      utilisation: o,
      target_tier: o,
      months: r,
      description: o,
    } satisfies Kinds<TriggerRule>);
    const kinds: Record<TriggerKind, true> = {
      volume_below: true,
      tokens_above: true,
      spend_above: true,
      no_traffic: true,
      capacity_above: true,
      capacity_below: true,
      break_even: true,
    };
    expect(at(policy, 'triggers', '[]', 'kind').enum).toEqual(Object.keys(kinds));
    expectAligned(at(policy, 'gateway'), {
      context_window_fallbacks: o,
      fallback_status_codes: o,
      num_retries: o,
      timeout_seconds: o,
    } satisfies Kinds<GatewaySettings>);
    expectAligned(at(policy, 'review'), { provider_names: o, databases: o } satisfies Kinds<ReviewSettings>);
    expectAligned(at(policy, 'review', 'databases', '{}'), {
      url_env: r,
      description: o,
    } satisfies Kinds<UsageDatabase>);
    expectAligned(at(policy, 'sensitivity'), {
      levels: o,
      fail_closed: o,
      no_class_level: o,
      data_classes: o,
      regimes: o,
    } satisfies Kinds<NonNullable<PolicyFile['sensitivity']>>);
    expectAligned(at(policy, 'capability'), { levels: o, unclassified: o, rules: o } satisfies Kinds<
      NonNullable<PolicyFile['capability']>
    >);
    expectAligned(at(policy, 'sensitivity', 'data_classes', '{}'), {
      level: r,
      description: r,
      implies_regimes: o,
    } satisfies Kinds<DataClass>);
    expectAligned(at(policy, 'sensitivity', 'regimes', '{}'), { level: r, description: r } satisfies Kinds<Regime>);
    const rule = at(policy, 'capability', 'rules', '[]');
    expectAligned(rule, { id: r, level: r, description: o, when: r } satisfies Kinds<CapabilityRule>);
    expectAligned(at(policy, 'capability', 'rules', '[]', 'when'), {
      task: o,
      reasoning: o,
      context_tokens_at_least: o,
      tools: o,
      modalities_any: o,
    } satisfies Kinds<CapabilityCondition>);
    const tier = at(policy, 'tiers', '[]');
    expectAligned(tier, {
      id: r,
      name: r,
      description: o,
      clearance: r,
      regimes: r,
      regions: r,
      deployments: r,
    } satisfies Kinds<Tier>);
    const dep = at(policy, 'tiers', '[]', 'deployments', '[]');
    expectAligned(dep, {
      id: r,
      provider: r,
      model: r,
      capability: r,
      region: r,
      endpoint: o,
      context_tokens: o,
      modalities: o,
      tools: o,
      credentials: o,
      price: o,
      fixed_cost: o,
    } satisfies Kinds<Deployment>);
    expectAligned(at(policy, 'tiers', '[]', 'deployments', '[]', 'credentials'), {
      api_key_env: o,
      api_base_env: o,
    } satisfies Kinds<Credentials>);
    expectAligned(at(policy, 'tiers', '[]', 'deployments', '[]', 'price'), {
      input_per_1m: r,
      output_per_1m: r,
    } satisfies Kinds<TokenPrice>);
    expectAligned(at(policy, 'tiers', '[]', 'deployments', '[]', 'fixed_cost'), {
      monthly: r,
      capacity_tokens_per_month: r,
    } satisfies Kinds<FixedCost>);
    expectAligned(at(policy, 'matrix', '[]'), { sensitivity: r, capability: r, tier: r } satisfies Kinds<MatrixCell>);
  });
});

describe('plan schema ↔ types', () => {
  it('objects', () => {
    expectAligned(plan, {
      schema_version: r,
      generator: r,
      as_of: r,
      policy: r,
      currency: o,
      levels: r,
      tiers: r,
      cells: r,
      use_cases: r,
      split: r,
      gaps: r,
      overrides: r,
      expiring: r,
      unclassified: r,
      pending: r,
    } satisfies Kinds<Plan>);
    expectAligned(at(plan, 'tiers', '[]'), {
      id: r,
      name: r,
      clearance: r,
      regimes: r,
      regions: r,
    } satisfies Kinds<PlanTier>);
    expectAligned(at(plan, 'cells', '[]'), {
      sensitivity: r,
      capability: r,
      tier: r,
      use_cases: r,
    } satisfies Kinds<PlanCell>);
    expectAligned(at(plan, 'split', '[]'), {
      tier: r,
      count: r,
      tokens_per_month: r,
      cost_per_month: r,
      share_count: r,
      share_tokens: r,
      share_cost: r,
      reference: r,
    } satisfies Kinds<SplitEntry>);
    const uc = at(plan, 'use_cases', '[]');
    expectAligned(uc, {
      id: r,
      name: r,
      owner: r,
      status: r,
      sensitivity: r,
      capability: r,
      regimes: r,
      residency: r,
      regime_backed: r,
      unclassified: r,
      pending_suggestion: r,
      tier: r,
      deployment: r,
      decided_by: r,
      cleared: r,
      candidates: r,
      summary: r,
      rationale: r,
      gap: r,
      override: r,
      estimate: r,
    } satisfies Kinds<PlannedUseCase>);
    expectAligned(at(plan, 'use_cases', '[]', 'rationale', '[]'), { rule: r, text: r } satisfies Kinds<Reason>);
    expectAligned(at(plan, 'use_cases', '[]', 'gap', '|'), { cause: r, detail: r, remedies: r } satisfies Kinds<Gap>);
    expectAligned(at(plan, 'use_cases', '[]', 'override', '|'), {
      tier: r,
      state: r,
      reason: r,
      approved_by: r,
      expires: r,
      days_left: r,
      note: r,
    } satisfies Kinds<OverrideOutcome>);
    expectAligned(at(plan, 'use_cases', '[]', 'estimate'), {
      tokens_per_month: r,
      cost_per_month: r,
    } satisfies Kinds<Estimate>);
  });
});

describe('review schema ↔ types', () => {
  it('objects', () => {
    expectAligned(review, {
      schema_version: r,
      as_of: r,
      policy: r,
      currency: r,
      totals: r,
      period: r,
      counts: r,
      usage: r,
      deployments: r,
      triggers: r,
      findings: r,
      proposals: r,
      streaks: r,
      split: r,
    } satisfies Kinds<Review>);
    expectAligned(at(review, 'period'), { from: r, to: r, months: r } satisfies Kinds<ReviewPeriod>);
    expectAligned(at(review, 'totals'), {
      requests: r,
      tokens: r,
      billed_cost: r,
      allocated_cost: r,
    } satisfies Kinds<ReviewTotals>);
    expectAligned(at(review, 'counts'), {
      breaches: r,
      breach_use_cases: r,
      unplaced: r,
      read: r,
      unreadable: r,
      aggregated: r,
      unattributed: r,
      outside_period_cells: r,
      previous_period_cells: r,
    } satisfies Kinds<ReviewCounts>);
    expectAligned(at(review, 'usage', '[]'), {
      use_case: r,
      month: r,
      tier: r,
      requests: r,
      rows_without_requests: r,
      input_tokens: r,
      output_tokens: r,
      cost: r,
      allocated_cost: r,
      failures: r,
      p95_latency_ms: r,
      latency_samples: r,
      deployments: r,
    } satisfies Kinds<UsageCell>);
    expectAligned(at(review, 'deployments', '[]'), {
      deployment: r,
      tier: r,
      month: r,
      requests: r,
      tokens: r,
      capacity_tokens: r,
      utilisation: r,
      fixed_cost: r,
    } satisfies Kinds<DeploymentMonth>);
    expectAligned(at(review, 'triggers', '[]'), {
      trigger: r,
      kind: r,
      use_case: r,
      tier: r,
      deployment: r,
      metric: r,
      months: r,
      consecutive: r,
      required: r,
      figures: r,
      use_cases: r,
      note: r,
      move: r,
      summary: r,
    } satisfies Kinds<TriggerFiring>);
    expectAligned(at(review, 'triggers', '[]', 'figures', '[]'), {
      month: r,
      value: r,
      threshold: r,
    } satisfies Kinds<TriggerFigure>);
    expectAligned(at(review, 'triggers', '[]', 'move'), { action: r, tier: r, note: r } satisfies Kinds<ProposedMove>);
    expectAligned(at(review, 'findings', '[]'), {
      kind: r,
      severity: r,
      use_case: r,
      tier: r,
      months: r,
      requests: r,
      tokens: r,
      cost: r,
      rows: r,
      first_rows: r,
      message: r,
    } satisfies Kinds<ReviewFinding>);
    expectAligned(at(review, 'findings', '[]', 'first_rows', '[]'), {
      file: r,
      line: r,
      reason: r,
    } satisfies Kinds<RejectedRow>);
    expectAligned(at(review, 'proposals', '[]'), {
      use_case: r,
      action: r,
      change: r,
      reason: r,
      trigger: r,
    } satisfies Kinds<Proposal>);
    expectAligned(at(review, 'proposals', '[]', 'change'), { path: r, from: r, to: r } satisfies Kinds<ProposalChange>);
    expectAligned(at(review, 'streaks', '[]'), { trigger: r, subject: r, months: r } satisfies Kinds<Streak>);
    expectAligned(at(review, 'split'), {
      previous_period: r,
      previous_source: r,
      previous_months: r,
      note: r,
      totals: r,
      tiers: r,
    } satisfies Kinds<PortfolioSplit>);
    expectAligned(at(review, 'split', 'previous_period'), { from: r, to: r, months: r } satisfies Kinds<
      PortfolioSplit['previous_period']
    >);
    expectAligned(at(review, 'split', 'totals'), { current: r, previous: r } satisfies Kinds<PortfolioSplit['totals']>);
    expectAligned(at(review, 'split', 'totals', 'current'), {
      requests: r,
      tokens: r,
      cost: r,
    } satisfies Kinds<SplitTotals>);
    expectAligned(at(review, 'split', 'totals', 'previous', '|'), {
      requests: r,
      tokens: r,
      cost: r,
    } satisfies Kinds<SplitTotals>);
    expectAligned(at(review, 'split', 'tiers', '[]'), {
      tier: r,
      current: r,
      previous: r,
      change_pp: r,
    } satisfies Kinds<SplitTier>);
    expectAligned(at(review, 'split', 'tiers', '[]', 'current'), {
      requests: r,
      tokens: r,
      cost: r,
      share_requests: r,
      share_tokens: r,
      share_cost: r,
    } satisfies Kinds<TierFigures>);
    expectAligned(at(review, 'split', 'tiers', '[]', 'previous', '|'), {
      requests: r,
      tokens: r,
      cost: r,
      share_requests: r,
      share_tokens: r,
      share_cost: r,
    } satisfies Kinds<TierFigures>);
    expectAligned(at(review, 'split', 'tiers', '[]', 'change_pp', '|'), {
      requests: r,
      tokens: r,
      cost: r,
    } satisfies Kinds<ShareChange>);
  });
  it('enums', () => {
    const findings: Record<ReviewFindingKind, true> = {
      breach: true,
      'unverified-deployment': true,
      'unregistered-breach': true,
      'too-many-identities': true,
      'label-mismatch': true,
      'use-case-mismatch': true,
      drift: true,
      unregistered: true,
      'retired-traffic': true,
      'idle-production': true,
      'override-expired': true,
      'override-expiring': true,
      unreadable: true,
      unattributed: true,
    };
    const severities: Record<Severity, true> = { error: true, warning: true, info: true };
    const actions: Record<MoveAction, true> = { move: true, retire: true, evaluate: true, 'plan-capacity': true };
    const metrics: Record<TriggerFiring['metric'], true> = {
      tokens: true,
      cost: true,
      requests: true,
      utilisation: true,
    };
    const proposalActions: Record<Proposal['action'], true> = { move: true, retire: true };
    expect(at(review, 'findings', '[]', 'kind').enum).toEqual(Object.keys(findings));
    expect(at(review, 'findings', '[]', 'severity').enum).toEqual(Object.keys(severities));
    expect(at(review, 'triggers', '[]', 'move', 'action').enum).toEqual(Object.keys(actions));
    expect(at(review, 'triggers', '[]', 'metric').enum).toEqual(Object.keys(metrics));
    expect(at(review, 'triggers', '[]', 'kind').enum).toEqual(at(policy, 'triggers', '[]', 'kind').enum);
    expect(at(review, 'proposals', '[]', 'action').enum).toEqual(Object.keys(proposalActions));
    const sources: Record<SplitSource, true> = { usage: true, 'previous-review': true };
    expect(at(review, 'split', 'previous_source').enum).toEqual([...Object.keys(sources), null]);
  });
});

describe('import mapping schema ↔ types', () => {
  it('objects', () => {
    expectAligned(importMapping, {
      version: r,
      date_format: o,
      columns: r,
      data_classes: o,
      regimes: o,
      residency: o,
      suggest: o,
      constants: o,
      defaults: o,
    } satisfies Kinds<ImportMapping>);
    expectAligned(at(importMapping, 'columns'), {
      id: o,
      name: o,
      owner: o,
      status: o,
      description: o,
      task: o,
      reasoning: o,
      context_tokens: o,
      tools: o,
      modalities: o,
      requests: o,
      input_tokens_per_request: o,
      output_tokens_per_request: o,
      override_tier: o,
      override_reason: o,
      override_approved_by: o,
      override_expires: o,
    } satisfies Kinds<MappingColumns>);
    const defs = (importMapping as { definitions: Record<string, Schema & { anyOf?: Schema[] }> }).definitions;
    expectAligned(defs.namedColumn!, { name: r, occurrence: o } satisfies Kinds<NamedColumn>);
    expectAligned(defs.letterColumn!, { letter: r } satisfies Kinds<LetterColumn>);
    expectAligned(defs.listSource!, { column: r, values: o, split: o } satisfies Kinds<ListSource>);
    expectAligned(defs.keywordRule!, { columns: o, words: r, data_class: o, task: o } satisfies Kinds<KeywordRule>);
    expectAligned(defs.defaultRule!, { when: o, set: r } satisfies Kinds<DefaultRule>);
    expectAligned(defs.defaultCondition!, {
      column: r,
      equals: o,
      in: o,
      matches: o,
    } satisfies Kinds<DefaultCondition>);
    expectAligned(defs.fieldValues!, {
      owner: o,
      status: o,
      description: o,
      task: o,
      reasoning: o,
      context_tokens: o,
      tools: o,
      modalities: o,
      requests: o,
      input_tokens_per_request: o,
      output_tokens_per_request: o,
      data_classes: o,
      regimes: o,
      residency: o,
    } satisfies Kinds<FieldValues>);
    for (const field of ['statusField', 'taskField', 'reasoningField', 'toolsField', 'modalitiesField']) {
      expectAligned(defs[field]!.anyOf![1]!, { column: r, values: o } satisfies Kinds<ValuedColumn<unknown>>);
    }
  });
  it('enums', () => {
    const formats: Record<DateFormat, true> = { 'DD/MM/YYYY': true, 'MM/DD/YYYY': true };
    expect(at(importMapping, 'date_format').enum).toEqual(Object.keys(formats));
    const defs = (
      importMapping as {
        definitions: Record<string, { anyOf: { properties: { values: { additionalProperties: Schema } } }[] }>;
      }
    ).definitions;
    expect(defs.statusField!.anyOf[1]!.properties.values.additionalProperties.enum).toEqual(
      at(inventory, 'use_cases', '[]', 'status').enum,
    );
    // 'unknown': the task is known to be unknown (no needs.task).
    const tasks = [...(at(inventory, 'use_cases', '[]', 'needs', 'task').enum ?? []), 'unknown'];
    expect(defs.taskField!.anyOf[1]!.properties.values.additionalProperties.enum).toEqual(tasks);
    const fields = (importMapping as { definitions: Record<string, Schema> }).definitions.fieldValues!;
    expect(fields.properties!.task!.enum).toEqual(tasks);
    expect(fields.properties!.status!.enum).toEqual(at(inventory, 'use_cases', '[]', 'status').enum);
    expect(fields.properties!.reasoning!.enum).toEqual(at(inventory, 'use_cases', '[]', 'needs', 'reasoning').enum);
    expect(defs.reasoningField!.anyOf[1]!.properties.values.additionalProperties.enum).toEqual(
      at(inventory, 'use_cases', '[]', 'needs', 'reasoning').enum,
    );
    expect(at(importMapping, 'suggest', '[]', 'task').enum).toEqual(
      at(inventory, 'use_cases', '[]', 'needs', 'task').enum,
    );
  });
});

describe('usage aggregate schema ↔ types', () => {
  const aggregate = load('usage-aggregate.schema.json') as Schema & { properties: Record<string, { const?: unknown }> };
  it('columns', () => {
    expectAligned(aggregate, {
      tierplan_aggregate: r,
      source: r,
      month: r,
      rejected: r,
      model_group: o,
      model_id: o,
      model: o,
      provider: o,
      api_base: o,
      region: o,
      tags: o,
      metadata_tags: o,
      latency_bucket: r,
      rows: r,
      requests: r,
      input_tokens: r,
      output_tokens: r,
      cost: r,
      unpriced_input_tokens: o,
      unpriced_output_tokens: o,
      failures: r,
      example: o,
      focus: o,
      quantity: o,
    } satisfies Kinds<AggregateRecord>);
    expect(Object.keys(aggregate.properties)).toEqual([...AGGREGATE_COLUMNS]);
    expect([...AGGREGATE_REQUIRED].sort()).toEqual([...(aggregate.required ?? [])].sort());
    expect(aggregate.properties.tierplan_aggregate?.const).toBe(AGGREGATE_FORMAT_VERSION);
  });
});

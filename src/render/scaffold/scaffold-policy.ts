import type { Document } from 'yaml';
import type { LeftOut } from '../../core/init/scaffold-policy.js';
import type { Deployment, Policy, Tier } from '../../core/policy/types.js';
import { NOTES, POLICY_HEADER, leftOutNote } from './scaffold-policy-notes.js';
import { SCAFFOLD_YAML, above, beside, gapBefore, scaffoldDocument } from './scaffold-yaml.js';

export interface ScaffoldPolicyInput {
  policy: Policy;
  leftOut: LeftOut;
  /** Reference (relative path or URL) to policy.schema.json for the yaml-language-server line. */
  schemaRef: string;
}

/** tierplan.policy.yaml as `tierplan init` writes it: the policy as data, commented node by node. */
export function renderScaffoldPolicy(input: ScaffoldPolicyInput): string {
  const { policy } = input;
  const doc = scaffoldDocument(
    policyData(policy),
    input.schemaRef,
    [...POLICY_HEADER, ...leftOutNote(input.leftOut)],
    ['when', 'credentials', 'price', 'fixed_cost'],
  );
  above(doc, ['version'], NOTES.version);
  above(doc, ['name'], NOTES.name);
  above(doc, ['sensitivity'], NOTES.sensitivity, true);
  beside(doc, ['sensitivity', 'levels'], NOTES.levels);
  above(doc, ['sensitivity', 'fail_closed'], NOTES.fail_closed);
  if (policy.sensitivity.no_class_level !== undefined)
    above(doc, ['sensitivity', 'no_class_level'], NOTES.no_class_level);
  above(doc, ['sensitivity', 'data_classes'], NOTES.data_classes);
  above(doc, ['sensitivity', 'regimes'], NOTES.regimes);
  above(doc, ['capability'], NOTES.capability, true);
  beside(doc, ['capability', 'levels'], NOTES.levels);
  beside(doc, ['capability', 'unclassified'], NOTES.unclassified);
  above(doc, ['capability', 'rules'], NOTES.rules);
  above(doc, ['tiers'], NOTES.tiers, true);
  commentTiers(doc, policy.tiers);
  above(doc, ['preference'], NOTES.preference, true);
  if (policy.reference_split)
    above(
      doc,
      ['reference_split'],
      input.leftOut.tiers.length > 0 ? NOTES.reference_split_scaled : NOTES.reference_split,
      true,
    );
  if (policy.gateway) {
    above(doc, ['gateway'], NOTES.gateway, true);
    beside(doc, ['gateway', 'context_window_fallbacks'], NOTES.context_window_fallbacks);
    beside(doc, ['gateway', 'fallback_status_codes'], NOTES.fallback_status_codes);
  }
  if (policy.triggers) {
    above(doc, ['triggers'], NOTES.triggers, true);
    for (let i = 1; i < policy.triggers.length; i++) gapBefore(doc, ['triggers', i]);
  }
  if (policy.review) {
    above(doc, ['review'], NOTES.review, true);
    above(doc, ['review', 'provider_names'], [NOTES.provider_names]);
  }
  return doc.toString(SCAFFOLD_YAML);
}

// The first tier carries the field-by-field notes; every tier gets a heading with its name.
function commentTiers(doc: Document, tiers: Tier[]): void {
  tiers.forEach((t, i) => {
    if (i > 0) above(doc, ['tiers', i], [`── ${t.name} ──`], true);
    else above(doc, ['tiers', i], [`── ${t.name} ──`]);
  });
  if (tiers.length === 0) return;
  beside(doc, ['tiers', 0, 'clearance'], NOTES.clearance);
  beside(doc, ['tiers', 0, 'regimes'], NOTES.tierRegimes);
  beside(doc, ['tiers', 0, 'regions'], NOTES.regions);
  above(doc, ['tiers', 0, 'deployments'], NOTES.deployments);
  const selfHosted = tiers.flatMap((t, i) =>
    t.deployments.flatMap((d, j) => (d.fixed_cost ? [[i, j] as const] : [])),
  )[0];
  if (selfHosted) beside(doc, ['tiers', selfHosted[0], 'deployments', selfHosted[1], 'fixed_cost'], NOTES.fixed_cost);
}

// Key order follows the schema, whatever order the default's objects were built in.
function policyData(p: Policy): Record<string, unknown> {
  return {
    version: p.version,
    name: p.name,
    extends: 'none',
    sensitivity: {
      levels: p.sensitivity.levels,
      fail_closed: p.sensitivity.fail_closed,
      ...(p.sensitivity.no_class_level !== undefined ? { no_class_level: p.sensitivity.no_class_level } : {}),
      data_classes: p.sensitivity.data_classes,
      regimes: p.sensitivity.regimes,
    },
    capability: { levels: p.capability.levels, unclassified: p.capability.unclassified, rules: p.capability.rules },
    tiers: p.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      clearance: t.clearance,
      regimes: t.regimes,
      regions: t.regions,
      deployments: t.deployments.map(deploymentData),
    })),
    preference: p.preference,
    ...(p.matrix && p.matrix.length > 0 ? { matrix: p.matrix } : {}),
    ...(p.reference_split ? { reference_split: p.reference_split } : {}),
    ...(p.gateway ? { gateway: p.gateway } : {}),
    ...(p.triggers ? { triggers: p.triggers } : {}),
    ...(p.review ? { review: { provider_names: p.review.provider_names ?? {} } } : {}),
  };
}

// A record, not a list, so the compiler insists on every key of Deployment.
const DEPLOYMENT_ORDER: Record<keyof Deployment, null> = {
  id: null,
  provider: null,
  model: null,
  capability: null,
  region: null,
  endpoint: null,
  context_tokens: null,
  modalities: null,
  tools: null,
  credentials: null,
  price: null,
  fixed_cost: null,
};
const DEPLOYMENT_KEYS = Object.keys(DEPLOYMENT_ORDER) as (keyof Deployment)[];

function deploymentData(d: Deployment): Record<string, unknown> {
  return Object.fromEntries(DEPLOYMENT_KEYS.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
}

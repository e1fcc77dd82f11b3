// Every code a user can see, in one place: validation problems, verify findings and review
// findings. A code must be here to be emitted (DiagnosticCode types every place that creates
// one), and docs/rules.md is generated from this object (scripts/rules-doc.mjs).
import type { Category, CatalogEntry, RuleText } from './catalog-types.js';
import { ADOPT_RULES } from './catalog-adopt.js';
import { CONFIG_REFERENCE_RULES } from './catalog-config-references.js';
import { INPUT_RULES } from './catalog-input.js';
import { INVENTORY_RULES } from './catalog-inventory.js';
import { LITELLM_RULES } from './catalog-litellm.js';
import { PLAN_RULES } from './catalog-plan.js';
import { PORTKEY_RULES } from './catalog-portkey.js';
import { REVIEW_RULES, REVIEW_TRIGGER_RULES } from './catalog-review.js';
import { VERIFY_RULES } from './catalog-verify.js';

export type { Category, CatalogEntry, RuleText, Severity } from './catalog-types.js';
export { VERIFY_CODES, type VerifyCode } from './catalog-verify.js';
export { REVIEW_CODES, type ReviewCode } from './catalog-review.js';

/** The areas in the order the rules page lists them; a code belongs to exactly one. */
export const AREAS = [
  { category: 'input', title: 'Reading files, and their shape', rules: INPUT_RULES },
  { category: 'input', title: 'Policy, inventory and usage contents', rules: INVENTORY_RULES },
  { category: 'plan', title: 'Plan findings (counted by plan --fail-on)', rules: PLAN_RULES },
  { category: 'verify', title: 'Verify findings', rules: VERIFY_RULES },
  { category: 'verify', title: 'LiteLLM config problems (reported as config-problem)', rules: LITELLM_RULES },
  { category: 'verify', title: 'Portkey config problems (reported as config-problem)', rules: PORTKEY_RULES },
  {
    category: 'verify',
    title: 'Credentials and expanded text in gateway configs (reported as config-problem)',
    rules: CONFIG_REFERENCE_RULES,
  },
  { category: 'review', title: 'Review findings', rules: REVIEW_RULES },
  {
    category: 'review',
    title: 'Review triggers (reported by --annotations and --format sarif)',
    rules: REVIEW_TRIGGER_RULES,
  },
  { category: 'input', title: 'Adopting a gateway (tierplan adopt)', rules: ADOPT_RULES },
] as const satisfies readonly { category: Category; title: string; rules: Record<string, RuleText> }[];

/** Codes of problems in inputs (files, schemas, policy and inventory rules, usage exports). */
export type InputCode = keyof typeof INPUT_RULES | keyof typeof INVENTORY_RULES;
/** Codes a Problem can carry: input problems, and what is wrong inside a gateway config (verify wraps each in a `config-problem` finding). */
export type ProblemCode =
  | keyof typeof LITELLM_RULES
  | keyof typeof PORTKEY_RULES
  | keyof typeof CONFIG_REFERENCE_RULES
  | InputCode;
export type DiagnosticCode =
  | ProblemCode
  | keyof typeof PLAN_RULES
  | keyof typeof VERIFY_RULES
  | keyof typeof REVIEW_RULES
  | keyof typeof REVIEW_TRIGGER_RULES
  | keyof typeof ADOPT_RULES;
export type PlanCode = keyof typeof PLAN_RULES;

const anchorOf = (code: string): string => `docs/rules.md#${code}`;

export const CATALOG: Readonly<Record<DiagnosticCode, CatalogEntry>> = Object.fromEntries(
  AREAS.flatMap((area) =>
    Object.entries(area.rules).map(([code, text]: [string, RuleText]) => [
      code,
      {
        code,
        category: area.category,
        severity: text.severity,
        description: text.description,
        help: text.help,
        anchor: anchorOf(code),
      },
    ]),
  ),
) as Record<DiagnosticCode, CatalogEntry>;

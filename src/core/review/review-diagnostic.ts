import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ReviewFinding, TriggerFiring } from './review-types.js';

/**
 * The finding as a Diagnostic, for the shared formatters. Nothing is lost: a null use case is
 * an absent one, the figures keep their names, and the first rows are the evidence rows.
 */
export function reviewDiagnostic(f: ReviewFinding): Diagnostic {
  return {
    code: f.kind,
    severity: f.severity,
    message: f.message,
    ...(f.use_case !== null ? { use_case: f.use_case } : {}),
    evidence: {
      figures: { tier: f.tier, months: f.months, requests: f.requests, tokens: f.tokens, cost: f.cost, rows: f.rows },
      ...(f.first_rows.length > 0 ? { rows: f.first_rows } : {}),
    },
  };
}

/** A fired trigger as a Diagnostic: its summary is the message, its figures the evidence. */
export function triggerDiagnostic(t: TriggerFiring): Diagnostic {
  return {
    code: 'trigger-fired',
    severity: 'info',
    message: `${t.trigger}: ${t.summary}; proposed: ${t.move.note}`,
    ...(t.use_case !== null ? { use_case: t.use_case } : {}),
    evidence: {
      figures: {
        trigger: t.trigger,
        kind: t.kind,
        tier: t.tier,
        deployment: t.deployment,
        metric: t.metric,
        months: t.months,
        consecutive: t.consecutive,
        required: t.required,
        move: t.move.action,
      },
    },
  };
}

import { formatAmount } from '../../core/review/money.js';
import { formatDaysLeft, formatTokens } from '../text/format.js';
import { GAP, tierClass } from './matrix-view.js';
import type { RenderContext } from './registry.js';
import { sanitizeTerminal as clean, terminalStyle } from '../text/terminal-style.js';
import type { Plan, PlannedUseCase } from '../../core/plan/plan-types.js';

// `tierplan explain <id>`: the whole chain of reasons behind one placement, each step with
// the id of the rule that produced it, so a reviewer can find and challenge the rule itself.

const list = (xs: string[]): string => (xs.length > 0 ? xs.map(clean).join(', ') : 'none');

export function renderExplain(u: PlannedUseCase, plan: Plan, ctx: RenderContext): string {
  const s = terminalStyle(ctx);
  const retired = u.decided_by === 'retired';
  const tierCls = retired ? 'retired' : tierClass(plan, u.tier);
  const tierLabel = retired ? 'retired' : (u.tier ?? GAP);
  const field = (name: string, value: string): string => `${s.c.dim(name.padEnd(14))}${value}`;

  const lines = [
    `${s.c.bold(clean(u.id))}: ${clean(u.name)}`,
    s.c.dim(
      `owner ${clean(u.owner ?? 'none')} · status ${clean(u.status)} · policy ${clean(plan.policy)} · as of ${clean(plan.as_of)}`,
    ),
    '',
    field(
      'tier',
      `${s.c.bold(s.tier(clean(tierLabel), tierCls))} (decided by ${clean(u.decided_by)})${u.deployment ? ` via ${clean(u.deployment)}` : ''}`,
    ),
    field(
      'data',
      `sensitivity ${clean(u.sensitivity)} · regimes ${list(u.regimes)} · residency ${u.residency.length ? list(u.residency) : 'anywhere'}`,
    ),
    field('needs', `capability ${clean(u.capability)}`),
    field('cleared', `${list(u.cleared)} · candidates ${list(u.candidates)}`),
    field(
      'estimate',
      `${formatTokens(u.estimate.tokens_per_month)} tokens / month · est. cost ${formatAmount(u.estimate.cost_per_month, plan.currency ?? 'USD')} / month`,
    ),
    field('summary', clean(u.summary)),
  ];
  if (u.unclassified.length > 0) {
    lines.push(field('unclassified', s.c.yellow(`lacks ${list(u.unclassified)}: placed fail-closed, not guessed`)));
  }
  if (u.pending_suggestion.length > 0) {
    lines.push(
      field(
        'pending',
        s.c.yellow(
          `suggested ${list(u.pending_suggestion)} applied fail-closed until confirmed (tierplan plan on a terminal, tierplan classify) or dismissed`,
        ),
      ),
    );
  }
  if (u.override) {
    const o = u.override;
    lines.push(
      field(
        'override',
        `${clean(o.tier)}, ${clean(o.state)}, expires ${clean(o.expires)} (${formatDaysLeft(o.days_left)}), approved by ${clean(o.approved_by ?? 'nobody')}`,
      ),
    );
    lines.push(field('', `${clean(o.reason)} — ${clean(o.note)}`));
  }
  if (u.gap) {
    lines.push(field('gap', s.c.red(`${clean(u.gap.cause)}: ${clean(u.gap.detail)}`)));
    for (const r of u.gap.remedies) lines.push(field('', `remedy: ${clean(r)}`));
  }

  const width = String(u.rationale.length).length;
  lines.push('', s.c.bold('Reasons'));
  u.rationale.forEach((r, i) => {
    lines.push(`${String(i + 1).padStart(width + 2)}. ${clean(r.text)} ${s.c.dim(`[${clean(r.rule)}]`)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** The same decision as data: the use case as it appears in the plan, with the plan's context. */
export function explainJson(u: PlannedUseCase, plan: Plan): string {
  const doc = {
    schema_version: plan.schema_version,
    generator: plan.generator,
    as_of: plan.as_of,
    policy: plan.policy,
    use_case: u,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

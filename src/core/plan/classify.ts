import type { Reason } from './plan-types.js';
import type { CapabilityCondition, Needs, Policy, UseCase } from '../policy/types.js';

export interface Classification {
  sensitivity: string;
  capability: string;
  /** Regimes carried: declared plus those implied by data classes, sorted. */
  regimes: string[];
  /**
   * True when the top sensitivity comes only from regimes (or classes that imply one), so
   * certification for those regimes may admit the data (docs/design.md, rule 2). False when any
   * top-level source carries no regime (`classified`, fail-closed).
   */
  regimeBacked: boolean;
  /** What classification lacked: `data`, `needs`. */
  unclassified: string[];
  /** Suggested data classes applied fail-closed because they raise the level or add a regime. */
  pending: string[];
  reasons: Reason[];
}

export const rank = (levels: readonly string[], level: string): number => levels.indexOf(level);

export function isDataUnclassified(uc: Pick<UseCase, 'data'>): boolean {
  return uc.data?.classes === undefined;
}

export function isNeedsUnclassified(uc: Pick<UseCase, 'needs'>): boolean {
  const n = uc.needs;
  return n === undefined || Object.keys(n).length === 0;
}

export function classify(uc: UseCase, policy: Policy): Classification {
  const s = classifySensitivity(uc, policy);
  const c = classifyCapability(uc.needs, policy);
  return {
    sensitivity: s.sensitivity,
    regimes: s.regimes,
    regimeBacked: s.regimeBacked,
    capability: c.capability,
    unclassified: [...s.unclassified, ...c.unclassified],
    pending: s.pending,
    reasons: [...s.reasons, ...c.reasons],
  };
}

export interface SensitivityResult {
  sensitivity: string;
  regimes: string[];
  regimeBacked: boolean;
  unclassified: string[];
  pending: string[];
  reasons: Reason[];
}

/** Suggested data classes still awaiting a decision (neither confirmed nor dismissed). */
function pendingSuggestion(uc: Pick<UseCase, 'suggested'>): string[] {
  const s = uc.suggested;
  return s === undefined || s.dismissed !== undefined ? [] : (s.data_classes ?? []);
}

/** What sensitivity depends on, as a memo key. */
export function sensitivityKey(uc: Pick<UseCase, 'data' | 'suggested'>): string {
  const pending = pendingSuggestion(uc);
  return pending.length === 0 ? JSON.stringify(uc.data ?? null) : JSON.stringify([uc.data ?? null, pending]);
}

export interface CapabilityResult {
  capability: string;
  unclassified: string[];
  reasons: Reason[];
}

interface Contribution {
  level: string;
  reason: Reason;
  regime: boolean;
}

/**
 * Depends on `uc.data` and the pending suggestion only (so callers may memoise on
 * `sensitivityKey`). Each contribution is (level, reason); the highest level wins, and every
 * contribution is kept in the rationale so a reviewer sees all the reasons, not only the deciding one.
 */
export function classifySensitivity(uc: Pick<UseCase, 'data' | 'suggested'>, policy: Policy): SensitivityResult {
  const reasons: Reason[] = [];
  const unclassified: string[] = [];
  const { levels, fail_closed } = policy.sensitivity;
  const regimes = new Set<string>(uc.data?.regimes ?? []);
  const found: Contribution[] = [];
  if (isDataUnclassified(uc)) {
    unclassified.push('data');
    found.push({
      level: fail_closed,
      regime: false,
      reason: { rule: 'sens.unclassified', text: `data classes unknown: placed fail-closed at ${fail_closed}` },
    });
  }
  for (const cls of uc.data?.classes ?? []) found.push(classContribution(cls, policy, regimes, reasons, false));
  addRegimes(found, regimes, policy);
  const declared = found.length > 0 ? top(found, levels) : undefined;
  const pending = applySuggestion(uc, policy, found, regimes, reasons, declared);
  let sensitivity: string;
  if (found.length === 0) {
    sensitivity = policy.sensitivity.no_class_level ?? levels[0] ?? 'public';
    reasons.push(
      sensitivity === levels[0]
        ? { rule: 'sens.default', text: `no data class raises it: sensitivity ${sensitivity}` }
        : {
            rule: 'sens.no-class',
            text: `no data class declared: sensitivity ${sensitivity} (the policy's no_class_level; declare a public class to place it lower)`,
          },
    );
  } else sensitivity = top(found, levels);
  for (const f of found) reasons.push(f.reason);
  if (found.length > 0) {
    const deciding = found.filter((f) => f.level === sensitivity).map((f) => f.reason.rule);
    reasons.push({ rule: 'sens.result', text: `sensitivity ${sensitivity} (from ${deciding.join(', ')})` });
  }
  const atTop = found.filter((f) => f.level === sensitivity);
  const regimeBacked = sensitivity === levels[levels.length - 1] && atTop.length > 0 && atTop.every((f) => f.regime);
  return { sensitivity, regimes: [...regimes].sort(), regimeBacked, unclassified, pending, reasons };
}

function top(found: readonly Contribution[], levels: readonly string[]): string {
  let level = levels[0] ?? 'public';
  for (const f of found) if (rank(levels, f.level) > rank(levels, level)) level = f.level;
  return level;
}

function classContribution(
  cls: string,
  policy: Policy,
  regimes: Set<string>,
  reasons: Reason[],
  suggested: boolean,
): Contribution {
  const { data_classes, fail_closed } = policy.sensitivity;
  const def = data_classes[cls];
  if (!def) {
    // Validation refuses unknown classes; a caller that skips it still never gets a guess.
    return {
      level: fail_closed,
      regime: false,
      reason: {
        rule: suggested ? `sens.suggested.${cls}` : 'sens.unknown-class',
        text: `${suggested ? 'suggested ' : ''}unknown data class ${cls}: treated fail-closed as ${fail_closed}`,
      },
    };
  }
  const regime = (def.implies_regimes ?? []).length > 0;
  for (const implied of def.implies_regimes ?? []) {
    if (!regimes.has(implied)) {
      regimes.add(implied);
      reasons.push({
        rule: `regime.implied.${cls}`,
        text: `${suggested ? 'suggested ' : ''}data class ${cls} implies regime ${implied}`,
      });
    }
  }
  return suggested
    ? {
        level: def.level,
        regime,
        reason: {
          rule: `sens.suggested.${cls}`,
          text: `suggested data class ${cls} is ${def.level}: applied fail-closed until confirmed or dismissed`,
        },
      }
    : { level: def.level, regime, reason: { rule: `sens.class.${cls}`, text: `data class ${cls} is ${def.level}` } };
}

function addRegimes(found: Contribution[], regimes: ReadonlySet<string>, policy: Policy, only?: ReadonlySet<string>) {
  for (const regime of [...regimes].sort()) {
    if (only !== undefined && !only.has(regime)) continue;
    const def = policy.sensitivity.regimes[regime];
    if (!def) continue;
    found.push({
      level: def.level,
      regime: true,
      reason: { rule: `sens.regime.${regime}`, text: `regime ${regime} is ${def.level}` },
    });
  }
}

/**
 * A pending suggestion counts when it would raise the level the declared data gives (the floor
 * when nothing is declared) or add a regime: a guess may make a placement stricter, never looser.
 */
function applySuggestion(
  uc: Pick<UseCase, 'data' | 'suggested'>,
  policy: Policy,
  found: Contribution[],
  regimes: Set<string>,
  reasons: Reason[],
  declared: string | undefined,
): string[] {
  const { levels } = policy.sensitivity;
  const base = declared ?? policy.sensitivity.no_class_level ?? levels[0] ?? 'public';
  const applied: string[] = [];
  for (const cls of pendingSuggestion(uc)) {
    if ((uc.data?.classes ?? []).includes(cls)) continue;
    const before = new Set(regimes);
    const scratch: Reason[] = [];
    const c = classContribution(cls, policy, before, scratch, true);
    const added = [...before].filter((r) => !regimes.has(r));
    if (rank(levels, c.level) <= rank(levels, base) && added.length === 0) continue;
    applied.push(cls);
    found.push(c);
    reasons.push(...scratch);
    for (const r of added) regimes.add(r);
    addRegimes(found, regimes, policy, new Set(added));
  }
  return applied;
}

function conditionHolds(when: CapabilityCondition, needs: Needs): boolean {
  if (when.task && !(needs.task !== undefined && when.task.includes(needs.task))) return false;
  if (when.reasoning && !(needs.reasoning !== undefined && when.reasoning.includes(needs.reasoning))) return false;
  if (when.context_tokens_at_least !== undefined && !((needs.context_tokens ?? 0) >= when.context_tokens_at_least)) {
    return false;
  }
  if (when.tools !== undefined && (needs.tools ?? false) !== when.tools) return false;
  if (when.modalities_any && !when.modalities_any.some((m) => needs.modalities?.includes(m))) return false;
  return true;
}

export function classifyCapability(needs: Needs | undefined, policy: Policy): CapabilityResult {
  const reasons: Reason[] = [];
  const { levels, rules, unclassified: assumed } = policy.capability;
  if (needs === undefined || Object.keys(needs).length === 0) {
    reasons.push({ rule: 'cap.unclassified', text: `needs unknown: capability assumed ${assumed}` });
    return { capability: assumed, unclassified: ['needs'], reasons };
  }
  let capability = levels[0] ?? 'basic';
  const fired = rules.filter((r) => conditionHolds(r.when, needs));
  for (const r of fired) {
    if (rank(levels, r.level) > rank(levels, capability)) capability = r.level;
    reasons.push({ rule: r.id, text: `${describeRule(r.when)} → ${r.level}` });
  }
  if (fired.length === 0) reasons.push({ rule: 'cap.default', text: `no capability rule fired: ${capability}` });
  else reasons.push({ rule: 'cap.result', text: `capability ${capability}` });
  return { capability, unclassified: [], reasons };
}

function describeRule(when: CapabilityCondition): string {
  const parts: string[] = [];
  if (when.task) parts.push(`task ${when.task.join('/')}`);
  if (when.reasoning) parts.push(`reasoning ${when.reasoning.join('/')}`);
  if (when.context_tokens_at_least !== undefined) parts.push(`context ≥ ${when.context_tokens_at_least} tokens`);
  if (when.tools !== undefined) parts.push(when.tools ? 'uses tools' : 'no tools');
  if (when.modalities_any) parts.push(`modality ${when.modalities_any.join('/')}`);
  return parts.join(', ');
}

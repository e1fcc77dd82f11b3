import { stringify } from 'yaml';
import { formatInt, formatTokens, formatUtilisation } from '../text/format.js';
import { formatAmount } from '../../core/review/money.js';
import type { Proposal, TriggerFiring } from '../../core/review/review-types.js';
import { cmp } from '../../core/review/aggregate.js';
import { EXPIRED_OVERRIDE } from '../../core/review/proposals.js';

// The triggers that fired, grouped by trigger (one table per rule, one row per subject, each
// month's figure in the rule's own measure), and the inventory changes the review proposes, as
// sentences a meeting reads with the YAML change beside.

interface FigureView {
  month: string;
  value: number;
  threshold: number;
  /** The figure alone (`0.04%`, `$21,400`), for a column headed by its month. */
  text: string;
  /** `2026-07: 0.04% (threshold 10%)`, for a tooltip or a line of its own. */
  label: string;
  /** The condition held this month (part of the run). */
  held: boolean;
}
export interface FiringView {
  trigger: string;
  kind: string;
  subject: string;
  tier: string;
  cls: string;
  metric: string;
  months: string;
  run: string;
  summary: string;
  /** Why the figures are not on the rule's own measure (e.g. a FOCUS export counts no requests), or ''. */
  note: string;
  /** Deployment triggers: the use cases on it, or ''. */
  useCases: string;
  move: string;
  figures: FigureView[];
  /** The threshold in the figures' measure (`10%`, `$20,000`). */
  threshold: string;
}
/** The firings of one trigger: one table, the rule said once. */
export interface TriggerGroupView {
  trigger: string;
  kind: string;
  metric: string;
  /** `below 10% of capacity for 2 consecutive months`: the rule, in words. */
  rule: string;
  /** The proposed move when every firing of the group proposes the same, else ''. */
  move: string;
  /** The same threshold for every subject and month, else ''. */
  threshold: string;
  /** A chart helps only where figures differ; an idle use case's are all 0. */
  chart: boolean;
  firings: FiringView[];
}
export interface ProposalView {
  useCase: string;
  action: string;
  path: string;
  from: string;
  to: string;
  /** `Move claims-triage from on-prem to private-cloud`: what the change does, as a person says it. */
  sentence: string;
  reason: string;
  trigger: string;
  /** What prompted it, as the report names it: `trigger idle`, `expired override`. */
  origin: string;
  /** The change as YAML lines of the use case's entry: `-` what it holds now, `+` what it will hold. */
  patch: { sign: '-' | '+'; cls: 'del' | 'add'; text: string }[];
}

function measure(metric: TriggerFiring['metric'], currency: string): (n: number) => string {
  switch (metric) {
    case 'cost':
      return (n) => formatAmount(n, currency);
    case 'utilisation':
      return formatUtilisation;
    case 'requests':
      return formatInt;
    case 'tokens':
      return formatTokens;
  }
}

export function firingView(t: TriggerFiring, cls: (t: string | null) => string, currency: string): FiringView {
  const fmt = measure(t.metric, currency);
  const move = `${t.move.action}${t.move.tier === null ? '' : ` → ${t.move.tier}`}: ${t.move.note}`;
  const held = new Set(t.months);
  return {
    trigger: t.trigger,
    kind: t.kind,
    subject: t.use_case ?? t.deployment ?? '',
    tier: t.tier ?? '',
    cls: cls(t.tier),
    metric: t.metric,
    months: t.months.join(', '),
    run: `${t.consecutive} (needs ${t.required})`,
    summary: t.summary,
    note: t.note ?? '',
    useCases: t.deployment !== null && t.use_case === null ? t.use_cases.join(', ') : '',
    move,
    figures: t.figures.map((f) => ({
      ...f,
      text: fmt(f.value),
      label: `${f.month}: ${fmt(f.value)} (threshold ${fmt(f.threshold)})`,
      held: held.has(f.month),
    })),
    threshold: t.figures[0] === undefined ? '' : fmt(t.figures[0].threshold),
  };
}

function ruleText(t: TriggerFiring, threshold: string): string {
  const months = `${t.required} consecutive ${t.required === 1 ? 'month' : 'months'}`;
  const on = t.tier === null ? '' : ` on ${t.tier}`;
  switch (t.kind) {
    case 'capacity_below':
      return `a self-hosted deployment below ${threshold} of its capacity for ${months}`;
    case 'capacity_above':
      return `a self-hosted deployment above ${threshold} of its capacity for ${months}`;
    case 'spend_above':
      return `more than ${threshold}/month spent${on} for ${months}`;
    case 'break_even':
      return `spend${on} above the fixed monthly cost of a cleared self-hosted deployment for ${months}`;
    case 'no_traffic':
      return `no traffic for ${months}`;
    case 'volume_below':
      return `fewer than ${threshold} tokens/month${on} for ${months}`;
    case 'tokens_above':
      return `more than ${threshold} tokens/month${on} for ${months}`;
  }
}

/** Firings grouped by trigger, in the order the review lists them (the policy's). */
export function triggerGroups(firings: TriggerFiring[], views: FiringView[]): TriggerGroupView[] {
  const groups: TriggerGroupView[] = [];
  const byTrigger = new Map<string, { raw: TriggerFiring[]; group: TriggerGroupView }>();
  firings.forEach((f, i) => {
    const view = views[i]!;
    let g = byTrigger.get(f.trigger);
    if (!g) {
      g = {
        raw: [],
        group: {
          trigger: f.trigger,
          kind: f.kind,
          metric: f.metric,
          rule: '',
          move: '',
          threshold: '',
          chart: false,
          firings: [],
        },
      };
      byTrigger.set(f.trigger, g);
      groups.push(g.group);
    }
    g.raw.push(f);
    g.group.firings.push(view);
  });
  for (const { raw, group } of byTrigger.values()) {
    const thresholds = new Set(group.firings.flatMap((f) => f.figures.map((x) => x.threshold)));
    const first = group.firings[0]!;
    group.threshold = thresholds.size === 1 ? first.threshold : '';
    group.rule = ruleText(raw[0]!, group.threshold || 'the threshold');
    const moves = new Set(group.firings.map((f) => f.move));
    group.move = moves.size === 1 ? first.move : '';
    group.chart = group.firings.some((f) => f.figures.some((x) => x.value !== 0));
    group.firings.sort((a, b) => cmp(a.subject, b.subject));
  }
  return groups;
}

const valueText = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** The value at `path` as YAML lines (`status: retired`, or an `override:` block). */
function yamlLines(path: string[], value: unknown): string[] {
  let data: unknown = value;
  for (const key of [...path].reverse()) data = { [key]: data };
  return stringify(data, { lineWidth: 0 }).trimEnd().split('\n');
}

/** Drops the `<id>: ` a trigger summary starts with, where the sentence already names the use case. */
const withoutSubject = (reason: string, id: string): string =>
  reason.startsWith(`${id}: `) ? reason.slice(id.length + 2) : reason;

function sentence(p: Proposal, firing: TriggerFiring | undefined): string {
  const id = p.use_case;
  if (p.action === 'retire') return `Retire ${id} (status ${valueText(p.change.from)} → retired)`;
  const to = p.change.to as { tier?: unknown } | null;
  const from = p.change.from as { tier?: unknown } | null;
  const fromTier = typeof from?.tier === 'string' ? from.tier : (firing?.tier ?? null);
  const toTier = typeof to?.tier === 'string' ? to.tier : (firing?.move.tier ?? null);
  const where = `${fromTier === null ? '' : ` from ${fromTier}`}${toTier === null ? '' : ` to ${toTier}`}`;
  if (to === null) return `Move ${id}${where}: remove its override, so the policy places it`;
  return `Move ${id}${where}${from === null ? '' : ', replacing its override'}`;
}

/** The firings by trigger and use case, so each proposal finds its own in constant time. */
export function firingIndex(firings: TriggerFiring[]): Map<string, TriggerFiring> {
  const index = new Map<string, TriggerFiring>();
  for (const f of firings) if (f.use_case !== null) index.set(`${f.trigger}\u0000${f.use_case}`, f);
  return index;
}

export function proposalView(p: Proposal, firings: ReadonlyMap<string, TriggerFiring>): ProposalView {
  const firing = firings.get(`${p.trigger}\u0000${p.use_case}`);
  const path = p.change.path;
  const patch = [
    ...(p.change.from === null || p.change.from === undefined
      ? []
      : yamlLines(path, p.change.from).map((text) => ({ sign: '-' as const, cls: 'del' as const, text }))),
    ...(p.change.to === null || p.change.to === undefined
      ? []
      : yamlLines(path, p.change.to).map((text) => ({ sign: '+' as const, cls: 'add' as const, text }))),
  ];
  return {
    useCase: p.use_case,
    action: p.action,
    path: path.join('.'),
    from: valueText(p.change.from),
    to: valueText(p.change.to),
    sentence: sentence(p, firing),
    reason: withoutSubject(p.reason, p.use_case),
    trigger: p.trigger,
    origin: p.trigger === EXPIRED_OVERRIDE ? 'expired override' : `trigger ${p.trigger}`,
    patch,
  };
}

import { formatAmount } from '../../core/review/money.js';
import { formatDaysLeft, formatPct, formatSplit, formatTokens } from '../text/format.js';
import type { Plan, PlannedUseCase } from '../../core/plan/plan-types.js';

// The one-page matrix as plain data, shared by the table, Markdown and HTML renderers so
// the three formats cannot disagree. Strings here are raw: each renderer escapes for its format.

export const GAP = 'gap';

/**
 * Use cases a matrix cell names, the largest by volume first; the rest are counted (`+N more`).
 * Fixed, so the one-page matrix has the same height for 40 use cases or 40,000 (docs/design.md,
 * invariant 7), and the same in every format.
 */
export const CELL_SHOWN = 8;
/** Gaps, overrides and unclassified use cases named on the one page; all of them follow it. */
export const SUMMARY_SHOWN = 5;

interface TierView {
  id: string;
  name: string;
  clearance: string;
  cls: string;
}
interface CellItem {
  id: string /** The use case's own tier when it differs from the cell's (or `gap`). */;
  mark: string | null;
  markCls: string;
  unclassified: boolean;
  /** Placed by a pending suggestion, applied fail-closed until confirmed or dismissed. */
  pending: boolean;
}
interface CellView {
  capability: string;
  tier: string;
  cls: string;
  /** Use cases in the cell, and their share of all use cases in the matrix (retired ones are not). */
  count: number;
  share: string;
  /** The first `CELL_SHOWN` by estimated tokens per month, ties by id. */
  items: CellItem[];
  /** How many more the cell holds. */
  more: number;
}
interface MatrixRow {
  sensitivity: string;
  cells: CellView[];
}
interface SplitRow {
  tier: string;
  name: string;
  cls: string;
  count: number;
  tokens: string;
  cost: string;
  shareCount: string;
  shareTokens: string;
  shareCost: string;
  reference: string;
  /** Whole percentages for bar widths. */
  pct: { count: number; tokens: number; cost: number; reference: number };
}
interface SplitSummary {
  count: string;
  tokens: string;
  cost: string;
  reference: string;
}
interface GapView {
  id: string;
  name: string;
  cell: string;
  cause: string;
  detail: string;
  remedies: string[];
}
interface OverrideView {
  id: string;
  tier: string;
  cls: string;
  state: string;
  expires: string;
  daysLeft: string;
  expiring: boolean;
  reason: string;
  approvedBy: string;
  note: string;
  /** e.g. `exception, expires in 47 d` or `expired 24 d ago`, for the expiring list. */
  status: string;
}
interface UnclassifiedView {
  id: string;
  name: string;
  lacks: string;
  placed: string;
  tier: string;
  cls: string;
}
interface RationaleRow {
  id: string;
  name: string;
  tier: string;
  cls: string;
  decidedBy: string;
  summary: string;
}

export interface MatrixView {
  title: string;
  asOf: string;
  policy: string;
  generator: string;
  capabilities: string[];
  rows: MatrixRow[];
  tiers: TierView[];
  split: SplitRow[];
  splitSummary: SplitSummary;
  counts: { total: number; placed: number; gaps: number; retired: number };
  gaps: GapView[];
  overrides: OverrideView[];
  expiring: OverrideView[];
  unclassified: UnclassifiedView[];
  rationale: RationaleRow[];
}

const PALETTE_SIZE = 6;

/** Palette class of a tier: by its place in preference order, so colours follow any policy's tiers. */
export function tierClass(plan: Pick<Plan, 'tiers'>, tier: string | null): string {
  if (tier === null) return GAP;
  const i = plan.tiers.findIndex((t) => t.id === tier);
  return i < 0 ? 't-other' : `t${i % PALETTE_SIZE}`;
}

export function buildMatrixView(plan: Plan): MatrixView {
  const byId = new Map(plan.use_cases.map((u) => [u.id, u]));
  const get = (id: string): PlannedUseCase | undefined => byId.get(id);
  const cls = (tier: string | null): string => tierClass(plan, tier);
  const label = (tier: string | null): string => tier ?? GAP;

  const inMatrix = plan.cells.reduce((n, c) => n + c.use_cases.length, 0);
  const rows: MatrixRow[] = [];
  for (const cell of plan.cells) {
    let row = rows.find((r) => r.sensitivity === cell.sensitivity);
    if (!row) {
      row = { sensitivity: cell.sensitivity, cells: [] };
      rows.push(row);
    }
    const items = topByVolume(cell.use_cases, get).map((id): CellItem => {
      const u = get(id);
      const own = u ? u.tier : null;
      const differs = own === null || own !== cell.tier;
      return {
        id,
        mark: differs ? label(own) : null,
        markCls: cls(own),
        unclassified: (u?.unclassified.length ?? 0) > 0,
        pending: (u?.pending_suggestion.length ?? 0) > 0,
      };
    });
    row.cells.push({
      capability: cell.capability,
      tier: label(cell.tier),
      cls: cls(cell.tier),
      count: cell.use_cases.length,
      share: formatCellShare(cell.use_cases.length, inMatrix),
      items,
      more: cell.use_cases.length - items.length,
    });
  }

  const pct = (s: number): number => Math.round(s * 100);
  const split: SplitRow[] = plan.split.map((s) => ({
    tier: s.tier,
    name: plan.tiers.find((t) => t.id === s.tier)?.name ?? s.tier,
    cls: cls(s.tier),
    count: s.count,
    tokens: formatTokens(s.tokens_per_month),
    cost: formatAmount(s.cost_per_month, plan.currency ?? 'USD'),
    shareCount: formatPct(s.share_count),
    shareTokens: formatPct(s.share_tokens),
    shareCost: formatPct(s.share_cost),
    reference: s.reference === null ? '–' : formatPct(s.reference),
    pct: {
      count: pct(s.share_count),
      tokens: pct(s.share_tokens),
      cost: pct(s.share_cost),
      reference: pct(s.reference ?? 0),
    },
  }));

  const expiringIds = new Set(plan.expiring);
  const overrideView = (u: PlannedUseCase): OverrideView[] => {
    const o = u.override;
    if (!o) return [];
    return [
      {
        id: u.id,
        tier: o.tier,
        cls: cls(o.tier),
        state: o.state,
        expires: o.expires,
        daysLeft: formatDaysLeft(o.days_left),
        expiring: expiringIds.has(u.id),
        reason: o.reason,
        approvedBy: o.approved_by ?? '—',
        note: o.note,
        status:
          o.days_left < 0
            ? `${o.state} ${formatDaysLeft(o.days_left)}`
            : `${o.state}, expires ${formatDaysLeft(o.days_left)}`,
      },
    ];
  };
  const pick = (ids: string[]): PlannedUseCase[] => ids.flatMap((id) => get(id) ?? []);

  return {
    title: 'Tier matrix',
    asOf: plan.as_of,
    policy: plan.policy,
    generator: plan.generator,
    capabilities: [...plan.levels.capability],
    rows,
    tiers: plan.tiers.map((t) => ({ id: t.id, name: t.name, clearance: t.clearance, cls: cls(t.id) })),
    split,
    splitSummary: {
      count: formatSplit(plan.split.map((s) => s.share_count)),
      tokens: formatSplit(plan.split.map((s) => s.share_tokens)),
      cost: formatSplit(plan.split.map((s) => s.share_cost)),
      reference: formatSplit(plan.split.map((s) => s.reference)),
    },
    counts: {
      total: plan.use_cases.length,
      placed: plan.use_cases.filter((u) => u.tier !== null).length,
      gaps: plan.gaps.length,
      retired: plan.use_cases.filter((u) => u.decided_by === 'retired').length,
    },
    gaps: pick(plan.gaps).map((u) => ({
      id: u.id,
      name: u.name,
      cell: `${u.sensitivity} × ${u.capability}`,
      cause: u.gap?.cause ?? '',
      detail: u.gap?.detail ?? '',
      remedies: u.gap?.remedies ?? [],
    })),
    overrides: pick(plan.overrides).flatMap(overrideView),
    expiring: pick(plan.expiring).flatMap(overrideView),
    // Pending suggestions are listed with the unclassified: both are placed on what is not yet known.
    unclassified: pick([...new Set([...plan.unclassified, ...plan.pending])].sort()).map((u) => ({
      id: u.id,
      name: u.name,
      lacks: [
        ...u.unclassified,
        ...(u.pending_suggestion.length > 0 ? [`confirmation of suggested ${u.pending_suggestion.join(', ')}`] : []),
      ].join(', '),
      placed: `${u.sensitivity} × ${u.capability}`,
      tier: label(u.tier),
      cls: cls(u.tier),
    })),
    rationale: plan.use_cases.map((u) => ({
      id: u.id,
      name: u.name,
      tier: u.decided_by === 'retired' ? 'retired' : label(u.tier),
      cls: u.decided_by === 'retired' ? 'retired' : cls(u.tier),
      decidedBy: u.decided_by,
      summary: u.summary,
    })),
  };
}

/** The cell's largest use cases by estimated monthly tokens (the inventory's volume), ties by id. */
function topByVolume(ids: string[], get: (id: string) => PlannedUseCase | undefined): string[] {
  const volume = (id: string): number => get(id)?.estimate.tokens_per_month ?? 0;
  return ids
    .map((id) => ({ id, v: volume(id) }))
    .sort((a, b) => b.v - a.v || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, CELL_SHOWN)
    .map((x) => x.id);
}

/** A whole percentage; a non-empty cell below half a percent reads `<1%`, not `0%`. */
function formatCellShare(count: number, total: number): string {
  if (count > 0 && count * 200 < total) return '<1%';
  return formatPct(total > 0 ? count / total : 0);
}

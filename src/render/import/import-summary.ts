// What `tierplan import` did, for the terminal (stderr) and as JSON (--json).
import type { ImportResult } from '../../core/import/importer.js';
import type { MergeReport } from '../../core/import/merge.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { formatDiagnostic } from '../../core/diagnostics/format.js';

export interface ImportSummary {
  file: string;
  /** How it was read: "CSV, utf8, comma-separated", "XLSX, sheet \"Inventory\"". */
  read_as: string;
  encoding: string | null;
  rows_read: number;
  imported: number;
  skipped: number;
  blank: number;
  derived_ids: number;
  suggested: number;
  skipped_rows: { line: number; reason: string }[];
  warnings: { line: number; id: string; message: string }[];
  /** The warnings grouped by their text (one group per distinct value), most rows first. */
  warning_groups: WarningGroup[];
  mapping_warnings: PlacedDiagnostic[];
  /** The file written, or null when nothing was (no row imported, or nothing new to merge). */
  output: string | null;
  /** With --merge: the inventory merged into (null when it did not exist yet, or without --merge). */
  merged_into: string | null;
  /** With an existing --merge inventory: each imported row added, unchanged, changed or conflicting. */
  merge: MergeSummary | null;
  /** Use cases written: all imported ones, or with --merge the new ones. */
  added: number;
  unit: 'line' | 'row';
}

export interface WarningGroup {
  message: string;
  rows: number;
  /** The first lines (or sheet rows) where it occurs, at most FIRST_LINES. */
  first_lines: number[];
}

const FIRST_LINES = 3;

/** One group per distinct message, in order of most rows, then first line. */
export function groupWarnings(warnings: readonly { line: number; message: string }[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const w of warnings) {
    const g = groups.get(w.message);
    if (!g) groups.set(w.message, { message: w.message, rows: 1, first_lines: [w.line] });
    else {
      g.rows++;
      if (g.first_lines.length < FIRST_LINES) g.first_lines.push(w.line);
    }
  }
  return [...groups.values()].sort((a, b) => b.rows - a.rows || a.first_lines[0]! - b.first_lines[0]!);
}

/** The merge outcome with its counts first, for readers of --json. */
export interface MergeSummary extends MergeReport {
  counts: { added: number; updated: number; unchanged: number; changed: number; conflicting: number };
}

export function mergeSummary(r: MergeReport): MergeSummary {
  return {
    counts: {
      added: r.added.length,
      updated: r.updated.length,
      unchanged: r.unchanged.length,
      changed: r.changed.length,
      conflicting: r.conflicting.length,
    },
    ...r,
  };
}

type Counted =
  | 'rows_read'
  | 'imported'
  | 'skipped'
  | 'blank'
  | 'derived_ids'
  | 'suggested'
  | 'skipped_rows'
  | 'warnings'
  | 'warning_groups';

export function importSummary(r: ImportResult, base: Omit<ImportSummary, Counted>): ImportSummary {
  return {
    ...base,
    rows_read: r.read,
    imported: r.imported,
    skipped: r.skipped.length,
    blank: r.blank,
    derived_ids: r.derivedIds,
    suggested: r.useCases.filter((u) => u.suggested !== undefined).length,
    skipped_rows: r.skipped,
    warnings: r.warnings,
    warning_groups: groupWarnings(r.warnings),
  };
}

const SHOWN = 30;

export function renderImportSummary(s: ImportSummary): string {
  const lines: string[] = [];
  const unit = s.unit;
  for (const d of s.mapping_warnings) lines.push(formatDiagnostic(d));
  lines.push(`import ${s.file} (${s.read_as})`);
  const width = String(s.rows_read).length;
  const row = (label: string, n: number, note = ''): string =>
    `  ${label.padEnd(10)} ${String(n).padStart(width)}${note}`;
  lines.push(row('rows read', s.rows_read));
  lines.push(
    row(
      'imported',
      s.imported,
      s.derived_ids > 0 ? `  (${s.derived_ids} id${s.derived_ids === 1 ? '' : 's'} made from names)` : '',
    ),
  );
  lines.push(row('skipped', s.skipped));
  lines.push(row('blank', s.blank, s.blank > 0 ? '  (no cell filled in: ignored)' : ''));
  if (s.skipped_rows.length > 0) {
    lines.push('', 'skipped:');
    for (const k of s.skipped_rows.slice(0, SHOWN)) lines.push(`  ${unit} ${k.line}: ${k.reason}`);
    if (s.skipped_rows.length > SHOWN)
      lines.push(`  … and ${s.skipped_rows.length - SHOWN} more (--json lists them all)`);
  }
  if (s.warnings.length > 0) {
    const groups = s.warning_groups;
    lines.push(
      '',
      `warnings (${count(s.warnings.length)} on ${groups.length === 1 ? 'one point' : `${count(groups.length)} points`}):`,
    );
    for (const g of groups.slice(0, SHOWN)) {
      if (g.rows === 1) {
        const w = s.warnings.find((x) => x.message === g.message && x.line === g.first_lines[0])!;
        lines.push(`  ${unit} ${w.line} (${w.id}): ${g.message}`);
      } else
        lines.push(
          `  ${g.message} — ${count(g.rows)} ${unit}s (first: ${unit}s ${g.first_lines.join(', ')}${g.rows > g.first_lines.length ? ', …' : ''})`,
        );
    }
    if (groups.length > SHOWN) lines.push(`  … and ${groups.length - SHOWN} more (--json lists them all)`);
  }
  lines.push('');
  if (s.merge) lines.push(...mergeLines(s.merge, s.merged_into ?? 'the inventory', unit), '');
  if (s.output === null)
    lines.push(
      s.imported === 0
        ? 'nothing written: no row could be imported.'
        : `nothing written: no use case to add to ${s.merged_into ?? 'the inventory'}.`,
    );
  else {
    const n = `${s.added} use case${s.added === 1 ? '' : 's'}`;
    lines.push(
      s.merged_into ? `added ${n} to ${s.output} (its comments and use cases kept).` : `wrote ${s.output}: ${n}.`,
    );
    if (s.suggested > 0)
      lines.push(
        `${s.suggested} carry suggestions from keyword rules, applied fail-closed until confirmed: run \`tierplan plan\` on a terminal to confirm them.`,
      );
    lines.push(`next: tierplan validate --inventory ${s.output}`);
  }
  return `${lines.join('\n')}\n`;
}

function mergeLines(m: MergeReport, into: string, unit: string): string[] {
  const ids = (rows: { id: string }[]): string =>
    rows.length === 0
      ? ''
      : `  ${rows
          .slice(0, 10)
          .map((r) => r.id)
          .join(', ')}${rows.length > 10 ? ', …' : ''}`;
  const width = String(
    Math.max(m.added.length, m.updated.length, m.unchanged.length, m.changed.length, m.conflicting.length),
  ).length;
  const row = (label: string, n: number, rest: string): string =>
    `  ${label.padEnd(11)} ${String(n).padStart(width)}${rest}`;
  const lines = [
    `merge into ${into}:`,
    row('added', m.added.length, ids(m.added)),
    row('updated', m.updated.length, ''),
    row('unchanged', m.unchanged.length, ''),
    row(
      'changed',
      m.changed.length,
      m.changed.length > 0 ? '  (the inventory keeps its values; edit them there, or merge with --update)' : '',
    ),
    row('conflicting', m.conflicting.length, m.conflicting.length > 0 ? '  (not written)' : ''),
  ];
  for (const c of m.updated.slice(0, SHOWN))
    lines.push(`    ${c.id}: wrote ${c.fields.join(', ')}${c.kept.length > 0 ? `; kept ${c.kept.join(', ')}` : ''}`);
  if (m.updated.length > SHOWN) lines.push(`    … and ${m.updated.length - SHOWN} more (--json lists them all)`);
  for (const c of m.changed.slice(0, SHOWN)) lines.push(`    ${c.id}: ${c.fields.join(', ')}`);
  if (m.changed.length > SHOWN) lines.push(`    … and ${m.changed.length - SHOWN} more (--json lists them all)`);
  for (const c of m.conflicting.slice(0, SHOWN)) lines.push(`    ${unit} ${c.line} (${c.id}): ${c.reason}`);
  if (m.conflicting.length > SHOWN)
    lines.push(`    … and ${m.conflicting.length - SHOWN} more (--json lists them all)`);
  return lines;
}

/** 1953 → "1,953": counts read at a glance. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

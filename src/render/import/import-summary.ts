// What `tierplan import` did, for the terminal (stderr) and as JSON (--json).
import type { ImportResult } from '../../core/import/importer.js';
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
  mapping_warnings: PlacedDiagnostic[];
  /** The file written, or null when nothing was (no row imported, or nothing new to merge). */
  output: string | null;
  /** With --merge: the inventory merged into (null when it did not exist yet, or without --merge). */
  merged_into: string | null;
  /** With --merge: rows whose id the inventory already has; they are left as the inventory has them. */
  already_present: { line: number; id: string }[];
  /** Use cases written: all imported ones, or with --merge the new ones. */
  added: number;
  unit: 'line' | 'row';
}

type Counted =
  | 'rows_read'
  | 'imported'
  | 'skipped'
  | 'blank'
  | 'derived_ids'
  | 'suggested'
  | 'skipped_rows'
  | 'warnings';

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
    lines.push('', `warnings (${s.warnings.length}):`);
    for (const w of s.warnings.slice(0, SHOWN)) lines.push(`  ${unit} ${w.line} (${w.id}): ${w.message}`);
    if (s.warnings.length > SHOWN) lines.push(`  … and ${s.warnings.length - SHOWN} more (--json lists them all)`);
  }
  lines.push('');
  if (s.already_present.length > 0) {
    const ids = s.already_present
      .slice(0, 10)
      .map((k) => k.id)
      .join(', ');
    lines.push(
      `already in ${s.merged_into ?? 'the inventory'}, kept as they are there: ${s.already_present.length} (${ids}${s.already_present.length > 10 ? ', …' : ''})`,
    );
  }
  if (s.output === null)
    lines.push(
      s.imported === 0
        ? 'nothing written: no row could be imported.'
        : `nothing written: every use case is already in ${s.merged_into ?? 'the inventory'}.`,
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

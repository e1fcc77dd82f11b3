// Rows × mapping → use cases and per-row outcomes. Rows are fed one at a time (a reader
// streams them), so a large spreadsheet is never held twice; ids are given once every row is
// read, so that they do not depend on row order (ids.ts).
import { compileMapping, type CompiledMapping, type Vocabulary } from './compile.js';
import type { ImportMapping } from './mapping-types.js';
import type { Problem } from '../diagnostics/problems.js';
import type { UseCase } from '../policy/types.js';
import { readRow } from './read-row.js';
import { allocateIds, type Allocated } from './ids.js';

interface SkippedRow {
  /** Line in the CSV file (where the record starts) or row in the sheet. */
  line: number;
  reason: string;
}

interface RowWarning {
  line: number;
  id: string;
  message: string;
}

export interface ImportResult {
  useCases: UseCase[];
  /** The line (or sheet row) each use case came from, in the same order. */
  lines: number[];
  /** read === imported + skipped.length + blank, always. */
  read: number;
  imported: number;
  blank: number;
  skipped: SkippedRow[];
  warnings: RowWarning[];
  /** Ids made from names because the id cell was blank. */
  derivedIds: number;
  /** How each use case's id was made, in the same order (what --merge matches by). */
  ids: Allocated[];
}

export class Importer {
  private readonly result: ImportResult = {
    useCases: [],
    lines: [],
    read: 0,
    imported: 0,
    blank: 0,
    skipped: [],
    warnings: [],
    derivedIds: 0,
    ids: [],
  };
  /** Per imported row: its id cells and what the row itself warned about. */
  private readonly pending: { givenId: string; warnings: string[] }[] = [];

  constructor(private readonly mapping: CompiledMapping) {}

  /** `warning`: something the reader noticed about the record (e.g. a stray quote). */
  add(cells: readonly string[], line: number, warning?: string): void {
    this.result.read++;
    const row = readRow(this.mapping, cells);
    if (row.kind === 'blank') {
      this.result.blank++;
      return;
    }
    if (row.kind === 'skipped') {
      this.result.skipped.push({ line, reason: row.reason });
      return;
    }
    this.result.useCases.push(row.useCase);
    this.result.lines.push(line);
    this.result.imported++;
    this.pending.push({ givenId: row.givenId, warnings: [...row.warnings, ...(warning ? [warning] : [])] });
  }

  /** A record the reader could not turn into cells; it counts as read and skipped. */
  skip(line: number, reason: string): void {
    this.result.read++;
    this.result.skipped.push({ line, reason });
  }

  finish(): ImportResult {
    const r = this.result;
    r.ids = allocateIds(r.useCases.map((useCase, i) => ({ givenId: this.pending[i]!.givenId, useCase })));
    r.ids.forEach((a, i) => {
      r.useCases[i]!.id = a.id;
      if (a.derived) r.derivedIds++;
      for (const message of [...a.notes, ...this.pending[i]!.warnings])
        r.warnings.push({ line: r.lines[i]!, id: a.id, message });
    });
    this.pending.length = 0;
    return r;
  }
}

export interface ImportRowsResult {
  problems: Problem[];
  result?: ImportResult;
}

/** The whole import over rows in memory: for tests and small inputs. */
export function importRows(
  mapping: ImportMapping,
  header: string[],
  rows: { cells: string[]; line: number }[],
  vocabulary: Vocabulary,
): ImportRowsResult {
  const compiled = compileMapping(mapping, header, vocabulary);
  if (!compiled.mapping) return { problems: compiled.problems };
  const importer = new Importer(compiled.mapping);
  for (const r of rows) importer.add(r.cells, r.line);
  return { problems: compiled.problems, result: importer.finish() };
}

// One spreadsheet through one mapping: the header checked against the mapping (exit 2 with
// positioned diagnostics when a column is missing), then every row through the importer.
import { compileMapping, type Vocabulary } from '../../core/import/compile.js';
import { Importer, type ImportResult } from '../../core/import/importer.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from '../source/errors.js';
import { toDiagnostics } from '../source/locate.js';
import type { LoadedMapping } from './load-mapping.js';
import { readTable, type TableOptions } from './read-table.js';
import type { TableInfo } from './table.js';

export interface ImportedFile {
  result: ImportResult;
  info: TableInfo;
  /** Warnings about the mapping against this header (e.g. an ambiguous repeated header name). */
  mappingWarnings: PlacedDiagnostic[];
}

export async function importSpreadsheet(
  file: string,
  loaded: LoadedMapping,
  vocabulary: Vocabulary,
  table: TableOptions,
): Promise<ImportedFile> {
  let importer: Importer | undefined;
  let mappingWarnings: PlacedDiagnostic[] = [];
  const info = await readTable(file, table, (header, headerLine) => {
    const compiled = compileMapping(loaded.mapping, header, vocabulary);
    const diagnostics = toDiagnostics(compiled.problems, loaded.locator).map((d) =>
      withDelimiterHint(d, header, file, headerLine),
    );
    if (!compiled.mapping) throw new InputError(diagnostics);
    mappingWarnings = diagnostics;
    importer = new Importer(compiled.mapping);
    return importer;
  });
  return { result: importer!.finish(), info, mappingWarnings };
}

/** A header read as one column that holds another delimiter: say so beside "no column X". */
function withDelimiterHint(d: PlacedDiagnostic, header: string[], file: string, line: number): PlacedDiagnostic {
  if (d.code !== 'unknown-column' || header.length !== 1) return d;
  const other = [';', '\t', '|', ','].find((c) => header[0]!.includes(c));
  if (!other) return d;
  const name = other === '\t' ? 'tab' : other;
  return {
    ...d,
    hint: `${d.hint ?? ''}\n${file}:${line}: the header was read as one single column, but it holds "${name}": pass --delimiter '${name}' (or leave --delimiter out to detect it)`,
  };
}

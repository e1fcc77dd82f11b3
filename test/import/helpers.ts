import type { Vocabulary } from '../../src/core/import/compile.js';
import { importRows, type ImportRowsResult } from '../../src/core/import/importer.js';
import type { ImportMapping } from '../../src/core/import/mapping-types.js';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy.js';
import { parseCsv } from '../../src/io/usage/csv-scanner.js';

export const AS_OF = '2026-11-24';

export const VOCABULARY: Vocabulary = {
  dataClasses: Object.keys(DEFAULT_POLICY.sensitivity.data_classes),
  regimes: Object.keys(DEFAULT_POLICY.sensitivity.regimes),
  regions: ['us', 'eu'],
  tiers: DEFAULT_POLICY.tiers.map((t) => ({ id: t.id, name: t.name })),
  asOf: AS_OF,
};

/** A CSV text through a mapping, in memory. */
export function run(mapping: ImportMapping, csv: string): ImportRowsResult {
  const [header, ...rows] = parseCsv(csv);
  return importRows(
    mapping,
    header!.fields.map((h) => h.trim()),
    rows.map((r) => ({ cells: r.fields, line: r.line })),
    VOCABULARY,
  );
}

export function imported(mapping: ImportMapping, csv: string) {
  const r = run(mapping, csv);
  if (!r.result) throw new Error(`mapping problems: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.result;
}

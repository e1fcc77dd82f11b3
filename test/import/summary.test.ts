import { describe, expect, it } from 'vitest';
import { groupWarnings, importSummary, renderImportSummary } from '../../src/render/import/import-summary.js';
import type { ImportResult } from '../../src/core/import/importer.js';

const STAGE = '"Operational" in column "Stage" is not a stage (idea, pilot, production, retired): left out';

function result(n: number): ImportResult {
  const warnings = Array.from({ length: n }, (_, k) => ({ line: k + 2, id: `uc-${k}`, message: STAGE }));
  warnings.splice(1, 0, { line: 3, id: 'uc-1', message: '"soon" in column "Until" is not a date' });
  return {
    useCases: [],
    lines: [],
    read: n,
    imported: n,
    blank: 0,
    skipped: [],
    warnings,
    derivedIds: 0,
    ids: [],
  };
}

const BASE = {
  file: 'register.csv',
  read_as: 'CSV',
  encoding: null,
  mapping_warnings: [],
  output: null,
  merged_into: null,
  merge: null,
  added: 0,
  unit: 'line' as const,
};

describe('import summary', () => {
  it('groups warnings by distinct value, with a count and the first lines', () => {
    const text = renderImportSummary(importSummary(result(1953), BASE));
    expect(text).toContain('warnings (1,954 on 2 points):\n');
    expect(text).toContain(`  ${STAGE} — 1,953 lines (first: lines 2, 3, 4, …)\n`);
    expect(text).toContain('  line 3 (uc-1): "soon" in column "Until" is not a date\n');
  });

  it('JSON carries the groups beside every warning', () => {
    const s = importSummary(result(3), BASE);
    expect(s.warnings).toHaveLength(4);
    expect(s.warning_groups).toEqual([
      { message: STAGE, rows: 3, first_lines: [2, 3, 4] },
      { message: '"soon" in column "Until" is not a date', rows: 1, first_lines: [3] },
    ]);
  });

  it('most rows first, then first line', () => {
    const g = groupWarnings([
      { line: 9, message: 'b' },
      { line: 2, message: 'a' },
      { line: 5, message: 'c' },
      { line: 6, message: 'c' },
    ]);
    expect(g.map((x) => x.message)).toEqual(['c', 'a', 'b']);
  });
});

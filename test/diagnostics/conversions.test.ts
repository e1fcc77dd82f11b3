// Verify and review findings keep their own records (their JSON shapes are published) and
// convert to Diagnostic for the shared formatters: without loss, so any output can be made from it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIEW_RULES } from '../../src/core/diagnostics/catalog-review.js';
import { VERIFY_CODES } from '../../src/core/diagnostics/catalog.js';
import type { Diagnostic } from '../../src/core/diagnostics/diagnostic.js';
import { reviewDiagnostic } from '../../src/core/review/review-diagnostic.js';
import type { ReviewFinding, ReviewFindingKind } from '../../src/core/review/review-types.js';
import { jsonPath, verifyDiagnostic, type PlacedVerifyFinding } from '../../src/core/verify/verify-types.js';

// The inverses, written only here: each recovers the original record from the Diagnostic.
function verifyBack(d: Diagnostic, steps: PlacedVerifyFinding['steps']): PlacedVerifyFinding {
  return {
    severity: d.severity as 'error' | 'warning',
    code: d.code as PlacedVerifyFinding['code'],
    use_case: d.use_case ?? null,
    file: d.file!,
    path: d.path!,
    steps,
    message: d.message,
    chain: d.evidence?.path ?? [],
    ...(d.line !== undefined ? { line: d.line, column: d.column! } : {}),
  };
}

function reviewBack(d: Diagnostic): ReviewFinding {
  const f = d.evidence!.figures!;
  return {
    kind: d.code as ReviewFindingKind,
    severity: d.severity,
    use_case: d.use_case ?? null,
    tier: f.tier as string | null,
    months: f.months as string[],
    requests: f.requests as number,
    tokens: f.tokens as number,
    cost: f.cost as number,
    rows: f.rows as number,
    first_rows: d.evidence!.rows ?? [],
    message: d.message,
  };
}

const text = fc.string({ maxLength: 12 });
const steps = fc.array(fc.oneof(fc.nat(20), fc.stringMatching(/^[a-z_-]{1,8}$/)), { maxLength: 4 });

const verifyFinding = fc
  .record({
    severity: fc.constantFrom('error' as const, 'warning' as const),
    code: fc.constantFrom(...VERIFY_CODES),
    use_case: fc.option(text, { nil: null }),
    file: text,
    steps,
    message: text,
    chain: fc.array(text, { maxLength: 3 }),
    at: fc.option(fc.record({ line: fc.integer({ min: 1, max: 999 }), column: fc.integer({ min: 1, max: 99 }) }), {
      nil: undefined,
    }),
  })
  .map(({ at, ...f }): PlacedVerifyFinding => ({ ...f, path: jsonPath(f.steps), ...(at ?? {}) }));

const reviewFinding = fc.record({
  kind: fc.constantFrom(...(Object.keys(REVIEW_RULES) as ReviewFindingKind[]), 'override-expired' as const),
  severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
  use_case: fc.option(text, { nil: null }),
  tier: fc.option(text, { nil: null }),
  months: fc.array(fc.stringMatching(/^20\d\d-(0[1-9]|1[0-2])$/), { maxLength: 3 }),
  requests: fc.nat(),
  tokens: fc.nat(),
  cost: fc.double({ min: 0, max: 1e6, noNaN: true }),
  rows: fc.nat(),
  first_rows: fc.array(fc.record({ file: text, line: fc.integer({ min: 1 }), reason: text }), { maxLength: 3 }),
  message: text,
});

describe('conversion to Diagnostic', () => {
  it('loses nothing of a verify finding', () => {
    fc.assert(
      fc.property(verifyFinding, (f) => {
        expect(verifyBack(verifyDiagnostic(f), f.steps)).toEqual(f);
        expect(verifyDiagnostic(f).path).toBe(jsonPath(f.steps));
      }),
    );
  });

  it('loses nothing of a review finding', () => {
    fc.assert(
      fc.property(reviewFinding, (f) => {
        expect(reviewBack(reviewDiagnostic(f))).toEqual(f);
      }),
    );
  });

  it('leaves out a null use case and an empty list of rows instead of carrying empty values', () => {
    const d = reviewDiagnostic({
      kind: 'unattributed',
      severity: 'warning',
      use_case: null,
      tier: null,
      months: [],
      requests: 0,
      tokens: 0,
      cost: 0,
      rows: 0,
      first_rows: [],
      message: 'm',
    });
    expect(d).not.toHaveProperty('use_case');
    expect(d.evidence).not.toHaveProperty('rows');
  });
});

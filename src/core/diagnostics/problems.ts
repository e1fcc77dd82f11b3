import type { ProblemCode } from './catalog.js';

export type { PlacedDiagnostic } from './diagnostic.js';

/**
 * A problem found in an input, positioned by its path inside the parsed document
 * (e.g. ['use_cases', 3, 'data', 'classes', 1]). The io layer turns the path into
 * file:line:column once, at the boundary.
 */
export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  /** What to do about it, e.g. a "did you mean" suggestion. */
  hint?: string;
  path: (string | number)[];
}

/** Levenshtein distance, for "did you mean" on typos. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function didYouMean(value: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(value.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  // Short names (regions like `us`) are all close to each other: only suggest on one typo.
  const limit = value.length <= 3 ? 1 : Math.max(2, Math.floor(value.length / 3));
  return best !== undefined && bestD <= limit ? `did you mean "${best}"?` : undefined;
}

import type { PlacedProblem } from '../source/locate.js';

type Path = (string | number)[];

export const samePath = (a: Path, b: Path): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** ajv's JSON pointer, as a path whose array steps are numbers. */
export function toPath(pointer: string, root: unknown): Path {
  const path: Path = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(node) ? Number(step) : Number.NaN;
    path.push(Number.isInteger(index) ? index : step);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
  }
  return path;
}

// A typo such as `nmae:` yields both "unknown key nmae" and "missing key name"; the first,
// with its "did you mean", says it all.
export function dropSuggestedMissing(problems: PlacedProblem[]): PlacedProblem[] {
  return problems.filter((p) => {
    if (p.code !== 'missing-key' || p.key === undefined) return true;
    return !problems.some(
      (o) => o.code === 'unknown-key' && o.hint === `did you mean "${p.key}"?` && samePath(o.path.slice(0, -1), p.path),
    );
  });
}

export function dedupe(problems: PlacedProblem[]): PlacedProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = JSON.stringify([p.path, p.code, p.message]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// LiteLLM's wildcard model names (`azure/*`, `*`): `*` is any text, everything else literal.
// Translating them to a RegExp (`^a.*b.*c$`) backtracks polynomially on crafted names, so
// they are matched here by locating the literal pieces left to right — no backtracking.

/** Longer patterns or names are not evaluated; they are taken as matching (fail closed). */
export const MAX_GLOB_LENGTH = 1024;

export interface Glob {
  pattern: string;
  test(name: string): boolean;
}

export function glob(pattern: string): Glob {
  const pieces = pattern.split('*');
  return { pattern, test: (name) => globMatch(pieces, name) };
}

/**
 * Whether `name` matches the pattern split at its `*`s. The first piece must start the name,
 * the last must end it; each one between is taken at its leftmost place after the previous,
 * which is optimal for `*`-only patterns, so each piece is searched for once.
 */
function globMatch(pieces: string[], name: string): boolean {
  const length = pieces.reduce((n, p) => n + p.length + 1, -1);
  // A model name this long is no real model; over-approximating keeps the judgement safe.
  if (length > MAX_GLOB_LENGTH || name.length > MAX_GLOB_LENGTH) return true;
  if (pieces.length === 1) return name === pieces[0];
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = name.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

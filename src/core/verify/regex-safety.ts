// Portkey evaluates `$regex` with JavaScript's backtracking RegExp on every request. verify
// replays the query router, so it must never run a pattern that can backtrack for minutes
// (nor can it prove which branch such a pattern picks): those are refused, not run.

/** Longest pattern and longest metadata value a `$regex` is run against. */
const MAX_REGEX_LENGTH = 256;
export const MAX_REGEX_INPUT = 256;
/**
 * Each unbounded quantifier in sequence multiplies the work on a failing input by its length:
 * three over 256 characters stay in the millions of steps, which is fast.
 */
const MAX_UNBOUNDED = 3;

/**
 * Why a pattern cannot be evaluated safely, or null. Refused: a quantified group that holds a
 * quantifier or an alternation (`(a+)+`, `(a|aa)*` — exponential), backreferences (no bound at
 * all), more than three unbounded quantifiers (polynomial), and overlong patterns. A scan of
 * the pattern's text, never a run of it.
 */
export function regexHazard(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `it is longer than ${MAX_REGEX_LENGTH} characters`;
  interface Group {
    quantified: boolean;
    alternation: boolean;
  }
  const groups: Group[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'it uses a backreference';
      i++;
    } else if (c === '[') {
      // A character class is one atom: skip to its closing bracket (escapes included).
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      groups.push({ quantified: false, alternation: false });
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the `?` opens the group, it repeats nothing.
      if (pattern[i + 1] === '?') {
        const named = pattern[i + 2] === '<' && !'=!'.includes(pattern[i + 3] ?? '');
        i = named ? Math.max(pattern.indexOf('>', i), i + 2) : i + (pattern[i + 2] === '<' ? 3 : 2);
      }
    } else if (c === '|') groups[groups.length - 1]!.alternation = true;
    else if (c === ')' && groups.length > 1) {
      const inner = groups.pop()!;
      const q = quantifierAt(pattern, i + 1);
      if (q !== null && (inner.quantified || inner.alternation))
        return `a repeated group holds ${inner.quantified ? 'a quantifier' : 'an alternation'} (nested repetition backtracks exponentially)`;
      if (q === 'unbounded') unbounded++;
      if (inner.quantified || q !== null) groups[groups.length - 1]!.quantified = true;
      if (q !== null) i = skipQuantifier(pattern, i + 1) - 1;
    } else {
      const q = quantifierAt(pattern, i);
      if (q === 'unbounded') unbounded++;
      if (q !== null) {
        groups[groups.length - 1]!.quantified = true;
        i = skipQuantifier(pattern, i) - 1;
      }
    }
    if (unbounded > MAX_UNBOUNDED) return `it has more than ${MAX_UNBOUNDED} unbounded repetitions`;
  }
  return null;
}

/** The quantifier starting at `i`, if any: `?` and `{n}`/`{n,m}` are bounded, `*` `+` `{n,}` are not. */
function quantifierAt(p: string, i: number): 'bounded' | 'unbounded' | null {
  const c = p[i];
  if (c === '*' || c === '+') return 'unbounded';
  if (c === '?') return 'bounded';
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 24));
    if (!m) return null;
    return m[2] !== undefined && (m[3] === '' || Number(m[3]) > 64) ? 'unbounded' : 'bounded';
  }
  return null;
}

/** The index after a quantifier and its lazy `?`. */
function skipQuantifier(p: string, i: number): number {
  let j = p[i] === '{' ? p.indexOf('}', i) + 1 : i + 1;
  if (p[j] === '?') j++;
  return j;
}

import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';

type Path = (string | number)[];

/**
 * How deep a gateway config may nest. Real configs stay under 12 (a Portkey config nested
 * five targets deep is 12); the limit keeps every walker in `src/core/verify` far from the
 * call-stack limit, so a hostile file is an input error, not "Maximum call stack size exceeded".
 */
const MAX_CONFIG_DEPTH = 64;

/**
 * The path to the first list or mapping nested deeper than the limit, or null. Iterative on
 * purpose: a recursive walk would itself overflow on the files it is meant to refuse.
 */
export function tooDeep(value: unknown, limit = MAX_CONFIG_DEPTH): Path | null {
  interface Item {
    value: unknown;
    depth: number;
    parent: Item | null;
    step: string | number | null;
  }
  const stack: Item[] = [{ value, depth: 1, parent: null, step: null }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (v === null || typeof v !== 'object') continue;
    if (item.depth > limit) {
      const path: Path = [];
      for (let at: Item | null = item; at?.step != null; at = at.parent) path.unshift(at.step);
      return path;
    }
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v as Record<string, unknown>);
    for (const [step, child] of entries) stack.push({ value: child, depth: item.depth + 1, parent: item, step });
  }
  return null;
}

/**
 * Where a JSON text first opens a bracket deeper than the limit (strings skipped), as
 * line:column. The YAML view of such a file is itself too deep to parse, so the JSON text is
 * scanned directly.
 */
export function jsonDepthPosition(text: string, limit = MAX_CONFIG_DEPTH): { line: number; column: number } {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (c === '}' || c === ']') depth--;
  }
  return { line: 1, column: 1 };
}

export function tooDeepDiagnostic(file: string, at: { line: number; column: number }): PlacedDiagnostic {
  return {
    code: 'config-too-deep',
    severity: 'error',
    file,
    ...at,
    message: `the config nests lists and mappings more than ${MAX_CONFIG_DEPTH} levels deep here; no gateway config needs that, and it is refused rather than followed`,
    hint: 'flatten the nested targets or groups',
  };
}

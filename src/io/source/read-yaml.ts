import jsyaml from 'js-yaml';
import { documentLocator, type SourceLocator } from './locate.js';
import { FORBIDDEN_KEYS, MAX_YAML_DEPTH, parseYaml } from './parse-yaml.js';

export interface ReadYaml {
  value: unknown;
  locator: SourceLocator;
}

// Anchors, aliases, tags and merge keys need the careful parser's checks (alias bombs, unknown
// tags); prose such as "R&D" does not match, "*bold*" does and merely takes the careful path.
const NEEDS_CAREFUL_PARSE = /(^|[\s,[{:-])[&*!]\S|<</m;

/**
 * Parses one YAML document. Plain documents go through js-yaml, about ten times faster than
 * the `yaml` Document API on large inventories; positions are only needed for diagnostics,
 * so the positioned parse runs lazily, the first time something asks where a path is.
 * Anything unusual — a syntax error, an anchor, a forbidden key, an empty file — takes the
 * careful path, which produces the positioned diagnostics.
 */
export function readYaml(text: string, file: string, expected: string): ReadYaml {
  const fast = NEEDS_CAREFUL_PARSE.test(text) ? undefined : tryFast(text);
  if (fast === undefined) {
    const { value, doc, lineCounter } = parseYaml(text, file, expected);
    return { value, locator: documentLocator(file, doc, lineCounter) };
  }
  let located: SourceLocator | undefined;
  const slow = (): SourceLocator => {
    if (!located) {
      const { doc, lineCounter } = parseYaml(text, file, expected);
      located = documentLocator(file, doc, lineCounter);
    }
    return located;
  };
  return { value: fast.value, locator: { locate: (p) => slow().locate(p), locateKey: (p) => slow().locateKey(p) } };
}

function tryFast(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (value === null || value === undefined || typeof value !== 'object' || needsCareful(value)) return undefined;
  return { value };
}

/** A forbidden key, or nesting past MAX_YAML_DEPTH: the careful parser says where. Iterative on purpose. */
function needsCareful(value: object): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_YAML_DEPTH) return true;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) return true;
      stack.push([(v as Record<string, unknown>)[k], depth + 1]);
    }
  }
  return false;
}

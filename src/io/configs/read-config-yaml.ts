import jsyaml from 'js-yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from '../source/errors.js';
import { documentLocator, type Position, type SourceLocator } from '../source/locate.js';
import { FORBIDDEN_KEYS, parseYaml } from '../source/parse-yaml.js';
import { yamlLib } from '../source/yaml-lib.js';
import { tooDeep, tooDeepDiagnostic } from './config-depth.js';

type Path = (string | number)[];

/** PyYAML ends a line at these; the YAML 1.2 parser here reads them as ordinary characters. */
const PYYAML_ONLY_BREAKS = /[\u0085\u2028\u2029]/;
const NAMES: Record<string, string> = { '\u0085': 'U+0085 (NEL)', '\u2028': 'U+2028', '\u2029': 'U+2029' };

/**
 * Reads a LiteLLM config.yaml as the proxy's PyYAML `safe_load` does: YAML 1.1 scalars and
 * `<<` merge keys (explicit keys win, earlier merges win over later ones). Positions of merged
 * values point at where the value is written, or at the `<<` key that brought it in.
 */
export function readConfigYaml(
  text: string,
  file: string,
  expected: string,
): { value: unknown; locator: SourceLocator } {
  refuseYaml11LineBreaks(text, file);
  const fast = readPlainConfig(text);
  if (fast !== undefined && !tooDeep(fast)) {
    // Positions are only needed for findings: the careful parse runs the first time one asks.
    let located: SourceLocator | undefined;
    const slow = (): SourceLocator => {
      if (!located) {
        const { doc, lineCounter } = parseYaml(text, file, expected, 'pyyaml');
        located = mergeLocator(file, doc, lineCounter);
      }
      return located;
    };
    return { value: fast, locator: { locate: (p) => slow().locate(p), locateKey: (p) => slow().locateKey(p) } };
  }
  const { value, doc, lineCounter } = parseYaml(text, file, expected, 'pyyaml');
  const locator = mergeLocator(file, doc, lineCounter);
  const deep = tooDeep(value);
  if (deep) throw new InputError([tooDeepDiagnostic(file, positionOf(locator.locate(deep)))]);
  return { value, locator };
}

// Anchors, aliases, tags, merge keys, explicit or collection keys (`? k`, `[a]: b`), tabs and
// escaped slashes take the careful path; so does prose that merely looks like them.
const NEEDS_CAREFUL_PARSE = /(^|[\s,[{:-])[&*!]\S|<<|\t|\\\/|^[\s-]*\?(\s|$)|[\]}]\s*:(\s|$)/m;
// A key may be at most 1,024 characters long, which the careful parse enforces and js-yaml does
// not: a line longer than that (comments apart) takes the careful path.
const LONG_LINE = /^(?![ ]*#).{1025}/m;
/** Plain scalars PyYAML reads as a string, and so does the careful parse: they start with a letter… */
const PLAIN_STRING = /^[A-Za-z]/;
/** …and are not one of YAML 1.1's booleans or nulls (nor 1.2's, nor yaml's y/n). */
const WORDS = new Set(
  'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL'.split(' '),
);
class NotPlain extends Error {}
/** PyYAML's booleans (YAML 1.1 without `y`/`n`), as the careful parse reads them too. */
const PYYAML_BOOLEANS = new Map<string, boolean>(
  'yes Yes YES true True TRUE on On ON no No NO false False FALSE off Off OFF'.split(' ').map((w, i) => [w, i < 9]),
);

/**
 * The schema of the fast path: every plain scalar is a string unless it is a decimal integer
 * (up to 15 digits), a decimal with a point (`0.5`, `3.e-7`: PyYAML's float needs the point, and
 * a signed exponent), or one of PyYAML's boolean words; any other plain scalar (a null, `y`, a
 * date, `1e3`, `0777`, `1_000`, `.inf`…) stops the fast path. (A null key is `""` to the careful
 * parse and `"null"` to js-yaml.)
 */
const PLAIN_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (data: string | null) => data !== null && /^(?:0|-?[1-9][0-9]{0,14})$/.test(data),
      construct: (data: string) => Number(data),
    }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (data: string | null) => data !== null && /^-?(?:0|[1-9][0-9]*)\.[0-9]*(?:[eE][-+][0-9]+)?$/.test(data),
      construct: (data: string) => Number(data),
    }),
    new jsyaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data: string | null) => data !== null && PYYAML_BOOLEANS.has(data),
      construct: (data: string) => PYYAML_BOOLEANS.get(data),
    }),
    new jsyaml.Type('tag:tierplan,careful', {
      kind: 'scalar',
      resolve: (data: string | null) => data === null || data === '' || !PLAIN_STRING.test(data) || WORDS.has(data),
      construct: () => {
        throw new NotPlain();
      },
    }),
  ],
});

/**
 * A config.yaml without anchors, tags, merge keys or ambiguous plain scalars, read by js-yaml
 * (about ten times faster than the positioned parse): the same value PyYAML and the careful parse
 * give. Undefined whenever the file needs the careful parse, which then gives the diagnostics.
 */
function readPlainConfig(text: string): object | undefined {
  if (NEEDS_CAREFUL_PARSE.test(text) || LONG_LINE.test(text)) return undefined;
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: PLAIN_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || hasForbiddenKey(value)) return undefined;
  return value;
}

/** A key the careful parse refuses (`__proto__`…); iterative, as the value may be deep. */
function hasForbiddenKey(value: object): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (++seen > 10_000_000) return true;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) return true;
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return false;
}

const positionOf = (p: Position): { line: number; column: number } => ({ line: p.line, column: p.column });

/**
 * U+0085, U+2028 and U+2029 are line breaks to PyYAML (YAML 1.1) and not to YAML 1.2: a
 * comment ended by one makes the rest of the line a key for the gateway and a comment here.
 * Emulating 1.1 line breaking exactly would be a second parser to trust; a file that relies
 * on them is refused instead, at the character, so no two readings of the file can disagree.
 */
function refuseYaml11LineBreaks(text: string, file: string): void {
  const m = PYYAML_ONLY_BREAKS.exec(text);
  if (!m) return;
  const before = text.slice(0, m.index);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = m.index - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const diagnostic: PlacedDiagnostic = {
    code: 'yaml-line-break',
    severity: 'error',
    file,
    line,
    column,
    message: `${NAMES[m[0]]} is a line break for the gateway's YAML parser (PyYAML) but not a line break in YAML 1.2: the file reads differently to the two, so it is refused`,
    hint: 'replace it with a newline, or with `\\x85` / `\\u2028` inside a double-quoted string',
  };
  throw new InputError([diagnostic]);
}

/**
 * A locator that follows `<<` merge keys: a path through a merged value goes on inside the
 * mapping it was merged from. Paths that use no merge are located as for any YAML file.
 */
function mergeLocator(file: string, doc: Document.Parsed, lineCounter: LineCounter): SourceLocator {
  const plain = documentLocator(file, doc, lineCounter);
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const through = (path: Path, wantKey: boolean): Position => {
    const offset = mergedOffset(doc, path, wantKey);
    return offset === undefined ? (wantKey ? plain.locateKey(path) : plain.locate(path)) : at(offset);
  };
  return { locate: (p) => through(p, false), locateKey: (p) => through(p, true) };
}

/** The offset of a path that passes through a merge key; undefined when no merge is involved. */
function mergedOffset(doc: Document.Parsed, path: Path, wantKey: boolean): number | undefined {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  const deref = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  let node: unknown = doc.contents;
  let merged = false;
  let last: number | undefined;
  for (const step of path) {
    node = deref(node);
    if (isMap(node)) {
      const found = findInMap(node as Node, String(step), deref);
      if (!found) return merged ? last : undefined;
      merged ||= found.viaMerge !== undefined;
      // A merged key is shown where it is written (inside the anchored mapping).
      last = found.keyOffset ?? found.viaMerge;
      node = found.value;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
      node = node.items[step];
    } else return merged ? last : undefined;
  }
  if (!merged) return undefined;
  if (wantKey) return last;
  const end = deref(node);
  return isScalar(end) && end.range ? end.range[0] : last;
}

interface Found {
  value: unknown;
  keyOffset: number | undefined;
  /** The `<<` key's offset when the key came from a merge. */
  viaMerge?: number;
}

/** A key of a mapping, explicit keys first, then each `<<` source in order (as PyYAML merges). */
function findInMap(map: Node, key: string, deref: (n: unknown) => unknown): Found | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  const items = (map as unknown as { items: unknown[] }).items.filter(isPair);
  const explicit = items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (explicit) return { value: explicit.value, keyOffset: (explicit.key as Node).range?.[0] };
  for (const p of items) {
    // yaml marks a real merge key (plain `<<`, not quoted) with a symbol value.
    if (!isScalar(p.key) || typeof p.key.value !== 'symbol') continue;
    const source = deref(p.value);
    const sources = isSeq(source) ? source.items.map(deref) : [source];
    for (const s of sources) {
      if (!isMap(s)) continue;
      const inner = findInMap(s as Node, key, deref);
      if (inner) return { ...inner, viaMerge: inner.viaMerge ?? p.key.range?.[0] };
    }
  }
  return undefined;
}

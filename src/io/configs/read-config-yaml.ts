import type { Document, LineCounter, Node } from 'yaml';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from '../source/errors.js';
import { documentLocator, type Position, type SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
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
  const { value, doc, lineCounter } = parseYaml(text, file, expected, 'pyyaml');
  const locator = mergeLocator(file, doc, lineCounter);
  const deep = tooDeep(value);
  if (deep) throw new InputError([tooDeepDiagnostic(file, positionOf(locator.locate(deep)))]);
  return { value, locator };
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

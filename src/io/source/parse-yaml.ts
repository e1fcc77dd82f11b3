import type { Document, LineCounter, Node, Tags } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { InputCode } from '../../core/diagnostics/catalog.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from './errors.js';

/**
 * Nodes that aliases may add to a document once expanded; a "billion laughs" goes far past it
 * within a few lines. Our own count runs first because it can say where; yaml's guard
 * (`maxAliasCount`, same bound) stays behind it as a second line of defence. yaml's guard
 * alone, at 100, would refuse an honest inventory that reuses one anchor 101 times.
 */
const MAX_ALIAS_EXPANSION = 10_000;

/**
 * A bomb grows exponentially with its size, an honest reuse of anchors only linearly: so a
 * large file may expand in proportion to its length (one node per 8 bytes), never more.
 */
const aliasBudget = (text: string): number => Math.max(MAX_ALIAS_EXPANSION, Math.floor(text.length / 8));
/**
 * How deep lists and mappings may nest in a YAML input. No tierplan input needs more than about
 * ten levels; gateway configs are refused past 64 (config-depth.ts) with their own message, so
 * this bound sits above that. It keeps every walker far from the call-stack limit.
 */
export const MAX_YAML_DEPTH = 100;
/** yaml reports every nesting level of a stack overflow; after this many errors the rest is noise. */
const MAX_SYNTAX_ERRORS = 10;
/** Keys that could reach Object.prototype in code that copies or merges parsed objects. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `yaml-1.2` for tierplan's own inputs; `pyyaml` for files a gateway reads with PyYAML's
 * `safe_load` (YAML 1.1 scalars, `<<` merge keys), so verify sees what the gateway sees.
 */
export type YamlMode = 'yaml-1.2' | 'pyyaml';

export interface ParsedYaml {
  value: unknown;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Parses one YAML document and converts it to plain JS data, or throws an InputError whose
 * diagnostics point at the offending place. `expected` completes the "file is empty" message.
 */
export function parseYaml(text: string, file: string, expected = 'YAML', mode: YamlMode = 'yaml-1.2'): ParsedYaml {
  const { isScalar, LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  // LiteLLM's config is read by PyYAML: YAML 1.1 scalars and `<<` merge keys, which 1.2 drops.
  const pyyaml = mode === 'pyyaml' ? ({ version: '1.1', merge: true, customTags: pyyamlBooleans } as const) : {};
  const doc = guardDepth(file, text, () =>
    parseDocument(text, { prettyErrors: true, lineCounter, uniqueKeys: true, ...pyyaml }),
  );
  const at = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  const errors = overflow ? [overflow] : doc.errors.slice(0, MAX_SYNTAX_ERRORS);
  const problems: PlacedDiagnostic[] = errors.map((e) => ({
    code: e === overflow ? 'yaml-too-deep' : e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
    severity: 'error',
    message: e === overflow ? TOO_DEEP : yamlMessage(e.code, e.message, text.slice(e.pos[0])),
    file,
    ...(e === overflow ? deepestPosition(text) : { line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 }),
    ...(e.code === 'TAB_AS_INDENT' ? { hint: 'indent YAML with spaces' } : {}),
  }));
  if (problems.length === 0) {
    const bad = guardDepth(file, text, () => checkNodes(doc, aliasBudget(text)));
    if (bad)
      problems.push({
        severity: 'error',
        file,
        ...at(bad.offset),
        code: bad.code,
        message: bad.message,
        ...(bad.hint ? { hint: bad.hint } : {}),
      });
  }
  if (problems.length > 0) throw new InputError(problems);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new InputError([
      {
        code: 'empty-file',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `file is empty: expected ${expected}`,
      },
    ]);
  }
  let value: unknown;
  try {
    value = guardDepth(file, text, () => doc.toJS({ maxAliasCount: aliasBudget(text) }) as unknown);
  } catch (e) {
    if (e instanceof InputError) throw e;
    // Only reachable if the checks above missed something: still an input error, not a crash.
    const bomb = /alias count/i.test((e as Error).message);
    throw new InputError([
      {
        code: bomb ? 'alias-limit' : 'yaml-syntax',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: bomb ? aliasBomb(aliasBudget(text)) : `cannot read this YAML: ${(e as Error).message}`,
      },
    ]);
  }
  return { value, doc, lineCounter };
}

/**
 * yaml's 1.1 schema also reads `y`/`n` as booleans; PyYAML's resolver does not (a model group
 * named `n` stays a string to the proxy), so its boolean words are used instead.
 */
function pyyamlBooleans(tags: Tags): Tags {
  return tags.map((t) => {
    if (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:bool' || !t.test) return t;
    const truthy = t.test.test('true');
    return {
      ...t,
      test: truthy ? /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/ : /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
    };
  });
}

const TOO_DEEP = `the document nests lists and mappings more than ${MAX_YAML_DEPTH} levels deep here; no tierplan input needs that`;
const aliasBomb = (budget: number): string =>
  `aliases expand this document by more than ${budget} nodes (an "alias bomb"); it is refused`;

// Parsing a pathologically deep document overflows the stack; that is bad input, not a crash.
function guardDepth<T>(file: string, text: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new InputError([
      { code: 'yaml-too-deep', severity: 'error', file, ...deepestPosition(text), message: TOO_DEEP },
    ]);
  }
}

/**
 * Where a document too deep for the parser first passes MAX_YAML_DEPTH, found in its text:
 * flow brackets (quoted strings and comments skipped) plus the `- ` items opening a line. Only
 * used when the parser itself gave up; 1:1 when the text shows no such place.
 */
function deepestPosition(text: string): { line: number; column: number } {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let dashes = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      dashes = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && c === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n')) {
      if (depth + ++dashes > MAX_YAML_DEPTH) return { line, column: i - lineStart + 1 };
      continue;
    }
    if (c !== ' ') atLineStart = false;
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth + dashes > MAX_YAML_DEPTH) return { line, column: i - lineStart + 1 };
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { line: 1, column: 1 };
}

function yamlMessage(code: string, message: string, rest: string): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n#]*?)[ \t]*:/.exec(rest)?.[1];
    return `duplicate key${key ? ` ${key.startsWith('"') ? key : `"${key.replace(/^'|'$/g, '')}"`}` : ''}: each key may appear only once in a mapping`;
  }
  if (code === 'MULTIPLE_DOCS')
    return 'a file holds one YAML document; this second document (after `---`) is not allowed';
  // prettyErrors appends " at line L, column C:" and a source excerpt; the position is printed separately.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

interface NodeProblem {
  offset: number;
  code: InputCode;
  message: string;
  hint?: string;
}

/**
 * One pass in document order: refuses keys that could pollute prototypes, keys that are not
 * scalars, unresolved or self-containing aliases, and aliases that expand too far. Aliases
 * resolve to the latest anchor of that name before them, as in YAML.
 */
function checkNodes(doc: Document.Parsed, budget: number): NodeProblem | undefined {
  const { isAlias, isCollection, isMap, isPair, isScalar } = yamlLib();
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const sizes = new Map<Node, number>();
  const targets = new Map<Node, Node>();
  let expanded = 0;

  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      return target ? sizeOf(target) : 1;
    }
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let n = 1;
    for (const item of node.items) n += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
    sizes.set(node, n);
    return n;
  };

  const walk = (node: unknown, depth: number): NodeProblem | undefined => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const offset = node.range?.[0] ?? 0;
      if (!target)
        return {
          offset,
          code: 'yaml-alias',
          message: `unknown alias *${node.source}: define the anchor &${node.source} before using it`,
        };
      if (open.has(target))
        return { offset, code: 'yaml-alias', message: `alias *${node.source} refers to a node that contains it` };
      targets.set(node, target);
      expanded += sizeOf(target);
      if (expanded > budget) {
        return {
          offset,
          code: 'alias-limit',
          message: aliasBomb(budget),
          hint: 'write the repeated values out, or use fewer nested aliases',
        };
      }
      return undefined;
    }
    if (!isScalar(node) && !isCollection(node)) return undefined;
    if (node.anchor) anchors.set(node.anchor, node);
    if (!isCollection(node)) return undefined;
    if (depth > MAX_YAML_DEPTH)
      return {
        offset: node.range?.[0] ?? 0,
        code: 'yaml-too-deep',
        message: TOO_DEEP,
        hint: 'flatten the document; no tierplan input nests more than about ten levels',
      };
    open.add(node);
    for (const item of node.items) {
      const found = isPair(item)
        ? (checkPair(item.key, isMap(node)) ?? walk(item.key, depth + 1) ?? walk(item.value, depth + 1))
        : walk(item, depth + 1);
      if (found) return found;
    }
    open.delete(node);
    return undefined;
  };

  return walk(doc.contents, 1);
}

function checkPair(key: unknown, inMap: boolean): NodeProblem | undefined {
  const { isAlias, isScalar } = yamlLib();
  // A null key (`: value`) becomes the key "" and is left to schema validation.
  if (!inMap || key === null) return undefined;
  const offset = (key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  if (isScalar(key)) {
    const name = String(key.value);
    if (FORBIDDEN_KEYS.has(name)) {
      return {
        offset,
        code: 'forbidden-key',
        message: `the key "${name}" is not allowed: it could alter object prototypes`,
        hint: 'rename or remove this key',
      };
    }
    return undefined;
  }
  if (isAlias(key))
    return {
      offset,
      code: 'yaml-syntax',
      message: 'an alias cannot be used as a mapping key here',
      hint: 'write the key out',
    };
  return { offset, code: 'yaml-syntax', message: 'mapping keys must be plain strings, not lists or mappings' };
}

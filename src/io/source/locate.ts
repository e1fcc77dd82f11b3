import type { Document, LineCounter, Pair } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { PlacedDiagnostic, Problem } from '../../core/diagnostics/problems.js';
import { sortDiagnostics } from './errors.js';

type Path = (string | number)[];

export interface Position {
  file: string;
  line: number;
  column: number;
}

/** Maps a path inside a parsed input (e.g. ['use_cases', 7, 'data', 'classes', 1]) to a place in its file. */
export interface Locator {
  locate(path: Path): Position;
}

/** A locator that can also point at a mapping key rather than at its value. */
export interface SourceLocator extends Locator {
  locateKey(path: Path): Position;
}

/** A problem that knows whether it is about a key (an unknown key) or a value. */
export interface PlacedProblem extends Problem {
  at?: 'key';
  /** For a missing key: its name. */
  key?: string;
}

export function toDiagnostics(problems: (Problem | PlacedProblem)[], locator: Locator): PlacedDiagnostic[] {
  return sortDiagnostics(
    problems.map((p) => {
      const onKey = 'at' in p && p.at === 'key' && 'locateKey' in locator;
      const pos = onKey ? (locator as SourceLocator).locateKey(p.path) : locator.locate(p.path);
      return {
        code: p.code,
        severity: p.severity,
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
        file: pos.file,
        line: pos.line,
        column: pos.column,
      };
    }),
  );
}

/** A locator over one parsed YAML document; paths are relative to the document's root. */
export function documentLocator(file: string, doc: Document.Parsed, lineCounter: LineCounter): SourceLocator {
  const pos = (offset: number | undefined): Position => {
    if (offset === undefined) return { file, line: 1, column: 1 };
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  return {
    locate: (path) => pos(offsetOf(doc, path, false)),
    locateKey: (path) => pos(offsetOf(doc, path, true)),
  };
}

/**
 * The source offset for a path. Where the path leaves the document (a missing key), the
 * nearest existing parent stands in. A block mapping or list reached through a key is shown
 * at its key (`data:`), which is where a reader looks, rather than at its first entry.
 */
function offsetOf(doc: Document.Parsed, path: Path, wantKey: boolean): number | undefined {
  const { isAlias, isCollection, isMap, isPair, isScalar, isSeq } = yamlLib();
  let node: unknown = doc.contents;
  let via: Pair | undefined;
  let depth = 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(step));
      if (!pair) break;
      via = pair;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && step >= 0 && step < node.items.length) {
      via = undefined;
      node = node.items[step];
    } else {
      break;
    }
    depth++;
  }
  const keyOffset = isPair(via) && isScalar(via.key) ? via.key.range?.[0] : undefined;
  if (keyOffset !== undefined) {
    const atKey =
      (wantKey && depth === path.length) ||
      node === null ||
      node === undefined ||
      (isScalar(node) && node.source === '' && node.value === null) ||
      (isCollection(node) && !node.flow);
    if (atKey) return keyOffset;
  }
  if (isScalar(node) || isCollection(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}

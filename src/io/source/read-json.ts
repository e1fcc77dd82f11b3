import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from './errors.js';
import type { Position, SourceLocator } from './locate.js';
import { readYaml } from './read-yaml.js';

export interface ReadJson {
  value: unknown;
  locator: SourceLocator;
}

/**
 * Parses JSON with JSON.parse, so what is accepted is exactly JSON; a syntax error becomes a
 * diagnostic at its line and column. Positions of valid documents come lazily from the YAML
 * parser (JSON is YAML 1.2), only when a finding needs one.
 */
export function readJson(text: string, file: string, expected: string): ReadJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8 quotes the source around the error; the position is enough, and the quote could hold a secret.
    const message = (e as Error).message;
    const { line, column } = positionOf(text, message);
    const diagnostic: PlacedDiagnostic = {
      code: 'json-syntax',
      severity: 'error',
      file,
      line,
      column,
      message: `not valid JSON: ${message
        .replace(/ (in JSON )?at position \d+.*$/s, '')
        .replace(/, .*is not valid JSON$/s, '')
        .replace(/^./, (c) => c.toLowerCase())}`,
      hint: `expected ${expected}`,
    };
    throw new InputError([diagnostic]);
  }
  let located: SourceLocator | null | undefined;
  const fallback: Position = { file, line: 1, column: 1 };
  const slow = (): SourceLocator | null => {
    if (located === undefined) {
      try {
        located = readYaml(text, file, expected).locator;
      } catch {
        located = null;
      }
    }
    return located;
  };
  return {
    value,
    locator: {
      locate: (p) => safe(() => slow()?.locate(p)) ?? fallback,
      locateKey: (p) => safe(() => slow()?.locateKey(p)) ?? fallback,
    },
  };
}

// The YAML view of a JSON file can differ in corner cases (tabs, odd escapes): then line 1.
function safe(f: () => Position | undefined): Position | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** V8 names the offset only for some errors ("at position 42"); otherwise we find it ourselves. */
function positionOf(text: string, message: string): { line: number; column: number } {
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : errorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The offset of the first character that is not JSON: a scanner of the grammar, nothing more. */
function errorOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i]! < ' ') fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 5000) fail();
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    return i;
  } catch (e) {
    return typeof e === 'number' ? e : 0;
  }
}

// A 10,000-use-case LiteLLM config is ~17 MB of YAML, and js-yaml spent most of its time deciding,
// node by node, how to write the same few thousand distinct strings. This writes the block layout
// itself and asks js-yaml once per distinct scalar, so the text is js-yaml's byte for byte (a
// property test compares the two) in a fraction of the time. Shapes it does not lay out (a multi-line
// scalar, a key js-yaml writes as `? key`, a sequence directly inside a sequence, anything not JSON
// data) go to js-yaml whole.
import jsyaml from 'js-yaml';

/** The options the gateway configs are dumped with; the fast path lays out exactly these. */
export const DUMP_OPTIONS: jsyaml.DumpOptions = { lineWidth: -1, noRefs: true, quotingType: '"' };

class Unsupported extends Error {}

/** `jsyaml.dump(value, DUMP_OPTIONS)`, faster on large block documents. */
export function dumpBlockYaml(value: unknown): string {
  return layoutBlockYaml(value) ?? jsyaml.dump(value, DUMP_OPTIONS);
}

/** The same text laid out here, or undefined for a shape left to js-yaml. */
export function layoutBlockYaml(value: unknown): string | undefined {
  const keys = new Map<string, string>();

  // Strings and other scalars apart: the number 1 and the string "1" are written differently.
  const strings = new Map<string, string>();
  const others = new Map<string, string>();
  const scalar = (v: string | number | boolean | null): string => {
    const memo = typeof v === 'string' ? strings : others;
    // `-0` apart from `0`: Maps and String() take them for one value, js-yaml writes `-0.0`.
    const id = typeof v === 'string' ? v : Object.is(v, -0) ? '-0' : `${typeof v}:${String(v)}`;
    let text = memo.get(id);
    if (text === undefined) {
      const dumped = jsyaml.dump(v, DUMP_OPTIONS);
      text = dumped.slice(0, -1);
      if (!dumped.endsWith('\n') || text.includes('\n')) throw new Unsupported();
      memo.set(id, text);
    }
    return text;
  };

  const key = (k: string): string => {
    let text = keys.get(k);
    if (text === undefined) {
      const dumped = jsyaml.dump(Object.fromEntries([[k, null]]), DUMP_OPTIONS);
      text = dumped.slice(0, -': null\n'.length);
      if (!dumped.endsWith(': null\n') || dumped.startsWith('?') || text.includes('\n')) throw new Unsupported();
      keys.set(k, text);
    }
    return text;
  };

  const indents: string[] = [];
  const nextLine = (level: number): string => {
    let text = indents[level];
    if (text === undefined) {
      text = `\n${'  '.repeat(level)}`;
      indents[level] = text;
    }
    return text;
  };

  // Mirrors js-yaml's writeNode in block context: `compact` leaves out the first line break.
  const node = (v: unknown, level: number, compact: boolean, inSequence: boolean): string => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return scalar(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (inSequence) throw new Unsupported();
      const parts: string[] = [];
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw new Unsupported();
        parts.push(i === 0 && compact ? '- ' : `${nextLine(level)}- `, node(v[i], level + 1, true, true));
      }
      return parts.join('');
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const entries = Object.keys(v);
      if (entries.length === 0) return '{}';
      const parts: string[] = [];
      for (let i = 0; i < entries.length; i++) {
        const k = entries[i]!;
        const child = (v as Record<string, unknown>)[k];
        const text = node(child, level + 1, false, false);
        parts.push(i === 0 && compact ? '' : nextLine(level), key(k), text.startsWith('\n') ? ':' : ': ', text);
      }
      return parts.join('');
    }
    throw new Unsupported();
  };

  try {
    return `${node(value, 0, true, false)}\n`;
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return undefined;
  }
}

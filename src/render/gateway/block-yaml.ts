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

// Strings js-yaml writes as they are: a letter first (no number, date or indicator starts that
// way), then letters, digits and `_./-`, a `:` only between two of those; minus the words YAML 1.1
// or 1.2 reads as a boolean or null, which js-yaml quotes. Ids, tags and model names are all like
// this; a property test holds the shortcut to js-yaml.
const PLAIN = /^[A-Za-z][\w./-]*(?::[\w./-]+)*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

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
    if (typeof v === 'string' && PLAIN.test(v) && !RESERVED.test(v)) return v;
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
  const items: string[] = [];
  const nextItem = (level: number): string => {
    let text = items[level];
    if (text === undefined) {
      text = `${nextLine(level)}- `;
      items[level] = text;
    }
    return text;
  };

  const isPlainObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
  // Whether js-yaml writes `v` on lines of its own below its key (a non-empty block collection).
  const isBlock = (v: unknown): boolean =>
    Array.isArray(v) ? v.length > 0 : isPlainObject(v) && Object.keys(v).length > 0;

  // Mirrors js-yaml's writeNode in block context; `compact` leaves out the first line break. The
  // pieces are memoised strings collected in an array and joined a few thousand at a time:
  // appending them to one string built a tree of millions of links that the collector copied
  // over and over, and one join of millions of pieces was slower than joins of chunks.
  const chunks: string[] = [];
  const out: string[] = [];
  const flush = (): void => {
    chunks.push(out.join(''));
    out.length = 0;
  };
  const node = (v: unknown, level: number, compact: boolean, inSequence: boolean): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') {
      out.push(scalar(v));
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) out.push('[]');
      else if (inSequence) throw new Unsupported();
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw new Unsupported();
        out.push(i === 0 && compact ? '- ' : nextItem(level));
        node(v[i], level + 1, true, true);
      }
      return;
    }
    if (!isPlainObject(v)) throw new Unsupported();
    const entries = Object.keys(v);
    if (entries.length === 0) out.push('{}');
    for (let i = 0; i < entries.length; i++) {
      if (out.length > 4096) flush();
      const k = entries[i]!;
      const child = v[k];
      if (!(i === 0 && compact)) out.push(nextLine(level));
      out.push(key(k), isBlock(child) ? ':' : ': ');
      node(child, level + 1, false, false);
    }
  };

  try {
    node(value, 0, true, false);
    out.push('\n');
    flush();
    return chunks.join('');
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return undefined;
  }
}

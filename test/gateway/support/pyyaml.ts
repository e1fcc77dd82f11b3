// Reads a YAML file the way PyYAML (what the LiteLLM proxy runs, `yaml.safe_load`) does, on the
// points where it differs from a YAML 1.2 reader. No maintained npm parser follows PyYAML on line
// breaks: `yaml` with `version: '1.1'` has its merge keys and implicit types, but, like every
// 1.2-era reader, ends a comment only at LF/CR. So the two PyYAML reader rules are applied first:
//  1. the stream may hold only printable characters (yaml/reader.py `NON_PRINTABLE`), comments
//     included: one ESC anywhere makes the whole file unloadable;
//  2. NEL (U+0085), LS (U+2028) and PS (U+2029) are line breaks (yaml/scanner.py
//     `scan_line_break`), so they end a comment and a plain scalar.
// Then `yaml` in 1.1 mode: `<<` merge keys, yes/no/on/off booleans, sexagesimal and 0-prefixed
// octal ints, `~` null; its booleans are replaced by PyYAML's (which has no y/n). One known difference: a raw LS/PS inside a quoted scalar is folded to a space here,
// kept by PyYAML; it cannot hide a key either way, and js-yaml escapes both when it writes.
import { parseDocument, type Tags } from 'yaml';

/** PyYAML's `bool` resolver (yaml/resolver.py): no `y`/`n`, unlike the YAML 1.1 spec. */
const pyBool = {
  identify: (v: unknown): boolean => typeof v === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (s: string): boolean => /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(s),
};

const NON_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

export function parsePyYaml(text: string): unknown {
  const bad = NON_PRINTABLE.exec(text);
  if (bad) {
    const cp = bad[0].codePointAt(0)!.toString(16).padStart(4, '0');
    throw new Error(`special characters are not allowed: #x${cp} at offset ${bad.index}`);
  }
  const doc = parseDocument(text.replace(/[\u0085\u2028\u2029]/g, '\n'), {
    version: '1.1',
    merge: true,
    // PyYAML keeps the last of two equal keys; a duplicate is still worth failing a test on.
    uniqueKeys: true,
    customTags: (tags: Tags) => [pyBool, ...tags.filter((t) => typeof t === 'string' || t.tag !== pyBool.tag)],
  });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS({ maxAliasCount: 100 });
}

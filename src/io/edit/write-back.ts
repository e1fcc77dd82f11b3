// Saving one use case's answers into the file that holds it, atomically. The text is edited in
// place (src/io/edit/inventory-edit.ts); layouts that edit cannot handle (a use case in flow style,
// say) go through the yaml Document API instead, which keeps comments and key order but may
// re-space line comments. Either result is parsed back and must equal exactly the inventory
// with the changes made, and be valid, before anything is written.
import { readFile } from 'node:fs/promises';
import type { Document, Node, YAMLMap } from 'yaml';
import { applyChanges, KEY_ORDER, sameValue, type Change } from '../../core/interactive/answers.js';
import type { UseCase } from '../../core/policy/types.js';
import { editInPlace, editManyInPlace, LayoutNotHandled, newDocument } from './inventory-edit.js';
import type { LoadedInventory } from '../inputs/load-inventory.js';
import { parseYaml } from '../source/parse-yaml.js';
import { checkDocument } from '../schema/schemas.js';
import { writeOutputs } from '../output/write-output.js';
import { yamlLib } from '../source/yaml-lib.js';

/** The file that holds use case `index` of a loaded inventory (one file, or one of a folder's). */
export function sourceFileOf(loaded: LoadedInventory, index: number): string {
  return loaded.files.length === 1 ? loaded.files[0]! : loaded.locator.locate(['use_cases', index, 'id']).file;
}

/** Writes `changes` to the use case `id` in `file`; the file is replaced whole or not at all. */
export async function saveUseCase(file: string, id: string, changes: readonly Change[]): Promise<void> {
  const bytes = await readFile(file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8').slice(bom ? 1 : 0);
  const edited = editUseCase(text, file, id, changes);
  // The interactive session catches SIGINT during a save and stops once it is written.
  if (edited !== text)
    await writeOutputs([{ path: file, text: (bom ? '\uFEFF' : '') + edited }], { callerHandlesSignals: true });
}

/** The text of an inventory file (or a one-use-case file) with `changes` made to the use case `id`. */
export function editUseCase(text: string, file: string, id: string, changes: readonly Change[]): string {
  if (changes.length === 0) return text;
  const { value, doc } = parseYaml(text, file);
  const found = locateEntry(doc, value, id);
  if (!found)
    throw new Error(
      `${file} no longer holds a use case with id ${id}: was it renamed while tierplan ran? Run \`tierplan plan\` again.`,
    );
  const expected = found.replace(applyChanges(found.value, changes));
  const attempts: (() => string)[] = [
    () => editInPlace(text, found.node, changes),
    () => editWithDocument(doc, found.node, changes),
  ];
  return firstChecked(
    attempts,
    file,
    expected,
    (why) =>
      `cannot write the answers for ${id} into ${file} safely (${why}); nothing was written to it. Add them by hand: ${describe(changes)}`,
  );
}

/** The first attempt whose text parses back to exactly `expected` and is valid; else an Error saying why each failed. */
function firstChecked(
  attempts: readonly (() => string)[],
  file: string,
  expected: unknown,
  refusal: (why: string) => string,
): string {
  const failures: string[] = [];
  for (const attempt of attempts) {
    let result: string;
    try {
      result = attempt();
    } catch (e) {
      if (!(e instanceof LayoutNotHandled)) throw e;
      failures.push(e.message);
      continue;
    }
    const problem = check(result, file, expected);
    if (problem === undefined) return result;
    failures.push(problem);
  }
  throw new Error(refusal(failures.join('; ')));
}

/**
 * Writes the changes of many use cases, across the files that hold them, in one step: each file is
 * parsed once, all its edits applied in one pass against the original offsets and checked once —
 * linear in the inventory, where one `saveUseCase` per use case would re-read a file each time. No
 * file is written unless every file's edit checks out. Returns the files that changed.
 */
export async function saveUseCases(
  byFile: ReadonlyMap<string, ReadonlyMap<string, readonly Change[]>>,
  opts: { callerHandlesSignals?: boolean } = {},
): Promise<string[]> {
  const outputs: { path: string; text: string }[] = [];
  for (const [file, changes] of byFile) {
    const bytes = await readFile(file);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = bytes.toString('utf8').slice(bom ? 1 : 0);
    const edited = editUseCases(text, file, changes);
    if (edited !== text) outputs.push({ path: file, text: (bom ? '\uFEFF' : '') + edited });
  }
  // The terminal session passes callerHandlesSignals: it lets a save finish on Ctrl-C and stops after.
  if (outputs.length > 0) await writeOutputs(outputs, opts);
  return outputs.map((o) => o.path);
}

export function editUseCases(text: string, file: string, changes: ReadonlyMap<string, readonly Change[]>): string {
  const wanted = [...changes].filter(([, c]) => c.length > 0);
  if (wanted.length === 0) return text;
  if (wanted.length === 1) return editUseCase(text, file, wanted[0]![0], wanted[0]![1]);
  const { value, doc } = parseYaml(text, file);
  const { isMap, isSeq } = yamlLib();
  const list = isMap(doc.contents) ? doc.contents.get('use_cases', true) : undefined;
  if (!isSeq(list)) throw new Error(`${file} holds no use_cases list; nothing was written to it.`);
  const values = (value as { use_cases: UseCase[] }).use_cases;
  const index = new Map(values.map((u, i) => [u?.id, i]));
  const entries = wanted.map(([id, c]) => {
    const i = index.get(id);
    const node = i === undefined ? undefined : list.items[i];
    if (i === undefined || !isMap(node))
      throw new Error(
        `${file} no longer holds a use case with id ${id}: was it renamed while tierplan ran? Nothing was written to it.`,
      );
    return { i, node, changes: c };
  });
  const next = values.map((u) => u);
  for (const e of entries) next[e.i] = applyChanges(values[e.i]!, e.changes);
  const expected = { ...(value as object), use_cases: next };
  const attempts: (() => string)[] = [
    () =>
      editManyInPlace(
        text,
        entries.map((e) => ({ entry: e.node, changes: e.changes })),
      ),
    () => {
      let out = text;
      for (const e of entries) out = editWithDocument(doc, e.node, e.changes);
      return out;
    },
  ];
  return firstChecked(
    attempts,
    file,
    expected,
    (why) =>
      `cannot write the decisions for ${entries.length} use cases into ${file} safely (${why}); nothing was written to it.`,
  );
}

interface Entry {
  node: YAMLMap;
  value: UseCase;
  /** The whole document's value with this entry replaced. */
  replace: (uc: UseCase) => unknown;
}

function locateEntry(doc: Document.Parsed, value: unknown, id: string): Entry | undefined {
  const { isMap, isSeq } = yamlLib();
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const list = root.get('use_cases', true);
  if (!isSeq(list)) {
    const uc = value as UseCase;
    return uc.id === id ? { node: root, value: uc, replace: (next) => next } : undefined;
  }
  const values = (value as { use_cases: UseCase[] }).use_cases;
  const index = values.findIndex((u) => u?.id === id);
  const node = list.items[index];
  if (index < 0 || !isMap(node)) return undefined;
  return {
    node,
    value: values[index]!,
    replace: (next) => ({ ...(value as object), use_cases: values.map((u, i) => (i === index ? next : u)) }),
  };
}

function check(text: string, file: string, expected: unknown): string | undefined {
  let parsed: unknown;
  try {
    parsed = parseYaml(text, file).value;
  } catch {
    return 'the edited text did not parse';
  }
  if (!sameValue(parsed, expected)) return 'the edited text did not hold exactly the answers';
  const whole = typeof parsed === 'object' && parsed !== null && 'use_cases' in parsed;
  const problems = checkDocument(whole ? 'inventory' : 'useCase', parsed);
  return problems.length > 0 ? `the result would be invalid: ${problems[0]!.message}` : undefined;
}

/** The same changes through the Document API: new keys at their place in the usual order. */
function editWithDocument(doc: Document.Parsed, entry: YAMLMap, changes: readonly Change[]): string {
  const { isMap, isSeq } = yamlLib();
  const node = (v: unknown): Node => {
    const n = newDocument(v, true).contents as Node;
    if (isSeq(n)) n.flow = true;
    return n;
  };
  const put = (map: YAMLMap, group: string, key: string, v: Node): void => {
    if (map.has(key)) return void map.set(key, v);
    const order = KEY_ORDER[group] ?? [];
    const rank = (k: unknown): number => (order.includes(String(k)) ? order.indexOf(String(k)) : order.length);
    const at = map.items.findIndex((p) => rank((p.key as { value?: unknown } | null)?.value) > rank(key));
    map.items.splice(at < 0 ? map.items.length : at, 0, doc.createPair(key, v));
  };
  for (const { path, value } of changes) {
    const [group, key] = path;
    if (key === undefined) {
      if (value === undefined) entry.delete(group);
      else put(entry, '', group, node(value));
      continue;
    }
    const current: unknown = entry.get(group, true);
    let map: YAMLMap;
    if (isMap(current)) map = current;
    else {
      map = node((current as Node | undefined)?.toJSON?.() ?? {}) as YAMLMap;
      put(entry, '', group, map);
    }
    map.flow = false;
    if (value === undefined) map.delete(key);
    else put(map, group, key, node(value));
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function describe(changes: readonly Change[]): string {
  return changes
    .map((c) =>
      c.value === undefined ? `remove ${c.path.join('.')}` : `${c.path.join('.')}: ${JSON.stringify(c.value)}`,
    )
    .join(', ');
}

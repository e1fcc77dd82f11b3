// An inventory file as text and as YAML nodes: each use case's entry with its source range,
// so a change can be made to the text in place (see yaml-text-edit.ts).
import type { YAMLMap } from 'yaml';
import { parseYaml } from '../source/parse-yaml.js';
import { readText } from '../source/read-text.js';
import type { Edit } from './yaml-text-edit.js';
import { yamlLib } from '../source/yaml-lib.js';

export interface Entry {
  id: string;
  node: YAMLMap;
  /** The entry as plain data, as the inventory loader reads it. */
  value: unknown;
  /** Where the entry sits in its document: ['use_cases', n], or [] for a one-use-case file. */
  prefix: (string | number)[];
}

export interface Source {
  file: string;
  text: string;
  /** A whole inventory (`version:`, `use_cases:`) rather than one use case. */
  whole: boolean;
  entries: Entry[];
  edits: (Edit & { proposal: number })[];
}

export async function readSource(file: string): Promise<Source> {
  const { isMap, isScalar, isSeq } = yamlLib();
  const text = await readText(file);
  const { value, doc } = parseYaml(text, file);
  const root = doc.contents;
  const entries: Entry[] = [];
  const entryOf = (node: unknown, value: unknown, prefix: (string | number)[]): void => {
    if (!isMap(node)) return;
    const id = node.items.find((p) => isScalar(p.key) && p.key.value === 'id')?.value;
    if (isScalar(id) && typeof id.value === 'string') entries.push({ id: id.value, node, value, prefix });
  };
  const whole =
    isMap(root) &&
    root.items.some((p) => isScalar(p.key) && (p.key.value === 'use_cases' || p.key.value === 'version'));
  if (whole) {
    const list = root.get('use_cases', true);
    const values = (value as { use_cases?: unknown[] }).use_cases ?? [];
    if (isSeq(list)) for (const [i, item] of list.items.entries()) entryOf(item, values[i], ['use_cases', i]);
  } else {
    entryOf(root, value, []);
  }
  return { file, text, whole, entries, edits: [] };
}

export function valueAt(value: unknown, path: string[]): unknown {
  let v = value;
  for (const step of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, step)) return null;
    v = (v as Record<string, unknown>)[step];
  }
  return v ?? null;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  return (
    kx.length === ky.length &&
    kx.every(
      (k) => Object.hasOwn(y, k) && deepEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]),
    )
  );
}

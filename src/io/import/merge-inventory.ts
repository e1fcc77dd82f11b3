// `tierplan import --merge`: new use cases appended to an existing inventory file, its text
// (comments, formatting, use cases) kept as it was. The items come serialised by the render
// layer (render/import/import-inventory.ts) and are added after the last use case; when the
// file's layout does not allow that (an empty or flow-style list), the yaml Document API adds
// them instead. Either way the result is parsed back and must hold exactly the old use cases
// followed by the new ones.
import { readFile, stat } from 'node:fs/promises';
import type { Change } from '../../core/interactive/answers.js';
import type { Inventory, UseCase } from '../../core/policy/types.js';
import { editUseCases } from '../edit/write-back.js';
import { UsageError } from '../source/errors.js';
import { loadInventory } from '../inputs/load-inventory.js';
import { parseYaml } from '../source/parse-yaml.js';
import { yamlLib } from '../source/yaml-lib.js';

export interface MergeTarget {
  file: string;
  text: string;
  bom: boolean;
  inventory: Inventory;
}

/** The inventory to merge into; undefined when the file does not exist yet. Invalid → InputError. */
export async function readMergeTarget(file: string): Promise<MergeTarget | undefined> {
  const stats = await stat(file).catch(() => undefined);
  if (!stats) return undefined;
  if (stats.isDirectory())
    throw new UsageError(
      `--merge into a folder inventory is not supported: --output-file ${file} is a folder; merge into one file, or import to a new file and move the use cases`,
    );
  const { inventory } = await loadInventory(file);
  const bytes = await readFile(file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { file, text: bytes.toString('utf8').slice(bom ? 1 : 0), bom, inventory };
}

/**
 * The target's text with `updates` made in place (as `plan`'s answers are written back) and `added`
 * appended to its use cases; `items` is `added` as a top-level YAML list (`- id: …`), as
 * `renderUseCaseItems` writes it.
 */
export function mergeInto(
  target: MergeTarget,
  updates: ReadonlyMap<string, readonly Change[]>,
  added: UseCase[],
  items: string,
): string {
  if (updates.size > 0) {
    // editUseCases checks its result; the edited text, read back, is what the append must keep.
    const text = editUseCases(target.text, target.file, updates);
    const inventory = parseYaml(text, target.file).value as Inventory;
    return mergeInto({ ...target, text, inventory }, new Map(), added, items);
  }
  if (added.length === 0) return (target.bom ? '\uFEFF' : '') + target.text;
  const expected = JSON.stringify({ ...target.inventory, use_cases: [...target.inventory.use_cases, ...added] });
  for (const attempt of [appendText, appendWithDocument]) {
    const text = attempt(target, items);
    if (text !== undefined && JSON.stringify(parseYaml(text, target.file).value) === expected)
      return (target.bom ? '\uFEFF' : '') + text;
  }
  throw new Error(`could not add the use cases to ${target.file} without changing what it holds; nothing was written`);
}

function appendText(target: MergeTarget, items: string): string | undefined {
  const { isSeq } = yamlLib();
  const { doc } = parseYaml(target.text, target.file);
  const seq = doc.get('use_cases', true);
  if (!isSeq(seq) || seq.flow || seq.items.length === 0 || !seq.range) return undefined;
  const text = target.text;
  const first = (seq.items[0] as { range?: [number, number, number] }).range?.[0];
  if (first === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', first - 1) + 1;
  const dash = /^( *)- /.exec(text.slice(lineStart, first + 1));
  if (!dash) return undefined;
  const indent = dash[1]!;
  const indented = items
    .split('\n')
    .map((l) => (l === '' ? l : indent + l))
    .join('\n');
  const newline = text.indexOf('\n', Math.max(0, seq.range[1] - 1));
  if (newline < 0) return `${text}\n${indented}`;
  return text.slice(0, newline + 1) + indented + text.slice(newline + 1);
}

function appendWithDocument(target: MergeTarget, items: string): string | undefined {
  const { isSeq } = yamlLib();
  const { doc } = parseYaml(target.text, target.file);
  const seq = doc.get('use_cases', true);
  if (!isSeq(seq)) return undefined;
  seq.flow = false;
  const parsed = yamlLib().parseDocument(items).contents;
  if (!isSeq(parsed)) return undefined;
  for (const item of parsed.items) seq.items.push(item);
  return doc.toString({ lineWidth: 0 });
}

// Adopted names written into the inventory: new use case stubs appended, aliases added to the
// use cases they belong to. One file or a folder (a new stub is a new file there); comments
// and layout of everything else are kept.
import { join } from 'node:path';
import type { YAMLMap } from 'yaml';
import type { AdoptChanges } from '../../core/adopt/changes.js';
import type { UseCase } from '../../core/policy/types.js';
import { parseYaml } from '../source/parse-yaml.js';
import { yamlLib } from '../source/yaml-lib.js';
import { plainNode, seqAt } from './yaml-doc-edit.js';

/** The inventory as adopt found it: a file (null text: not there yet) or a folder of files. */
export interface InventoryTexts {
  folder: string | null;
  /** File → its text; for a folder, the files that hold a use case `adopt` changes. */
  texts: Map<string, string | null>;
  /** Use case id → the file that holds it. */
  fileOf: Map<string, string>;
}

const NEW_INVENTORY = 'version: 1\nuse_cases: []\n';

export function editInventoryTexts(inv: InventoryTexts, changes: AdoptChanges): Map<string, string> {
  const out = new Map<string, string>();
  const { isMap } = yamlLib();
  const docs = new Map<string, ReturnType<typeof parseYaml>['doc']>();
  const docOf = (file: string) => {
    let doc = docs.get(file);
    if (doc === undefined) {
      doc = parseYaml(inv.texts.get(file) ?? NEW_INVENTORY, file).doc;
      docs.set(file, doc);
    }
    return doc;
  };
  // Use case id → its mapping, per file, built once: adding many aliases stays linear.
  const indexes = new Map<string, Map<string, YAMLMap>>();
  const useCaseMap = (file: string, id: string): YAMLMap | undefined => {
    let index = indexes.get(file);
    if (index === undefined) {
      index = new Map();
      const doc = docOf(file);
      if (isMap(doc.contents)) {
        const root = doc.contents as YAMLMap;
        // A folder file may hold one use case at its root.
        if (typeof root.get('id') === 'string') index.set(root.get('id') as string, root);
        else
          for (const item of seqAt(doc, root, 'use_cases').items)
            if (isMap(item)) index.set(String(item.get('id')), item);
      }
      indexes.set(file, index);
    }
    return index.get(id);
  };
  for (const a of changes.aliases) {
    const file = inv.fileOf.get(a.use_case);
    const map = file === undefined ? undefined : useCaseMap(file, a.use_case);
    if (file === undefined || map === undefined)
      throw new Error(`use case ${a.use_case} was not found in the inventory`);
    const aliases = seqAt(docOf(file), map, 'aliases');
    aliases.flow = true;
    for (const name of a.add) aliases.add(docOf(file).createNode(name));
  }
  // Only files with a change are parsed and written again: an adopt with nothing new writes nothing.
  if (inv.folder === null && changes.useCases.length > 0) {
    const file = [...inv.texts.keys()][0]!;
    const doc = docOf(file);
    if (!isMap(doc.contents)) throw new Error(`${file}: the inventory is not a mapping; adopt cannot add to it`);
    const list = seqAt(doc, doc.contents as YAMLMap, 'use_cases');
    list.flow = false;
    for (const u of changes.useCases) list.add(stubNode(doc, u));
  } else if (inv.folder !== null) {
    for (const u of changes.useCases) {
      const file = join(inv.folder, `${u.id}.yaml`);
      if (inv.texts.get(file) != null) throw new Error(`${file} exists already: adopt does not overwrite it`);
      out.set(file, stubFile(u));
    }
  }
  for (const [file, doc] of docs) out.set(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return out;
}

function stubNode(doc: ReturnType<typeof parseYaml>['doc'], u: UseCase) {
  return plainNode(doc, u, ' adopted from the gateway: classify its data and needs');
}

function stubFile(u: UseCase): string {
  const { doc } = parseYaml('{}', `${u.id}.yaml`);
  doc.contents = stubNode(doc, u) as typeof doc.contents;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import type { Inventory, UseCase } from '../../core/policy/types.js';
import { InputError, sortDiagnostics } from '../source/errors.js';
import { toDiagnostics, type Locator, type Position, type SourceLocator } from '../source/locate.js';
import { readYaml } from '../source/read-yaml.js';
import { readText } from '../source/read-text.js';
import { checkDocument } from '../schema/schemas.js';

export interface LoadedInventory {
  inventory: Inventory;
  /** The files read, in the order their use cases were combined. */
  files: string[];
  locator: Locator;
}

const EXPECTED = 'an inventory with `version: 1` and `use_cases:`';
const EXPECTED_IN_FOLDER = 'one use case (`id:`, `name:` …) or an inventory with `version: 1` and `use_cases:`';

/** Where each use case of the combined inventory came from. */
interface Source {
  locator: SourceLocator;
  /** Path of the use case inside its own document. */
  prefix: (string | number)[];
}

/**
 * Reads an inventory file, or a folder of them. Problems are collected from every file before
 * anything is returned: nothing is ever planned from part of an inventory.
 */
export async function loadInventory(path: string): Promise<LoadedInventory> {
  const isFolder = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isFolder ? loadFolder(path) : loadFile(path);
}

async function loadFile(path: string): Promise<LoadedInventory> {
  const text = await readText(path, { expected: EXPECTED });
  const { value, locator } = readYaml(text, path, EXPECTED);
  const diagnostics = toDiagnostics(checkDocument('inventory', value), locator);
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(diagnostics);
  return { inventory: value as Inventory, files: [path], locator };
}

async function loadFolder(dir: string): Promise<LoadedInventory> {
  const files = await listYamlFiles(dir);
  if (files.length === 0) {
    throw new InputError([
      {
        code: 'no-input-files',
        severity: 'error',
        file: dir,
        line: 1,
        column: 1,
        message: `no .yaml or .yml files in the folder ${dir}`,
        hint: 'put one use case per file in the folder, or pass an inventory file',
      },
    ]);
  }
  const diagnostics: PlacedDiagnostic[] = [];
  const useCases: UseCase[] = [];
  const sources: Source[] = [];
  let first: { locator: SourceLocator; whole: boolean } | undefined;
  for (const file of files) {
    try {
      const { value, locator } = readYaml(
        await readText(file, { expected: EXPECTED_IN_FOLDER }),
        file,
        EXPECTED_IN_FOLDER,
      );
      const whole = isInventoryDocument(value);
      first ??= { locator, whole };
      const found = toDiagnostics(checkDocument(whole ? 'inventory' : 'useCase', value), locator);
      diagnostics.push(...found);
      if (found.some((d) => d.severity === 'error')) continue;
      const list = whole ? (value as Inventory).use_cases : [value as UseCase];
      list.forEach((useCase, i) => {
        useCases.push(useCase);
        sources.push({ locator, prefix: whole ? ['use_cases', i] : [] });
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diagnostics.push(...e.diagnostics);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) throw new InputError(sortDiagnostics(diagnostics));
  return { inventory: { version: 1, use_cases: useCases }, files, locator: folderLocator(dir, sources, first) };
}

/** A file in a folder is a whole inventory when it says so with `version:` or `use_cases:`. */
function isInventoryDocument(value: unknown): boolean {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && ('use_cases' in value || 'version' in value)
  );
}

/**
 * `['use_cases', n, ...rest]` goes to the file that holds use case n; anything else (the
 * inventory as a whole) goes to the first file.
 */
function folderLocator(
  dir: string,
  sources: Source[],
  first: { locator: SourceLocator; whole: boolean } | undefined,
): SourceLocator {
  const route = (path: (string | number)[], key: boolean): Position => {
    const [head, index, ...rest] = path;
    const source = head === 'use_cases' && typeof index === 'number' ? sources[index] : undefined;
    if (source)
      return key
        ? source.locator.locateKey([...source.prefix, ...rest])
        : source.locator.locate([...source.prefix, ...rest]);
    if (!first) return { file: dir, line: 1, column: 1 };
    return first.locator.locate(first.whole ? path : []);
  };
  return { locate: (path) => route(path, false), locateKey: (path) => route(path, true) };
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * YAML files under `dir`, sorted by name at each level so the combined order never depends on
 * the file system. Hidden entries (.git, editor backups) are skipped; symlinked folders are
 * not followed, so a link loop cannot make the walk endless.
 */
async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listYamlFiles(full)));
    else if (
      YAML_FILE.test(entry.name) &&
      (entry.isFile() ||
        (entry.isSymbolicLink() &&
          (await stat(full).then(
            (s) => s.isFile(),
            () => false,
          ))))
    )
      files.push(full);
  }
  return files;
}

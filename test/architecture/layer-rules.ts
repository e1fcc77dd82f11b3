// The dependency rules of src/ (DESIGN.md "Architecture"): cli → pipeline → (io, render) → core,
// core pure, no command importing another. Paths are repo-relative with `/`, so the rules can be
// tried on synthetic files without touching the disk.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { findImports, type ImportRef } from './imports.js';

/** What each layer may import, itself included. */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: ['core'],
  io: ['io', 'core'],
  render: ['render', 'core'],
  pipeline: ['pipeline', 'io', 'render', 'core'],
  cli: ['cli', 'pipeline', 'io', 'render', 'core'],
};

/** Packages that would make core touch the terminal, the disk or a template engine. */
const IMPURE = ['chalk', 'cli-table3', '@inquirer', 'handlebars', 'exceljs'];
const COMMANDS = 'src/cli/commands/';

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

function layerOf(file: string): string | undefined {
  const [root, layer, ...rest] = file.split('/');
  return root === 'src' && layer !== undefined && rest.length > 0 && layer in LAYERS ? layer : undefined;
}

export function checkImports(file: string, imports: readonly ImportRef[]): Violation[] {
  const layer = layerOf(file);
  if (layer === undefined) {
    return [
      {
        file,
        line: 1,
        specifier: '',
        rule: `every file under src/ belongs to a layer folder (${Object.keys(LAYERS).join(', ')}); a new layer needs its rules in test/architecture/layer-rules.ts`,
      },
    ];
  }
  const found: Violation[] = [];
  for (const imp of imports) {
    const rule =
      imp.specifier === null
        ? 'an import names its module literally, so these rules can check it'
        : ruleBroken(file, layer, imp.specifier);
    if (rule !== undefined) found.push({ file, line: imp.line, specifier: imp.specifier ?? '(computed)', rule });
  }
  return found;
}

function ruleBroken(file: string, layer: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return layer === 'core' ? corePackageRule(specifier) : undefined;
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (!target.startsWith('src/'))
    return 'imports stay inside src/ (what the build does not compile is not there at run time)';
  const targetLayer = layerOf(target);
  const allowed = LAYERS[layer]!;
  if (targetLayer === undefined || !allowed.includes(targetLayer)) return `${layer} imports only ${allowed.join(', ')}`;
  if (file.startsWith(COMMANDS) && target.startsWith(COMMANDS) && target.replace(/\.js$/, '.ts') !== file) {
    return 'a command never imports another command: what two commands share belongs in src/pipeline/ or beside them in src/cli/';
  }
  return undefined;
}

function corePackageRule(specifier: string): string {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  if (name.startsWith('node:') || builtinModules.includes(name))
    return 'core is pure: no node: module (no file system, process or clock)';
  const impure = IMPURE.find((p) => name === p || name.startsWith(`${p}/`));
  if (impure) return `core is pure: no ${impure} (terminal, templates and spreadsheets belong to render and io)`;
  return 'core imports only core: no package';
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`;
}

/** Every folder under `dir` (itself included), repo-relative. */
function foldersUnder(root: string, dir = 'src'): string[] {
  const subs = readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}`);
  return [dir, ...subs.flatMap((s) => foldersUnder(root, s))].sort();
}

export function sourceFiles(root: string): string[] {
  return foldersUnder(root).flatMap((d) =>
    readdirSync(join(root, d), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => `${d}/${e.name}`),
  );
}

export function checkTree(root: string): Violation[] {
  return sourceFiles(root).flatMap((f) => checkImports(f, findImports(f, readFileSync(join(root, f), 'utf8'))));
}

export function foldersWithoutReadme(root: string): string[] {
  return foldersUnder(root).filter((d) => !existsSync(join(root, d, 'README.md')));
}

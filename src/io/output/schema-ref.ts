// What the `# yaml-language-server: $schema=` line of a file tierplan writes points at. The
// editor (yaml-language-server) resolves a relative path from the file's folder, takes an
// absolute path or a file: or http(s) URL as it is, and ends the reference at the first space.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The root folder of the tierplan package that is running (src/io/output or dist/io/output → ../../..). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The schemas/ folder of the tierplan package that is running. */
export const PACKAGE_SCHEMAS = join(PACKAGE_ROOT, 'schemas/');

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

const isUrl = (base: string): boolean => URL_LIKE.test(base);

/**
 * The reference from a file written into `dir` to the schema `name` under `base`:
 * - a URL base is used as given;
 * - a folder the user chose is referenced relative to `dir`, as they asked;
 * - the running package's own schemas (the default) are referenced relative to `dir` when the
 *   package belongs to the project `dir` is in — installed in a `node_modules` of `dir` or of a
 *   folder above it, or `dir` inside the package (a folder of a tierplan clone) — so the
 *   reference survives moving or cloning the project; a package elsewhere (a global install, a
 *   clone used from outside) is on this machine only, and is named by an absolute file: URL.
 * A relative path that would hold a space (which ends the editor's reference) becomes a file: URL too.
 */
export function schemaRef(
  dir: string,
  name: string,
  base: string = PACKAGE_SCHEMAS,
  packageRoot: string = PACKAGE_ROOT,
): string {
  if (isUrl(base)) return `${base.replace(/\/+$/, '')}/${name}`;
  const target = resolve(base, name);
  const own = resolve(base) === resolve(packageRoot, 'schemas');
  if (own && !inProject(resolve(dir), resolve(packageRoot))) return pathToFileURL(target).href;
  const rel = relative(resolve(dir), target);
  // Another drive (Windows) has no relative path: a file URL still works for the editor.
  if (isAbsolute(rel) || /\s/.test(rel)) return pathToFileURL(target).href;
  return rel.split(sep).join('/');
}

/** Whether an absolute reference names this machine's package, not one the project carries. */
export function machineSpecific(ref: string): boolean {
  return ref.startsWith('file:');
}

/** The package is installed in node_modules of `dir` or a folder above it, or holds `dir`. */
function inProject(dir: string, packageRoot: string): boolean {
  const within = (inner: string, outer: string): boolean => {
    const rel = relative(outer, inner);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (within(dir, packageRoot)) return true;
  const modules = dirname(packageRoot);
  return modules.endsWith(`${sep}node_modules`) && within(dir, dirname(modules));
}

/** Whether an editor following references to `base` on this machine would find the schemas `names`. */
export function schemasFound(base: string, names: readonly string[]): boolean {
  return isUrl(base) || names.every((n) => existsSync(resolve(base, n)));
}

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportRef } from './imports.js';
import { checkImports, checkTree, foldersWithoutReadme, formatViolation } from './layer-rules.js';

const imp = (specifier: string, line = 3): ImportRef => ({ specifier, line, kind: 'import' });
const broken = (file: string, ...specifiers: string[]) =>
  checkImports(
    file,
    specifiers.map((s) => imp(s)),
  ).map(formatViolation);

describe('the layer rules', () => {
  it('each layer may import itself and the layers below it', () => {
    expect(broken('src/core/plan/plan.ts', './assign.js', '../policy/types.js')).toEqual([]);
    expect(broken('src/io/inputs/load-plan.ts', '../source/errors.js', '../../core/plan/plan-types.js')).toEqual([]);
    expect(broken('src/render/matrix/html.ts', '../text/format.js', '../../core/plan/plan-types.js')).toEqual([]);
    expect(
      broken(
        'src/pipeline/run.ts',
        '../io/output/write-output.js',
        '../render/matrix/registry.js',
        '../core/plan/plan.js',
        './inputs.js',
      ),
    ).toEqual([]);
    expect(
      broken(
        'src/cli/commands/plan.ts',
        '../../pipeline/run.js',
        '../../io/source/errors.js',
        '../../render/matrix/registry.js',
        '../context.js',
      ),
    ).toEqual([]);
  });

  it('an import upwards or sideways names the file, the line, the import and the rule', () => {
    expect(broken('src/render/import/x.ts', '../../io/source/yaml-lib.js')).toEqual([
      "src/render/import/x.ts:3 imports '../../io/source/yaml-lib.js': render imports only render, core",
    ]);
    expect(broken('src/io/import/x.ts', '../../render/import/y.js')).toEqual([
      "src/io/import/x.ts:3 imports '../../render/import/y.js': io imports only io, core",
    ]);
    expect(broken('src/core/plan/x.ts', '../../io/source/errors.js')).toEqual([
      "src/core/plan/x.ts:3 imports '../../io/source/errors.js': core imports only core",
    ]);
    expect(broken('src/core/plan/x.ts', '../../pipeline/run.js')).toHaveLength(1);
    expect(broken('src/io/x/y.ts', '../../pipeline/run.js')).toHaveLength(1);
    expect(broken('src/render/x/y.ts', '../../cli/context.js')).toHaveLength(1);
    expect(broken('src/pipeline/run.ts', '../cli/context.js')).toEqual([
      "src/pipeline/run.ts:3 imports '../cli/context.js': pipeline imports only pipeline, io, render, core",
    ]);
  });

  it('a command never imports another command, whatever the form of the import', () => {
    const refs: ImportRef[] = [
      { specifier: './gateway.js', line: 30, kind: 'dynamic' },
      { specifier: '../commands/verify.js', line: 2, kind: 'export' },
      { specifier: '../context.js', line: 4, kind: 'import' },
    ];
    expect(checkImports('src/cli/commands/plan.ts', refs).map((v) => `${v.line} ${v.specifier}`)).toEqual([
      '30 ./gateway.js',
      '2 ../commands/verify.js',
    ]);
    // The program loads every command; that is not a command importing a command.
    expect(broken('src/cli/program.ts', './commands/plan.js')).toEqual([]);
  });

  it('core is pure: no node: module, no terminal, template or spreadsheet package, no package at all', () => {
    const rules = checkImports(
      'src/core/x/y.ts',
      ['node:fs', 'fs', 'path/posix', 'chalk', 'cli-table3', '@inquirer/prompts', 'handlebars', 'exceljs', 'yaml'].map(
        (s) => imp(s),
      ),
    ).map((v) => `${v.specifier} → ${v.rule}`);
    expect(rules).toHaveLength(9);
    expect(rules[0]).toBe('node:fs → core is pure: no node: module (no file system, process or clock)');
    expect(rules[1]).toContain('no node: module');
    expect(rules[2]).toContain('no node: module');
    expect(rules[5]).toBe(
      '@inquirer/prompts → core is pure: no @inquirer (terminal, templates and spreadsheets belong to render and io)',
    );
    expect(rules[8]).toBe('yaml → core imports only core: no package');
    // Outside core, packages are each layer's own business.
    expect(broken('src/render/matrix/table.ts', 'cli-table3', 'node:fs')).toEqual([]);
  });

  it('imports leaving src/, computed specifiers and files outside a layer are refused', () => {
    expect(broken('src/io/x/y.ts', '../../../package.json')[0]).toContain('imports stay inside src/');
    expect(checkImports('src/io/x/y.ts', [{ specifier: null, line: 7, kind: 'dynamic' }]).map(formatViolation)).toEqual(
      ["src/io/x/y.ts:7 imports '(computed)': an import names its module literally, so these rules can check it"],
    );
    expect(broken('src/tools/x.ts')[0]).toContain('belongs to a layer folder');
    expect(broken('src/main.ts')[0]).toContain('belongs to a layer folder');
  });
});

describe('the checker on a tree on disk', () => {
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'tierplan-layers-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds a violation added to an otherwise clean tree, and every folder lacking a README.md', () => {
    const clean = {
      'src/README.md': 'x',
      'src/core/README.md': 'x',
      'src/io/README.md': 'x',
      'src/core/a.ts': 'export const a = 1;\n',
      'src/io/b.ts': "import { a } from '../core/a.js';\nexport const b = a;\n",
    };
    expect(checkTree(tree(clean))).toEqual([]);
    expect(foldersWithoutReadme(tree(clean))).toEqual([]);
    const dirty = tree({
      ...clean,
      'src/core/a.ts': "import type { B } from '../io/b.js';\nexport const a = 1;\n",
      'src/io/new/c.ts': 'export {};\n',
    });
    expect(checkTree(dirty).map(formatViolation)).toEqual([
      "src/core/a.ts:1 imports '../io/b.js': core imports only core",
    ]);
    expect(foldersWithoutReadme(dirty)).toEqual(['src/io/new']);
  });
});

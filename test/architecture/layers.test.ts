// The layering of src/ as a test (dependency-cruiser would need Node 22): a violation fails
// with the file, the import and the rule it breaks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findImports } from './imports.js';
import { checkTree, foldersWithoutReadme, formatViolation, sourceFiles } from './layer-rules.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the layers of src/', () => {
  it('every import keeps the rules: cli → pipeline → (io, render) → core, core pure, no command importing another', () => {
    expect(checkTree(root).map(formatViolation)).toEqual([]);
  });

  it('the checker reads the real tree: the lazy command imports of program.ts are among what it sees', () => {
    // Guards against a checker that passes because it parsed nothing.
    expect(sourceFiles(root).length).toBeGreaterThan(100);
    const program = findImports('src/cli/program.ts', readFileSync(`${root}src/cli/program.ts`, 'utf8'));
    expect(program.filter((i) => i.kind === 'dynamic').map((i) => i.specifier)).toContain('./commands/plan.js');
  });

  it('every folder under src/ opens with a README.md saying what it owns and what it may import', () => {
    expect(foldersWithoutReadme(root)).toEqual([]);
  });
});

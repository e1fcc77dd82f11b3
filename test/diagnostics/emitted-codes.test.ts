// A backstop to the types: every code literal written where a problem or finding is created in
// src is in the catalog, so none can reach a user undocumented (e.g. through a cast).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/core/diagnostics/catalog.js';

const isDiagnosticCode = (code: string): boolean => Object.hasOwn(CATALOG, code);

const root = new URL('../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// `code: 'x'`, a ternary's branches feeding it, and the helpers that take the code first or second.
const PATTERNS = [
  /\bcode: '([a-z0-9-]+)'/g,
  /\bcode: [^,\n]*\? '([a-z0-9-]+)' : '([a-z0-9-]+)'/g,
  /\b(?:err|error|problem|fail|diag|finding)\((?:[\w.]+, )?(?:'[^']*', )?'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'/g,
];

function literals(text: string): string[] {
  return PATTERNS.flatMap((re) =>
    [...text.matchAll(re)].flatMap((m) => m.slice(1).filter((x): x is string => x !== undefined)),
  );
}

describe('codes emitted in src', () => {
  const found = new Map<string, string>();
  for (const file of sources(root))
    for (const code of literals(readFileSync(file, 'utf8'))) found.set(code, file.slice(root.length));
  // Review findings are created with `kind:`; only these files use the key for a code.
  for (const file of ['core/review/usage-findings.ts', 'core/review/inventory-findings.ts'])
    for (const [, kind] of readFileSync(join(root, file), 'utf8').matchAll(/\bkind: '([a-z-]+)'/g))
      found.set(kind!, file);

  it('finds the codes it looks for (the scan itself works)', () => {
    for (const known of [
      'yaml-syntax',
      'duplicate-id',
      'breach',
      'idle-production',
      'alias-missing',
      'zero-weight',
      'not-a-file',
      'two-costs',
    ])
      expect([...found.keys()]).toContain(known);
  });

  it('are all in the catalog', () => {
    expect([...found].filter(([code]) => !isDiagnosticCode(code)).map(([code, file]) => `${code} (${file})`)).toEqual(
      [],
    );
  });
});

import { describe, expect, it } from 'vitest';
import { findImports } from './imports.js';

const specs = (text: string) => findImports('x.ts', text).map((i) => `${i.line} ${i.kind} ${i.specifier}`);

describe('findImports', () => {
  it('reads static imports of every shape, spread over lines or not', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "import './side-effect.js';",
      'import {',
      '  c,',
      '  d,',
      "} from '../c.js';",
      "import * as e from 'node:fs';",
    ].join('\n');
    expect(specs(text)).toEqual([
      '1 import ./a.js',
      '2 import ./b.js',
      '3 import ./side-effect.js',
      '4 import ../c.js',
      '8 import node:fs',
    ]);
  });

  it('reads export … from, but not a plain export', () => {
    expect(
      specs(
        "export { a } from './a.js';\nexport * from './b.js';\nexport type { C } from './c.js';\nexport const d = 1;",
      ),
    ).toEqual(['1 export ./a.js', '2 export ./b.js', '3 export ./c.js']);
  });

  it('reads dynamic imports, type imports and the require a lazy load uses', () => {
    const text = [
      "const m = await import('./lazy.js');",
      "type Y = typeof import('yaml');",
      "const T = createRequire(import.meta.url)('cli-table3');",
      "const req = createRequire(import.meta.url); req; require('./validators.cjs');",
    ].join('\n');
    expect(specs(text)).toEqual([
      '1 dynamic ./lazy.js',
      '2 type yaml',
      '3 require cli-table3',
      '4 require ./validators.cjs',
    ]);
  });

  it('a computed specifier is reported as such, not skipped', () => {
    expect(findImports('x.ts', 'const name = "./a.js"; await import(name);')).toEqual([
      { specifier: null, line: 1, kind: 'dynamic' },
    ]);
  });

  it('comments and strings that mention imports are not imports', () => {
    const text = [
      "// import { a } from '../io/a.js';",
      "/* await import('../render/b.js') */",
      'const s = "import x from \'../cli/c.js\'";',
      "const t = `export * from '../io/d.js'`;",
    ].join('\n');
    expect(specs(text)).toEqual([]);
  });
});

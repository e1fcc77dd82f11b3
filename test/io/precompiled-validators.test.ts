// The build precompiles the schemas (dist/io/schema/validators.cjs); the CLI uses that code and the
// tests from src/ compile at run time. Both must judge every input the same way.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileNow, type SchemaName } from '../../src/io/schema/schemas.js';

const require = createRequire(import.meta.url);
const fixtures = new URL('./fixtures/', import.meta.url).pathname;

function docs(): [string, SchemaName, unknown][] {
  const out: [string, SchemaName, unknown][] = [];
  const add = (file: string, name: SchemaName): void => {
    try {
      out.push([file, name, jsyaml.load(readFileSync(file, 'utf8'), { schema: jsyaml.CORE_SCHEMA })]);
    } catch {
      // Not YAML at all (binary, bombs): the parser rejects those before any schema runs.
    }
  };
  for (const dir of readdirSync(fixtures)) {
    for (const f of readdirSync(join(fixtures, dir), { withFileTypes: true })) {
      if (f.isFile() && f.name.endsWith('.yaml'))
        add(
          join(fixtures, dir, f.name),
          f.name.includes('policy') ? 'policy' : dir.includes('folder') ? 'useCase' : 'inventory',
        );
    }
  }
  add('examples/inventory.yaml', 'inventory');
  add('examples/tierplan.policy.yaml', 'policy');
  return out;
}

describe('precompiled validators', () => {
  it('exist after the build (npm test builds first)', () => {
    expect(() => require('../../dist/io/schema/validators.cjs')).not.toThrow();
  });

  it('give the same verdict and errors as validators compiled at run time', () => {
    const pre = require('../../dist/io/schema/validators.cjs') as ReturnType<typeof compileNow>;
    const now = compileNow();
    const cases = docs();
    expect(cases.length).toBeGreaterThan(10);
    for (const [file, name, value] of cases) {
      const a = pre[name](value);
      const b = now[name](value);
      expect(a, file).toBe(b);
      expect(pre[name].errors ?? null, file).toEqual(now[name].errors ?? null);
    }
  });
});

describe('precompiled LiteLLM config validator', () => {
  it('gives the same verdict and errors as the schema compiled at run time', async () => {
    const pre = (require('../../dist/io/configs/litellm-validator.cjs') as { litellmConfig: ValidateFunction })
      .litellmConfig;
    const Ajv = (await import('ajv')).default;
    const now = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false }).compile(
      JSON.parse(readFileSync('schemas/litellm-config.schema.json', 'utf8')) as object,
    );
    const dir = 'test/gateway/fixtures-lint/litellm';
    const files = [...readdirSync(dir).map((f) => join(dir, f)), 'test/gateway/golden/litellm/config.yaml'];
    let invalid = 0;
    for (const file of files.filter((f) => f.endsWith('.yaml'))) {
      let value: unknown;
      try {
        value = jsyaml.load(readFileSync(file, 'utf8'), { schema: jsyaml.CORE_SCHEMA });
      } catch {
        continue;
      }
      const a = pre(value);
      expect(a, file).toBe(now(value));
      expect(pre.errors ?? null, file).toEqual(now.errors ?? null);
      if (!a) invalid++;
    }
    // The fixtures include configs the schema refuses, or the comparison of errors proves little.
    expect(invalid).toBeGreaterThan(2);
  });
});

describe('the built CLI loads the validators the build compiled', () => {
  it('verify and import use litellm-validator.cjs and mapping-validator.cjs from dist, compiling nothing', async () => {
    const dist = (path: string): string => new URL(`../../dist/${path}`, import.meta.url).href;
    const schemas = (await import(
      dist('io/configs/gateway-schemas.js')
    )) as typeof import('../../src/io/configs/gateway-schemas.js');
    const mapping = (await import(
      dist('io/import/load-mapping.js')
    )) as typeof import('../../src/io/import/load-mapping.js');
    // Forget what the tests above loaded: what is in the cache after the calls is what they loaded.
    for (const k of Object.keys(require.cache)) if (k.endsWith('validator.cjs')) delete require.cache[k];
    schemas.validateLitellmSchema({ model_list: [] });
    await mapping.loadImportMapping('examples/import/import-mapping.yaml');
    const loaded = Object.keys(require.cache).filter((k) => k.endsWith('validator.cjs'));
    expect(loaded).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/dist\/io\/configs\/litellm-validator\.cjs$/),
        expect.stringMatching(/dist\/io\/import\/mapping-validator\.cjs$/),
      ]),
    );
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../src/io/output/manifest.js';
import { stage } from '../../src/io/output/staging.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('stage', () => {
  it('writes a file beside its target when its folder exists, and a new folder whole under one temporary name', () => {
    const root = tempDir();
    mkdirSync(join(root, 'litellm'));
    const staged = stage(
      root,
      ['plan.json', 'litellm/config.yaml', 'portkey/routes.json', 'portkey/use-cases/a.json'],
      'r',
    );
    expect(staged.temps).toEqual([
      `${TEMP_PREFIX}r-0`,
      `litellm/${TEMP_PREFIX}r-1`,
      `${TEMP_PREFIX}r-d0/routes.json`,
      `${TEMP_PREFIX}r-d0/use-cases/a.json`,
    ]);
    expect(staged.renames).toEqual([
      [`${TEMP_PREFIX}r-0`, 'plan.json'],
      [`litellm/${TEMP_PREFIX}r-1`, 'litellm/config.yaml'],
      [`${TEMP_PREFIX}r-d0`, 'portkey'],
    ]);
  });

  it('stages the outermost missing folder, beside the folder above it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'portkey'));
    const staged = stage(root, ['portkey/use-cases/a.json', 'portkey/use-cases/b.json'], 'r');
    expect(staged.temps).toEqual([`portkey/${TEMP_PREFIX}r-d0/a.json`, `portkey/${TEMP_PREFIX}r-d0/b.json`]);
    expect(staged.renames).toEqual([[`portkey/${TEMP_PREFIX}r-d0`, 'portkey/use-cases']]);
  });

  it('leaves a path under a file where a folder should be beside its target, for the write to refuse', () => {
    const root = tempDir();
    writeFileSync(join(root, 'portkey'), 'not a folder');
    expect(stage(root, ['portkey/a.json'], 'r').renames).toEqual([[`portkey/${TEMP_PREFIX}r-0`, 'portkey/a.json']]);
  });

  it('puts every file in place exactly once, whichever folders exist', () => {
    const segment = fc.constantFrom('a', 'b', 'c');
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => [...s, 'f.json'].join('/'));
    fc.assert(
      fc.property(
        fc.uniqueArray(path, { maxLength: 8 }),
        fc.array(fc.array(segment, { minLength: 1, maxLength: 2 })),
        (paths, existing) => {
          const root = tempDir();
          for (const dir of existing) mkdirSync(join(root, ...dir), { recursive: true });
          const { temps, renames } = stage(root, paths, 'r');
          // Applying the renames to the temporaries' paths must land each file on its own path.
          const landed = temps.map((t) => {
            const rename = renames.find(([from]) => t === from || t.startsWith(`${from}/`));
            expect(rename).toBeDefined();
            return rename![1] + t.slice(rename![0].length);
          });
          expect(landed).toEqual(paths);
          // No rename target lies inside another: the folder renames never overlap.
          for (const [, a] of renames)
            for (const [, b] of renames) if (a !== b) expect(a.startsWith(`${b}/`)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

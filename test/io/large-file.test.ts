// Its own file because it wraps node:fs to count the bytes read: a 50 MB input
// must be refused from its size alone, without reading it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { diagnosticsOf, error, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const { bytesRead } = vi.hoisted(() => ({ bytesRead: [] as number[] }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readSync = ((...args: Parameters<typeof actual.readSync>) => {
    const n = actual.readSync(...args);
    bytesRead.push(n);
    return n;
  }) as typeof actual.readSync;
  return { ...actual, readSync, default: { ...actual, readSync } };
});

it('refuses a 50 MB file by its size, without reading it', async () => {
  const file = join(tempDir(), 'huge.yaml');
  writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 'name: x\n'));
  expect(await diagnosticsOf(loadInventory(file))).toEqual([
    error(
      file,
      1,
      1,
      'file-too-large',
      'file is too large: 50 MiB, the limit for YAML and JSON inputs is 10 MiB (--max-yaml-size)',
      'split an inventory into a folder of one file per use case; if the file is genuine, raise the limit with --max-yaml-size 50MiB',
    ),
  ]);
  expect(bytesRead).toEqual([]);
});

it('still reads a normal file through the same wrapper', async () => {
  const file = join(tempDir(), 'small.yaml');
  writeFileSync(file, 'version: 1\nuse_cases: []\n');
  expect((await loadInventory(file)).inventory).toEqual({ version: 1, use_cases: [] });
  // The whole file, then the end of it.
  expect(bytesRead).toEqual([25, 0]);
});

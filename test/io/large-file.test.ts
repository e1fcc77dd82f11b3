// Its own file because it wraps node:fs/promises to count the bytes read: a 50 MB input
// must be refused from its size alone, without reading it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { loadInventory } from '../../src/io/inputs/load-inventory.js';
import { diagnosticsOf, error, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const { bytesRead } = vi.hoisted(() => ({ bytesRead: [] as number[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
    Object.assign(handle, {
      read: async (...a: unknown[]) => {
        const result = await read(...a);
        bytesRead.push(result.bytesRead);
        return result;
      },
    });
    return handle;
  };
  return { ...actual, open, default: { ...actual, open } };
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
  expect(bytesRead).toEqual([25]);
});

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flushFiles, writeNew } from '../../src/io/output/flush.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('flushFiles', () => {
  it('flushes files written in several folders', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    const paths = [join(dir, 'one.json'), join(dir, 'a', 'two.json')];
    for (const p of paths) writeNew(p, Buffer.from(p));
    await expect(flushFiles(paths)).resolves.toBeUndefined();
    expect(readFileSync(paths[1]!, 'utf8')).toBe(paths[1]);
  });

  it('fails, rather than reporting success, for a file it cannot flush', async () => {
    await expect(flushFiles([join(tempDir(), 'gone', 'x.json')])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write over an existing file', async () => {
    const p = join(tempDir(), 'x');
    writeNew(p, Buffer.from('a'));
    expect(() => writeNew(p, Buffer.from('b'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(p, 'utf8')).toBe('a');
  });
});

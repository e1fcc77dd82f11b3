import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError, UsageError } from '../../src/io/source/errors.js';
import { writeOutputs } from '../../src/io/output/write-output.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** Every file under `dir`, relative, sorted: temporaries would show up here. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('writeOutputs', () => {
  it('writes every file, creating parent folders', async () => {
    const dir = tempDir();
    await writeOutputs([
      { path: join(dir, 'out', 'matrix.md'), text: '# matrix\n' },
      { path: join(dir, 'out', 'gateway', 'litellm.yaml'), text: 'model_list: []\n' },
    ]);
    expect(tree(dir)).toEqual([join('out', 'gateway', 'litellm.yaml'), join('out', 'matrix.md')]);
    expect(readFileSync(join(dir, 'out', 'matrix.md'), 'utf8')).toBe('# matrix\n');
  });

  it('replaces existing files whole, leaving no temporary behind', async () => {
    const dir = tempDir();
    const target = join(dir, 'plan.json');
    writeFileSync(target, '{"old": true}\n');
    await writeOutputs([{ path: target, text: '{"new": true}\n' }]);
    expect(readFileSync(target, 'utf8')).toBe('{"new": true}\n');
    expect(tree(dir)).toEqual(['plan.json']);
  });

  it('on a failure part-way writes nothing: no output, no temporary, no new folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'existing.md'), 'old\n');
    writeFileSync(join(dir, 'a-file'), 'I am a file, not a folder\n');
    const attempt = writeOutputs([
      { path: join(dir, 'existing.md'), text: 'new\n' },
      { path: join(dir, 'new-folder', 'first.md'), text: 'first\n' },
      { path: join(dir, 'a-file', 'second.md'), text: 'second\n' },
    ]);
    await expect(attempt).rejects.toThrow(OutputError);
    await expect(attempt).rejects.toThrow(
      `cannot write ${join(dir, 'a-file', 'second.md')}: a parent of this path is a file, not a folder`,
    );
    expect(tree(dir)).toEqual(['a-file', 'existing.md']);
    expect(existsSync(join(dir, 'new-folder'))).toBe(false);
    expect(readFileSync(join(dir, 'existing.md'), 'utf8')).toBe('old\n');
  });

  it('refuses, before writing anything, a target that is a folder or named twice', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'matrix.html'));
    const folderTarget = writeOutputs([
      { path: join(dir, 'plan.json'), text: '{}\n' },
      { path: join(dir, 'matrix.html'), text: '<p>\n' },
    ]);
    await expect(folderTarget).rejects.toThrow(
      `cannot write ${join(dir, 'matrix.html')}: a folder exists at this path`,
    );
    expect(tree(dir)).toEqual([]);
    const twice = writeOutputs([
      { path: join(dir, 'x.md'), text: 'a' },
      { path: join(dir, '.', 'x.md'), text: 'b' },
    ]);
    await expect(twice).rejects.toThrow(UsageError);
    expect(tree(dir)).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL, MANIFEST, TEMP_PREFIX } from '../../src/io/output/manifest.js';
import { writeTree } from '../../src/io/output/write-tree.js';
import { OutputError } from '../../src/io/source/errors.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const SCOPE = ['plan.json', 'portkey', 'litellm'];
const opts = { generator: 'tierplan test', scope: SCOPE };

/** Every file under `dir` with its text, by relative path: temporaries would show up here. */
function tree(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    entries
      .map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name), 'utf8')])
      .sort(),
  );
}

const manifestOf = (dir: string): { generator: string; files: Record<string, string> } =>
  JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));

describe('writeTree', () => {
  it('writes every file and, last, a manifest of what it wrote with their sha256', async () => {
    const out = join(tempDir(), 'out');
    await writeTree(
      out,
      [
        { path: 'plan.json', text: '{}\n' },
        { path: 'portkey/a.json', text: 'a\n' },
      ],
      opts,
    );
    expect(Object.keys(tree(out))).toEqual([MANIFEST, 'plan.json', join('portkey', 'a.json')]);
    const sha = createHash('sha256').update('a\n').digest('hex');
    expect(manifestOf(out)).toEqual({
      generator: 'tierplan test',
      files: { 'plan.json': createHash('sha256').update('{}\n').digest('hex'), 'portkey/a.json': sha },
    });
  });

  it('leaves a file that already holds its bytes as it is, and writes one that changed or was edited by hand', async () => {
    const out = tempDir();
    const first = [
      { path: 'plan.json', text: '{"a":1}\n' },
      { path: 'portkey/same.json', text: 'same\n' },
      { path: 'portkey/edited.json', text: 'generated\n' },
    ];
    await writeTree(out, first, opts);
    writeFileSync(join(out, 'portkey/edited.json'), 'edited by hand\n');
    const inode = (p: string): bigint => statSync(join(out, p), { bigint: true }).ino;
    const inodes = Object.fromEntries([MANIFEST, ...first.map((f) => f.path)].map((p) => [p, inode(p)]));
    await writeTree(out, [{ path: 'plan.json', text: '{"a":2}\n' }, first[1]!, first[2]!], opts);
    // Written files arrive by rename, so a new inode; a file left alone keeps its own.
    expect(inode('portkey/same.json')).toBe(inodes['portkey/same.json']);
    expect(inode('plan.json')).not.toBe(inodes['plan.json']);
    expect(inode('portkey/edited.json')).not.toBe(inodes['portkey/edited.json']);
    expect(inode(MANIFEST)).not.toBe(inodes[MANIFEST]);
    expect(tree(out)['portkey/edited.json']).toBe('generated\n');
    expect(tree(out)['plan.json']).toBe('{"a":2}\n');

    const again = Object.fromEntries(Object.keys(tree(out)).map((p) => [p, inode(p)]));
    const written = await writeTree(out, [{ path: 'plan.json', text: '{"a":2}\n' }, first[1]!, first[2]!], opts);
    expect(written).toEqual({ stale: [], unchanged: 3 });
    expect(Object.fromEntries(Object.keys(tree(out)).map((p) => [p, inode(p)]))).toEqual(again);
  });

  it('refuses, writing nothing, a path that is a folder on disk or a folder of another output', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'portkey', 'taken.json'), { recursive: true });
    await expect(writeTree(out, [{ path: 'portkey/taken.json', text: '{}\n' }], opts)).rejects.toThrow(
      /portkey\/taken\.json/,
    );
    await expect(
      writeTree(
        out,
        [
          { path: 'portkey/x', text: 'a\n' },
          { path: 'portkey/x/y/z.json', text: 'b\n' },
        ],
        opts,
      ),
    ).rejects.toThrow(/portkey\/x\b/);
    expect(Object.keys(tree(out))).toEqual([]);
  });

  it('removes the files it wrote before and writes no more, and never a file it did not write', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'README.md'), 'mine\n');
    await writeTree(
      out,
      [
        { path: 'portkey/a.json', text: 'a\n' },
        { path: 'portkey/old/b.json', text: 'b\n' },
      ],
      opts,
    );
    writeFileSync(join(out, 'portkey', 'notes.txt'), 'also mine\n');
    const { stale } = await writeTree(out, [{ path: 'portkey/a.json', text: 'a2\n' }], opts);
    expect(stale).toEqual(['portkey/old/b.json']);
    expect(tree(out)).toEqual({
      [MANIFEST]: expect.any(String),
      'README.md': 'mine\n',
      [join('portkey', 'a.json')]: 'a2\n',
      [join('portkey', 'notes.txt')]: 'also mine\n',
    });
    // The folder emptied by the last stale file goes too.
    expect(existsSync(join(out, 'portkey', 'old'))).toBe(false);
  });

  it('keeps owned files outside its scope, still listed by the manifest (another --target)', async () => {
    const out = tempDir();
    await writeTree(
      out,
      [
        { path: 'litellm/config.yaml', text: 'l\n' },
        { path: 'portkey/a.json', text: 'a\n' },
      ],
      opts,
    );
    await writeTree(out, [{ path: 'litellm/config.yaml', text: 'l2\n' }], { ...opts, scope: ['litellm'] });
    expect(readFileSync(join(out, 'portkey', 'a.json'), 'utf8')).toBe('a\n');
    expect(Object.keys(manifestOf(out).files)).toEqual(['litellm/config.yaml', 'portkey/a.json']);
  });

  it('refuses a symbolic link to a folder inside --out, writing nothing and leaving the link target alone', async () => {
    const dir = tempDir();
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'a.json'), 'theirs\n');
    const out = join(dir, 'out');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'portkey'));
    const attempt = writeTree(
      out,
      [
        { path: 'plan.json', text: '{}\n' },
        { path: 'portkey/a.json', text: 'a\n' },
      ],
      opts,
    );
    await expect(attempt).rejects.toThrow(OutputError);
    await expect(attempt).rejects.toThrow(`${join(out, 'portkey')} is a symbolic link inside --out`);
    expect(readFileSync(join(elsewhere, 'a.json'), 'utf8')).toBe('theirs\n');
    expect(readdirSync(out)).toEqual(['portkey']);
  });

  it('does not remove a stale file through a folder that has become a link', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    await writeTree(out, [{ path: 'portkey/use-cases/a.json', text: 'a\n' }], opts);
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'a.json'), 'theirs\n');
    rmSync(join(out, 'portkey', 'use-cases'), { recursive: true });
    symlinkSync(elsewhere, join(out, 'portkey', 'use-cases'));
    await expect(writeTree(out, [{ path: 'portkey/routes.json', text: '{}\n' }], opts)).rejects.toThrow(
      `${join(out, 'portkey', 'use-cases')} is a symbolic link inside --out`,
    );
    expect(readFileSync(join(elsewhere, 'a.json'), 'utf8')).toBe('theirs\n');
  });

  it('reports an --out under a regular file as an output error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    await expect(writeTree(join(dir, 'file', 'out'), [{ path: 'plan.json', text: '{}\n' }], opts)).rejects.toThrow(
      `cannot write ${join(dir, 'file', 'out')}: a parent of this path is a file, not a folder`,
    );
  });

  it('deletes the temporaries of a write killed before its journal, and says so', async () => {
    const out = tempDir();
    await writeTree(out, [{ path: 'portkey/a.json', text: 'a\n' }], opts);
    writeFileSync(join(out, 'portkey', `${TEMP_PREFIX}dead-0`), 'half');
    writeFileSync(join(out, `${TEMP_PREFIX}dead-1`), '');
    const notes: string[] = [];
    await writeTree(out, [{ path: 'portkey/a.json', text: 'a2\n' }], { ...opts, note: (l) => notes.push(l) });
    expect(Object.keys(tree(out))).toEqual([MANIFEST, join('portkey', 'a.json')]);
    expect(notes).toEqual([`removed 2 temporary file(s) left in ${out} by an interrupted earlier write`]);
  });

  it('finishes the switch of a write killed after its journal: the new tree, then this run on top', async () => {
    const out = tempDir();
    await writeTree(
      out,
      [
        { path: 'portkey/a.json', text: 'a\n' },
        { path: 'portkey/b.json', text: 'b\n' },
      ],
      opts,
    );
    // What a run killed half-way through its renames leaves: a.json already moved, b.json stale
    // and not yet removed, c.json and the manifest still temporaries.
    mkdirSync(join(out, 'litellm'));
    writeFileSync(join(out, 'portkey', `${TEMP_PREFIX}x-1`), 'c\n');
    writeFileSync(
      join(out, `${TEMP_PREFIX}x-2`),
      '{"generator":"t","files":{"portkey/a.json":"-","portkey/c.json":"-"}}\n',
    );
    const renames = [
      [`portkey/${TEMP_PREFIX}x-0`, 'portkey/a.json'],
      [`portkey/${TEMP_PREFIX}x-1`, 'portkey/c.json'],
      [`${TEMP_PREFIX}x-2`, MANIFEST],
    ];
    writeFileSync(join(out, JOURNAL), JSON.stringify({ renames, remove: ['portkey/b.json'] }));
    const notes: string[] = [];
    await writeTree(out, [{ path: 'litellm/config.yaml', text: 'l\n' }], {
      ...opts,
      scope: ['litellm'],
      note: (l) => notes.push(l),
    });
    expect(notes).toEqual([`an earlier write to ${out} was interrupted after its switch began; finished it (2 files)`]);
    expect(Object.keys(tree(out))).toEqual([
      MANIFEST,
      join('litellm', 'config.yaml'),
      join('portkey', 'a.json'),
      join('portkey', 'c.json'),
    ]);
    expect(Object.keys(manifestOf(out).files)).toEqual(['litellm/config.yaml', 'portkey/a.json', 'portkey/c.json']);
  });

  it('deletes a folder staged whole by a write killed before its journal, counting its files', async () => {
    const out = tempDir();
    mkdirSync(join(out, `${TEMP_PREFIX}x-d0`, 'use-cases'), { recursive: true });
    writeFileSync(join(out, `${TEMP_PREFIX}x-d0`, 'routes.json'), '{}\n');
    writeFileSync(join(out, `${TEMP_PREFIX}x-d0`, 'use-cases', 'a.json'), '{}\n');
    const notes: string[] = [];
    await writeTree(out, [{ path: 'plan.json', text: '{}\n' }], { ...opts, note: (l) => notes.push(l) });
    expect(notes).toEqual([`removed 2 temporary file(s) left in ${out} by an interrupted earlier write`]);
    expect(Object.keys(tree(out))).toEqual([MANIFEST, 'plan.json']);
  });

  it('finishes a switch that renames a staged folder into place, counting its files', async () => {
    const out = tempDir();
    mkdirSync(join(out, `${TEMP_PREFIX}x-d0`, 'use-cases'), { recursive: true });
    writeFileSync(join(out, `${TEMP_PREFIX}x-d0`, 'routes.json'), 'r\n');
    writeFileSync(join(out, `${TEMP_PREFIX}x-d0`, 'use-cases', 'a.json'), 'a\n');
    writeFileSync(
      join(out, `${TEMP_PREFIX}x-1`),
      '{"generator":"t","files":{"portkey/routes.json":"-","portkey/use-cases/a.json":"-"}}\n',
    );
    const renames = [
      [`${TEMP_PREFIX}x-d0`, 'portkey'],
      [`${TEMP_PREFIX}x-1`, MANIFEST],
    ];
    writeFileSync(join(out, JOURNAL), JSON.stringify({ renames, remove: [] }));
    const notes: string[] = [];
    await writeTree(out, [{ path: 'plan.json', text: '{}\n' }], {
      ...opts,
      scope: ['plan.json'],
      note: (l) => notes.push(l),
    });
    expect(notes).toEqual([`an earlier write to ${out} was interrupted after its switch began; finished it (3 files)`]);
    expect(tree(out)).toMatchObject({
      'plan.json': '{}\n',
      [join('portkey', 'routes.json')]: 'r\n',
      [join('portkey', 'use-cases', 'a.json')]: 'a\n',
    });
  });

  it('refuses paths outside --out and its own bookkeeping names', async () => {
    const out = tempDir();
    for (const path of ['../x.json', MANIFEST, `portkey/${TEMP_PREFIX}a`])
      await expect(writeTree(out, [{ path, text: '' }], opts)).rejects.toThrow(
        'not a path tierplan may write under --out',
      );
    expect(readdirSync(out)).toEqual([]);
  });
});

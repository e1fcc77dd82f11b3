// Hostile inputs against the reading limits, through the built binary and under a small heap
// (NODE_OPTIONS=--max-old-space-size=256): a clear exit 2 naming the file, the limit and the
// flag that raises it, never a crash of V8 (an abort with a native stack, exit 133/134).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tierplan } from './run-cli.js';
import { richTextStrings, sharedStringsBomb, smallWorkbook } from './support/xlsx-bomb.js';

const dir = mkdtempSync(join(tmpdir(), 'tierplan-input-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };
const MAPPING = join(dir, 'mapping.yaml');
writeFileSync(MAPPING, 'version: 1\ncolumns:\n  id: id\n  name: name\n  owner: owner\n');

function importFile(file: string, extra: string[] = []): ReturnType<typeof tierplan> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.yaml`);
  const r = tierplan(['import', file, '--mapping', MAPPING, '--output-file', out, ...extra], { env: SMALL_HEAP });
  if (r.code !== 0) expect(existsSync(out)).toBe(false);
  return r;
}

function expectCleanRefusal(r: ReturnType<typeof tierplan>): void {
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|Native stack|\n\s+at .+:\d+:\d+\)?\n/);
}

describe('XLSX bombs', () => {
  it('a workbook within the limits imports', () => {
    const file = join(dir, 'small.xlsx');
    writeFileSync(file, smallWorkbook());
    const r = importFile(file);
    expect(r.stderr).toContain('imported   1');
    expect(r.code).toBe(0);
  });

  it('shared strings declaring 3 GiB are refused before anything is inflated', () => {
    const file = join(dir, 'bomb-declared.xlsx');
    writeFileSync(file, sharedStringsBomb(3, true));
    const r = importFile(file);
    expectCleanRefusal(r);
    expect(r.stderr).toContain(
      `${file}:1:1: error input-limit: the workbook is refused: the entry "xl/sharedStrings.xml" declares 3.0 GiB unpacked: over the limit of 64 MiB (--max-shared-strings-size)`,
    );
    expect(r.stderr).toContain('raise the limit, e.g. --max-shared-strings-size 128MiB');
  });

  it('shared strings that lie about their size are stopped while inflating', () => {
    const file = join(dir, 'bomb-lying.xlsx');
    writeFileSync(file, sharedStringsBomb(3, false));
    const r = importFile(file);
    expectCleanRefusal(r);
    expect(r.stderr).toContain(
      'the entry "xl/sharedStrings.xml" unpacks to more than 64 MiB: over the limit of 64 MiB (--max-shared-strings-size)',
    );
  });

  it('millions of tiny rich-text strings, under the size limit, are refused by their count', () => {
    const file = join(dir, 'rich-text.xlsx');
    writeFileSync(file, richTextStrings());
    const r = importFile(file, ['--max-xlsx-ratio', '100000']);
    expectCleanRefusal(r);
    expect(r.stderr).toContain(
      'the entry "xl/sharedStrings.xml" holds more than 1000000 shared strings and rich-text runs: over the limit of 1000000 (--max-shared-strings)',
    );
  });

  it('raising one limit meets the next: the ratio', () => {
    const file = join(dir, 'bomb-ratio.xlsx');
    writeFileSync(file, sharedStringsBomb(1, false));
    const r = importFile(file, ['--max-shared-strings-size', '2GiB']);
    expectCleanRefusal(r);
    expect(r.stderr).toMatch(/a ratio of \d+ so far: over the limit of 200 \(--max-xlsx-ratio\)/);
  });

  it('a limit flag takes sizes with units and refuses nonsense', () => {
    const r = tierplan(['import', 'x.xlsx', '--mapping', MAPPING, '--max-xlsx-size', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--max-xlsx-size <size>' argument 'lots' is invalid");
  });
});

describe('CSV limits', () => {
  it('a 1 GiB cell is refused after a few MiB, not buffered', async () => {
    const file = join(dir, 'long-cell.csv');
    // Written in 1 MiB chunks, asynchronously: the test never holds the cell, nor blocks its worker.
    const handle = await open(file, 'w');
    try {
      await handle.write('id,name,owner\nclaims-triage,"');
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 1024; i++) await handle.write(chunk);
      await handle.write('",claims@example.com\n');
    } finally {
      await handle.close();
    }
    try {
      const r = importFile(file);
      expectCleanRefusal(r);
      expect(r.stderr).toContain(`${file}:2:1: error input-limit: the row starting on this line has not ended after`);
      expect(r.stderr).toContain('over the limit of 4 MiB (--max-row-size)');
    } finally {
      rmSync(file);
    }
  });

  it('a cell over --max-cell-size is refused at its line', () => {
    const file = join(dir, 'cell.csv');
    writeFileSync(file, `id,name,owner\nclaims-triage,${'n'.repeat(2048)},claims@example.com\n`);
    const r = importFile(file, ['--max-cell-size', '1KiB']);
    expectCleanRefusal(r);
    expect(r.stderr).toContain(
      `${file}:2:1: error input-limit: cell 2 is 2 KiB: over the limit of 1 KiB (--max-cell-size)`,
    );
  });

  it('more rows than --max-rows are refused', () => {
    const file = join(dir, 'rows.csv');
    const rows = Array.from({ length: 5 }, (_, i) => `uc-${i},Use case ${i},team@example.com`);
    writeFileSync(file, `id,name,owner\n${rows.join('\n')}\n`);
    const r = importFile(file, ['--max-rows', '3']);
    expectCleanRefusal(r);
    expect(r.stderr).toContain(`${file}:5:1: error input-limit: the file has more than 3 data rows`);
    expect(importFile(file, ['--max-rows', '5']).code).toBe(0);
  });
});

describe('YAML inputs', () => {
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
    '',
  ].join('\n');

  it.each(['--policy', '--inventory'])('an alias bomb given as %s is refused at its position', (flag) => {
    const file = join(dir, `bomb${flag}.yaml`);
    writeFileSync(file, `version: 1\n${bomb}`);
    const r = tierplan(['validate', flag, file], { env: SMALL_HEAP });
    expectCleanRefusal(r);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: error alias-limit: `));
  });

  it('a file over --max-yaml-size names the flag, and the flag raises the limit', () => {
    const r = tierplan(['validate', '--policy', 'examples/tierplan.policy.yaml', '--max-yaml-size', '1KiB']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tierplan\.policy\.yaml:1:1: error file-too-large: .*\(--max-yaml-size\)/);
    expect(r.stderr).toContain('raise the limit with --max-yaml-size');
    const ok = tierplan([
      'validate',
      ...['--inventory', 'examples/inventory.yaml', '--policy', 'examples/tierplan.policy.yaml'],
      ...['--as-of', '2026-09-01', '--max-yaml-size', '20MiB'],
    ]);
    expect(ok.code).toBe(0);
  });
});

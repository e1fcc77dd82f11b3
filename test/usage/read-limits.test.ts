// The read limits on their own: a record or field over its limit is refused as soon as the bytes
// past the limit arrive, whatever the chunking, and records within them read as before.
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/cli/sizes.js';
import { CsvScanner } from '../../src/io/usage/csv-scanner.js';
import { JsonArrayObjects, JsonLines } from '../../src/io/usage/json-containers.js';
import { LimitExceeded, humanBytes } from '../../src/io/usage/limits.js';

function feedCsv(chunks: string[], limits: { maxRecordBytes?: number; maxFieldBytes?: number }): string[][] {
  const rows: string[][] = [];
  const s = new CsvScanner((r) => rows.push(Array.from({ length: r.count }, (_, i) => r.field(i))), limits);
  for (const c of chunks) s.write(Buffer.from(c));
  s.end();
  return rows;
}

const thrown = (f: () => unknown): LimitExceeded => {
  try {
    f();
  } catch (e) {
    if (e instanceof LimitExceeded) return e;
    throw e;
  }
  throw new Error('no LimitExceeded');
};

describe('CSV record and field limits', () => {
  it('reads records within the limits unchanged', () => {
    expect(feedCsv(['a,b\n1,"x', 'y"\n2,z\n'], { maxRecordBytes: 16, maxFieldBytes: 4 })).toEqual([
      ['a', 'b'],
      ['1', 'xy'],
      ['2', 'z'],
    ]);
  });

  it('refuses an unfinished field past the limit before the record ends', () => {
    const e = thrown(() => feedCsv(['a,b\n1,"', 'x'.repeat(50), 'x'.repeat(50)], { maxFieldBytes: 64 }));
    expect(e.limit).toBe('fieldBytes');
    expect(e.line).toBe(2);
  });

  it('refuses a complete record or field longer than the limit in one chunk', () => {
    expect(thrown(() => feedCsv([`a,b\n1,${'x'.repeat(100)}\n`], { maxFieldBytes: 64 })).what).toBe(
      'field 2 of the record at line 2',
    );
    expect(thrown(() => feedCsv([`a,b\n${'x'.repeat(40)},${'x'.repeat(40)}\n`], { maxRecordBytes: 64 })).limit).toBe(
      'recordBytes',
    );
  });

  it('reads a long record in many small chunks with the same result', () => {
    const long = 'y'.repeat(3 << 20);
    const text = `a,b\n1,"${long}"\n2,z\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 65536) chunks.push(text.slice(i, i + 65536));
    const rows = feedCsv(chunks, {});
    expect(rows.map((r) => r[1]!.length)).toEqual([1, long.length, 1]);
  });
});

describe('JSON limits', () => {
  it('refuses a JSONL line past the limit while it is still unfinished', () => {
    const lines: string[] = [];
    const j = new JsonLines((b, s, e) => lines.push(b.toString('utf8', s, e)), 0, undefined, 1, 32);
    j.write(Buffer.from('{"a":1}\n{"b":"'));
    expect(thrown(() => j.write(Buffer.from('x'.repeat(40)))).line).toBe(2);
    expect(lines).toEqual(['{"a":1}']);
  });

  it('refuses an object or a string of a JSON array past its limit', () => {
    const objects: string[] = [];
    const big = new JsonArrayObjects(
      (t) => objects.push(t),
      () => {},
      64,
      1 << 20,
    );
    big.write(Buffer.from('[{"a":1},\n{"b":"'));
    expect(thrown(() => big.write(Buffer.from('x'.repeat(80)))).limit).toBe('recordBytes');
    expect(objects).toEqual(['{"a":1}']);
    const str = new JsonArrayObjects(
      () => {},
      () => {},
      1 << 20,
      16,
    );
    expect(thrown(() => str.write(Buffer.from(`[{"b":"${'x'.repeat(20)}"}]`))).limit).toBe('fieldBytes');
  });

  it('reads objects split across chunks the same as whole', () => {
    const objects: string[] = [];
    const a = new JsonArrayObjects(
      (t) => objects.push(t),
      () => {},
    );
    for (const c of ['[{"a":"x\\"}', '"},', '{"b":[1,', '2]}]']) a.write(Buffer.from(c));
    a.end();
    expect(objects.map((o) => JSON.parse(o))).toEqual([{ a: 'x"}' }, { b: [1, 2] }]);
  });
});

describe('limit values', () => {
  it('reads human sizes and says them back', () => {
    expect(parseBytes('--x')('8GiB')).toBe(8 * 2 ** 30);
    expect(parseBytes('--x')('500MB')).toBe(500e6);
    expect(parseBytes('--x')('1024')).toBe(1024);
    expect(() => parseBytes('--x')('0')).toThrow(/--x takes a size/);
    expect(humanBytes(64 * 2 ** 20)).toBe('64 MiB');
    expect(humanBytes(1000)).toBe('1000 bytes');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvScanner, type CsvRecord, parseCsv } from '../../src/io/usage/csv-scanner.js';

const rows = (input: string | Buffer, delimiter?: string): string[][] =>
  parseCsv(input, delimiter ? { delimiter } : {}).map((r) => r.fields);

describe('the CSV scanner', () => {
  it('reads quoted fields with delimiters, doubled quotes and newlines, and reports where each record starts', () => {
    const records = parseCsv('a,b,c\n1,"x,""y""\nz",3\n4,5,6\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x,"y"\nz', '3'],
      ['4', '5', '6'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('skips a UTF-8 BOM and reads CRLF line ends, blank lines included in the line count', () => {
    const records = parseCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('detects ; tab and | as the delimiter from the header line', () => {
    expect(rows('a;b;c\n1;2,5;3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
    ]);
    expect(rows('a\tb\n1\t2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('a|b\n"1|x"|2\n')).toEqual([
      ['a', 'b'],
      ['1|x', '2'],
    ]);
    expect(rows('only\n1\n')).toEqual([['only'], ['1']]);
  });

  it('decodes Windows-1252 bytes when the start of the file is not UTF-8', () => {
    // "Café – €5" with an 0x93/0x94 pair of curly quotes
    const bytes = Buffer.from([
      0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x93, 0x78, 0x94, 0x0a,
    ]);
    expect(rows(bytes)).toEqual([['name'], ['Café – €5 “x”']]);
    expect(parseCsv(Buffer.from('a\n\u00e9\n', 'latin1'), { encoding: 'cp1252' })[1]?.fields).toEqual(['é']);
  });

  it('delivers a truncated last record and marks an unterminated quote', () => {
    const records = parseCsv('a,b,c\n1,2,3\n4,5');
    expect(records.at(-1)).toEqual({ line: 3, fields: ['4', '5'], problem: null });
    const open = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(open.at(-1)).toEqual({ line: 2, fields: ['1', 'never closed\n2,3\n'], problem: 'unterminated-quote' });
  });

  it('marks text after a closing quote, and keeps a quote inside an unquoted field as it is', () => {
    expect(parseCsv('a,b\n"x"y,2\n')[1]).toEqual({ line: 2, fields: ['"x"y', '2'], problem: 'stray-quote' });
    expect(parseCsv('a,b\n5" screen,2\n')[1]).toEqual({ line: 2, fields: ['5" screen', '2'], problem: null });
  });

  it('reads integers straight from the bytes and finds ASCII text in a field without decoding it', () => {
    const seen: [number, number, boolean][] = [];
    const s = new CsvScanner((r: CsvRecord) =>
      seen.push([r.digits(0), r.digits(1), r.includes(2, Buffer.from('tierplan'))]),
    );
    s.write(Buffer.from('12,x1,"[""tierplan-uc:a""]"\n007,,[]\n'));
    s.end();
    expect(seen).toEqual([
      [12, -1, true],
      [7, -1, false],
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = '\uFEFFa,b,c\r\n"q ""1""",\u00e9\u20ac,"x\r\ny"\r\n\r\n3,4,"5"\r\n6,7,8';
    const whole = parseCsv(text);
    const bytes = Buffer.from(text, 'utf8');
    for (let size = 1; size <= 7; size++) {
      const got: { line: number; fields: string[] }[] = [];
      const s = new CsvScanner((r) =>
        got.push({ line: r.line, fields: Array.from({ length: r.count }, (_, i) => r.field(i)) }),
      );
      for (let k = 0; k < bytes.length; k += size) s.write(bytes.subarray(k, k + size));
      s.end();
      expect(got).toEqual(whole.map(({ line, fields }) => ({ line, fields })));
    }
  });

  it('round-trips any field contents written by a simple quoting writer, in any chunking (property)', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'Z', '0', ' ', ',', ';', '"', '\n', '\r\n', 'é', '€', '😀', '\t', '|'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (table, delimiter, chunk, crlf) => {
          const width = table[0]!.length;
          const records = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const quote = (f: string): string =>
            /[",;\t|\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f;
          const text =
            records.map((r) => r.map(quote).join(delimiter)).join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
          const bytes = Buffer.from(text, 'utf8');
          const got: string[][] = [];
          const s = new CsvScanner((r) => got.push(Array.from({ length: r.count }, (_, i) => r.field(i))), {
            delimiter,
          });
          for (let k = 0; k < bytes.length; k += chunk) s.write(bytes.subarray(k, k + chunk));
          s.end();
          expect(got).toEqual(records);
        },
      ),
      { numRuns: 300 },
    );
  });
});

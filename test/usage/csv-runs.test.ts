import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacentRanges, MIN_RUN } from '../../src/io/usage/csv-runs.js';
import { CsvScanner, type CsvRecord, type CsvScannerOptions } from '../../src/io/usage/csv-scanner.js';

interface Seen {
  line: number;
  fields: string[];
  problem: string | null;
  /** Raw bytes and flags of each range's cells, and the run number the scanner gave it. */
  runs: { bytes: string; id: number }[];
}

const RANGES: [number, number][] = [
  [1, 3],
  [5, 6],
];

function raw(r: CsvRecord, from: number, to: number): string {
  const parts: string[] = [];
  for (let c = from; c <= to && c < r.count; c++)
    parts.push(`${r.flags[c]}:${r.buf.toString('latin1', r.starts[c], r.ends[c])}`);
  return parts.join('|');
}

/** Every record of `input`, written in chunks of `chunk` bytes. */
function scan(input: string, chunk: number, options: CsvScannerOptions = {}): Seen[] {
  const out: Seen[] = [];
  const scanner = new CsvScanner(
    (r) => {
      const fields: string[] = [];
      for (let i = 0; i < r.count; i++) fields.push(r.field(i));
      const runs = (options.runs ?? []).map(([a, b], g) => ({ bytes: raw(r, a, b), id: r.runIds![g]! }));
      out.push({ line: r.line, fields, problem: r.problem, runs });
    },
    { delimiter: ',', ...options },
  );
  const buf = Buffer.from(input, 'utf8');
  for (let o = 0; o < buf.length; o += chunk) scanner.write(buf.subarray(o, o + chunk));
  scanner.end();
  return out;
}

/** Records read with remembered runs are the records read without; a run number always means the same bytes. */
function expectSameAsPlainScan(input: string, chunk: number): Seen[] {
  const withRuns = scan(input, chunk, { runs: RANGES });
  const plain = scan(input, chunk);
  const strip = (s: Seen[]) => s.map(({ line, fields, problem }) => ({ line, fields, problem }));
  expect(strip(withRuns)).toEqual(strip(plain));
  for (let g = 0; g < RANGES.length; g++) {
    const bytesOf = new Map<number, string>();
    for (const rec of withRuns) {
      const { bytes, id } = rec.runs[g]!;
      if (id < 0) continue;
      if (!bytesOf.has(id)) bytesOf.set(id, bytes);
      expect(bytes, `run ${id} of range ${g}`).toBe(bytesOf.get(id));
    }
  }
  return withRuns;
}

const LONG_A = 'bedrock/us.anthropic.claude-haiku-4-5-v1:0';
const LONG_B = 'bedrock/us.anthropic.claude-haiku-4-5-v1:1';
const TAGS = '"[""tierplan-uc:fraud-scoring"",""tierplan-tier:private-cloud""]"';

describe('remembered runs of repeated cells in the CSV scanner', () => {
  it('groups columns into ranges of adjacent ones', () => {
    expect(adjacentRanges([10, 9, 8, 11, 12, 15, 14, -1])).toEqual([
      [8, 12],
      [14, 15],
    ]);
    expect(adjacentRanges([-1, -1])).toEqual([]);
  });

  it('recognises a repeated run and tells apart one that differs in one byte, in its last cell too', () => {
    const head = 'id,model,model_id,group,meta,tags,status\n';
    const row = (id: number, model: string, group: string, status: string) =>
      `${id},${model},uc.${model},${group},m${id},${TAGS},${status}\n`;
    const input =
      head +
      [
        row(1, LONG_A, 'fraud-scoring', 'success'),
        row(2, LONG_A, 'fraud-scoring', 'success'),
        row(3, LONG_B, 'fraud-scoring', 'success'),
        row(4, LONG_A, 'fraud-scorinG', 'success'),
        row(5, LONG_A, 'fraud-scoring', 'failure'),
        row(6, LONG_A, 'fraud-scoring', 'success'),
      ].join('');
    const records = expectSameAsPlainScan(input, 1 << 20).slice(1);
    const ids = records.map((r) => r.runs.map((x) => x.id));
    expect(ids.every((pair) => pair.every((k) => k >= 0))).toBe(true);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[5]).toEqual(ids[0]);
    expect(ids[2]![0]).not.toBe(ids[0]![0]);
    expect(ids[3]![0]).not.toBe(ids[0]![0]);
    expect(ids[4]![0]).toBe(ids[0]![0]);
    expect(ids[4]![1]).not.toBe(ids[0]![1]);
  });

  it('reads the same records whatever the chunk size, with CRLF, quoted cells, quoted newlines and stray quotes', () => {
    const head = 'id,model,model_id,group,meta,tags,status\r\n';
    const rows = [
      `1,${LONG_A},"uc.a ""quoted""",g,m,${TAGS},success\r\n`,
      `2,${LONG_A},"uc.a ""quoted""",g,m,${TAGS},success\r\n`,
      `3,${LONG_A},"uc.a\nnewline",g,m,${TAGS},success\r\n`,
      `4,${LONG_A},"uc.a\nnewline",g,m,${TAGS},success\n`,
      `5,${LONG_A},"uc.a ""quoted""",g,m,${TAGS},"success"x\r\n`,
      `6,${LONG_A},"uc.a ""quoted""",g,m,${TAGS},success\r`,
      `7,${LONG_A},"uc.a ""quoted""",g,m,${TAGS},success\r\n`,
      `8,${LONG_A},"uc.a ""quoted""",g,m,${TAGS},success`,
    ];
    const input = head + rows.join('');
    for (const chunk of [1, 2, 3, 7, 13, 64, 97, 1 << 20]) expectSameAsPlainScan(input, chunk);
    const whole = expectSameAsPlainScan(input, 1 << 20);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 4, 6, 8, 9, 10, 11]);
  });

  it('recognises a run that lies across the boundary of two chunks', () => {
    const head = 'id,model,model_id,group,meta,tags,status\n';
    let input = head;
    for (let i = 0; i < 400; i++) input += `${i},${i % 3 === 0 ? LONG_A : LONG_B},uc.${i % 2},grp,m,${TAGS},success\n`;
    for (const chunk of [4096, 1000, 333]) {
      const records = expectSameAsPlainScan(input, chunk);
      expect(records.slice(10).filter((r) => r.runs[0]!.id < 0)).toEqual([]);
    }
  });

  it('stops looking up a range whose cells seldom repeat, and still reads every record alike', () => {
    let input = 'id,model,model_id,group,meta,tags,status\n';
    for (let i = 0; i < 20000; i++)
      input += `${i},${LONG_A},uc.a,grp,m,"[""tierplan-uc:fraud-scoring"",""request-${i}""]",success\n`;
    // The first row's tags again: remembered, but no longer looked up.
    input += `20000,${LONG_A},uc.a,grp,m,"[""tierplan-uc:fraud-scoring"",""request-0""]",success\n`;
    const records = expectSameAsPlainScan(input, 1 << 16);
    expect(records[records.length - 1]!.fields[5]).toBe(records[1]!.fields[5]);
    const last = records[records.length - 1]!.runs.map((x) => x.id);
    expect(last[0]).toBeGreaterThanOrEqual(0);
    expect(last[1]).toBe(-1);
    expect(records[1]!.runs[1]!.id).toBeGreaterThanOrEqual(0);
  });

  it('leaves runs shorter than a key alone', () => {
    const input = 'id,a,b,c,meta,d,e\n1,x,y,z,m,p,q\n2,x,y,z,m,p,q\n';
    expect(MIN_RUN).toBeGreaterThan(8);
    const records = expectSameAsPlainScan(input, 1 << 20);
    expect(records.flatMap((r) => r.runs.map((x) => x.id))).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('reads any input like the plain scanner, in any chunks', () => {
    const cell = fc.constantFrom(
      LONG_A,
      LONG_B,
      'x',
      '',
      '"q,""x"""',
      '"a\nb"',
      '"\r\n"',
      'y"z',
      '"s"t',
      TAGS,
      `${LONG_A}${LONG_A}`,
    );
    const end = fc.constantFrom('\n', '\r\n', '\r');
    const rowArb = fc
      .tuple(fc.array(cell, { minLength: 1, maxLength: 8 }), end)
      .map(([cells, e]) => cells.join(',') + e);
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.integer({ min: 1, max: 300 }), (rows, chunk) => {
        expectSameAsPlainScan(rows.join(''), chunk);
      }),
      { numRuns: 300 },
    );
  });
});

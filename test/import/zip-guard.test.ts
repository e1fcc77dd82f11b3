// The zip guard on crafted zips: what the headers claim is checked before inflating, and what
// inflation actually produces is counted and stopped at the limit.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../src/io/import/limits.js';
import {
  checkDeclared,
  checkInflated,
  walkLocalEntries,
  ZipRefused,
  type XlsxLimits,
} from '../../src/io/import/zip-guard.js';
import { buildZip, deflateBomb, entry } from './support/zip-build.js';

const MiB = 1024 * 1024;
const limits: XlsxLimits = { ...DEFAULT_IMPORT_LIMITS };

async function guard(zip: Buffer, l: XlsxLimits = limits): Promise<number> {
  const entries = walkLocalEntries(zip, l.entries);
  checkDeclared(zip, entries, l);
  return checkInflated(zip, entries, l);
}

async function refusal(zip: Buffer, l: XlsxLimits = limits): Promise<ZipRefused> {
  try {
    await guard(zip, l);
  } catch (e) {
    if (e instanceof ZipRefused) return e;
    throw e;
  }
  throw new Error('the zip was accepted');
}

/** An entry of `mib` MiB of one repeated line: small on disk, large unpacked. */
const bomb = (mib: number): Buffer =>
  deflateBomb('<x>', `${'<c r="A1"/>'.repeat(MiB / 11)}\n`.padEnd(MiB, ' '), mib, '</x>');

describe('zip guard', () => {
  it('accepts an honest zip and counts what it unpacks to', async () => {
    const zip = buildZip([entry('a.xml', '<a/>'.repeat(1000)), entry('b.txt', 'stored', true)]);
    expect(walkLocalEntries(zip, 10).map((e) => [e.name, e.method, e.declared])).toEqual([
      ['a.xml', 8, 4000],
      ['b.txt', 0, 6],
    ]);
    expect(await guard(zip)).toBe(4006);
  });

  it('follows data descriptors as unzipper does, and reads the declared size from them', async () => {
    const text = '<row/>'.repeat(500);
    const honest = entry('xl/worksheets/sheet1.xml', text);
    const zip = buildZip([{ ...honest, descriptor: true }, entry('after.xml', '<b/>')]);
    const entries = walkLocalEntries(zip, 10);
    expect(entries.map((e) => [e.name, e.declared])).toEqual([
      ['xl/worksheets/sheet1.xml', text.length],
      ['after.xml', 4],
    ]);
    expect(await guard(zip)).toBe(text.length + 4);
  });

  it('refuses an entry whose declared size is over the limit, before inflating it', async () => {
    const zip = buildZip([{ ...entry('xl/worksheets/sheet1.xml', '<x/>'), declared: 300 * MiB }]);
    const e = await refusal(zip);
    expect(e.limit).toBe('entryBytes');
    expect(e.message).toBe('the entry "xl/worksheets/sheet1.xml" declares 300 MiB unpacked');
  });

  it('refuses an entry that lies about its size once inflation passes the limit', async () => {
    const packed = bomb(40);
    const zip = buildZip([{ name: 'xl/worksheets/sheet1.xml', packed, declared: 1000 }]);
    const e = await refusal(zip, { ...limits, entryBytes: 16 * MiB, ratio: 1_000_000 });
    expect(e.limit).toBe('entryBytes');
    expect(e.message).toBe('the entry "xl/worksheets/sheet1.xml" unpacks to more than 16 MiB');
  });

  it('refuses shared strings over their own, lower limit', async () => {
    const packed = bomb(8);
    const zip = buildZip([{ name: 'xl/sharedStrings.xml', packed, declared: 10 }]);
    const e = await refusal(zip, { ...limits, sharedStringsBytes: 4 * MiB, ratio: 1_000_000 });
    expect(e.limit).toBe('sharedStringsBytes');
  });

  it('counts shared strings and rich-text runs, also across chunk boundaries', async () => {
    const strings = `<sst>${'<si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r></si>'.repeat(100_000)}</sst>`;
    const zip = buildZip([entry('xl/sharedStrings.xml', strings)]);
    // 100,000 × (two strings and two runs) = 400,000 values.
    expect(await guard(zip, { ...limits, sharedStrings: 400_000, ratio: 1_000_000 })).toBe(strings.length);
    const e = await refusal(zip, { ...limits, sharedStrings: 399_999, ratio: 1_000_000 });
    expect(e.limit).toBe('sharedStrings');
    expect(e.message).toBe('the entry "xl/sharedStrings.xml" holds more than 399999 shared strings and rich-text runs');
    // Other entries are not counted.
    expect(
      await guard(buildZip([entry('xl/other.xml', strings)]), { ...limits, sharedStrings: 1, ratio: 1_000_000 }),
    ).toBe(strings.length);
  });

  it('refuses a high compression ratio, declared or found while inflating', async () => {
    const packed = bomb(8);
    const declared = await refusal(buildZip([{ name: 's.xml', packed, declared: 8 * MiB + 7 }]));
    expect(declared.limit).toBe('ratio');
    expect(declared.message).toMatch(/^the entry "s.xml" declares 8.0 MiB from [\d.]+ KiB packed, a ratio of \d+$/);
    const found = await refusal(buildZip([{ name: 's.xml', packed, declared: 7 }]));
    expect(found.limit).toBe('ratio');
    expect(found.message).toMatch(/so far$/);
  });

  it('leaves small entries alone whatever their ratio', async () => {
    const zeros = Buffer.alloc(512 * 1024);
    expect(await guard(buildZip([entry('blank.xml', zeros)]))).toBe(zeros.length);
  });

  it('refuses more entries than the limit', async () => {
    const zip = buildZip(Array.from({ length: 12 }, (_, i) => entry(`e${i}.xml`, '<e/>')));
    const e = await refusal(zip, { ...limits, entries: 10 });
    expect(e.limit).toBe('entries');
    expect(e.message).toBe('the workbook holds more than 10 zip entries');
  });

  it('refuses a total over the limit, declared or inflated', async () => {
    const parts = [entry('a.xml', 'a'.repeat(600 * 1024)), entry('b.xml', 'b'.repeat(600 * 1024))];
    expect((await refusal(buildZip(parts), { ...limits, totalBytes: MiB })).limit).toBe('totalBytes');
    const lying = parts.map((p) => ({ ...p, declared: 1 }));
    const e = await refusal(buildZip(lying), { ...limits, totalBytes: MiB });
    expect(e.limit).toBe('totalBytes');
    expect(e.message).toBe('its entries unpack to more than 1 MiB in total');
  });

  it('inflates entries hidden after the central directory, as unzipper reads them', async () => {
    const hidden = buildZip([{ name: 'hidden.xml', packed: bomb(8), declared: 3 }]);
    const zip = Buffer.concat([buildZip([entry('a.xml', '<a/>')]).subarray(0, -22), hidden]);
    expect(walkLocalEntries(zip, 10).map((e) => e.name)).toEqual(['a.xml', 'hidden.xml']);
    expect((await refusal(zip, { ...limits, entryBytes: 4 * MiB, ratio: 1_000_000 })).limit).toBe('entryBytes');
  });

  it('says when an entry is not deflate data', async () => {
    const zip = buildZip([{ name: 'a.xml', packed: Buffer.from('not deflate at all, just text'), declared: 5 }]);
    const e = await refusal(zip);
    expect(e.limit).toBeUndefined();
    expect(e.message).toBe('the entry "a.xml" is not valid deflate data');
  });
});

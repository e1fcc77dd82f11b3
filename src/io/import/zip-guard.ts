// Bounds what an .xlsx workbook may unpack to before exceljs inflates any of it. exceljs reads
// the zip with unzipper's streaming parser, which follows the local file headers in order (not
// the central directory), so this walk follows them the same way: the entries checked are the
// entries exceljs will inflate, with the same boundaries. Declared sizes are checked first
// (cheap, no inflation); then every compressed entry is inflated once, counting bytes as they
// come and stopping at the limit, because a declared size can lie.
import { createInflateRaw } from 'node:zlib';
import { formatSize } from '../source/read-text.js';

export interface XlsxLimits {
  /** Bytes one entry (a sheet, the shared strings…) may unpack to. */
  entryBytes: number;
  /** Bytes all entries together may unpack to; the file itself may not be larger either. */
  totalBytes: number;
  /** Unpacked / packed size of one entry, checked for entries over RATIO_FLOOR_BYTES. */
  ratio: number;
  /** Entries in the zip. */
  entries: number;
  /** Bytes xl/sharedStrings.xml may unpack to: exceljs holds all shared strings in memory. */
  sharedStringsBytes: number;
  /** Shared strings and rich-text runs (`<si>`, `<r>`): exceljs holds each as a string or an object. */
  sharedStrings: number;
}

/** Small entries may compress well without harm (a blank theme, a run of empty cells). */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

export type XlsxLimitName = keyof XlsxLimits;

/** A limit crossed (`limit` names it) or a zip that cannot be walked (`limit` undefined). */
export class ZipRefused extends Error {
  override name = 'ZipRefused';
  constructor(
    message: string,
    readonly limit?: XlsxLimitName,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  dataStart: number;
  dataEnd: number;
  /** Unpacked size the zip claims (local header, or data descriptor); undefined when it says none. */
  declared?: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const CRX = 0x34327243;
const DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

/**
 * The entries unzipper's `Parse` would emit for these bytes, in order, walked as it walks them
 * (node_modules/unzipper/lib/parse.js): local headers until the central directory, sizes from
 * the header or its zip64 extra, and for a data-descriptor entry of unknown size, the data up to
 * the first descriptor signature. Stops where unzipper would stop or fail.
 */
export function walkLocalEntries(zip: Buffer, maxEntries: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let pos = 0;
  while (pos + 4 <= zip.length) {
    const signature = zip.readUInt32LE(pos);
    if (signature === LOCAL) {
      if (entries.length >= maxEntries)
        throw new ZipRefused(`the workbook holds more than ${maxEntries} zip entries`, 'entries');
      const entry = readLocal(zip, pos);
      entries.push(entry.entry);
      pos = entry.next;
    } else if (signature === CENTRAL) {
      if (pos + 46 > zip.length) break;
      pos += 46 + zip.readUInt16LE(pos + 28) + zip.readUInt16LE(pos + 30) + zip.readUInt16LE(pos + 32);
    } else if (signature === CRX) {
      throw new ZipRefused('it holds a Chrome extension (CRX) header, which no .xlsx workbook has');
    } else {
      // The end record; after the central directory, unzipper skips to it; before, it fails.
      // Either way nothing after this point is inflated.
      break;
    }
  }
  return entries;
}

function readLocal(zip: Buffer, at: number): { entry: ZipEntry; next: number } {
  if (at + 30 > zip.length) throw new ZipRefused(`a zip entry header at offset ${at} is cut off`);
  const flags = zip.readUInt16LE(at + 6);
  const method = zip.readUInt16LE(at + 8);
  let packed = zip.readUInt32LE(at + 18);
  let unpacked: number | undefined = zip.readUInt32LE(at + 22);
  const nameLength = zip.readUInt16LE(at + 26);
  const extraLength = zip.readUInt16LE(at + 28);
  const name = zip.toString('utf8', at + 30, Math.min(zip.length, at + 30 + nameLength));
  const extraStart = at + 30 + nameLength;
  const dataStart = extraStart + extraLength;
  if (dataStart > zip.length) throw new ZipRefused(`the zip entry "${name}" is cut off`);
  if (packed === 0xffffffff || unpacked === 0xffffffff) {
    const zip64 = zip64Sizes(zip.subarray(extraStart, dataStart));
    if (!zip64) throw new ZipRefused(`the zip entry "${name}" claims zip64 sizes but has no zip64 field`);
    if (unpacked === 0xffffffff) unpacked = zip64.unpacked;
    if (packed === 0xffffffff) packed = zip64.packed;
  }
  const sizeKnown = (flags & 0x08) === 0 || packed > 0;
  if (sizeKnown) {
    const dataEnd = Math.min(zip.length, dataStart + packed);
    return { entry: { name, method, dataStart, dataEnd, declared: unpacked }, next: dataStart + packed };
  }
  // Size unknown until the data descriptor: unzipper streams up to its first signature.
  const descriptor = zip.indexOf(DESCRIPTOR, dataStart);
  if (descriptor < 0) return { entry: { name, method, dataStart, dataEnd: zip.length }, next: zip.length };
  const declared = descriptor + 16 <= zip.length ? zip.readUInt32LE(descriptor + 12) : undefined;
  return {
    entry: { name, method, dataStart, dataEnd: descriptor, ...(declared !== undefined ? { declared } : {}) },
    next: descriptor + 16,
  };
}

/** unzipper reads the zip64 extra field (id 1) at fixed places: unpacked size, then packed size. */
function zip64Sizes(extra: Buffer): { unpacked: number; packed: number } | undefined {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      if (p + 20 > extra.length) return undefined;
      return { unpacked: Number(extra.readBigUInt64LE(p + 4)), packed: Number(extra.readBigUInt64LE(p + 12)) };
    }
    p += 4 + size;
  }
  return undefined;
}

const entryLimit = (e: ZipEntry, limits: XlsxLimits): { bytes: number; limit: XlsxLimitName } =>
  e.name === SHARED_STRINGS && limits.sharedStringsBytes < limits.entryBytes
    ? { bytes: limits.sharedStringsBytes, limit: 'sharedStringsBytes' }
    : { bytes: limits.entryBytes, limit: 'entryBytes' };

/** Refuses on what the zip claims, before anything is inflated. */
export function checkDeclared(zip: Buffer, entries: ZipEntry[], limits: XlsxLimits): void {
  if (zip.length > limits.totalBytes)
    throw new ZipRefused(`the workbook file itself is ${formatSize(zip.length)}`, 'totalBytes');
  let total = 0;
  for (const e of entries) {
    const unpacked = e.method === 0 ? e.dataEnd - e.dataStart : e.declared;
    if (unpacked === undefined) continue;
    checkEntry(e, unpacked, limits, 'declares');
    total += unpacked;
    if (total > limits.totalBytes)
      throw new ZipRefused(`its entries declare ${formatSize(total)} unpacked in total`, 'totalBytes');
  }
}

/** `verb`: "declares" (what the headers say) or "unpacks to" (counted while inflating, so far). */
function checkEntry(e: ZipEntry, unpacked: number, limits: XlsxLimits, verb: 'declares' | 'unpacks to'): void {
  const { bytes, limit } = entryLimit(e, limits);
  const size =
    verb === 'declares' ? `declares ${formatSize(unpacked)} unpacked` : `unpacks to more than ${formatSize(bytes)}`;
  if (unpacked > bytes) throw new ZipRefused(`the entry "${e.name}" ${size}`, limit);
  const packed = e.dataEnd - e.dataStart;
  if (unpacked > RATIO_FLOOR_BYTES && unpacked > limits.ratio * Math.max(1, packed))
    throw new ZipRefused(
      `the entry "${e.name}" ${verb} ${formatSize(unpacked)} from ${formatSize(packed)} packed, a ratio of ${Math.floor(unpacked / Math.max(1, packed))}${verb === 'declares' ? '' : ' so far'}`,
      'ratio',
    );
}

/**
 * Inflates every compressed entry as unzipper would (any method but 0 is raw deflate), keeping
 * nothing: only the count of bytes, checked as they arrive. Returns the unpacked total.
 */
export async function checkInflated(zip: Buffer, entries: ZipEntry[], limits: XlsxLimits): Promise<number> {
  let total = 0;
  for (const e of entries) {
    if (e.method === 0) {
      total += e.dataEnd - e.dataStart;
      continue;
    }
    const strings = e.name === SHARED_STRINGS ? new StringCounter() : undefined;
    const bytes = await inflatedSize(zip.subarray(e.dataStart, e.dataEnd), (n, chunk) => {
      checkEntry(e, n, limits, 'unpacks to');
      if (total + n > limits.totalBytes)
        throw new ZipRefused(`its entries unpack to more than ${formatSize(limits.totalBytes)} in total`, 'totalBytes');
      if (strings && strings.add(chunk) > limits.sharedStrings)
        throw new ZipRefused(
          `the entry "${e.name}" holds more than ${limits.sharedStrings} shared strings and rich-text runs`,
          'sharedStrings',
        );
    });
    if (bytes === undefined) throw new ZipRefused(`the entry "${e.name}" is not valid deflate data`);
    total += bytes;
  }
  return total;
}

/**
 * Counts the elements exceljs keeps one value for: `<si>` (a shared string) and `<r>` (a run of
 * rich text), unprefixed as exceljs matches them, across chunk boundaries.
 */
class StringCounter {
  private count = 0;
  private tail = Buffer.alloc(0);

  add(chunk: Buffer): number {
    const b = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    let i = b.indexOf(0x3c);
    while (i >= 0 && i + 3 < b.length) {
      const c1 = b[i + 1];
      const c2 = b[i + 2]!;
      const c3 = b[i + 3]!;
      const end = (c: number): boolean =>
        c === 0x3e || c === 0x20 || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;
      if ((c1 === 0x73 && c2 === 0x69 && end(c3)) || (c1 === 0x72 && end(c2))) this.count++;
      i = b.indexOf(0x3c, i + 1);
    }
    // A tag cut by the chunk's end is counted with the next chunk.
    this.tail = Buffer.from(i >= 0 ? b.subarray(i) : b.subarray(0, 0));
    return this.count;
  }
}

/** Bytes `packed` inflates to, `check`ed as they grow; undefined when the data is corrupt. */
function inflatedSize(packed: Buffer, check: (bytesSoFar: number, chunk: Buffer) => void): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let count = 0;
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      f();
    };
    inflate.on('data', (chunk: Buffer) => {
      count += chunk.length;
      try {
        check(count, chunk);
      } catch (e) {
        settle(() => reject(e));
      }
    });
    inflate.on('end', () => settle(() => resolve(count)));
    inflate.on('error', () => settle(() => resolve(undefined)));
    inflate.end(packed);
  });
}

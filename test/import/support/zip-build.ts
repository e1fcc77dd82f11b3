// Builds zip files byte by byte for the zip guard's tests: honest ones, ones whose local headers
// lie about sizes, ones using data descriptors, and deflate bombs that expand far past their size.
import { constants, deflateRawSync } from 'node:zlib';

export interface BuildEntry {
  name: string;
  /** Compressed data as it goes in the zip (deflated unless `stored`). */
  packed: Buffer;
  /** The unpacked size the headers claim. */
  declared: number;
  stored?: boolean;
  /** Sizes 0 in the local header, given in a data descriptor after the data (flag bit 3). */
  descriptor?: boolean;
}

/** An honest entry: `text` deflated (or stored), declaring its true size. */
export function entry(name: string, text: string | Buffer, stored = false): BuildEntry {
  const raw = typeof text === 'string' ? Buffer.from(text) : text;
  return { name, packed: stored ? raw : deflateRawSync(raw), declared: raw.length, ...(stored ? { stored } : {}) };
}

/**
 * Raw deflate data that inflates to `head`, then `repeat` copies of `block`, then `tail`,
 * without ever holding the whole: each block is deflated once from a fresh state and ended with
 * a sync flush (byte-aligned, not final), so copies can be concatenated; the tail ends the stream.
 */
export function deflateBomb(head: string, block: string, repeat: number, tail: string): Buffer {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const first = deflateRawSync(Buffer.from(head), flush);
  const one = deflateRawSync(Buffer.from(block), flush);
  const last = deflateRawSync(Buffer.from(tail));
  return Buffer.concat([first, ...Array.from({ length: repeat }, () => one), last]);
}

/** A zip of `entries`: local headers and data in order, then the central directory and its end. */
export function buildZip(entries: BuildEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.descriptor ? 0x08 : 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(e.descriptor ? 0 : e.packed.length, 18);
    local.writeUInt32LE(e.descriptor ? 0 : e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(e.descriptor ? 16 : 0);
    if (e.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(e.packed.length, 8);
      descriptor.writeUInt32LE(e.declared, 12);
    }
    parts.push(local, name, e.packed, descriptor);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.descriptor ? 0x08 : 0, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(e.packed.length, 20);
    cd.writeUInt32LE(e.declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + e.packed.length + descriptor.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

// Bytes to text for the CSV scanner: UTF-8 or Windows-1252 decoding, the BOM, and guessing the
// delimiter from the header line.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

// Buffer#utf8Slice skips toString's argument checks (a tenth of the time of a row); the public
// method is the fallback should a Node version lack it.
const fastUtf8 = (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, s: number, e: number) => string })
  .utf8Slice;
export const utf8: (b: Buffer, s: number, e: number) => string = fastUtf8
  ? (b, s, e) => fastUtf8.call(b, s, e)
  : (b, s, e) => b.toString('utf8', s, e);

export function hasBom(buf: Buffer): boolean {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** Offset of the first line end outside quotes, or -1. */
export function endOfFirstLine(buf: Buffer): number {
  let quoted = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return i;
  }
  return -1;
}

/** The candidate that occurs most often outside quotes in the header line; `,` on a tie or none. */
export function detectDelimiter(header: Buffer): string {
  const counts = new Map<number, number>();
  let quoted = false;
  for (const c of header) {
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const k = counts.get(d.charCodeAt(0)) ?? 0;
    if (k > bestCount) {
      best = d;
      bestCount = k;
    }
  }
  return best;
}

// A sample cut at an arbitrary byte may end inside a multi-byte character: drop that tail.
export function completeUtf8Prefix(b: Buffer): Buffer {
  let end = b.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const c = b[end - k]!;
    if (c < 0x80) break;
    if (c >= 0xc0) {
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      if (k < len) end -= k;
      break;
    }
  }
  return b.subarray(0, end);
}

// Windows-1252 differs from latin1 in 0x80–0x9F; undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// stay as their C1 code points.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeCp1252(buf: Buffer, start = 0, end = buf.length): string {
  const text = buf.toString('latin1', start, end);
  // eslint-disable-next-line no-control-regex
  if (!/[\x80-\x9f]/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x80-\x9f]/g, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80]!));
}

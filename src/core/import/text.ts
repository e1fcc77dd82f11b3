// Text normalisation shared by the importer: how spreadsheet cells are compared and turned
// into slugs. Pure and deterministic.

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 63;

/** Accents folded to ASCII where Unicode decomposes them (é → e); ß, æ, ø… spelled out. */
function foldAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐ]/g, 'd')
    .replace(/[łŁ]/g, 'l')
    .replace(/[þÞ]/g, 'th');
}

/** How cells and mapping keys are compared: case, accents and runs of spaces do not matter. */
export function normalizeKey(text: string): string {
  return foldAscii(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A slug for the inventory: lowercase ASCII letters and digits in hyphen-separated runs,
 * at most `max` characters, cut at a hyphen where one is near. '' when nothing is left.
 */
export function slugify(text: string, max = SLUG_MAX): string {
  const slug = foldAscii(text)
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cut(slug, max);
}

export function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max);
  const hyphen = head.lastIndexOf('-');
  // Cutting at a word boundary reads better, unless it throws most of the slug away.
  return (hyphen >= max / 2 ? head.slice(0, hyphen) : head).replace(/-+$/, '');
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable short fingerprint for names with no ASCII left. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A cell listing several values: split on , ; | and line ends, blanks dropped. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[,;|\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A vocabulary name as users write it ("Customer data", "PCI-DSS") → its catalog spelling. */
export function toName(text: string, joiner: '_' | '-'): string {
  return foldAscii(text)
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, joiner)
    .replace(/^[-_]+|[-_]+$/g, '');
}

// Cell values shared by the usage readers: instants, numbers, nulls and tierplan tags.

/** `NULL` (FOCUS 1.0 sample) and the empty string are both null. */
export function isNullText(s: string): boolean {
  return s === '' || s === 'NULL' || s === 'null';
}

export type TimeFormat = 'auto' | 'iso' | 'us' | 'epoch_s' | 'epoch_ms';

// 2025-05-01T12:34:56.789Z, 2025-05-01 12:34:56+02:00, 2025-05-01 12:34:56.123456 (no zone = UTC), 2025-05-01
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?)?$/;
// 05/01/2025 13:45, 5/1/2025 1:45 PM, 05/01/2025 13:45:10, 05/01/2025
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/**
 * The instant as ISO 8601 UTC with milliseconds, or null when it is not one of: ISO 8601 with Z
 * or an offset; `YYYY-MM-DD HH:MM[:SS[.fff]]` without a zone (taken as UTC, as FOCUS and
 * Postgres exports write it); `YYYY-MM-DD`; US `MM/DD/YYYY HH:MM[:SS][ AM|PM]` (UTC); or, when
 * asked for, epoch seconds or milliseconds.
 */
export function parseInstant(text: string, format: TimeFormat = 'auto'): string | null {
  if (format === 'auto' || format === 'iso') {
    const fast = fastUtc(text);
    if (fast !== undefined) return fast;
  }
  const s = text.trim();
  if (format === 'epoch_s' || format === 'epoch_ms') {
    if (!/^\d+(\.\d+)?$/.test(s)) return null;
    const ms = Number(s) * (format === 'epoch_s' ? 1000 : 1);
    return Number.isFinite(ms) ? new Date(Math.round(ms)).toISOString() : null;
  }
  if (format !== 'us') {
    const m = ISO.exec(s);
    if (m) {
      const offset = zoneMinutes(m[8]);
      const frac = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
      return build({
        y: +m[1]!,
        mo: +m[2]!,
        d: +m[3]!,
        h: +(m[4] ?? 0),
        mi: +(m[5] ?? 0),
        s: +(m[6] ?? 0),
        ms: frac,
        offsetMinutes: offset,
      });
    }
    if (format === 'iso') return null;
  }
  const u = US.exec(s);
  if (!u) return null;
  let hour = +(u[4] ?? 0);
  const ampm = u[7]?.toLowerCase();
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  return build({
    y: +u[3]!,
    mo: +u[1]!,
    d: +u[2]!,
    h: hour,
    mi: +(u[5] ?? 0),
    s: +(u[6] ?? 0),
    ms: 0,
    offsetMinutes: 0,
  });
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(s: string, from: number, count: number): number {
  let v = 0;
  for (let k = from; k < from + count; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The common exports' shape, `YYYY-MM-DD[T ]HH:MM:SS[.fff…]` then nothing, `Z`, `+00:00`,
 * `+0000` or `+00`, checked and rewritten without a Date (a third of the time of a row);
 * undefined means "not this shape, use the general parser", null "this shape but impossible".
 */
function fastUtc(s: string): string | null | undefined {
  const n = s.length;
  if (n < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return undefined;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 32) return undefined;
  let i = 19;
  let ms = '000';
  if (i < n && s.charCodeAt(i) === 46) {
    let j = i + 1;
    while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j === i + 1) return undefined;
    ms = `${s.slice(i + 1, Math.min(j, i + 4))}00`.slice(0, 3);
    i = j;
  }
  const zone = s.slice(i);
  if (zone !== '' && zone !== 'Z' && zone !== '+00:00' && zone !== '+0000' && zone !== '+00') return undefined;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const sec = digitsAt(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
    return y < 0 || h < 0 || mi < 0 || sec < 0 ? undefined : null;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0;
  if (d > DAYS[mo - 1]! + leap) return null;
  return `${s.slice(0, 10)}T${s.slice(11, 19)}.${ms}Z`;
}

function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** A local date and time as parsed, `mo` counted from 1; the offset is the zone's, east of UTC. */
interface DateParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  offsetMinutes: number;
}

function build({ y, mo, d, h, mi, s, ms, offsetMinutes }: DateParts): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const check = new Date(t);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null; // 31 April, 29 Feb 2025
  return new Date(t - offsetMinutes * 60_000).toISOString();
}

/**
 * The largest token, request or latency count a row may carry, and the largest cost in either
 * direction: far above any real export (a quadrillion tokens, a trillion in a row's currency), yet
 * small enough that millions of rows sum to a finite number, so review.json never holds the
 * Infinity or NaN that JSON cannot write and the schema refuses.
 */
export const MAX_COUNT = 1e15;
export const MAX_COST = 1e12;

/**
 * A number from a cell, or undefined for null text, or NaN when it is not a number. `Infinity`
 * and overflowing exponents give ±Infinity: a JSON reader sees 1e309 as Infinity, and the range
 * check must refuse it the same way whichever format carried it.
 */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (isNullText(s)) return undefined;
  // Number() would accept hex, binary and '  '; a cell holds decimal notation only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return INFINITY.test(s) ? Number(s) : Number.NaN;
  return Number(s) + 0; // + 0: -0 is 0
}

const INFINITY = /^[+-]?Infinity$/;

const TIERPLAN_UC = 'tierplan-uc:';
const TIERPLAN_TIER = 'tierplan-tier:';

// Key spellings accepted in key/value tag maps (FOCUS Tags, LiteLLM metadata), normalised to the
// `tierplan-uc:<alias>` / `tierplan-tier:<tier>` strings that deployments carry as LiteLLM tags.
const UC_KEYS = new Set([
  'tierplan-uc',
  'tierplan_uc',
  'tierplan:use_case',
  'tierplan:use-case',
  'tierplan_use_case',
  'tierplan-use-case',
  'tierplan/use_case',
]);
const USER_TAG_PREFIX = /^user[:_]/;
const TIER_KEYS = new Set(['tierplan-tier', 'tierplan_tier', 'tierplan:tier', 'tierplan/tier']);

/**
 * The tierplan tags found in a value: strings `tierplan-uc:…` / `tierplan-tier:…` anywhere in
 * arrays or objects (LiteLLM request_tags, metadata.tags), and key/value pairs whose key is a
 * tierplan spelling (`tierplan-uc`, `tierplan_uc`, `tierplan:use_case`, `tierplan-tier`,
 * `tierplan_tier`, `tierplan:tier`; keys compared case-insensitively, a cloud's `user:` or `user_`
 * prefix ignored). Searched 4 levels deep.
 */
export function tierplanTags(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 4 || value === null || value === undefined) return out;
  if (typeof value === 'string') {
    const t = value.trim();
    const lower = t.toLowerCase();
    if ((lower.startsWith(TIERPLAN_UC) || lower.startsWith(TIERPLAN_TIER)) && t.indexOf(':') < t.length - 1) {
      const colon = t.indexOf(':');
      addTag(out, `${t.slice(0, colon).toLowerCase()}:${t.slice(colon + 1).trim()}`);
    } else if ((t[0] === '[' || t[0] === '{') && t.includes('tierplan')) {
      // A list or map serialised into one tag value (an export's `"tags": "[\"tierplan-uc:x\"]"`).
      const parsed = parseJsonCell(t);
      if (typeof parsed !== 'string') tierplanTags(parsed, out, depth + 1);
    }
    return out;
  }
  if (Array.isArray(value)) {
    for (const v of value) tierplanTags(v, out, depth + 1);
    return out;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // Cloud bills may prefix user-defined tags (`user:tierplan-uc`, CUR's `user_tierplan_uc`).
      const key = k.trim().toLowerCase().replace(USER_TAG_PREFIX, '');
      // A `tierplan-uc:<alias>` string used as a key (tags without values) counts as that tag.
      tierplanTags(k.trim().replace(USER_TAG_PREFIX, ''), out, depth + 1);
      if (typeof v === 'string' && v.trim() !== '') {
        if (UC_KEYS.has(key)) addTag(out, TIERPLAN_UC + v.trim());
        else if (TIER_KEYS.has(key)) addTag(out, TIERPLAN_TIER + v.trim());
        else tierplanTags(v, out, depth + 1);
      } else tierplanTags(v, out, depth + 1);
    }
  }
  return out;
}

function addTag(out: string[], tag: string): void {
  if (!out.includes(tag)) out.push(tag);
}

const TAG_CACHE_SIZE = 4096;
const tagCache = new Map<string, string[]>();

/**
 * tierplanTags of a JSON cell's text, remembered: request_tags repeat across rows (one list per
 * deployment and client), so most rows skip JSON.parse. Callers must not modify the result.
 */
export function tierplanTagsOfText(text: string): readonly string[] {
  let tags = tagCache.get(text);
  if (tags === undefined) {
    tags = tierplanTags(parseJsonCell(text));
    if (tagCache.size >= TAG_CACHE_SIZE) tagCache.clear();
    tagCache.set(text, tags);
  }
  return tags;
}

/** The use case alias a `tierplan-uc:` tag names, if any. */
export function useCaseFromTags(tags: string[]): string | null {
  for (const t of tags) if (t.startsWith(TIERPLAN_UC)) return t.slice(TIERPLAN_UC.length);
  return null;
}

/** JSON text parsed, or the text itself when it is not JSON (a cell may hold either). */
export function parseJsonCell(text: string): unknown {
  const s = text.trim();
  if (s === '' || (s[0] !== '{' && s[0] !== '[' && s[0] !== '"')) return s;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

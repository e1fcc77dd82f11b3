// Free-text dates from spreadsheets → YYYY-MM-DD, or a reason why not.
import { isIsoDate } from '../plan/dates.js';
import type { DateFormat } from './mapping-types.js';

export type DateResult = { date: string } | { error: string };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 1–12 for a month name or its abbreviation of three letters or more (Mar, Sept, March). */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i >= 0 ? i + 1 : undefined;
}

function build(y: number, m: number, d: number, text: string): DateResult {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? { date: iso } : { error: `"${text}" is not a calendar date` };
}

const year = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * Reads 2026-03-01, 2026-03-01T10:00:00Z (the date part, as written), 2026/03/01,
 * 1 March 2026, March 1, 2026, 1-Mar-2026, and 01/03/2026 or 01.03.2026 when `format` says
 * which number is the day.
 */
export function parseFreeDate(raw: string, format?: DateFormat): DateResult {
  const text = raw.trim();
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
      text,
    );
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([A-Za-z]+\.?),?[\s\-/.]+(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const month = monthOf(m[2]!);
    return month ? build(year(m[3]!), month, Number(m[1]), text) : { error: `"${text}": "${m[2]}" is not a month` };
  }
  m = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month ? build(Number(m[3]), month, Number(m[2]), text) : { error: `"${text}": "${m[1]}" is not a month` };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (!format) {
      return {
        error: `"${text}" is ambiguous (day/month or month/day?): set date_format: DD/MM/YYYY or MM/DD/YYYY in the mapping`,
      };
    }
    return format === 'DD/MM/YYYY' ? build(year(m[3]!), b, a, text) : build(year(m[3]!), a, b, text);
  }
  return { error: `"${text}" is not a date tierplan reads: write it as YYYY-MM-DD` };
}

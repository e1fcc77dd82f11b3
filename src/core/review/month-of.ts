// The UTC month of a usage row's time, once per row of a review: kept cheap.

/** The month (YYYY-MM, UTC) of an ISO 8601 instant, or null when it is not one. */
export function monthOf(time: string): string | null {
  const fast = canonicalMonth(time);
  if (fast !== undefined) return fast;
  const t = Date.parse(time);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 7);
}

// The readers write times as `YYYY-MM-DDTHH:MM:SS.sssZ`; parsing each with Date was a quarter of
// a review's time. For that shape with a time of day in range, the month is the date's, which
// Date decides once per distinct date (it also rolls impossible dates over, as Date.parse does).
// The same month string comes back for every row of a date, so maps keyed by it hash it once.
const monthOfDate = new Map<number, string | null>();

const DIGITS_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

function canonicalMonth(time: string): string | null | undefined {
  if (
    time.length !== 24 ||
    time.charCodeAt(10) !== 84 ||
    time.charCodeAt(23) !== 90 ||
    time.charCodeAt(4) !== 45 ||
    time.charCodeAt(7) !== 45 ||
    time.charCodeAt(13) !== 58 ||
    time.charCodeAt(16) !== 58 ||
    time.charCodeAt(19) !== 46
  )
    return undefined;
  for (const k of DIGITS_AT) {
    const c = time.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
  }
  const two = (k: number): number => (time.charCodeAt(k) - 48) * 10 + time.charCodeAt(k + 1) - 48;
  if (two(11) > 23 || two(14) > 59 || two(17) > 59) return undefined;
  const date = (two(0) * 100 + two(2)) * 10000 + two(5) * 100 + two(8);
  let month = monthOfDate.get(date);
  if (month === undefined) {
    const t = Date.parse(`${time.slice(0, 10)}T00:00:00.000Z`);
    month = Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 7);
    if (monthOfDate.size >= 4096) monthOfDate.clear();
    monthOfDate.set(date, month);
  }
  return month;
}

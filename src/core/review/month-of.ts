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

function canonicalMonth(time: string): string | null | undefined {
  if (time.length !== 24 || time.charCodeAt(10) !== 84 || time.charCodeAt(23) !== 90 || time.charCodeAt(4) !== 45 || time.charCodeAt(7) !== 45 || time.charCodeAt(13) !== 58 || time.charCodeAt(16) !== 58 || time.charCodeAt(19) !== 46) return undefined;
  const y = digits(time, 0, 4);
  const mo = digits(time, 5, 2);
  const d = digits(time, 8, 2);
  const h = digits(time, 11, 2);
  const mi = digits(time, 14, 2);
  const sec = digits(time, 17, 2);
  const ms = digits(time, 20, 3);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return undefined;
  const date = (y * 100 + mo) * 100 + d;
  let month = monthOfDate.get(date);
  if (month === undefined) {
    const t = Date.parse(`${time.slice(0, 10)}T00:00:00.000Z`);
    month = Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 7);
    if (monthOfDate.size >= 4096) monthOfDate.clear();
    monthOfDate.set(date, month);
  }
  return month;
}

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let k = at; k < at + count; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

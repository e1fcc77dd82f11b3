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
const monthOfDate = new Map<string, string | null>();

function canonicalMonth(time: string): string | null | undefined {
  if (time.length !== 24 || time.charCodeAt(10) !== 84 || time.charCodeAt(23) !== 90 || time.charCodeAt(13) !== 58 || time.charCodeAt(16) !== 58 || time.charCodeAt(19) !== 46) return undefined;
  const two = (at: number): number => {
    const a = time.charCodeAt(at) - 48;
    const b = time.charCodeAt(at + 1) - 48;
    return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
  };
  const h = two(11);
  const m = two(14);
  const sec = two(17);
  const ms = two(20);
  const ms3 = time.charCodeAt(22) - 48;
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 || ms < 0 || ms3 < 0 || ms3 > 9) return undefined;
  const date = time.slice(0, 10);
  let month = monthOfDate.get(date);
  if (month === undefined) {
    const t = Date.parse(`${date}T00:00:00.000Z`);
    month = Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 7);
    if (monthOfDate.size >= 4096) monthOfDate.clear();
    monthOfDate.set(date, month);
  }
  return month;
}

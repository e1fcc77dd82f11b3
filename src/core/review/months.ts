// Calendar months as YYYY-MM strings (UTC); pure arithmetic, no clock.
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s);

export function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mm = Number(m.slice(5, 7));
  return mm === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${m.slice(0, 4)}-${String(mm + 1).padStart(2, '0')}`;
}

/** from..to inclusive; empty when to is before from or either is not a month. */
export function monthRange(from: string, to: string): string[] {
  if (!isMonth(from) || !isMonth(to)) return [];
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}

/** The last day of a month a number of years later, as YYYY-MM-DD. */
export function endOfMonthPlusYears(m: string, years: number): string {
  const y = Number(m.slice(0, 4)) + years;
  const mm = Number(m.slice(5, 7));
  const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

function previousMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mm = Number(m.slice(5, 7));
  return mm === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${m.slice(0, 4)}-${String(mm - 1).padStart(2, '0')}`;
}

/** The `count` months just before `from`, oldest first: "last quarter" for a quarter's review. */
export function monthsBefore(from: string, count: number): string[] {
  const out: string[] = [];
  for (let m = previousMonth(from); out.length < count; m = previousMonth(m)) out.unshift(m);
  return out;
}

// Number formatting shared by every renderer. Deliberately not `toLocaleString`/`Intl`:
// their output depends on the machine's locale and ICU data, and outputs must be byte-identical.

export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 2100000000 → `2.1B`; one decimal below 10, none above. */
export function formatTokens(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) {
      const v = n / size;
      return `${Math.abs(v) < 10 ? trimZero(v.toFixed(1)) : String(Math.round(v))}${unit}`;
    }
  }
  return String(Math.round(n));
}

/**
 * A share of capacity: whole percent from 10 %, one decimal from 1 %, two significant digits
 * below (`0.04%`), so an almost idle deployment does not read as 0 %.
 */
export function formatUtilisation(share: number): string {
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (pct >= 10) return `${Math.round(pct)}%`;
  if (pct >= 1) return `${trimZero(pct.toFixed(1))}%`;
  return `${trimZeros(pct.toPrecision(2))}%`;
}

/** A share in [0, 1] as a whole percentage. */
export function formatPct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Shares as the practitioners' shorthand, e.g. `60-20-20`. */
export function formatSplit(shares: (number | null)[]): string {
  return shares.map((s) => (s === null ? '–' : String(Math.round(s * 100)))).join('-');
}

/** Days until an expiry date: `in 47 d`, `today`, `24 d ago`. */
export function formatDaysLeft(days: number): string {
  if (days < 0) return `${-days} d ago`;
  if (days === 0) return 'today';
  return `in ${days} d`;
}

/** `1 use case`, `2 use cases`. */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const trimZero = (s: string): string => s.replace(/\.0$/, '');
/** `0.0040` → `0.004`; `toPrecision` never gives an exponent for these magnitudes (≥ 1e-6). */
const trimZeros = (s: string): string =>
  s.includes('e') ? Number(s).toFixed(8).replace(/0+$/, '') : s.replace(/\.?0+$/, '');

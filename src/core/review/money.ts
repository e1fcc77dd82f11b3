// Amounts of money as a quarterly review prints them: always with the currency, at a precision
// a reader can use. One function for core's own sentences (trigger summaries and notes, which
// review.json carries) and for every renderer, so no two places write the same amount apart.
// Deliberately not Intl: its output depends on the machine's ICU data; outputs must be identical.

/** Symbols that name one currency only; any other code is printed before the amount (`CHF 1,234`). */
const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };
/** Currencies without minor units in everyday use: whole units always. */
const WHOLE_UNITS: ReadonlySet<string> = new Set(['JPY', 'KRW', 'ISK', 'CLP', 'VND']);

const TINY = 1e-6;
const TINY_TEXT = '0.000001';

const groups = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The amount without its currency: whole units from 100 (`1,234`, `764`: a column never mixes
 * `1,390` with `764.30`), cents below (`0.42`, `12.30`), and two significant digits under half
 * a cent (`0.0042`), so a small charge never shows as 0; exactly nothing is `0`.
 */
export function moneyDigits(amount: number, currency = ''): string {
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  if (abs === 0) return '0';
  if (abs >= 100 || WHOLE_UNITS.has(currency)) {
    const whole = Math.round(abs);
    return whole === 0 ? `${sign}${abs.toPrecision(2)}` : `${sign}${groups(String(whole))}`;
  }
  if (abs < 0.005) {
    // Below a millionth of a unit (no export bills that finely) the amount is said as a bound.
    if (abs < TINY) return `${sign}<${TINY_TEXT}`;
    return `${sign}${abs
      .toPrecision(2)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '')}`;
  }
  const cents = Math.round(abs * 100);
  return `${sign}${groups(String(Math.floor(cents / 100)))}.${String(cents % 100).padStart(2, '0')}`;
}

/** `$1,234`, `$0.42`, `€0.0042`, `-£12.00`, `CHF 1,234`: an amount with its currency. */
export function formatAmount(amount: number, currency: string): string {
  const digits = moneyDigits(amount, currency);
  const symbol = SYMBOLS[currency];
  const [sign, rest] = digits.startsWith('-') ? ['-', digits.slice(1)] : ['', digits];
  const [bound, value] = rest.startsWith('<') ? ['<', rest.slice(1)] : ['', rest];
  return symbol === undefined ? `${sign}${bound}${currency}\u00a0${value}` : `${sign}${bound}${symbol}${value}`;
}

/** What the currency is printed as in a column header: `$`, `€`, or the code. */
export const currencyLabel = (currency: string): string => SYMBOLS[currency] ?? currency;

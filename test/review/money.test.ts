import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyLabel, formatAmount, moneyDigits } from '../../src/core/review/money.js';

// Money as the review prints it, in core's sentences and every renderer alike.

describe('formatAmount', () => {
  it('whole units from 100, cents below, two significant digits under half a cent, never <1', () => {
    expect(
      [
        0, 0.0042, 0.004, 0.005, 0.01, 0.42, 1, 20.52, 99.994, 99.996, 764.3, 11701.4, 1234567.891, -3.456, 0.00000123,
      ].map((n) => formatAmount(n, 'USD')),
    ).toEqual([
      '$0',
      '$0.0042',
      '$0.004',
      '$0.01',
      '$0.01',
      '$0.42',
      '$1.00',
      '$20.52',
      '$99.99',
      '$100.00',
      '$764',
      '$11,701',
      '$1,234,568',
      '-$3.46',
      '$0.0000012',
    ]);
    expect(formatAmount(5e-324, 'USD')).toBe('<$0.000001');
  });
  it('a symbol where one names the currency alone, else the ISO code before the amount', () => {
    expect(formatAmount(1234.5, 'EUR')).toBe('€1,235');
    expect(formatAmount(0.42, 'GBP')).toBe('£0.42');
    expect(formatAmount(1234.5, 'CHF')).toBe('CHF\u00a01,235');
    expect(formatAmount(-12, 'SEK')).toBe('-SEK\u00a012.00');
    expect(currencyLabel('USD')).toBe('$');
    expect(currencyLabel('CAD')).toBe('CAD');
  });
  it('currencies without minor units print whole units', () => {
    expect(formatAmount(42.4, 'JPY')).toBe('¥42');
    expect(formatAmount(0.4, 'JPY')).toBe('¥0.40');
  });
  it('any amount: the currency is there, the digits are grouped, a non-zero amount never reads as 0', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        const text = formatAmount(x, 'USD');
        expect(text).toMatch(/^-?<?\$\d{1,3}(,\d{3})*(\.\d+)?$/);
        expect(text.includes('<')).toBe(x !== 0 && Math.abs(x) < 1e-6);
        if (x !== 0) expect(moneyDigits(x)).not.toMatch(/^-?0(\.0+)?$/);
      }),
    );
  });
});

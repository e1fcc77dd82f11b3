import { describe, expect, it } from 'vitest';
import {
  formatDaysLeft,
  formatInt,
  formatPct,
  formatSplit,
  formatTokens,
  formatUtilisation,
} from '../../src/render/text/format.js';

describe('number formatting (locale-independent)', () => {
  it('formatInt groups thousands', () => {
    expect([0, 999, 1000, 1234567, -45678].map(formatInt)).toEqual(['0', '999', '1,000', '1,234,567', '-45,678']);
  });
  it('formatTokens is compact', () => {
    expect([0, 950, 1500, 12_000, 720_000_000, 2_100_000_000, 3_136_000_000, 15e12].map(formatTokens)).toEqual([
      '0',
      '950',
      '1.5k',
      '12k',
      '720M',
      '2.1B',
      '3.1B',
      '15T',
    ]);
  });
  it('formatUtilisation: an almost idle deployment does not read as 0 %', () => {
    expect([0, 0.0004, 0.000004, 0.0075, 0.0123, 0.1, 0.8, 1.2].map(formatUtilisation)).toEqual([
      '0%',
      '0.04%',
      '0.0004%',
      '0.75%',
      '1.2%',
      '10%',
      '80%',
      '120%',
    ]);
  });
  it('formatPct and formatSplit', () => {
    expect(formatPct(0.3077)).toBe('31%');
    expect(formatSplit([0.6, 0.2, 0.2])).toBe('60-20-20');
    expect(formatSplit([0.5, null])).toBe('50-–');
  });
  it('formatDaysLeft', () => {
    expect([47, 0, -24].map(formatDaysLeft)).toEqual(['in 47 d', 'today', '24 d ago']);
  });
});

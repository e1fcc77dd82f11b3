import { describe, expect, it } from 'vitest';
import { terminalColumns } from '../../src/cli/context.js';

describe('terminal columns', () => {
  it('COLUMNS wins over the terminal width', () => {
    expect(terminalColumns('100', 180)).toBe(100);
  });

  it("falls back to the terminal's width, and is unknown in a pipe without COLUMNS", () => {
    expect(terminalColumns(undefined, 180)).toBe(180);
    expect(terminalColumns(undefined, undefined)).toBeUndefined();
  });

  it('ignores a COLUMNS that is not a positive whole number', () => {
    expect(terminalColumns('', 90)).toBe(90);
    expect(terminalColumns('wide', undefined)).toBeUndefined();
    expect(terminalColumns('0', 90)).toBe(90);
  });
});

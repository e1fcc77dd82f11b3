import { describe, expect, it } from 'vitest';
import { fitColumns } from '../../src/render/text/columns.js';
import { drawTable } from '../../src/render/text/text-table.js';
import { wrapCell } from '../../src/render/text/wrap.js';
import { displayWidth } from './text-width.js';

const lines = (text: string, width: number): string[] => wrapCell(text, width).map((l) => l.text);

describe('wrapCell', () => {
  it('breaks at spaces and moves a whole word that fits to the next line', () => {
    expect(lines('first in preference order offering mid', 16)).toEqual([
      'first in',
      'preference order',
      'offering mid',
    ]);
    expect(lines('uc-1 claims-triage', 14)).toEqual(['uc-1', 'claims-triage']);
  });

  it('breaks a word wider than the column after its hyphens, not inside the letters', () => {
    expect(lines('payment-dispute-agent', 18)).toEqual(['payment-dispute-', 'agent']);
    expect(lines('a payment-dispute-agent', 10)).toEqual(['a', 'payment-', 'dispute-', 'agent']);
  });

  it('cuts a part still wider than the column with an ellipsis, never silently', () => {
    expect(lines('prior-authorisation-agent', 11)).toEqual(['prior-', 'authorisat…', 'agent']);
    expect(lines('ciso@example.com', 8)).toEqual(['ciso@ex…']);
  });

  it('glues words joined by a no-break space and prints it as a space', () => {
    expect(lines('call-transcripts →\u00a0private-cloud', 18)).toEqual(['call-transcripts', '→ private-cloud']);
  });

  it('counts wide characters as two columns', () => {
    const wrapped = wrapCell('名前 名前 名前', 9);
    expect(wrapped.map((l) => l.text)).toEqual(['名前 名前', '名前']);
    expect(wrapped.map((l) => l.width)).toEqual([9, 4]);
  });

  it('keeps explicit line breaks', () => {
    expect(lines('on-prem\n3 (20%)\n', 20)).toEqual(['on-prem', '3 (20%)', '']);
  });

  it('closes a colour at a line break and reopens it on the next line', () => {
    const red = '\u001b[31mone two three\u001b[39m';
    expect(lines(red, 8)).toEqual(['\u001b[31mone two\u001b[0m', '\u001b[31mthree\u001b[39m']);
  });

  it('wraps a very long cell in one pass (a quadratic wrap would hit the test timeout)', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `uc-${i}`).join(' ');
    const wrapped = wrapCell(text, 30);
    expect(wrapped.every((l) => l.width <= 30)).toBe(true);
    expect(wrapped.map((l) => l.text).join(' ')).toBe(text);
  });
});

describe('drawTable', () => {
  it("draws cli-table3's frame, pads to the widths and aligns right on request", () => {
    const t = drawTable({
      head: ['tier', 'n'],
      rows: [
        ['api', '4'],
        ['on-prem', '12'],
      ],
      align: ['left', 'right'],
    });
    expect(t).toBe(
      [
        '┌─────────┬────┐',
        '│ tier    │  n │',
        '├─────────┼────┤',
        '│ api     │  4 │',
        '├─────────┼────┤',
        '│ on-prem │ 12 │',
        '└─────────┴────┘',
      ].join('\n'),
    );
  });

  it('wraps every cell to its column, so every line has the table width', () => {
    const t = drawTable({
      head: ['use case', 'rationale'],
      rows: [['payment-dispute-agent', 'first in preference order offering frontier, certified pci_dss']],
      widths: [12, 24],
      compact: true,
    });
    for (const line of t.split('\n')) expect(displayWidth(line), line).toBe(12 + 24 + 3);
  });
});

describe('fitColumns', () => {
  it('gives short columns their natural width and the prose columns the rest', () => {
    expect(fitColumns(80, [{ natural: 20, min: 12 }], 2)).toEqual([20, 28, 28]);
  });

  it('shrinks short columns toward their floor on a narrow terminal', () => {
    const w = fitColumns(
      60,
      [
        { natural: 30, min: 12 },
        { natural: 20, min: 10 },
      ],
      1,
      18,
    );
    expect(w.reduce((a, b) => a + b, 0) + w.length + 1).toBe(60);
    expect(w[0]).toBeGreaterThanOrEqual(12);
    expect(w[2]).toBeGreaterThanOrEqual(18);
  });
});

import { describe, expect, it } from 'vitest';
import { escapeXml, splitCompareSvg, stackedColumnsSvg, triggerSparkSvg } from '../../src/render/review/review-svg.js';
import { NASTY } from './fixture.js';

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('does not double-escape on the way (each & once)', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });
  it('replaces characters XML forbids, keeps tab, newline, emoji and CJK', () => {
    expect(escapeXml('a\u0000b\u001bc\u0085d\ud800e')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde');
    expect(escapeXml('x\ty\nz 😀 日本')).toBe('x\ty\nz 😀 日本');
  });
  it('leaves plain text alone', () => {
    expect(escapeXml('on-prem 2026-01: 1.2M')).toBe('on-prem 2026-01: 1.2M');
  });
});

/** Tag names in document order: input text can add none. */
const tags = (svg: string): string[] => [...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]!);

describe('charts', () => {
  const seg = (title: string) => [
    { cls: 't0', value: 3, title },
    { cls: 't1', value: 1, title },
  ];
  it('a hostile label changes no element of a chart', () => {
    const make = (label: string): string[] => [
      stackedColumnsSvg(label, [{ label, total: label, segments: seg(label) }]),
      splitCompareSvg(
        label,
        [
          {
            label,
            rows: [
              {
                tier: label,
                cls: 't0',
                now: { share: 1, label, title: label },
                before: { share: 0.5, label, title: label },
              },
            ],
          },
        ],
        { tiers: [{ tier: label, cls: 't0' }], now: label, before: label },
      ),
      triggerSparkSvg(label, [{ month: '2026-01', value: 1, threshold: 2, label }], ['2026-01'], 't0', label),
    ];
    const nasty = make(NASTY);
    const plain = make('plain');
    expect(nasty.map(tags)).toEqual(plain.map(tags));
    for (const svg of nasty) {
      expect(svg).not.toContain('<script');
      expect(svg).toContain('&lt;script&gt;');
    }
  });
  it('scales bars to the largest value and rounds coordinates', () => {
    const svg = stackedColumnsSvg(
      't',
      [
        { label: 'a', total: '4', segments: [{ cls: 't0', value: 4, title: 'a' }] },
        { label: 'b', total: '2', segments: [{ cls: 't0', value: 2, title: 'b' }] },
      ],
      170,
    );
    const heights = [...svg.matchAll(/<rect class="f-t0" [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([136, 68]);
  });
  it('the split against last period: a solid bar now and a pale one last period per tier, shares as text, clamped to the plot', () => {
    const bar = (share: number) => ({ share, label: `${share * 100}%`, title: `t ${share}` });
    const svg = splitCompareSvg(
      'split',
      [
        {
          label: 'tokens',
          rows: [
            { tier: 'api', cls: 't0', now: bar(0.25), before: bar(1) },
            { tier: 'on-prem', cls: 't1', now: bar(1.2), before: null },
          ],
        },
      ],
      {
        tiers: [
          { tier: 'api', cls: 't0' },
          { tier: 'on-prem', cls: 't1' },
        ],
        now: 'this period',
        before: 'last period',
      },
      300,
    );
    const widths = [...svg.matchAll(/<rect class="(f-t\d(?: prev)?)" [^>]*width="([\d.]+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const plot = 300 - 96 - 96;
    // The bars, then the legend: a swatch per tier in its colour (as the bars are), 10 wide.
    expect(widths).toEqual([
      ['f-t0', plot * 0.25],
      ['f-t0 prev', plot],
      ['f-t1', plot],
      ['f-t0', 10],
      ['f-t1', 10],
    ]);
    expect(svg).toContain('>25%</text>');
    expect(svg).toContain('>api</text>');
    expect(svg).toContain('>last period</text>');
    // Without a previous period: single bars, no second legend entry.
    const alone = splitCompareSvg(
      'split',
      [{ label: 'tokens', rows: [{ tier: 'api', cls: 't0', now: bar(0.5), before: null }] }],
      { tiers: [{ tier: 'api', cls: 't0' }], now: 'this period', before: null },
    );
    expect(alone).not.toContain('prev');
  });
  it('an empty chart is still a valid svg element', () => {
    expect(splitCompareSvg('t', [], { tiers: [], now: 'now', before: null })).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    expect(stackedColumnsSvg('t', [])).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    expect(triggerSparkSvg('t', [], [], 't0', '')).toMatch(/^<svg [^>]*>.*<\/svg>$/);
  });
});

describe('trigger sparklines', () => {
  const fig = (value: number, threshold: number, month = '2026-01') => ({ month, value, threshold, label: `${value}` });
  const bars = (svg: string): number[] =>
    [...svg.matchAll(/<rect class="f-[^"]*" [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
  const lineY = (svg: string): number | undefined => {
    const m = svg.match(/<line class="threshold" [^>]*y1="([\d.]+)"/);
    return m ? Number(m[1]) : undefined;
  };
  it('bars are scaled to the data, not to a threshold that dwarfs it; the threshold is noted, not drawn', () => {
    // A deployment at 0.2 % of capacity against a 10 % floor: the old chart drew empty bars.
    const svg = triggerSparkSvg('t', [fig(0.002, 0.1), fig(0.001, 0.1, '2026-02')], ['2026-01'], 't2', '10%');
    const [a, b] = bars(svg);
    expect(a).toBeCloseTo(21, 0); // the full plot height
    expect(b).toBeCloseTo(10.5, 0);
    expect(lineY(svg)).toBeUndefined();
    expect(svg).toContain('>▲ 10%</text>');
  });
  it("a threshold on the data's scale is a line inside the plot, labelled beside the bars", () => {
    const svg = triggerSparkSvg('t', [fig(30_000, 20_000), fig(10_000, 20_000, '2026-02')], [], 't1', '$20,000');
    const y = lineY(svg)!;
    expect(y).toBeGreaterThan(3);
    expect(y).toBeLessThan(24);
    expect(svg).toMatch(/class="threshold-label">\$20,000<\/text>/);
    // The label starts right of the bars, so the line never runs through text.
    const labelX = Number(svg.match(/<text x="([\d.]+)"[^>]*class="threshold-label"/)![1]);
    const lineEnd = Number(svg.match(/<line class="threshold" [^>]*x2="([\d.]+)"/)![1]);
    expect(labelX).toBeGreaterThan(lineEnd);
  });
  it('nothing is drawn outside the chart: every bar within its height', () => {
    const svg = triggerSparkSvg('t', [fig(5, 1), fig(0, 1, '2026-02'), fig(2, 1, '2026-03')], [], 't0', '1');
    const height = Number(svg.match(/height="([\d.]+)"/)![1]);
    for (const m of svg.matchAll(/<rect [^>]*y="([\d.]+)" [^>]*height="([\d.]+)"/g))
      expect(Number(m[1]) + Number(m[2])).toBeLessThanOrEqual(height);
  });
});

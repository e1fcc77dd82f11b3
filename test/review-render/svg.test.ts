import { describe, expect, it } from 'vitest';
import {
  barChartSvg,
  escapeXml,
  splitCompareSvg,
  stackedColumnsSvg,
  triggerSparkSvg,
} from '../../src/render/review/review-svg.js';
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
      barChartSvg(label, [{ label, value: 4, valueLabel: label, segments: seg(label) }]),
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
        { now: label, before: label },
      ),
      triggerSparkSvg(label, [{ month: '2026-01', value: 1, threshold: 2, label }], ['2026-01'], 't0'),
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
      { now: 'this period', before: 'last period' },
      300,
    );
    const widths = [...svg.matchAll(/<rect class="(f-t\d(?: prev)?)" [^>]*width="([\d.]+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const plot = 300 - 96 - 96;
    expect(widths).toEqual([
      ['f-t0', plot * 0.25],
      ['f-t0 prev', plot],
      ['f-t1', plot],
    ]);
    expect(svg).toContain('>25%</text>');
    expect(svg).toContain('>last period</text>');
    // Without a previous period: single bars, no second legend entry.
    const alone = splitCompareSvg(
      'split',
      [{ label: 'tokens', rows: [{ tier: 'api', cls: 't0', now: bar(0.5), before: null }] }],
      { now: 'this period', before: null },
    );
    expect(alone).not.toContain('prev');
  });
  it('an empty chart is still a valid svg element', () => {
    expect(splitCompareSvg('t', [], { now: 'now', before: null })).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    expect(stackedColumnsSvg('t', [])).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    expect(barChartSvg('t', [])).toMatch(/^<svg [^>]*>.*<\/svg>$/);
  });
});

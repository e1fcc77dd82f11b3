// Inline SVG charts for the HTML review, built from data by pure functions. Every label and
// title passes through escapeXml; numbers are rounded to one decimal so output is stable.
// Colours come from the stylesheet (`f-t0`… classes), so charts follow the matrix palette.

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an XML/HTML text node or attribute value. Characters XML 1.0 forbids (C0 controls
 * other than tab/newline/CR, C1 controls, lone surrogates) become U+FFFD.
 */
export function escapeXml(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    )
    .replace(/[&<>"']/g, (c) => XML[c] ?? c);
}

const n = (x: number): string => String(Math.round(x * 10) / 10);
const FONT = 'font-size="10"';

function svgOpen(width: number, height: number, title: string, cls: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${cls}" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>`;
}

/** A text element; `attrs` may set its own font-size (an attribute is never written twice). */
const text = (x: number, y: number, s: string, attrs = ''): string =>
  `<text x="${n(x)}" y="${n(y)}"${attrs.includes('font-size=') ? '' : ` ${FONT}`}${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const rect = ({ x, y, w, h }: Box, cls: string, title: string): string =>
  `<rect class="${escapeXml(cls)}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"><title>${escapeXml(title)}</title></rect>`;

interface Segment {
  cls: string;
  value: number;
  title: string;
}
export interface StackedColumn {
  label: string;
  total: string;
  segments: Segment[];
}

/** Vertical stacked columns, one per month, segments per tier. */
export function stackedColumnsSvg(title: string, columns: StackedColumn[], height = 170): string {
  const colW = 64,
    gap = 28,
    left = 8,
    top = 16,
    bottom = 18;
  const width = Math.max(160, left * 2 + columns.length * (colW + gap) - gap);
  const plot = height - top - bottom;
  const max = Math.max(0, ...columns.map((c) => c.segments.reduce((a, s) => a + s.value, 0)));
  const parts = [
    svgOpen(width, height, title, 'columns'),
    `<line class="axis" x1="0" y1="${n(top + plot)}" x2="${n(width)}" y2="${n(top + plot)}"/>`,
  ];
  columns.forEach((c, i) => {
    const x = left + i * (colW + gap);
    let y = top + plot;
    for (const s of c.segments) {
      const h = max > 0 ? (s.value / max) * plot : 0;
      if (n(h) === '0') continue;
      y -= h;
      parts.push(rect({ x, y, w: colW, h }, `f-${s.cls}`, s.title));
    }
    parts.push(text(x + colW / 2, y - 3, c.total, 'text-anchor="middle" class="value"'));
    parts.push(text(x + colW / 2, height - 5, c.label, 'text-anchor="middle"'));
  });
  return `${parts.join('')}</svg>`;
}

interface CompareBar {
  share: number;
  label: string;
  title: string;
}
interface CompareRow {
  tier: string;
  cls: string;
  now: CompareBar;
  before: CompareBar | null;
}
export interface ComparePanel {
  label: string;
  rows: CompareRow[];
}

/**
 * The split against last period: a panel per measure (tokens, cost, requests), in each a pair
 * of bars per tier — this period solid, last period pale below it — with the shares as text.
 */
export function splitCompareSvg(
  title: string,
  panels: ComparePanel[],
  legend: { tiers: { tier: string; cls: string }[]; now: string; before: string | null },
  width = 680,
): string {
  // Two labels a row, one beside each bar: 8 px text on 9 px bars 1 px apart never touch.
  const labelW = 96,
    top = 16,
    bar = 9,
    legendH = 18;
  const paired = panels.some((p) => p.rows.some((r) => r.before !== null));
  const rowH = paired ? 2 * bar + 8 : bar + 8;
  const rows = Math.max(1, ...panels.map((p) => p.rows.length));
  const height = top + rows * rowH + legendH;
  const panelW = (width - labelW) / Math.max(1, panels.length);
  const plotW = panelW - 96;
  const parts = [svgOpen(width, height, title, 'compare')];
  panels[0]?.rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${n(labelW - 6)}" y="${n(y + bar + (paired ? 4 : 0))}" ${FONT} text-anchor="end" class="label">${escapeXml(clip(r.tier, 15))}<title>${escapeXml(r.tier)}</title></text>`,
    );
  });
  panels.forEach((p, j) => {
    const x0 = labelW + j * panelW;
    parts.push(text(x0, 10, p.label, 'class="label"'));
    p.rows.forEach((r, i) => {
      const y = top + i * rowH;
      const draw = (b: CompareBar, yy: number, cls: string): void => {
        parts.push(`<rect class="track" x="${n(x0)}" y="${n(yy)}" width="${n(plotW)}" height="${n(bar)}"/>`);
        const w = Math.min(1, Math.max(0, b.share)) * plotW;
        if (n(w) !== '0') parts.push(rect({ x: x0, y: yy, w, h: bar }, cls, b.title));
        parts.push(
          text(
            x0 + plotW + 4,
            yy + bar - 1,
            b.label,
            `font-size="8" ${cls.endsWith('prev') ? 'class="prev-value"' : 'class="value"'}`,
          ),
        );
      };
      draw(r.now, y, `f-${r.cls}`);
      if (r.before) draw(r.before, y + bar + 1, `f-${r.cls} prev`);
    });
  });
  // The legend is the tiers, in their colours (as the bars are), and which bar is which period.
  const ly = height - 6;
  let x = labelW;
  for (const t of legend.tiers) {
    parts.push(rect({ x, y: ly - 7, w: 10, h: bar }, `f-${t.cls}`, t.tier), text(x + 13, ly, t.tier));
    x += 13 + [...t.tier].length * 6 + 12;
  }
  if (legend.before !== null) {
    // A sample of each period's bar in neutral ink: the tier colours are above.
    parts.push(
      `<rect class="f-legend" x="${n(x)}" y="${n(ly - 7)}" width="10" height="${n(bar)}"/>`,
      text(x + 13, ly, legend.now),
    );
    x += 13 + [...legend.now].length * 6 + 12;
    parts.push(
      `<rect class="f-legend prev" x="${n(x)}" y="${n(ly - 7)}" width="10" height="${n(bar)}"/>`,
      text(x + 13, ly, legend.before),
    );
  }
  return `${parts.join('')}</svg>`;
}

export interface Figure {
  month: string;
  value: number;
  threshold: number;
  label: string;
}

/** How far above the data a threshold may sit and still be drawn to scale. */
const ON_SCALE = 1.5;

/**
 * A trigger's evidence: a bar per month scaled to the data, the months the condition held in the
 * trigger's colour. The threshold is a line with its value beside it when it is on the data's
 * scale; when it dwarfs the data (a 10 % floor over a deployment at 0.01 %) it is not drawn off
 * the chart but noted at the top right (`▲ 10%`) and in the title. Month names are the table's
 * column heads, so nothing is written under the bars and nothing can cross them.
 */
export function triggerSparkSvg(
  title: string,
  figures: Figure[],
  held: readonly string[],
  cls: string,
  thresholdLabel = '',
): string {
  const barW = 14,
    gap = 4,
    height = 26,
    top = 3,
    bottom = 2;
  // At most 6 px a character at 8 px (`▲` and `%` are the widest): room for the threshold's
  // label, with its marker, beside the bars; a real browser checks it fits (review-print.test.ts).
  const gutter = thresholdLabel === '' ? 0 : 8 + ([...thresholdLabel].length + 2) * 6;
  const plotW = figures.length * (barW + gap);
  const width = plotW + gutter;
  const plot = height - top - bottom;
  const dataMax = Math.max(0, ...figures.map((f) => f.value));
  const threshold = figures[0]?.threshold;
  const single = threshold !== undefined && figures.every((f) => f.threshold === threshold);
  const onScale = single && threshold <= Math.max(dataMax * ON_SCALE, 0) && threshold > 0;
  const max = onScale ? Math.max(dataMax, threshold) : dataMax;
  const y = (v: number): number => top + plot - (max > 0 ? (Math.min(v, max) / max) * plot : 0);
  const parts = [
    svgOpen(width, height, title, 'spark'),
    `<line class="axis" x1="0" y1="${n(top + plot)}" x2="${n(plotW)}" y2="${n(top + plot)}"/>`,
  ];
  figures.forEach((f, i) => {
    const x = i * (barW + gap);
    const h = Math.max(top + plot - y(f.value), f.value > 0 ? 1 : 0.5);
    parts.push(
      rect({ x, y: top + plot - h, w: barW, h }, held.includes(f.month) ? `f-${cls} held` : 'f-muted', f.label),
    );
  });
  if (single && thresholdLabel !== '') {
    if (onScale) {
      const ty = y(threshold);
      parts.push(
        `<line class="threshold" x1="0" y1="${n(ty)}" x2="${n(plotW - gap / 2)}" y2="${n(ty)}"/>`,
        text(
          plotW + 1,
          Math.min(height - 1, Math.max(8, ty + 3)),
          thresholdLabel,
          'font-size="8" class="threshold-label"',
        ),
      );
    } else {
      const where = threshold > dataMax ? '▲' : '▼';
      parts.push(
        text(
          plotW + 1,
          where === '▲' ? 9 : height - 1,
          `${where} ${thresholdLabel}`,
          'font-size="8" class="threshold-label"',
        ),
      );
    }
  }
  return `${parts.join('')}</svg>`;
}

function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

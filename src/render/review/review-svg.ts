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

const text = (x: number, y: number, s: string, attrs = ''): string =>
  `<text x="${n(x)}" y="${n(y)}" ${FONT}${attrs ? ` ${attrs}` : ''}>${escapeXml(s)}</text>`;
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
  const colW = 46,
    gap = 18,
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

export interface Bar {
  label: string;
  value: number;
  valueLabel: string;
  segments: Segment[];
}

/** Horizontal bars (e.g. the top use cases by cost), each split into tier segments. */
export function barChartSvg(title: string, bars: Bar[], width = 340): string {
  const rowH = 18,
    labelW = 110,
    valueW = 90,
    top = 4;
  const height = Math.max(rowH, top * 2 + bars.length * rowH);
  const plotW = width - labelW - valueW;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const parts = [svgOpen(width, height, title, 'bars')];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${n(labelW - 6)}" y="${n(y + 12)}" ${FONT} text-anchor="end" class="label">${escapeXml(clip(b.label, 18))}<title>${escapeXml(b.label)}</title></text>`,
    );
    let x = labelW;
    const total = b.segments.reduce((a, s) => a + s.value, 0);
    const len = max > 0 ? (b.value / max) * plotW : 0;
    for (const s of b.segments) {
      const w = total > 0 ? (s.value / total) * len : 0;
      if (n(w) === '0') continue;
      parts.push(rect({ x, y: y + 3, w, h: rowH - 6 }, `f-${s.cls}`, s.title));
      x += w;
    }
    parts.push(text(x + 4, y + 12, b.valueLabel, 'class="value"'));
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
  legend: { now: string; before: string | null },
  width = 680,
): string {
  const labelW = 96,
    top = 16,
    bar = 8,
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
          text(x0 + plotW + 4, yy + bar - 0.5, b.label, cls.endsWith('prev') ? 'class="prev-value"' : 'class="value"'),
        );
      };
      draw(r.now, y, `f-${r.cls}`);
      if (r.before) draw(r.before, y + bar + 1, `f-${r.cls} prev`);
    });
  });
  const ly = height - 6;
  parts.push(
    `<rect class="f-legend" x="${n(labelW)}" y="${n(ly - 7)}" width="10" height="${n(bar)}"/>`,
    text(labelW + 14, ly, legend.now),
  );
  if (legend.before !== null) {
    // About 6 px per character at this size: the second entry starts after the first.
    const x = labelW + 34 + [...legend.now].length * 6;
    parts.push(
      `<rect class="f-legend prev" x="${n(x)}" y="${n(ly - 7)}" width="10" height="${n(bar)}"/>`,
      text(x + 14, ly, legend.before),
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

/** A trigger's evidence: the monthly figure against its threshold (dashed line); `held` months are marked. */
export function triggerSparkSvg(title: string, figures: Figure[], held: readonly string[], cls: string): string {
  const barW = 30,
    gap = 10,
    height = 64,
    top = 6,
    bottom = 14;
  const width = Math.max(90, figures.length * (barW + gap) + gap);
  const plot = height - top - bottom;
  const max = Math.max(0, ...figures.map((f) => Math.max(f.value, f.threshold)));
  const y = (v: number): number => top + plot - (max > 0 ? (v / max) * plot : 0);
  const parts = [svgOpen(width, height, title, 'spark')];
  figures.forEach((f, i) => {
    const x = gap + i * (barW + gap);
    const h = top + plot - y(f.value);
    parts.push(
      rect(
        { x, y: y(f.value), w: barW, h: Math.max(h, 0.5) },
        held.includes(f.month) ? `f-${cls} held` : 'f-muted',
        f.label,
      ),
    );
    parts.push(text(x + barW / 2, height - 3, f.month.slice(2), 'text-anchor="middle" font-size="8"'));
  });
  const threshold = figures[0]?.threshold;
  if (threshold !== undefined && figures.every((f) => f.threshold === threshold)) {
    parts.push(`<line class="threshold" x1="0" y1="${n(y(threshold))}" x2="${n(width)}" y2="${n(y(threshold))}"/>`);
  }
  return `${parts.join('')}</svg>`;
}

function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

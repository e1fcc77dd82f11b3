// What a real Chromium lays out for the HTML review: a script, added to a copy of the page only
// for the test, measures every piece of visible text after layout and writes the measurements
// into the document, which `chromium --dump-dom` then prints. No debugging protocol, no network:
// the Debian chromium alone.

export interface TextBox {
  /** The text node's index in document order (a node may wrap onto several boxes). */
  node: number;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The right edge of the table cell holding it, or null outside tables. */
  cellRight: number | null;
  /** The box of the chart holding it, or null outside charts. */
  svg: { x: number; y: number; w: number; h: number } | null;
}

export interface Layout {
  boxes: TextBox[];
  /** Every table: its header texts and each row's cell texts (SVG text included). */
  tables: { head: string[]; rows: string[][] }[];
  /** Each chart's caption and the texts of its value labels. */
  charts: { caption: string; values: string[] }[];
  /** The headline figures: label and value. */
  kpis: { label: string; value: string }[];
  pageWidth: number;
}

const LAYOUT_MARKER = 'tierplan-layout';

// Plain JavaScript run by the page (the tests' TypeScript has no DOM types): every visible text
// node's boxes (an SVG text's element box), the cell and chart around it, and the tables, charts
// and headline figures as text.
const PROBE = `(marker) => {
  const round = (n) => Math.round(n * 10) / 10;
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    const text = (n.textContent || '').trim();
    if (!parent || text === '' || parent.closest('title, style, script')) continue;
    const svgText = parent.closest('text');
    let rects;
    if (svgText) rects = [svgText.getBoundingClientRect()];
    else {
      const r = document.createRange();
      r.selectNodeContents(n);
      rects = [...r.getClientRects()];
    }
    const cell = parent.closest('td, th');
    const svg = parent.closest('svg');
    const s = svg ? svg.getBoundingClientRect() : null;
    for (const b of rects) {
      if (b.width < 0.5 || b.height < 0.5) continue;
      boxes.push({
        node,
        text: text.slice(0, 80),
        x: round(b.left), y: round(b.top), w: round(b.width), h: round(b.height),
        cellRight: cell ? round(cell.getBoundingClientRect().right) : null,
        svg: s ? { x: round(s.left), y: round(s.top), w: round(s.width), h: round(s.height) } : null,
      });
    }
    node++;
  }
  const textOf = (e) => {
    const copy = e.cloneNode(true);
    for (const t of copy.querySelectorAll('title')) t.remove();
    return (copy.textContent || '').replace(/\\s+/g, ' ').trim();
  };
  const tables = [...document.querySelectorAll('table')].map((t) => ({
    head: [...t.querySelectorAll('thead tr:last-child th')].map(textOf),
    rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map(textOf)),
  }));
  const charts = [...document.querySelectorAll('figure')].map((f) => ({
    caption: textOf(f.querySelector('figcaption') || f),
    values: [...f.querySelectorAll('svg text.value')].map(textOf),
  }));
  const kpis = [...document.querySelectorAll('.kpi')].map((k) => ({
    label: textOf(k.querySelector('span') || k),
    value: textOf(k.querySelector('b') || k),
  }));
  const out = document.createElement('pre');
  out.id = marker;
  out.textContent = JSON.stringify({ boxes, tables, charts, kpis, pageWidth: document.body.getBoundingClientRect().right });
  document.body.append(out);
}`;

/** The page with the probe run at the end of its body (after layout of everything above). */
export function withProbe(html: string): string {
  const script = `<script>(${PROBE})(${JSON.stringify(LAYOUT_MARKER)});</script>`;
  return html.replace('</body>', `${script}</body>`);
}

/** The measurements out of the dumped DOM. */
export function readLayout(dom: string): Layout {
  const m = dom.match(new RegExp(`<pre id="${LAYOUT_MARKER}">([\\s\\S]*?)</pre>`));
  if (!m) throw new Error('the layout probe wrote nothing: did the page load?');
  const json = m[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return JSON.parse(json) as Layout;
}

/** Pairs of boxes of different text that cover each other by more than `tolerance` px each way. */
export function overlaps(boxes: TextBox[], tolerance = 1): [TextBox, TextBox][] {
  const sorted = [...boxes].sort((a, b) => a.y - b.y);
  const found: [TextBox, TextBox][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.y < a.y + a.h - tolerance; j++) {
      const b = sorted[j]!;
      if (a.node === b.node) continue;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > tolerance && dy > tolerance) found.push([a, b]);
    }
  }
  return found;
}

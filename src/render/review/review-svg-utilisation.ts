import { escapeXml } from './review-svg.js';

// A self-hosted deployment's month as a bar of its capacity: the track is 100 %, the fill the
// share used. Any traffic at all gets at least a sliver, so 0.04 % does not look like nothing;
// over capacity the bar is full and marked. Colours come from the stylesheet like the other charts.

const WIDTH = 44;
const HEIGHT = 8;
const n = (x: number): string => String(Math.round(x * 10) / 10);

export function utilisationBarSvg(title: string, share: number, cls: string): string {
  const used = share <= 0 ? 0 : Math.max(1, Math.min(1, share) * WIDTH);
  const over = share > 1 ? ' over' : '';
  const t = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ubar" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${t}"><title>${t}</title>` +
    `<rect class="track" x="0" y="0" width="${WIDTH}" height="${HEIGHT}"/>` +
    (used > 0 ? `<rect class="f-${escapeXml(cls)}${over}" x="0" y="0" width="${n(used)}" height="${HEIGHT}"/>` : '') +
    '</svg>'
  );
}

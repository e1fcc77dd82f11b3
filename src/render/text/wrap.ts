import { charWidth } from './display-width.js';

// Word wrapping for terminal table cells, in one pass over the text. Lines break at spaces; a
// word wider than the column breaks after its hyphens (`payment-dispute-` / `agent`), never
// inside a run of letters; a part still wider is cut with an ellipsis, so a cut always shows.
// A no-break space (U+00A0) glues two words (`→ private-cloud`) and prints as a space. Colour
// codes take no columns; a colour open at a line break is closed there and reopened on the next.

export interface WrappedLine {
  text: string;
  width: number;
}

interface Word {
  /** The word's parts, each ending after a hyphen but the last; colour codes inside them. */
  parts: { text: string; width: number }[];
  width: number;
}

const SGR_AT = /\u001b\[[0-9;]*m/y;

/** The colour code starting at `i`, if one does. */
function sgrAt(text: string, i: number): string | undefined {
  if (text.charCodeAt(i) !== 0x1b) return undefined;
  SGR_AT.lastIndex = i;
  return SGR_AT.exec(text)?.[0];
}

function words(line: string): Word[] {
  const out: Word[] = [];
  let word: Word = { parts: [], width: 0 };
  let text = '';
  let width = 0;
  const endPart = (): void => {
    word.parts.push({ text, width });
    word.width += width;
    text = '';
    width = 0;
  };
  for (let i = 0; i < line.length; ) {
    const sgr = sgrAt(line, i);
    if (sgr) {
      text += sgr;
      i += sgr.length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i) ?? 0);
    i += ch.length;
    if (ch === ' ' && (width > 0 || word.width > 0)) {
      endPart();
      out.push(word);
      word = { parts: [], width: 0 };
      continue;
    }
    if (ch === ' ') continue;
    text += ch === '\u00a0' ? ' ' : ch;
    width += charWidth(ch);
    if (ch === '-' && width > 1 && i < line.length && line[i] !== ' ') endPart();
  }
  if (width > 0 || text !== '') endPart();
  if (word.parts.length > 0) out.push(word);
  return out;
}

/** A part cut to `width` columns, its last column an ellipsis; colour codes are all kept. */
function cut(text: string, width: number): string {
  let out = '';
  let used = 0;
  let full = false;
  for (let i = 0; i < text.length; ) {
    const sgr = sgrAt(text, i);
    if (sgr) {
      out += sgr;
      i += sgr.length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    i += ch.length;
    if (full) continue;
    const w = charWidth(ch);
    if (used + w > width - 1) {
      out += '…';
      full = true;
      continue;
    }
    out += ch;
    used += w;
  }
  return out;
}

function wrapLine(line: string, width: number, lines: WrappedLine[]): void {
  let text = '';
  let used = 0;
  const newLine = (): void => {
    lines.push({ text, width: used });
    text = '';
    used = 0;
  };
  for (const word of words(line)) {
    const gap = used > 0 ? 1 : 0;
    if (used + gap + word.width <= width) {
      text += gap ? ' ' : '';
      used += gap;
      for (const p of word.parts) text += p.text;
      used += word.width;
      continue;
    }
    if (used > 0) newLine();
    if (word.width <= width) {
      for (const p of word.parts) text += p.text;
      used = word.width;
      continue;
    }
    // Wider than the column: break after hyphens, cut what still does not fit.
    for (const p of word.parts) {
      if (used > 0 && used + p.width > width) newLine();
      text += p.width > width ? cut(p.text, width) : p.text;
      used += Math.min(p.width, width);
    }
  }
  lines.push({ text, width: used });
}

// Which codes close which: chalk at level 1 writes only these.
const CLOSES: Record<string, (open: string) => boolean> = {
  '0': () => true,
  '22': (o) => o === '1' || o === '2',
  '23': (o) => o === '3',
  '24': (o) => o === '4',
  '27': (o) => o === '7',
  '29': (o) => o === '9',
  '39': (o) => /^(3[0-8]|9[0-7])$/.test(o),
  '49': (o) => /^(4[0-8]|10[0-7])$/.test(o),
};

/** Closes colour at the end of each line and reopens it on the next, so padding and borders stay plain. */
function balanceColour(lines: WrappedLine[]): void {
  const sgr = /\u001b\[([0-9;]*)m/g;
  let open: string[] = [];
  for (const line of lines) {
    const reopen = open.map((o) => `\u001b[${o}m`).join('');
    for (const m of line.text.matchAll(sgr)) {
      for (const code of (m[1] || '0').split(';')) {
        const closes = CLOSES[code];
        open = closes ? open.filter((o) => !closes(o)) : [...open, code];
      }
    }
    line.text = `${reopen}${line.text}${open.length > 0 ? '\u001b[0m' : ''}`;
  }
}

/** A cell's text wrapped to `width` columns; `\n` starts a new line. */
export function wrapCell(text: string, width: number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  for (const line of text.split('\n')) wrapLine(line, Math.max(1, width), lines);
  if (text.includes('\u001b')) balanceColour(lines);
  return lines;
}

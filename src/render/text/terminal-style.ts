import { Chalk, type ChalkInstance } from 'chalk';
import type { RenderContext } from '../matrix/registry.js';

// Colour is decided by the caller (TTY, NO_COLOR, --no-color) and passed in: a chalk instance
// with level 0 prints no escape codes at all, whatever the environment says.

export interface TerminalStyle {
  c: ChalkInstance;
  /** Colours a tier label by its palette class from the matrix view (`t0`…, `gap`, `retired`). */
  tier: (text: string, cls: string) => string;
}

export function terminalStyle(ctx: RenderContext): TerminalStyle {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const palette: Record<string, (s: string) => string> = {
    t0: c.blue,
    t1: c.yellow,
    t2: c.magenta,
    t3: c.green,
    t4: c.cyan,
    t5: c.white,
    gap: c.red.bold,
    retired: c.gray,
    't-other': (s) => s,
  };
  return { c, tier: (text, cls) => (palette[cls] ?? ((s: string) => s))(text) };
}

const CONTROL_PICTURES: Record<string, string> = { '\u001b': '␛', '\u007f': '␡' };

/**
 * Input strings reach the terminal only through here: an escape sequence in a use case name
 * must not move the cursor, recolour or clear the screen, and a newline must not fake a row.
 */
export function sanitizeTerminal(s: string): string {
  return s
    .replace(/\r\n|[\r\n\t\u2028\u2029\u0085]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => CONTROL_PICTURES[ch] ?? '�');
}

/** Word-wraps plain (uncoloured) prose to the terminal width; table cells are wrapped by cli-table3. */
export function wrapPlain(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

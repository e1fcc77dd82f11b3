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

// One escaping function for every terminal path, diagnostics included: it lives in core.
export { terminalText as sanitizeTerminal } from '../../core/diagnostics/terminal-text.js';

/** Word-wraps plain (uncoloured) prose to the terminal width; table cells are wrapped by `wrap.ts`. */
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

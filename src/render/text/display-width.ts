// Terminal display width without a dependency: ANSI colour codes take no columns, East Asian wide
// characters and emoji two, combining marks none. Used by the table layout to pad and wrap.

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;
const MARK = /[\p{Mn}\p{Me}]/u;

/** Columns one code point takes. */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x300) return 1; // the common case, ASCII and Latin-1, without a regex
  // Combining marks, zero-width spaces and joiners, variation selectors.
  if (MARK.test(ch) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on a terminal, colour codes excluded. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(SGR, '')) width += charWidth(ch);
  return width;
}

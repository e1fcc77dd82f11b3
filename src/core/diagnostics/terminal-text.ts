// In core, not render: diagnostics are formatted here (io's InputError carries the same text),
// and the tables and explain in render use the same function, so every printed input string is
// escaped one way.

const CONTROL_PICTURES: Record<string, string> = { '\u001b': '␛', '\u007f': '␡' };

/**
 * Input strings (names, ids, file names, values quoted in messages) reach the terminal only
 * through here: an escape sequence must not move the cursor, recolour or clear the screen, a line
 * break (LF, CR, NEL, U+2028/9) must not fake a row, and a bidi control must not reorder what is
 * shown. Line breaks and tabs become spaces, ESC `␛`, DEL `␡`, other C0/C1 controls and bidi
 * controls `�`.
 */
export function terminalText(s: string): string {
  return s
    .replace(/\r\n|[\r\n\t\u2028\u2029\u0085]/g, ' ')
    .replace(
      /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (ch) => CONTROL_PICTURES[ch] ?? '�',
    );
}

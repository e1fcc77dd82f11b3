// Strings the inventory holds, written so that every YAML reader reads them back the same: a
// YAML 1.2 reader (ours), and a YAML 1.1 one such as PyYAML, which resolves more plain scalars
// (yes/no/on/off, 0-prefixed octal, sexagesimal 1:30, dates, `<<`, `=`) and treats NEL, LS and
// PS as line breaks and other control characters as unreadable. Such strings are double-quoted,
// and the characters no quoting protects are written as escapes.
import { Scalar } from 'yaml';

// TAB, C0 controls but LF (a block scalar holds it), C1 controls, DEL, NEL, LS, PS and the BOM: never left to a reader's interpretation.
const RISKY = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
// What YAML 1.1 may read as a bool, null, merge key or value key (y and n included, as the spec has them).
const WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~|<<|=|[-+]?\.inf|\.nan)$/i;
// What YAML 1.1 may read as a number or a date: a sign or a digit or a dot first, then only
// digits, letters, _ : . + - and spaces (0x1F, 0b1, 017, 1_000, 1:30, 6.8e+5, 2026-03-01 10:00:00 Z).
// Broader than the resolvers: quoting a string that needed none is harmless.
const NUMBER_LIKE = /^[-+]?[0-9.][-+0-9a-zA-Z_:. ]*$/;

function needsQuotes(text: string): boolean {
  return text === '' || RISKY.test(text) || WORDS.test(text) || NUMBER_LIKE.test(text);
}

/** Double-quotes a string value that a YAML 1.1 or 1.2 reader could read otherwise. */
export function quoteIfRisky(node: Scalar): void {
  if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
}

// The yaml library writes these raw inside double quotes; a YAML 1.1 reader would fold NEL, LS
// and PS into a space, and refuses DEL and the C1 controls. Every string holding one is
// double-quoted (quoteIfRisky), so each occurrence in the text is inside double quotes,
// where an escape means the same character to every reader.
const RAW_IN_QUOTES = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

export function escapeRawBreaks(text: string): string {
  return text.replace(RAW_IN_QUOTES, (c) => {
    if (c === '\u0085') return '\\N';
    if (c === '\u2028') return '\\L';
    if (c === '\u2029') return '\\P';
    if (c === '\ufeff') return '\\ufeff';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Text for a YAML comment: anything a reader might take as a line break or refuse becomes "?". */
export function commentSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, '?');
}

// Every input string printed to a terminal goes through one escaping function; diagnostics too,
// whose file names, paths and quoted values come from the inputs.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics/format.js';
import { terminalText } from '../../src/core/diagnostics/terminal-text.js';

/** C0, DEL, C1 (NEL included), and the bidi controls that reorder what a terminal shows. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('terminalText', () => {
  it('turns line breaks into spaces and controls into visible characters', () => {
    expect(terminalText('a\nb\r\nc\u0085d\u2028e\u2029f\tg')).toBe('a b c d e f g');
    expect(terminalText('\u001b[2Jred\u007f\u0007')).toBe('␛[2Jred␡�');
    expect(terminalText('abc\u202edcba\u2066x\u2069\u200e')).toBe('abc�dcba�x��');
    expect(terminalText('Zürich – 東京 ✓')).toBe('Zürich – 東京 ✓');
  });
});

describe('formatDiagnostic', () => {
  it('escapes the file name, the path, the message and the hint', () => {
    const text = formatDiagnostic({
      code: 'gateway-reference',
      severity: 'error',
      message: 'bad "\u001b[31mred\u0085fake: line"',
      hint: 'first \u202eline\nsecond line',
      file: 'use-cases/x\u0085litellm_settings:\u001b[2J.yaml',
      line: 3,
      column: 7,
    });
    expect(text).not.toMatch(RAW);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('use-cases/x litellm_settings:␛[2J.yaml:3:7: error gateway-reference');
  });
});

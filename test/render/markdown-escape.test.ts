import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeEveryCase, escapeMarkdownCell, joinMarkdown } from '../../src/render/text/markdown-escape.js';

describe('escapeMarkdownCell', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a | b', 'a \\| b'],
    ['*bold* _em_ ~~del~~', '\\*bold\\* \\_em\\_ \\~\\~del\\~\\~'],
    ['`code`', '\\`code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['Q&A, R&D', 'Q&A, R&D'],
    ['&amp; stays literal', '\\&amp; stays literal'],
    ['&#60;b&#x3e;', '\\&\\#60;b\\&\\#x3e;'],
    ['[x](http://evil)', '\\[x\\](http\\://evil)'],
    ['![img](x.png)', '\\!\\[img\\](x.png)'],
    ['see https://example.com', 'see https\\://example.com'],
    ['www.example.com', 'www\\.example.com'],
    ['cost ${x} and $y$', 'cost \\${x} and \\$y\\$'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['2) item', '2\\) item'],
    ['line one\nline two\r\nthree\rfour', 'line one line two three four'],
    ['  tab\tand  spaces  ', 'tab and spaces'],
    ['esc \u001b[2J here', 'esc \\[2J here'],
    ['Ünïcødé 日本語 🚀', 'Ünïcødé 日本語 🚀'],
    ['{{constructor}} \'q\' "d"', '{{constructor}} \'q\' "d"'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdownCell(input)).toBe(expected);
  });

  it('never leaves an unescaped pipe, newline, bracket or angle bracket', () => {
    const hostile = 'a|b\\|c\n[d](e)<f>`g`\\';
    const out = escapeMarkdownCell(hostile);
    expect(out).not.toMatch(/[\n\r]/);
    // After removing escaped pairs, no structural character is left bare.
    expect(out.replace(/\\./g, '')).not.toMatch(/[|[\]`<>]/);
  });

  it('joinMarkdown escapes each value and keeps our separator', () => {
    expect(joinMarkdown(['a|b', '<c>'], '<br>')).toBe('a\\|b<br>\\<c\\>');
  });
});

describe('escapeMarkdownCell shortcut', () => {
  // Strings mostly from the shortcut's alphabet, with the pieces that must still be escaped mixed in.
  const piece = fc.constantFrom(
    ...'abcXYZ019,.;:\'"()@%/+=- '.split(''),
    '  ',
    'www.',
    'WwW.',
    '://',
    '1.',
    '2)',
    '|',
    '\n',
    '#',
    '\t',
  );
  it('returns exactly what the full escaping returns', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const s = pieces.join('');
        expect(escapeMarkdownCell(s)).toBe(escapeEveryCase(s));
      }),
      { numRuns: 5000 },
    );
  });
});

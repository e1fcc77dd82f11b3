// Every input string passes through here before it reaches a Markdown file, so a use case
// name can never add a table column, a line, a link, an image, emphasis, maths or raw HTML.

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;
// Control characters would reach terminals and editors unchanged; a space is harmless.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// `$` is GitHub's maths delimiter, `~` strikethrough, `!` only matters before `[`, but is cheap.
// `<` and `>` are backslash-escaped (CommonMark), never written as entities, so the Markdown reads
// as plain text too; `&` is escaped only where it would start an entity (`&amp;`, `&#38;`).
const PUNCTUATION = /[\\`*_[\]|~#!$<>]|&(?=#?[A-Za-z0-9]+;)/g;

// Most cells (ids, tiers, sentences) need none of the replacements below: letters, digits, single
// spaces and harmless punctuation, not starting with what opens a list or heading, no `www.`.
const NOTHING_TO_ESCAPE = /^(?![-+=\d ])(?:[A-Za-z0-9,.;:'"()@%/+=-]| (?! |$))*$/;

/** Escapes a string for one GFM table cell (or any inline position): one line, literal text. */
export function escapeMarkdownCell(s: string): string {
  return NOTHING_TO_ESCAPE.test(s) && !s.includes('://') && !/www\./i.test(s) ? s : escapeEveryCase(s);
}

/** escapeMarkdownCell without its shortcut: what a property test holds the shortcut to. */
export function escapeEveryCase(s: string): string {
  const oneLine = s.replace(LINE_BREAKS, ' ').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return (
    oneLine
      .replace(PUNCTUATION, (c) => `\\${c}`)
      // GFM autolinks bare URLs and `www.` hosts: break the pattern, the text still reads the same.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      // At the start of a list item these would open a nested list, heading or setext underline.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/** Escapes and joins inline values with a separator of our own (e.g. `<br>`). */
export function joinMarkdown(values: string[], separator: string): string {
  return values.map(escapeMarkdownCell).join(separator);
}

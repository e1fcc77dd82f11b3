// Problems with reading an input file at all, or with its shape (the JSON Schemas in schemas/):
// the same codes for the policy, the inventory, mappings, usage exports and gateway configs.
import type { RuleText } from './catalog-types.js';

export const INPUT_RULES = {
  'file-not-found': {
    severity: 'error',
    description: 'A file named on the command line does not exist.',
    help: 'Check the path. `tierplan init` writes a starter policy and inventory.',
  },
  'not-a-file': {
    severity: 'error',
    description: 'The path names a folder or something else that is not a regular file.',
    help: 'Pass the path of the file itself.',
  },
  'unreadable-file': {
    severity: 'error',
    description: 'The file exists but cannot be read (permissions, an I/O error).',
    help: "Check the file's permissions and that it can be read by the user running tierplan.",
  },
  'file-too-large': {
    severity: 'error',
    description: 'The file is larger than tierplan reads for its kind.',
    help: 'Split a large inventory into a folder of one file per use case.',
  },
  'input-limit': {
    severity: 'error',
    description:
      'A spreadsheet crosses a reading limit: an XLSX entry, its compression ratio, the unpacked total, the number of zip entries or the shared strings; or the rows, a row or a cell of a CSV or sheet.',
    help: 'The limits keep a hostile file (a zip bomb, a gigabyte-long cell) from exhausting memory. If the file is genuine, raise the limit with the flag the message names (`tierplan import --help` lists them; docs/import.md#limits explains the defaults).',
  },
  'binary-file': {
    severity: 'error',
    description: 'The file holds binary data (a NUL byte) where text was expected.',
    help: 'Check the path; spreadsheets are exported to CSV or XLSX and read with `tierplan import`.',
  },
  'invalid-utf8': {
    severity: 'error',
    description: 'The file is not valid UTF-8 text.',
    help: 'Save the file as UTF-8; a CSV from Excel can also be read with --encoding windows-1252.',
  },
  'empty-file': {
    severity: 'error',
    description: 'The file is empty or holds no data where a document, a header or records were expected.',
    help: 'Check that the file was written completely (an export may still be running).',
  },
  'no-input-files': {
    severity: 'error',
    description: 'An inventory folder holds no .yaml or .yml files.',
    help: 'Put one use case per file in the folder, or pass an inventory file.',
  },
  'unsupported-format': {
    severity: 'error',
    description: 'The file is in a format tierplan does not read (e.g. an old Excel .xls workbook).',
    help: 'Save it as .xlsx (Excel Workbook) or as CSV UTF-8.',
  },
  'unreadable-workbook': {
    severity: 'error',
    description: 'An XLSX workbook cannot be opened or holds no sheet to read.',
    help: 'Open it in a spreadsheet program and save it again as .xlsx, or export the sheet as CSV.',
  },
  'unreadable-gzip': {
    severity: 'error',
    description: 'A usage export named .gz is not gzip data, or cannot be decompressed.',
    help: 'Decompress the file yourself, or rename it if it is not compressed.',
  },
  'usage-limit': {
    severity: 'error',
    description:
      'A usage export crossed one of the limits `review` reads within (decompressed size, compression ratio, record or field length): reading stopped there.',
    help: 'Check the file is the export you meant (a record or a ratio this large is usually a damaged or hostile file); if it is genuine, raise the limit with the flag the message names.',
  },
  'yaml-syntax': {
    severity: 'error',
    description: 'The file is not valid YAML.',
    help: 'Fix the syntax at the position given; indentation and unclosed quotes or brackets are the usual causes.',
  },
  'duplicate-key': {
    severity: 'error',
    description: 'A YAML mapping has the same key twice.',
    help: 'Remove or merge one of the two; YAML readers disagree on which one wins.',
  },
  'yaml-alias': {
    severity: 'error',
    description: 'A YAML alias (*name) refers to no anchor, or to a node that contains it.',
    help: 'Define the anchor (&name) before the alias, and never inside the node it names.',
  },
  'alias-limit': {
    severity: 'error',
    description: 'YAML aliases expand to far more data than the file holds (an "alias bomb").',
    help: 'Write the repeated values out, or use fewer nested aliases.',
  },
  'yaml-too-deep': {
    severity: 'error',
    description: 'The YAML document is nested deeper than tierplan reads.',
    help: 'Flatten the document; no tierplan input needs deep nesting.',
  },
  'config-too-deep': {
    severity: 'error',
    description: 'A gateway config given to `verify` nests lists and mappings more than 64 levels deep.',
    help: 'No LiteLLM or Portkey config needs that depth; flatten the nested targets. The file is refused rather than followed, so a crafted config cannot exhaust the checker.',
  },
  'yaml-line-break': {
    severity: 'error',
    description:
      "A LiteLLM config holds U+0085, U+2028 or U+2029: line breaks for the proxy's YAML 1.1 parser (PyYAML), ordinary characters in YAML 1.2.",
    help: 'The file could read one way to `verify` and another to the gateway (a comment ended by U+0085 hides a key), so it is refused. Use a newline, or an escape inside a double-quoted string.',
  },
  'forbidden-key': {
    severity: 'error',
    description: 'A key such as `__proto__` could alter object prototypes.',
    help: 'Rename or remove the key.',
  },
  'json-syntax': {
    severity: 'error',
    description: 'The file is not valid JSON.',
    help: 'Fix the syntax at the position given.',
  },
  'invalid-json': {
    severity: 'error',
    description: 'A JSON or JSONL usage export does not start with a JSON object.',
    help: 'JSON exports hold a list of objects and JSONL exports one object per line.',
  },
  'unknown-key': {
    severity: 'error',
    description:
      'A key the schema does not know, usually a typo. In a Portkey config a key close to no known one is a warning: it may belong to a newer gateway.',
    help: 'Fix the spelling (a "did you mean" is given when one key is close), or remove the key.',
  },
  'missing-key': {
    severity: 'error',
    description: 'A required key is missing.',
    help: 'Add the key named in the message.',
  },
  'wrong-type': {
    severity: 'error',
    description: 'A value has the wrong type (a list where a mapping is expected, a quoted "true"…).',
    help: 'Write the type the message names; booleans are true or false without quotes.',
  },
  'invalid-value': {
    severity: 'error',
    description:
      'A value is not one the schema allows (not in the list, empty, too long, or not matching its pattern).',
    help: 'Use one of the values the message lists; a "did you mean" is given when one is close.',
  },
  'invalid-format': {
    severity: 'error',
    description: 'A value does not have the expected format, such as a date.',
    help: 'Write dates as YYYY-MM-DD.',
  },
  'invalid-id': {
    severity: 'error',
    description: 'An id does not follow the id rules: use case ids become gateway aliases.',
    help: 'Use lowercase letters a-z, digits and single hyphens, like "claims-triage" (policy ids may also use "_" and ".").',
  },
  'invalid-env-name': {
    severity: 'error',
    description:
      'Where the name of an environment variable is expected, something else is written (often the secret itself).',
    help: 'Give the NAME of the variable that holds the value (like OPENAI_API_KEY), never the value itself.',
  },
  'out-of-range': {
    severity: 'error',
    description: 'A number is outside the range the schema allows.',
    help: 'Use a value within the bounds the message gives.',
  },
  'duplicate-item': {
    severity: 'error',
    description: 'A list that must hold each item once holds one twice.',
    help: 'Remove the repeated item.',
  },
  'not-a-mapping': {
    severity: 'error',
    description: 'The document is not a mapping (an object) at its root.',
    help: 'Check that the file is the kind of input the command expects.',
  },
  schema: {
    severity: 'error',
    description: 'The value fails a rule of the JSON Schema that has no more specific message.',
    help: 'Compare the value with the schema in schemas/ that the message refers to.',
  },
} as const satisfies Record<string, RuleText>;

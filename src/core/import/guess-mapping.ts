// A starter mapping from a header row (and a sample of rows): which column is which, guessed
// from header names checked against the column's values (column-values.ts), each guess with the
// reason shown beside it, and the columns left for the architect to map. Pure: the render layer
// turns it into commented YAML.
import type { Task } from '../policy/types.js';
import { letterOf } from './columns.js';
import type { ColumnRef, ImportMapping, KeywordRule, ListSource, MappingColumns } from './mapping-types.js';
import { describeValues, fitsField, looksLikeClassNames, type ColumnValues } from './column-values.js';
import { normalizeKey } from './text.js';
import { booleanOf, statusOf } from './values.js';

interface GuessNote {
  path: (string | number)[];
  text: string;
}

export interface GuessedMapping {
  mapping: ImportMapping;
  notes: GuessNote[];
  /** Columns no entry uses, with the reference that would address them. */
  unmapped: { letter: string; label: string; ref: ColumnRef }[];
}

type FieldKey = keyof MappingColumns;

// Tried in order; a column is used for at most one field.
const FIELD_PATTERNS: [FieldKey, RegExp][] = [
  ['id', /^((use ?case|ai|project|app|application|system) )?(id|ref|reference|key|slug|identifier|number|no|#)$/],
  ['name', /^((use ?case|project|application|app|initiative|system|solution|ai use ?case)( name| title)?|name|title)$/],
  ['owner', /owner|responsible|accountable|contact|sponsor|^lead$|product manager/],
  ['status', /^(status|stage|phase|lifecycle|life cycle|state|maturity)\b|\b(status|stage)$/],
  ['description', /description|summary|details|purpose|what it does|problem statement|^scope$|^notes?$/],
  ['task', /^(ai )?task( type)?$|^(use ?case|ai) (type|category)$/],
  ['reasoning', /reasoning|complexity/],
  ['context_tokens', /context( window| tokens| length| size)?$/],
  ['tools', /^tools?( use| calling| calls)?$|function calling/],
  ['modalities', /modalit/],
  ['input_tokens_per_request', /input tokens|prompt tokens/],
  ['output_tokens_per_request', /output tokens|completion tokens/],
  ['requests', /requests|volume|calls per|queries per|transactions per/],
  ['override_tier', /(override|exception|pinned).*tier|tier.*(override|exception)/],
  ['override_reason', /(override|exception|pinned).*(reason|justification|why)/],
  ['override_approved_by', /approv/],
  ['override_expires', /expir|valid until|exception end/],
];

// Yes/no columns that say whether a data class is present; only classes the policy has are used.
const CLASS_FLAGS: [string, RegExp][] = [
  ['phi', /\bphi\b|health|medical|patient|clinical/],
  ['pci', /\bpci\b|card ?holder|payment card|credit card|card data/],
  ['pii', /\bpii\b|personal (data|information)|personally identifiable|\bgdpr data\b/],
  ['customer_data', /customer data|client data/],
  ['employee_data', /employee|\bhr data|staff data/],
  ['financial', /financial/],
  ['export_controlled', /export control|\bitar\b/],
  ['classified', /classified/],
  ['source_code', /source code/],
];

const LISTS: ['data_classes' | 'regimes' | 'residency', RegExp][] = [
  ['data_classes', /data (classes|class|classification|categories|category|types|sensitivity)|^classification$/],
  ['regimes', /regulat|regime|compliance|legal basis/],
  ['residency', /residency|data location|region|country|sovereign/],
];

// Digits are left out: YAML would list the key "1" before "yes", which reads oddly.
const YES = ['yes', 'y', 'true', 'x'];
const NO = ['no', 'n', 'false', 'n/a', 'na', 'none'];

const KEYWORDS: { data_class?: string; task?: Task; words: string[] }[] = [
  { data_class: 'phi', words: ['patient*', 'diagnos*', 'clinical', 'medical', 'health record*', 'prescription*'] },
  { data_class: 'pci', words: ['card number*', 'cardholder*', 'credit card*', 'payment card*', 'cvv'] },
  {
    data_class: 'pii',
    words: ['personal data', 'email address*', 'home address*', 'date of birth', 'passport*', 'social security'],
  },
  { data_class: 'customer_data', words: ['customer*', 'client*', 'policyholder*', 'account holder*'] },
  { data_class: 'employee_data', words: ['employee*', 'payroll', 'salar*', 'performance review*', 'recruit*'] },
  { data_class: 'source_code', words: ['source code', 'repositor*', 'pull request*'] },
  { task: 'transcription', words: ['transcri*', 'speech to text', 'call recording*'] },
  { task: 'summarization', words: ['summar*'] },
  { task: 'extraction', words: ['extract*', 'invoice*', 'parse', 'parsing', 'ocr'] },
  { task: 'classification', words: ['classif*', 'triage', 'categori*', 'route', 'routing'] },
  { task: 'search', words: ['search*', 'retriev*', 'knowledge base', 'q&a'] },
  { task: 'code', words: ['code review*', 'coding', 'code generation', 'copilot'] },
  { task: 'agentic', words: ['agent', 'agents', 'agentic', 'autonomous*'] },
  { task: 'generation', words: ['draft*', 'generat*', 'chatbot*', 'write*', 'translat*'] },
];

export function guessMapping(header: string[], sample: string[][], dataClasses: string[]): GuessedMapping {
  const keys = header.map((h) =>
    normalizeKey(h)
      .replace(/[_\-.:()?]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const used = new Set<number>();
  const notes: GuessNote[] = [];
  const ref = (i: number): ColumnRef => {
    const h = header[i]!;
    if (h === '') return { letter: letterOf(i + 1) };
    const occurrence = header.slice(0, i + 1).filter((x) => x === h).length;
    return header.filter((x) => x === h).length > 1 ? { name: h, occurrence } : h;
  };
  const where = (i: number): string => `column ${letterOf(i + 1)}${header[i] ? ` "${header[i]}"` : ''}`;
  const seen = (i: number): string[] => [...new Set(sample.map((r) => (r[i] ?? '').trim()).filter((v) => v !== ''))];
  const values: ColumnValues[] = header.map((_, i) => describeValues(sample.map((r) => (r[i] ?? '').trim())));
  const take = (re: RegExp, fits: (v: ColumnValues) => boolean = () => true): number | undefined => {
    const i = keys.findIndex((k, j) => !used.has(j) && k !== '' && re.test(k) && fits(values[j]!));
    if (i < 0) return undefined;
    used.add(i);
    return i;
  };

  const columns: MappingColumns = {};
  // An override needs its tier: without a tier column, reason or expiry columns would only skip
  // the rows that fill them in.
  const hasOverrideTier = keys.some((k) => k !== '' && FIELD_PATTERNS.find(([f]) => f === 'override_tier')![1].test(k));
  for (const [field, re] of FIELD_PATTERNS) {
    if (field.startsWith('override_') && !hasOverrideTier) continue;
    const i = take(re, (v) => fitsField(field, v));
    if (i === undefined) continue;
    columns[field] = ref(i) as never;
    let text = `guessed from the header of ${where(i)}`;
    if (field === 'status') {
      const odd = seen(i).filter((v) => statusOf(v) === undefined);
      if (odd.length > 0)
        text += `; values tierplan does not know yet: ${odd
          .slice(0, 8)
          .map((v) => `"${v}"`)
          .join(', ')} — map them with { column: …, values: { "${odd[0]!}": pilot } }`;
    }
    notes.push({ path: ['columns', field], text });
  }
  // No description by its header: the column holding mostly long free text.
  if (columns.description === undefined) {
    const i = values.findIndex((v, j) => !used.has(j) && v.longText);
    if (i >= 0) {
      used.add(i);
      columns.description = ref(i);
      notes.push({ path: ['columns', 'description'], text: `${where(i)} holds mostly free text over 40 characters` });
    }
  }
  const mapping: ImportMapping = { version: 1, columns };

  const flags: ListSource[] = [];
  for (const [cls, re] of CLASS_FLAGS) {
    if (!dataClasses.includes(cls)) continue;
    const i = take(re, (v) => v.yesNo);
    if (i === undefined) continue;
    const values: Record<string, string[] | 'unknown'> = {};
    const words = seen(i);
    for (const y of YES) values[y] = [cls];
    for (const n of NO) values[n] = [];
    const odd = words.filter((w) => booleanOf(w) === undefined && !NO.includes(normalizeKey(w)));
    flags.push({ column: ref(i), values });
    notes.push({
      path: ['data_classes', flags.length - 1],
      text: `${where(i)} looks like a yes/no for ${cls}; a blank cell or any other value leaves the classes unknown${
        odd.length
          ? ` (seen: ${odd
              .slice(0, 6)
              .map((v) => `"${v}"`)
              .join(', ')})`
          : ''
      }`,
    });
  }
  const lists: Partial<Record<'data_classes' | 'regimes' | 'residency', ListSource[]>> = { data_classes: flags };
  for (const [kind, re] of LISTS) {
    const i = take(re, (v) => kind !== 'data_classes' || looksLikeClassNames(v, dataClasses));
    if (i === undefined) continue;
    const list = lists[kind] ?? [];
    lists[kind] = list;
    list.push({ column: ref(i) });
    notes.push({
      path: [kind, list.length - 1],
      text: `${where(i)} lists ${kind.replace('_', ' ')} (names of the policy, separated by , ; |); map other spellings with values: { "Health data": [phi] }`,
    });
  }
  for (const kind of ['data_classes', 'regimes', 'residency'] as const)
    if (lists[kind]?.length) mapping[kind] = lists[kind];

  if (columns.name !== undefined || columns.description !== undefined) {
    const rules: KeywordRule[] = KEYWORDS.filter(
      (k) => k.data_class === undefined || dataClasses.includes(k.data_class),
    ).map((k) => ({
      words: k.words,
      ...(k.data_class ? { data_class: k.data_class } : {}),
      ...(k.task ? { task: k.task } : {}),
    }));
    mapping.suggest = rules;
    notes.push({
      path: ['suggest'],
      text: 'words in the name and description suggest a data class or task; `tierplan plan` asks to confirm (they never decide)',
    });
  }
  const unmapped = header.flatMap((h, i) =>
    used.has(i) ? [] : [{ letter: letterOf(i + 1), label: h === '' ? '(no header)' : h, ref: ref(i) }],
  );
  return { mapping, notes, unmapped };
}

// A mapping checked against a header row and a policy's vocabulary, ready to read rows: every
// column resolved to an index, every value map keyed by normalised text. Problems here are
// the mapping's (exit 2, positioned in the mapping file); nothing has been imported yet.
import { didYouMean, type Problem } from '../diagnostics/problems.js';
import type { Modality, Policy, Reasoning, Status, Task } from '../policy/types.js';
import { HeaderIndex, isProblem, type Column } from './columns.js';
import { compileFills, type CompiledFills } from './fills.js';
import {
  columnOf,
  isValued,
  type ColumnRef,
  type DateFormat,
  type Field,
  type ImportMapping,
  type ListSource,
  type MappingColumns,
} from './mapping-types.js';
import { normalizeKey } from './text.js';

/** What the policy knows: imported names are checked against it so the result validates. */
export interface Vocabulary {
  dataClasses: string[];
  regimes: string[];
  regions: string[];
  tiers: { id: string; name: string }[];
  /** YYYY-MM-DD: overrides that expired before it are not imported. */
  asOf: string;
}

/** What a mapping's values may name, from the policy the inventory will be planned with. */
export function vocabularyOf(policy: Policy, asOf: string): Vocabulary {
  return {
    dataClasses: Object.keys(policy.sensitivity.data_classes),
    regimes: Object.keys(policy.sensitivity.regimes),
    regions: [...new Set(policy.tiers.flatMap((t) => t.regions))],
    tiers: policy.tiers.map((t) => ({ id: t.id, name: t.name })),
    asOf,
  };
}

export interface CompiledField<V> extends Column {
  values?: Map<string, V>;
}

export interface CompiledSource extends Column {
  values?: Map<string, string[] | 'unknown'>;
  split: boolean;
}

interface CompiledRule {
  columns: Column[];
  words: { word: string; re: RegExp }[];
  dataClass?: string;
  task?: Task;
}

type Plain =
  | 'id'
  | 'name'
  | 'owner'
  | 'description'
  | 'context_tokens'
  | 'requests'
  | 'input_tokens_per_request'
  | 'output_tokens_per_request'
  | 'override_tier'
  | 'override_reason'
  | 'override_approved_by'
  | 'override_expires';

export interface CompiledMapping {
  /** `id` is the first of `idParts` when the id is composite. */
  plain: Partial<Record<Plain, Column>>;
  /** The id's columns, joined with hyphens (ids.ts). */
  idParts: Column[];
  status?: CompiledField<Status>;
  task?: CompiledField<Task | 'unknown'>;
  reasoning?: CompiledField<Reasoning>;
  tools?: CompiledField<boolean>;
  modalities?: CompiledField<Modality[]>;
  dataClasses: CompiledSource[];
  regimes: CompiledSource[];
  residency: CompiledSource[];
  rules: CompiledRule[];
  /** constants: and defaults:, applied after a row's own cells. */
  fills?: CompiledFills;
  dateFormat?: DateFormat;
  vocabulary: Vocabulary;
  header: HeaderIndex;
}

export interface Compiled {
  mapping?: CompiledMapping;
  /** Errors stop the import; warnings are shown in the summary. */
  problems: Problem[];
}

const PLAIN: Plain[] = [
  'id',
  'name',
  'owner',
  'description',
  'context_tokens',
  'requests',
  'input_tokens_per_request',
  'output_tokens_per_request',
  'override_tier',
  'override_reason',
  'override_approved_by',
  'override_expires',
];

export function compileMapping(mapping: ImportMapping, header: string[], vocabulary: Vocabulary): Compiled {
  const index = new HeaderIndex(header);
  const problems: Problem[] = [];
  const resolve = (ref: ColumnRef, path: (string | number)[]): Column | undefined => {
    const found = index.resolve(ref, path);
    if (isProblem(found)) {
      problems.push(found);
      return undefined;
    }
    if (typeof ref === 'string' && index.count(ref) > 1) {
      problems.push({
        code: 'ambiguous-column',
        severity: 'warning',
        path,
        message: `${index.count(ref)} columns are named "${ref}": the first (${found.label}) is used`,
        hint: `to read another, write { name: "${ref}", occurrence: 2 } or its letter`,
      });
    }
    return found;
  };
  const field = <V>(name: keyof MappingColumns, f: Field<V> | undefined): CompiledField<V> | undefined => {
    if (f === undefined) return undefined;
    const column = resolve(columnOf(f), isValued(f) ? ['columns', name, 'column'] : ['columns', name]);
    if (!column) return undefined;
    return isValued(f) && f.values ? { ...column, values: keyed(f.values) } : column;
  };

  if (mapping.columns.id === undefined && mapping.columns.name === undefined) {
    problems.push({
      code: 'missing-key',
      severity: 'error',
      path: ['columns'],
      message: 'columns must name at least an id or a name column',
      hint: 'e.g. columns: { id: "ID", name: "Use case" }',
    });
  }
  const plain: CompiledMapping['plain'] = {};
  const idRef = mapping.columns.id;
  const idParts = (Array.isArray(idRef) ? idRef : idRef === undefined ? [] : [idRef]).flatMap((ref, i) => {
    const column = resolve(ref, Array.isArray(idRef) ? ['columns', 'id', i] : ['columns', 'id']);
    return column ? [column] : [];
  });
  if (idParts[0]) plain.id = idParts[0];
  for (const key of PLAIN) {
    if (key === 'id') continue;
    const ref = mapping.columns[key] as ColumnRef | undefined;
    if (ref === undefined) continue;
    const column = resolve(ref, ['columns', key]);
    if (column) plain[key] = column;
  }
  const sources = (kind: 'data_classes' | 'regimes' | 'residency', known: string[] | undefined): CompiledSource[] =>
    (mapping[kind] ?? []).flatMap((s, i) => {
      const column = resolve(s.column, [kind, i, 'column']);
      if (known) checkNames(s, known, [kind, i], kind === 'data_classes' ? 'data class' : 'regime', problems);
      return column
        ? [{ ...column, split: s.split ?? s.values === undefined, ...(s.values ? { values: keyed(s.values) } : {}) }]
        : [];
    });

  const compiled: CompiledMapping = {
    plain,
    idParts,
    dataClasses: sources('data_classes', vocabulary.dataClasses),
    regimes: sources('regimes', vocabulary.regimes),
    residency: sources('residency', undefined),
    rules: [],
    vocabulary,
    header: index,
    ...(mapping.date_format ? { dateFormat: mapping.date_format } : {}),
  };
  const opt = <K extends 'status' | 'task' | 'reasoning' | 'tools' | 'modalities'>(
    k: K,
    v: CompiledMapping[K],
  ): void => {
    if (v) compiled[k] = v;
  };
  opt('status', field('status', mapping.columns.status));
  opt('task', field('task', mapping.columns.task));
  opt('reasoning', field('reasoning', mapping.columns.reasoning));
  opt('tools', field('tools', mapping.columns.tools));
  opt('modalities', field('modalities', mapping.columns.modalities));

  const textColumns = [plain.name, plain.description].filter((c): c is Column => c !== undefined);
  (mapping.suggest ?? []).forEach((rule, i) => {
    if (rule.data_class === undefined && rule.task === undefined) {
      problems.push({
        code: 'missing-key',
        severity: 'error',
        path: ['suggest', i],
        message: 'a suggest rule needs data_class or task: what its words suggest',
      });
    }
    if (rule.data_class !== undefined && !vocabulary.dataClasses.includes(rule.data_class)) {
      problems.push(unknownName('data class', rule.data_class, vocabulary.dataClasses, ['suggest', i, 'data_class']));
    }
    const columns = rule.columns
      ? rule.columns.map((c, j) => resolve(c, ['suggest', i, 'columns', j])).filter((c): c is Column => c !== undefined)
      : textColumns;
    compiled.rules.push({
      columns,
      words: rule.words.map((word) => ({ word, re: wordPattern(word) })),
      ...(rule.data_class !== undefined ? { dataClass: rule.data_class } : {}),
      ...(rule.task !== undefined ? { task: rule.task } : {}),
    });
  });
  const fills = compileFills(mapping, resolve, vocabulary, problems);
  if (fills) compiled.fills = fills;
  return problems.some((p) => p.severity === 'error') ? { problems } : { mapping: compiled, problems };
}

function keyed<V>(values: Record<string, V>): Map<string, V> {
  return new Map(Object.entries(values).map(([k, v]) => [normalizeKey(k), v]));
}

type NameKind = 'data class' | 'regime';

function checkNames(
  source: ListSource,
  known: string[],
  path: (string | number)[],
  kind: NameKind,
  problems: Problem[],
): void {
  for (const [key, names] of Object.entries(source.values ?? {})) {
    if (names === 'unknown') continue;
    names.forEach((n, j) => {
      if (!known.includes(n)) problems.push(unknownName(kind, n, known, [...path, 'values', key, j]));
    });
  }
}

function unknownName(kind: NameKind, name: string, known: string[], path: (string | number)[]): Problem {
  return {
    code: kind === 'data class' ? 'unknown-data-class' : 'unknown-regime',
    severity: 'error',
    path,
    message: `"${name}" is not a ${kind} of the policy`,
    hint:
      didYouMean(name, known) ??
      `the policy's ${kind === 'data class' ? 'data classes' : 'regimes'}: ${known.join(', ')}`,
  };
}

/** A keyword as a whole-word pattern over normalised text; a trailing * matches any ending. */
function wordPattern(word: string): RegExp {
  const key = normalizeKey(word);
  const prefix = key.endsWith('*');
  const body = (prefix ? key.slice(0, -1) : key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`(?<![a-z0-9])${body}${prefix ? '[a-z0-9]*' : '(?![a-z0-9])'}`);
}

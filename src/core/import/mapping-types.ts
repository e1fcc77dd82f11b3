// The import mapping: mirrors schemas/import-mapping.schema.json (test/schema-alignment.test.ts
// fails when the two drift apart).
import type { Modality, Reasoning, Status, Task } from '../policy/types.js';

export interface NamedColumn {
  name: string;
  /** Which of several columns with this header, from the left; default 1. */
  occurrence?: number;
}

export interface LetterColumn {
  letter: string;
}

/** A header name, a named occurrence, a 1-based position, or a spreadsheet letter. */
export type ColumnRef = string | number | NamedColumn | LetterColumn;

/** A column whose free-text values map to tierplan's vocabulary. */
export interface ValuedColumn<V> {
  column: ColumnRef;
  values?: Record<string, V>;
}

export type Field<V> = ColumnRef | ValuedColumn<V>;

export interface MappingColumns {
  /** One column, or several joined with hyphens (a composite id: [Agency, ID]). */
  id?: ColumnRef | ColumnRef[];
  name?: ColumnRef;
  owner?: ColumnRef;
  status?: Field<Status>;
  description?: ColumnRef;
  /** 'unknown' in values: known to be unknown, no needs.task and no warning. */
  task?: Field<Task | 'unknown'>;
  reasoning?: Field<Reasoning>;
  context_tokens?: ColumnRef;
  tools?: Field<boolean>;
  modalities?: Field<Modality[]>;
  requests?: ColumnRef;
  input_tokens_per_request?: ColumnRef;
  output_tokens_per_request?: ColumnRef;
  override_tier?: ColumnRef;
  override_reason?: ColumnRef;
  override_approved_by?: ColumnRef;
  override_expires?: ColumnRef;
}

/** A column contributing names to data classes, regimes or residency. */
export interface ListSource {
  column: ColumnRef;
  /** Cell text → names ([] for none) or 'unknown'; the key '' is a blank cell. */
  values?: Record<string, string[] | 'unknown'>;
  /** Default: true without values, false with. */
  split?: boolean;
}

export interface KeywordRule {
  columns?: ColumnRef[];
  words: string[];
  data_class?: string;
  task?: Task;
}

/**
 * Inventory fields a constant or a default sets, written as tierplan values (not cell text).
 * `task: unknown` leaves needs.task out on purpose; `data_classes` never replaces an unknown
 * answer (it becomes a suggestion then, see docs/import.md#constants-and-defaults).
 */
export interface FieldValues {
  owner?: string;
  status?: Status;
  description?: string;
  task?: Task | 'unknown';
  reasoning?: Reasoning;
  context_tokens?: number;
  tools?: boolean;
  modalities?: Modality[];
  requests?: number;
  input_tokens_per_request?: number;
  output_tokens_per_request?: number;
  data_classes?: string[];
  regimes?: string[];
  residency?: string[];
}

/** A cell test: exactly one of equals, in, matches. */
export interface DefaultCondition {
  column: ColumnRef;
  equals?: string;
  in?: string[];
  matches?: string;
}

/** Fields to use when the row leaves them blank; without `when` the rule applies to every row. */
export interface DefaultRule {
  when?: DefaultCondition;
  set: FieldValues;
}

export type DateFormat = 'DD/MM/YYYY' | 'MM/DD/YYYY';

export interface ImportMapping {
  version: 1;
  date_format?: DateFormat;
  columns: MappingColumns;
  data_classes?: ListSource[];
  regimes?: ListSource[];
  residency?: ListSource[];
  suggest?: KeywordRule[];
  constants?: FieldValues;
  defaults?: DefaultRule[];
}

export const isValued = <V>(f: Field<V>): f is ValuedColumn<V> => typeof f === 'object' && 'column' in f;
export const columnOf = <V>(f: Field<V>): ColumnRef => (isValued(f) ? f.column : f);

// What a sample of a column's values says about it, for the starter mapping: a header word alone
// guesses badly (an "ML type" column is no data classification; a yes/no column no description).
import type { MappingColumns } from './mapping-types.js';
import { normalizeKey, splitList, toName } from './text.js';
import { booleanOf } from './values.js';

export interface ColumnValues {
  /** Non-blank cells in the sample. */
  filled: number;
  /** Share of the sample that is blank (1 for an empty sample). */
  blankShare: number;
  /** Every filled cell (most, with a stray value) reads as yes/no; true for no filled cell. */
  yesNo: boolean;
  /** Most filled cells are free text longer than 40 characters. */
  longText: boolean;
  /** Distinct filled values, normalised. */
  distinct: string[];
}

const NO_WORDS = ['n/a', 'na', 'none', 'not applicable', 'unknown', 'tbd', 'maybe'];
const LONG = 40;

export function describeValues(cells: readonly string[]): ColumnValues {
  const filled = cells.filter((c) => c !== '');
  const distinct = [...new Set(filled.map(normalizeKey))];
  const yesNoCount = filled.filter((c) => booleanOf(c) !== undefined || NO_WORDS.includes(normalizeKey(c))).length;
  const long = filled.filter((c) => c.length > LONG && /\s/.test(c)).length;
  return {
    filled: filled.length,
    blankShare: cells.length === 0 ? 1 : 1 - filled.length / cells.length,
    yesNo: filled.length === 0 || yesNoCount * 2 >= filled.length,
    longText: filled.length > 0 && long * 2 > filled.length,
    distinct,
  };
}

/** Whether the values of a column its header names for `field` fit that field. */
export function fitsField(field: keyof MappingColumns, v: ColumnValues): boolean {
  if (v.filled === 0) return true;
  switch (field) {
    case 'tools':
      return v.yesNo;
    case 'name':
    case 'owner':
    case 'status':
    case 'task':
    case 'reasoning':
    case 'modalities':
      // A column of yes/no answers is not one of these (though a blank-or-yes/no sample can be).
      return !(v.yesNo && v.distinct.every((d) => booleanOf(d) !== undefined));
    default:
      return true;
  }
}

/** A column listing data classes: its values are (mostly) names of the policy's classes. */
export function looksLikeClassNames(v: ColumnValues, dataClasses: readonly string[]): boolean {
  if (v.filled === 0) return true;
  const items = v.distinct.flatMap((d) => splitList(d));
  const known = items.filter((item) => dataClasses.includes(toName(item, '_')) || NO_WORDS.includes(item));
  return known.length * 2 >= items.length;
}

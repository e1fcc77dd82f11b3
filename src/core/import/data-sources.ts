// Data classes, regimes and residency from their columns. Unknown data classes stay unknown:
// the use case is then unclassified (fail-closed), and what the columns did say becomes a
// suggestion for the architect to confirm. Blank regime and residency cells mean none.
import { didYouMean } from '../diagnostics/problems.js';
import type { DataSpec, Suggested } from '../policy/types.js';
import type { CompiledMapping, CompiledSource } from './compile.js';
import { normalizeKey, splitList, toName } from './text.js';

type Cell = (index: number) => string;

const plural = (kind: string): string => (kind.endsWith('s') ? `${kind}es` : `${kind}s`);

interface Gathered {
  names: string[];
  /** Why the list is not fully known, one line per column; empty when it is. */
  unknown: string[];
  /** Which column said what, for the suggestion's `because`. */
  said: string[];
  warnings: string[];
}

/**
 * How one list's cells are read: the names the policy knows (undefined: any), whether a blank
 * cell means none, the word for an item in messages, the separator a name is slugged with.
 */
interface ListReading {
  known: string[] | undefined;
  blankIsNone: boolean;
  kind: string;
  joiner: '_' | '-';
}

function gather(sources: CompiledSource[], cell: Cell, { known, blankIsNone, kind, joiner }: ListReading): Gathered {
  const out: Gathered = { names: [], unknown: [], said: [], warnings: [] };
  const add = (names: string[], source: CompiledSource, text: string): void => {
    for (const n of names) if (!out.names.includes(n)) out.names.push(n);
    if (names.length > 0) out.said.push(`column "${source.label}" says "${text}"`);
  };
  for (const source of sources) {
    const text = cell(source.index);
    const mapped = source.values?.get(normalizeKey(text));
    if (mapped !== undefined) {
      if (mapped === 'unknown') out.unknown.push(`column "${source.label}" says "${text}"`);
      else add(mapped, source, text);
      continue;
    }
    if (text === '') {
      if (!blankIsNone) out.unknown.push(`column "${source.label}" is blank`);
      continue;
    }
    // Not split: the whole cell is one value, taken as a name when it is one.
    const items = source.split ? splitList(text) : [text];
    for (const item of items) {
      const own = source.values?.get(normalizeKey(item));
      if (own === 'unknown') {
        out.unknown.push(`column "${source.label}" says "${item}"`);
        continue;
      }
      if (own !== undefined) {
        add(own, source, item);
        continue;
      }
      const name = toName(item, joiner);
      if (name !== '' && (known === undefined || known.includes(name))) {
        add([name], source, item);
        continue;
      }
      out.unknown.push(`column "${source.label}" says "${item}"`);
      const guess = known ? didYouMean(name, known) : undefined;
      out.warnings.push(
        source.values && !source.split
          ? `"${item}" in column "${source.label}" is not one of the mapping's values for it${guess ? ` (${guess})` : ''}: ${plural(kind)} left unknown`
          : `"${item}" in column "${source.label}" is not a ${kind} of the policy${guess ? ` (${guess})` : ''}: add it to the mapping's values; ${plural(kind)} left unknown`,
      );
    }
  }
  return out;
}

export interface DataOutcome {
  data?: DataSpec;
  suggested: Suggested;
  warnings: string[];
}

export function readData(m: CompiledMapping, cell: Cell): DataOutcome {
  const v = m.vocabulary;
  const classes = gather(m.dataClasses, cell, {
    known: v.dataClasses,
    blankIsNone: false,
    kind: 'data class',
    joiner: '_',
  });
  const regimes = gather(m.regimes, cell, { known: v.regimes, blankIsNone: true, kind: 'regime', joiner: '_' });
  const residency = gather(m.residency, cell, { known: undefined, blankIsNone: true, kind: 'region', joiner: '-' });
  const warnings = [...classes.warnings, ...regimes.warnings, ...residency.warnings];
  for (const r of residency.names) {
    if (!v.regions.includes(r))
      warnings.push(
        `region "${r}" is served by no tier (tiers run in ${v.regions.join(', ')}): the use case will be a gap unless you map it, e.g. values: { "${r}": [${v.regions[0] ?? 'eu'}] }`,
      );
  }
  const data: DataSpec = {};
  const suggested: Suggested = {};
  // An unknown regime could raise the sensitivity as much as a data class: the classes are then not the whole story either.
  const unknown = [...classes.unknown, ...regimes.unknown];
  if (m.dataClasses.length > 0 && unknown.length === 0) data.classes = classes.names;
  else if (classes.names.length > 0) {
    suggested.data_classes = classes.names;
    suggested.because = [
      `data classes ${classes.names.join(', ')}: ${classes.said.join('; ')}, but ${unknown.join('; ')}`,
    ];
  }
  if (regimes.names.length > 0) data.regimes = regimes.names;
  if (residency.names.length > 0) data.residency = residency.names;
  return { ...(Object.keys(data).length > 0 ? { data } : {}), suggested, warnings };
}

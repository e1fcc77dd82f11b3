// A mapping's `constants:` and `defaults:` checked against the header and the policy: the
// `when` columns resolved, the names checked (did-you-mean), a constant for a field a column
// also maps refused. Applying them to a row is apply-fills.ts.
import { MAX_REGEX_INPUT, regexHazard } from '../verify/regex-safety.js';
import { didYouMean, type Problem } from '../diagnostics/problems.js';
import type { Column } from './columns.js';
import type { Vocabulary } from './compile.js';
import type { ColumnRef, FieldValues, ImportMapping, MappingColumns } from './mapping-types.js';
import { normalizeKey } from './text.js';

type Path = (string | number)[];

interface CompiledCondition extends Column {
  /** Human words for the reason a default was taken: `"Agency" = "VA"`. */
  says: string;
  test: (cell: string) => boolean;
}

interface CompiledDefault {
  when?: CompiledCondition;
  set: FieldValues;
}

export interface CompiledFills {
  constants: FieldValues;
  defaults: CompiledDefault[];
}

/** Fields that take one value: a constant for one of them and a column for it cannot both hold. */
const SCALAR = [
  'owner',
  'status',
  'description',
  'task',
  'reasoning',
  'context_tokens',
  'tools',
  'modalities',
  'requests',
  'input_tokens_per_request',
  'output_tokens_per_request',
] as const satisfies readonly (keyof FieldValues & keyof MappingColumns)[];

export function compileFills(
  mapping: ImportMapping,
  resolve: (ref: ColumnRef, path: Path) => Column | undefined,
  vocabulary: Vocabulary,
  problems: Problem[],
): CompiledFills | undefined {
  if (mapping.constants === undefined && mapping.defaults === undefined) return undefined;
  const constants = mapping.constants ?? {};
  checkValues(constants, ['constants'], vocabulary, problems);
  for (const key of SCALAR) {
    if (constants[key] === undefined || mapping.columns[key] === undefined) continue;
    problems.push({
      code: 'mapping-conflict',
      severity: 'error',
      path: ['constants', key],
      message: `${key} is both a constant and a column (columns.${key}): a row cannot take both`,
      hint: `remove one; to use the constant only where the cell is blank, move it to defaults: [{ set: { ${key}: … } }]`,
    });
  }
  const defaults = (mapping.defaults ?? []).flatMap((rule, i): CompiledDefault[] => {
    checkValues(rule.set, ['defaults', i, 'set'], vocabulary, problems);
    if (!rule.when) return [{ set: rule.set }];
    const when = condition(rule.when, ['defaults', i, 'when'], resolve, problems);
    return when ? [{ when, set: rule.set }] : [];
  });
  return { constants, defaults };
}

function condition(
  w: NonNullable<ImportMapping['defaults']>[number]['when'] & object,
  path: Path,
  resolve: (ref: ColumnRef, path: Path) => Column | undefined,
  problems: Problem[],
): CompiledCondition | undefined {
  const tests = [w.equals, w.in, w.matches].filter((t) => t !== undefined).length;
  if (tests !== 1) {
    problems.push({
      code: 'missing-key',
      severity: 'error',
      path,
      message: `a when needs exactly one of equals, in or matches (it has ${tests})`,
      hint: 'e.g. when: { column: "Agency", equals: "VA" }',
    });
    return undefined;
  }
  const column = resolve(w.column, [...path, 'column']);
  if (!column) return undefined;
  const head = `"${column.label}"`;
  if (w.matches !== undefined) {
    // Run on every row: a pattern that can backtrack without bound is refused, never run.
    const hazard = regexHazard(w.matches);
    if (hazard !== null) {
      problems.push({
        code: 'invalid-value',
        severity: 'error',
        path: [...path, 'matches'],
        message: `"${w.matches}" cannot be matched in bounded time: ${hazard}`,
        hint: 'simplify it (no nested or repeated groups, no backreferences), or write equals: or in:',
      });
      return undefined;
    }
    let re: RegExp;
    try {
      re = new RegExp(w.matches, 'iu');
    } catch (e) {
      problems.push({
        code: 'invalid-value',
        severity: 'error',
        path: [...path, 'matches'],
        message: `"${w.matches}" is not a regular expression: ${(e as Error).message}`,
        hint: 'to compare text as it is, write equals: or in: instead',
      });
      return undefined;
    }
    // Longer cells do not match: the bound on the work regexHazard relies on.
    return {
      ...column,
      says: `${head} matches /${w.matches}/`,
      test: (cell) => cell.length <= MAX_REGEX_INPUT && re.test(cell),
    };
  }
  const wanted = w.equals !== undefined ? [w.equals] : (w.in ?? []);
  const keys = new Set(wanted.map(normalizeKey));
  const says =
    w.equals !== undefined ? `${head} = "${w.equals}"` : `${head} is one of ${wanted.map((v) => `"${v}"`).join(', ')}`;
  return { ...column, says, test: (cell) => keys.has(normalizeKey(cell)) };
}

function checkValues(values: FieldValues, path: Path, vocabulary: Vocabulary, problems: Problem[]): void {
  const check = (key: 'data_classes' | 'regimes', known: string[], kind: string): void =>
    (values[key] ?? []).forEach((name, j) => {
      if (known.includes(name)) return;
      problems.push({
        code: key === 'data_classes' ? 'unknown-data-class' : 'unknown-regime',
        severity: 'error',
        path: [...path, key, j],
        message: `"${name}" is not a ${kind} of the policy`,
        hint: didYouMean(name, known) ?? `the policy's ${key.replace('_', ' ')}: ${known.join(', ')}`,
      });
    });
  check('data_classes', vocabulary.dataClasses, 'data class');
  check('regimes', vocabulary.regimes, 'regime');
  (values.residency ?? []).forEach((region, j) => {
    if (vocabulary.regions.includes(region)) return;
    problems.push({
      code: 'unknown-region',
      severity: 'warning',
      path: [...path, 'residency', j],
      message: `region "${region}" is served by no tier (tiers run in ${vocabulary.regions.join(', ')}): the use cases it reaches will be gaps`,
      hint: didYouMean(region, vocabulary.regions) ?? 'check the spelling, or add a tier serving it to the policy',
    });
  });
}

// ajv's errors for an import mapping, in plain words. Column references accept several
// shapes (anyOf), which makes ajv report one error per shape tried; they are folded into one
// message saying what a column may be, and the deepest error wins where a shape was entered.
import type { ErrorObject } from 'ajv';
import type { PlacedProblem } from '../source/locate.js';
import { dedupe, dropSuggestedMissing, toPath } from '../schema/ajv-problems.js';
import { describeError } from '../schema/schema-messages.js';

const COLUMN_SHAPES =
  'a column: a header name ("Title"), a 1-based position (3), { name: "Notes", occurrence: 2 } or { letter: C }';

const depth = (e: ErrorObject): number => (e.instancePath === '' ? 0 : e.instancePath.split('/').length);

export function describeMappingErrors(errors: ErrorObject[], value: unknown): PlacedProblem[] {
  // Where any error went deeper into a value, the shallower ones about that value are the
  // other shapes that did not fit: noise.
  const alternative = (e: ErrorObject): boolean => /anyOf|definitions\/(namedColumn|letterColumn)\//.test(e.schemaPath);
  const deepest = errors.filter(
    (e) =>
      !(alternative(e) && errors.some((o) => depth(o) > depth(e) && o.instancePath.startsWith(`${e.instancePath}/`))),
  );
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of deepest) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const problems: PlacedProblem[] = [];
  for (const [pointer, list] of byPath) {
    const path = toPath(pointer, value);
    const specific = list.filter((e) => e.keyword !== 'anyOf');
    // An anyOf at this very value: none of its shapes fit.
    if (list.some((e) => e.keyword === 'anyOf')) {
      const columnish = list.some((e) => /definitions\/(namedColumn|letterColumn)/.test(e.schemaPath));
      problems.push(
        columnish
          ? {
              code: 'wrong-type',
              severity: 'error',
              path,
              message: `expected ${COLUMN_SHAPES}`,
              hint: 'to map values too, write { column: …, values: { "free text": value } }',
            }
          : {
              code: 'wrong-type',
              severity: 'error',
              path,
              message: 'expected a list of names ([] for none), or "unknown"',
            },
      );
      continue;
    }
    for (const e of specific.length > 0 ? specific : list)
      problems.push(describeError(e, toPath(e.instancePath, value)));
  }
  return dedupe(dropSuggestedMissing(problems));
}

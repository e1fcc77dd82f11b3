// Keyword rules: words in description-like columns suggest a data class or a task. They only
// ever fill `suggested` (with the reason); data and needs stay as the columns said.
import type { Suggested, Task, UseCase } from '../policy/types.js';
import type { CompiledMapping } from './compile.js';
import { normalizeKey } from './text.js';

export function suggest(
  m: CompiledMapping,
  cell: (i: number) => string,
  useCase: UseCase,
  known: Suggested,
): Suggested {
  const classes = [...(known.data_classes ?? [])];
  const because = [...(known.because ?? [])];
  let task: Task | undefined;
  const texts = new Map<number, string>();
  const textOf = (i: number): string => {
    let t = texts.get(i);
    if (t === undefined) {
      t = normalizeKey(cell(i));
      texts.set(i, t);
    }
    return t;
  };
  for (const rule of m.rules) {
    const wantClass =
      rule.dataClass !== undefined &&
      !classes.includes(rule.dataClass) &&
      !(useCase.data?.classes ?? []).includes(rule.dataClass);
    const wantTask = rule.task !== undefined && task === undefined && useCase.needs?.task === undefined;
    if (!wantClass && !wantTask) continue;
    const hit = firstHit(
      rule.columns.map((c) => ({ label: c.label, text: textOf(c.index) })),
      rule.words,
    );
    if (!hit) continue;
    const what = wantClass ? `data class ${rule.dataClass!}` : `task ${rule.task!}`;
    if (wantClass) classes.push(rule.dataClass!);
    else task = rule.task;
    because.push(`${what}: column "${hit.label}" mentions "${hit.word}"`);
    // A rule naming both a class and a task suggests both from the one match.
    if (wantClass && rule.task !== undefined && task === undefined && useCase.needs?.task === undefined) {
      task = rule.task;
      because.push(`task ${rule.task}: column "${hit.label}" mentions "${hit.word}"`);
    }
  }
  const out: Suggested = {};
  if (classes.length > 0) out.data_classes = classes;
  if (task !== undefined) out.task = task;
  if (because.length > 0) out.because = because;
  return out;
}

function firstHit(
  texts: { label: string; text: string }[],
  words: { word: string; re: RegExp }[],
): { label: string; word: string } | undefined {
  for (const { label, text } of texts) {
    if (text === '') continue;
    for (const w of words) if (w.re.test(text)) return { label, word: w.word };
  }
  return undefined;
}

// Which questions `tierplan plan` asks about a use case on a terminal, and the choices it
// offers, in plain words. Pure: the prompts in src/cli/interactive only display these.
import { isDataUnclassified, isNeedsUnclassified } from '../plan/classify.js';
import type { Modality, Policy, Reasoning, Task, UseCase } from '../policy/types.js';

/**
 * `all`: the whole group is unknown, ask every question of it. `classes` / `task`: the facts
 * are known but an import suggested more, so only that suggestion is put to the architect.
 */
export interface QuestionPlan {
  data: 'all' | 'classes' | 'none';
  needs: 'all' | 'task' | 'none';
  /** Asked only alongside the others: volume never decides the tier. */
  volume: boolean;
}

export function questionPlan(uc: UseCase): QuestionPlan {
  // A dismissed suggestion is a decision already taken: it is not put to the architect again.
  const open = uc.suggested?.dismissed === undefined ? uc.suggested : undefined;
  const data = isDataUnclassified(uc) ? 'all' : open?.data_classes !== undefined ? 'classes' : 'none';
  const needs = isNeedsUnclassified(uc) ? 'all' : open?.task !== undefined ? 'task' : 'none';
  return { data, needs, volume: uc.volume?.requests === undefined };
}

/** A use case the terminal session stops at: it lacks data or needs, or carries guesses to confirm. */
export function needsAttention(uc: UseCase): boolean {
  if (uc.status === 'retired') return false;
  const q = questionPlan(uc);
  return q.data !== 'none' || q.needs !== 'none';
}

export interface Choice<T> {
  value: T;
  name: string;
  checked?: boolean;
  /** Why the choice cannot be picked (shown beside it). */
  disabled?: string;
}

/** The policy's data classes with their explanations; `checked` pre-checked, `suggested` marked as such. */
export function dataClassChoices(
  policy: Policy,
  checked: readonly string[],
  suggested: readonly string[],
): Choice<string>[] {
  return Object.entries(policy.sensitivity.data_classes).map(([id, def]) => ({
    value: id,
    name: `${id}${suggested.includes(id) ? ' (suggested)' : ''} — ${def.description} [${def.level}]`,
    checked: checked.includes(id),
  }));
}

/** Regimes a set of data classes carries anyway (`phi` → `hipaa`), each with the classes that imply it. */
export function impliedRegimes(policy: Policy, classes: readonly string[]): Map<string, string[]> {
  const implied = new Map<string, string[]>();
  for (const cls of classes) {
    for (const regime of policy.sensitivity.data_classes[cls]?.implies_regimes ?? []) {
      implied.set(regime, [...(implied.get(regime) ?? []), cls]);
    }
  }
  return implied;
}

/** The policy's regimes; those the chosen classes imply are shown, not offered (they apply anyway). */
export function regimeChoices(
  policy: Policy,
  classes: readonly string[],
  current: readonly string[],
): Choice<string>[] {
  const implied = impliedRegimes(policy, classes);
  return Object.entries(policy.sensitivity.regimes).map(([id, def]) => {
    const by = implied.get(id);
    return {
      value: id,
      name: `${id} — ${def.description} [${def.level}]`,
      ...(by ? { disabled: `applies anyway: implied by ${by.join(', ')}` } : { checked: current.includes(id) }),
    };
  });
}

/** The regions the policy's deployments run in, sorted: the only residencies that can be met. */
export function residencyRegions(policy: Policy): string[] {
  return [...new Set(policy.tiers.flatMap((t) => t.deployments.map((d) => d.region)))].sort();
}

export const TASK_CHOICES: readonly Choice<Task>[] = [
  {
    value: 'classification',
    name: 'classification — Sorts or labels items: routing tickets, tagging documents, spotting fraud.',
  },
  { value: 'extraction', name: 'extraction — Pulls fields or facts out of documents or messages.' },
  { value: 'summarization', name: 'summarization — Condenses documents, calls or threads.' },
  { value: 'search', name: 'search — Answers questions from a body of documents (retrieval, Q&A, FAQ bots).' },
  { value: 'generation', name: 'generation — Writes new text: drafts, letters, marketing copy, replies.' },
  { value: 'transcription', name: 'transcription — Turns speech into text.' },
  { value: 'reasoning', name: 'reasoning — Analyses a case and reaches a judgement or recommendation.' },
  { value: 'agentic', name: 'agentic — Plans and carries out several steps on its own, calling tools.' },
  { value: 'code', name: 'code — Writes, reviews or explains source code.' },
];

export const REASONING_CHOICES: readonly Choice<Reasoning>[] = [
  { value: 'low', name: 'simple — One step: look something up, label it, copy it out.' },
  { value: 'medium', name: 'some — A few steps: compare, weigh two or three facts, follow a procedure.' },
  { value: 'high', name: 'deep — Long chains of reasoning: analysis, planning, judgement on hard cases.' },
];

/** How long the inputs are, in buckets an architect can answer without counting tokens. */
export const CONTEXT_BUCKETS: readonly Choice<number>[] = [
  { value: 4000, name: 'up to 4k tokens — a message or a page' },
  { value: 32000, name: 'up to 32k tokens — a long document' },
  { value: 128000, name: 'up to 128k tokens — several long documents' },
  { value: 200000, name: '200k tokens or more — a book, a code base, a whole case file' },
];

export const MODALITY_CHOICES: readonly Choice<Modality>[] = [
  { value: 'text', name: 'text' },
  { value: 'image', name: 'images — Scans, photos, diagrams.' },
  { value: 'audio', name: 'audio — Calls, voice notes, recordings.' },
  { value: 'video', name: 'video' },
];

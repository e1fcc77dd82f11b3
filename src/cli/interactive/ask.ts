// The questions about one use case, on the terminal. What to ask and the choices come from
// src/core/interactive/questions.ts; this file only puts them to the architect.
import { checkbox, confirm, number, select } from '@inquirer/prompts';
import type { Answers } from '../../core/interactive/answers.js';
import {
  CONTEXT_BUCKETS,
  dataClassChoices,
  MODALITY_CHOICES,
  REASONING_CHOICES,
  regimeChoices,
  residencyRegions,
  TASK_CHOICES,
  type Choice,
  type QuestionPlan,
} from '../../core/interactive/questions.js';
import type { Modality, Policy, UseCase } from '../../core/policy/types.js';

const PAGE = 12;

/** How a checkbox answer is repeated once given, with a word for none checked. */
const shown = (none: string) => ({
  style: {
    renderSelectedChoices: <T>(picked: readonly { short: string; value: T }[]): string =>
      picked.length > 0 ? picked.map((c) => c.short).join(', ') : none,
  },
});

/** After an answer, the prompt repeats only the choice's label, not its explanation. */
const short = <T>(choices: readonly Choice<T>[]): (Choice<T> & { short: string })[] =>
  choices.map((c) => ({ ...c, short: c.name.split(' — ')[0]!.replace(' (suggested)', '') }));
/** The input-length choice that leads to a number prompt instead of a bucket. */
const OTHER_LENGTH = -1;

/** Passed to every prompt: the signal that cancels the one on screen (SIGINT from outside the terminal). */
export interface PromptIo {
  signal: AbortSignal;
}

/** Asks what `plan` says is missing, starting from `start` (what is written, suggestions, or the previous answers). */
export async function askAnswers(
  uc: UseCase,
  policy: Policy,
  plan: QuestionPlan,
  start: Answers,
  io: PromptIo,
): Promise<Answers> {
  const answers: Answers = {};
  if (plan.data !== 'none') answers.data = await askData(uc, policy, plan.data, start, io);
  if (plan.needs !== 'none') answers.needs = await askNeeds(plan.needs, start, io);
  if (plan.volume) {
    const volume = await askVolume(start, io);
    if (volume) answers.volume = volume;
  }
  return answers;
}

async function askData(
  uc: UseCase,
  policy: Policy,
  which: 'all' | 'classes',
  start: Answers,
  io: PromptIo,
): Promise<NonNullable<Answers['data']>> {
  const lowest = policy.sensitivity.levels[0];
  const canBeNone = !Object.values(policy.sensitivity.data_classes).some((c) => c.level === lowest);
  const classes = await checkbox(
    {
      message: 'What data does it touch? Check every kind that goes into a prompt or comes back.',
      choices: short(dataClassChoices(policy, start.data?.classes ?? [], uc.suggested?.data_classes ?? [])),
      pageSize: PAGE,
      loop: false,
      validate: (picked) =>
        picked.length > 0 || canBeNone || `check at least one (${lowest} if it only touches ${lowest} material)`,
    },
    io,
  );
  if (which === 'classes') return { classes };
  const regimeList = regimeChoices(policy, classes, start.data?.regimes ?? []);
  const implied = regimeList.some((r) => r.disabled !== undefined);
  const regimes =
    regimeList.length === 0
      ? []
      : await checkbox(
          {
            message: `Which regulations apply to this data?${implied ? ' Those the data implies apply anyway.' : ''} (none checked: none${implied ? ' more' : ''})`,
            choices: short(regimeList),
            pageSize: PAGE,
            loop: false,
            theme: shown('none'),
          },
          io,
        );
  const regions = residencyRegions(policy);
  const residency =
    regions.length === 0
      ? []
      : await checkbox(
          {
            message: 'Where must the data stay? Check the regions it may be processed in (none checked: anywhere)',
            choices: regions.map((r) => ({ value: r, name: r, checked: start.data?.residency?.includes(r) ?? false })),
            loop: false,
            theme: shown('anywhere'),
          },
          io,
        );
  return { classes, regimes, residency };
}

async function askNeeds(which: 'all' | 'task', start: Answers, io: PromptIo): Promise<NonNullable<Answers['needs']>> {
  const before = start.needs;
  const task = await select(
    { message: 'What is the task?', choices: short(TASK_CHOICES), default: before?.task, pageSize: PAGE, loop: false },
    io,
  );
  if (which === 'task') return { task };
  const reasoning = await select(
    {
      message: 'How hard is the reasoning?',
      choices: short(REASONING_CHOICES),
      default: before?.reasoning,
      loop: false,
    },
    io,
  );
  const known = CONTEXT_BUCKETS.some((b) => b.value === before?.context_tokens);
  let context_tokens = await select(
    {
      message: 'How long are the inputs, at most, in one request?',
      choices: [...CONTEXT_BUCKETS, { value: OTHER_LENGTH, name: 'I know the number of tokens' }],
      default: before?.context_tokens === undefined ? undefined : known ? before.context_tokens : OTHER_LENGTH,
      loop: false,
    },
    io,
  );
  if (context_tokens === OTHER_LENGTH) {
    context_tokens = await number(
      { message: 'Longest input, in tokens:', min: 0, step: 1, required: true, default: before?.context_tokens },
      io,
    );
  }
  const tools = await confirm(
    { message: 'Does it call tools or functions (APIs, databases, other systems)?', default: before?.tools ?? false },
    io,
  );
  const defaults: Modality[] = before?.modalities ?? (task === 'transcription' ? ['audio'] : ['text']);
  const modalities = await checkbox(
    {
      message: 'What does it take in?',
      choices: short(MODALITY_CHOICES).map((c) => ({ ...c, checked: defaults.includes(c.value) })),
      loop: false,
      validate: (picked) => picked.length > 0 || 'check at least one',
    },
    io,
  );
  return { task, reasoning, context_tokens, tools, modalities };
}

async function askVolume(start: Answers, io: PromptIo): Promise<Answers['volume']> {
  const before = start.volume;
  const requests = await number(
    {
      message: 'About how many requests a month? (leave empty if unknown)',
      min: 0,
      step: 1,
      required: false,
      default: before?.requests,
    },
    io,
  );
  if (requests === undefined) return undefined;
  const input = await number(
    {
      message: 'Input tokens per request, roughly? (optional)',
      min: 0,
      step: 1,
      required: false,
      default: before?.input_tokens_per_request,
    },
    io,
  );
  const output = await number(
    {
      message: 'Output tokens per request, roughly? (optional)',
      min: 0,
      step: 1,
      required: false,
      default: before?.output_tokens_per_request,
    },
    io,
  );
  return {
    requests,
    ...(input !== undefined ? { input_tokens_per_request: input } : {}),
    ...(output !== undefined ? { output_tokens_per_request: output } : {}),
  };
}

import { resolve } from 'node:path';
import { DEFAULT_POLICY } from '../../core/policy/default-policy.js';
import {
  checkAnswers,
  defaultAnswers,
  providerChoices,
  regimeChoices,
  regionChoices,
  tierChoices,
  unknownAnswers,
  type InitAnswers,
  type InitChoice,
} from '../../core/init/answers.js';
import { workedExample } from '../../core/init/example-use-case.js';
import { scaffoldPolicy } from '../../core/init/scaffold-policy.js';
import { UsageError } from '../../io/source/errors.js';
import { PACKAGE_SCHEMAS, scaffoldTargets, schemaRefs, schemasFound } from '../../io/output/scaffold-files.js';
import { machineSpecific } from '../../io/output/schema-ref.js';
import { writeOutputs } from '../../io/output/write-output.js';
import { renderScaffoldInventory } from '../../render/scaffold/scaffold-inventory.js';
import { renderScaffoldPolicy } from '../../render/scaffold/scaffold-policy.js';
import { INTERRUPTED, type CliContext } from '../context.js';

export interface InitOptions {
  dir?: string;
  yes?: boolean;
  force?: boolean;
  tiers?: string[];
  regions?: string[];
  providers?: string[];
  regimes?: string[];
  schemaBase?: string;
}

const base = DEFAULT_POLICY;

export async function init(ctx: CliContext, opts: InitOptions): Promise<number> {
  const dir = opts.dir ?? '.';
  refuseToOverwrite(dir, opts.force === true);
  const pinned = pinnedAnswers(opts);
  refuseAnswers(unknownAnswers(base, pinned));

  let answers: InitAnswers;
  if (opts.yes === true || !ctx.interactive) {
    const unanswered = (['tiers', 'regions', 'providers', 'regimes'] as const).filter((k) => pinned[k] === undefined);
    if (opts.yes !== true && unanswered.length > 0) {
      ctx.err(
        `not asking (no terminal, or CI is set): the defaults for ${unanswered.join(', ')}, as with --yes. Choose with ${unanswered.map((k) => `--${k}`).join(', ')}.\n`,
      );
    }
    answers = { ...defaultAnswers(base), ...pinned };
  } else {
    try {
      answers = await ask(pinned);
    } catch (e) {
      if (e instanceof Error && e.name === 'ExitPromptError') {
        ctx.err('\ninterrupted: nothing was written.\n');
        return INTERRUPTED;
      }
      throw e;
    }
    // The questions may have taken a while: check again, so a file created meanwhile is not overwritten.
    refuseToOverwrite(dir, opts.force === true);
  }

  refuseAnswers(checkAnswers(base, answers));
  const { policy, leftOut } = scaffoldPolicy(base, answers);
  const example = workedExample(policy);
  const schemaBase = opts.schemaBase ?? PACKAGE_SCHEMAS;
  const refs = schemaRefs(dir, schemaBase);
  const targets = scaffoldTargets(dir);
  await writeOutputs([
    { path: targets.policy, text: renderScaffoldPolicy({ policy, leftOut, schemaRef: refs.policy }) },
    { path: targets.inventory, text: renderScaffoldInventory(example, refs.inventory) },
  ]);

  const deployments = policy.tiers.reduce((n, t) => n + t.deployments.length, 0);
  const regimes = Object.keys(policy.sensitivity.regimes);
  ctx.out(
    `wrote ${targets.policy}: tiers ${policy.tiers.map((t) => t.id).join(', ')}; ${deployments} deployments; regimes ${regimes.join(', ') || '(none)'}\n`,
  );
  ctx.out(
    `wrote ${targets.inventory}: one worked example, ${example.useCase.id} → ${example.placed.tier ?? 'no tier (a gap)'}\n`,
  );
  if (!schemasFound(schemaBase))
    ctx.err(
      `note: no policy.schema.json and inventory.schema.json in ${schemaBase}: editors will not find the schemas the files name\n`,
    );
  else if (opts.schemaBase === undefined && machineSpecific(refs.policy))
    ctx.err(
      `note: the files' $schema lines name this machine's tierplan (${refs.policy.replace(/policy\.schema\.json$/, '')}); for a repository others clone, pass --schema-base a folder in it or a URL\n`,
    );
  ctx.out(nextSteps(dir));
  return 0;
}

function refuseToOverwrite(dir: string, force: boolean): void {
  const { existing } = scaffoldTargets(dir);
  if (existing.length === 0 || force) return;
  const what = existing.length === 1 ? `${existing[0]} already exists` : `${existing.join(' and ')} already exist`;
  throw new UsageError(`${what}: nothing was written. Pass --force to overwrite, or --dir DIR to write elsewhere.`);
}

function refuseAnswers(problems: string[]): void {
  if (problems.length > 0) throw new UsageError(`${problems.join('\nerror: ')}\nNothing was written.`);
}

function pinnedAnswers(opts: InitOptions): Partial<InitAnswers> {
  const pinned: Partial<InitAnswers> = {};
  if (opts.tiers) pinned.tiers = opts.tiers;
  if (opts.regions) pinned.regions = opts.regions;
  if (opts.providers) pinned.providers = opts.providers;
  if (opts.regimes) pinned.regimes = opts.regimes;
  return pinned;
}

// Each question is skipped when its flag gave the answer; each refuses a choice that would
// leave a chosen tier without a deployment, saying why, before the next question.
async function ask(pinned: Partial<InitAnswers>): Promise<InitAnswers> {
  const { checkbox } = await import('@inquirer/prompts');
  const all = defaultAnswers(base);
  const choose = (
    message: string,
    choices: InitChoice[],
    check?: (values: string[]) => string | undefined,
  ): Promise<string[]> =>
    checkbox({
      message,
      choices: choices.map((c) => ({ ...c, short: c.value, checked: true })),
      pageSize: 12,
      validate: (selected) => check?.(selected.map((s) => s.value)) ?? true,
    });
  const first = (a: InitAnswers): string | undefined => checkAnswers(base, a)[0];

  const tiers =
    pinned.tiers ?? (await choose('Which tiers do you run?', tierChoices(base), (t) => first({ ...all, tiers: t })));
  const regions =
    pinned.regions ??
    (await choose('Which regions may your AI workloads run in?', regionChoices(base, tiers), (r) =>
      first({ ...all, tiers, regions: r }),
    ));
  const providers =
    pinned.providers ??
    (await choose(
      'Which clouds and providers do you use? (only their deployments are kept)',
      providerChoices(base, tiers, regions),
      (p) => first({ ...all, tiers, regions, providers: p }),
    ));
  const regimes =
    pinned.regimes ??
    (await choose('Which regulatory regimes apply to you? (unchecked ones are left out)', regimeChoices(base)));
  return { tiers, regions, providers, regimes };
}

function nextSteps(dir: string): string {
  const here = resolve(dir) === resolve('.');
  return [
    '',
    'Next:',
    ...(here ? [] : [`  cd ${dir}`]),
    '  tierplan validate                                  # check both files',
    '  tierplan plan                                      # the tier matrix, with the worked example placed',
    '',
    'Have a spreadsheet of use cases? Import it instead of the worked example:',
    '  tierplan import use-cases.csv --init-mapping       # import-mapping.yaml, guessed from the header: check it',
    '  tierplan import use-cases.csv --mapping import-mapping.yaml --output-file inventory.yaml --force',
    '',
  ].join('\n');
}

// `tierplan adopt litellm|portkey CONFIG…`: an existing gateway read into the policy and the
// inventory. Nothing is written on a parse error (exit 2), on Ctrl-C (exit 130) or with
// --dry-run; the files are written together, each whole or not at all.
import type { AdoptAnswers, AnswerProblem } from '../../core/adopt/answers.js';
import type { Status } from '../../core/policy/types.js';
import { loadAdoptAnswers } from '../../io/adopt/load-answers.js';
import { writeOutputs } from '../../io/output/write-output.js';
import { UsageError } from '../../io/source/errors.js';
import { answerProblems, finishAdopt, startAdopt } from '../../pipeline/adopt.js';
import { renderAdopt, type AdoptFormat } from '../../render/adopt/adopt-report.js';
import { INTERRUPTED, type CliContext } from '../context.js';
import { generator } from '../generator.js';
import { resolveAsOf } from '../inputs.js';
import { isPromptExit, SigintGuard } from '../interactive/sigint-guard.js';

export interface AdoptOptions {
  policy?: string;
  inventory?: string;
  asOf?: string;
  answers?: string;
  tier?: string[];
  alias?: string[];
  status?: Status;
  dryRun?: boolean;
  yes?: boolean;
  format: AdoptFormat;
}

export async function adopt(ctx: CliContext, gateway: string, paths: string[], opts: AdoptOptions): Promise<number> {
  if (gateway !== 'litellm' && gateway !== 'portkey')
    throw new UsageError(`the gateway is litellm or portkey, not "${gateway}"`);
  if (gateway === 'litellm' && paths.length !== 1)
    throw new UsageError('adopt litellm reads one config.yaml (or one /model/info JSON export)');
  const start = await startAdopt({
    dialect: gateway,
    paths,
    policyPath: opts.policy ?? 'tierplan.policy.yaml',
    inventoryPath: opts.inventory ?? 'inventory.yaml',
    asOf: resolveAsOf(opts.asOf),
    generator: generator(),
  });
  let answers = mergeFlags(opts.answers !== undefined ? await loadAdoptAnswers(opts.answers) : { version: 1 }, opts);
  const given = answerProblems(start, answers);
  if (given.length > 0) throw refusal(given);
  const asking = ctx.interactive && opts.yes !== true && opts.format !== 'json';
  const guard = asking ? new SigintGuard() : null;
  try {
    if (guard !== null) {
      const { askAdoptAnswers } = await import('../interactive/adopt-questions.js');
      answers = await askAdoptAnswers(start.proposal, start.policy, start.inventory, answers, guard.signal);
    }
    const outcome = finishAdopt(start, answers, {
      dryRun: opts.dryRun === true,
      ...(opts.status ? { status: opts.status } : {}),
    });
    if ('problems' in outcome) throw refusal(outcome.problems);
    if (guard !== null && !opts.dryRun && outcome.outputs.length > 0) {
      const { confirmWrite } = await import('../interactive/adopt-questions.js');
      if (!(await confirmWrite(outcome.report.written, guard.signal))) {
        ctx.err('nothing was written.\n');
        return 0;
      }
      guard.check();
    }
    if (!opts.dryRun && outcome.outputs.length > 0) {
      if (guard !== null) await guard.whileSaving(() => writeOutputs(outcome.outputs, { callerHandlesSignals: true }));
      else await writeOutputs(outcome.outputs);
    }
    ctx.out(renderAdopt(outcome.report, opts.format));
    if (!asking && !ctx.interactive && opts.format !== 'json' && opts.answers === undefined)
      ctx.err(
        'not asking (no terminal, or CI is set): the proposed tiers were taken; pin them with --tier, --alias or --answers.\n',
      );
    // Findings: what today's config lets through, and credentials written into it.
    const secrets = outcome.report.proposal.notes.some((n) => n.code === 'adopt-secret-literal');
    return outcome.report.today.result.summary.errors > 0 || secrets ? 1 : 0;
  } catch (e) {
    if (isPromptExit(e)) {
      ctx.err('\ninterrupted: nothing was written.\n');
      return INTERRUPTED;
    }
    throw e;
  } finally {
    guard?.release();
  }
}

/** Answers that name nothing the proposal has, or a value the policy lacks: exit 2, nothing written. */
const refusal = (problems: AnswerProblem[]): UsageError =>
  new UsageError(`${problems.map((p) => `${p.at}: ${p.message}`).join('\nerror: ')}\nNothing was written.`);

/** `--tier ID=TIER` and `--alias NAME=USE-CASE` over the answers file (flags win). */
function mergeFlags(answers: AdoptAnswers, opts: AdoptOptions): AdoptAnswers {
  const out: AdoptAnswers = { ...answers, deployments: { ...answers.deployments }, aliases: { ...answers.aliases } };
  for (const t of opts.tier ?? []) {
    const [id, tier] = pair(t, '--tier', 'DEPLOYMENT=TIER');
    out.deployments![id] = { ...out.deployments![id], tier };
  }
  for (const a of opts.alias ?? []) {
    const [name, useCase] = pair(a, '--alias', 'NAME=USE-CASE');
    out.aliases![name] = useCase;
  }
  return out;
}

function pair(text: string, flag: string, shape: string): [string, string] {
  const eq = text.lastIndexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError(`${flag} takes ${shape}, got "${text}"`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

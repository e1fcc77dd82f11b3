import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseBytes, parseCount } from './sizes.js';
import { COLUMN_ROLES, DIALECTS, SQL_SOURCES } from './review-sql.js';
import { makeContext, type CliContext } from './context.js';
import {
  adoptHelp,
  explainHelp,
  gatewayHelp,
  importHelp,
  initHelp,
  planHelp,
  reviewHelp,
  validateHelp,
  classifyHelp,
  diffHelp,
  verifyHelp,
} from './help/epilogues.js';
import { importLimitOptions } from './limits.js';
import { reportError } from './report-error.js';
import { setOutputNotes } from '../io/output/write-output.js';
import { setMaxYamlBytes } from '../io/source/read-text.js';
import { version } from './version.js';

/** `-f, --format` with the choices a command has, and `--json` kept as its shorthand. */
const formatOptions = (cmd: Command, choices: string[], fallback: string): Command =>
  cmd
    .addOption(new Option('-f, --format <format>', 'output on stdout').choices(choices).default(fallback))
    .addOption(new Option('--json', 'the same as --format json').implies({ format: 'json' }));

/** `--annotations github`, the same on every command whose findings have a place in a file. */
const annotationsOption = (): Option =>
  new Option(
    '--annotations <kind>',
    'also print each finding as a CI annotation at its place in the file (github: ::error file=…)',
  ).choices(['github']);

const inputOptions = (cmd: Command): Command =>
  cmd
    .option('-i, --inventory <path>', 'inventory file, or a folder of YAML files (one use case each)', undefined)
    .option(
      '-p, --policy <file>',
      'policy file merged over the built-in default (default: ./tierplan.policy.yaml if present)',
    )
    .option(
      '--as-of <date>',
      'date the plan is made on, YYYY-MM-DD (default: today, UTC); overrides expire relative to it',
    );

/** `a,b, c` → ['a', 'b', 'c']; `none` or an empty value → [] (e.g. no regime applies). */
function commaList(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length === 1 && items[0] === 'none' ? [] : items;
}

/** `--width`: whole columns, at least 40 (the table renderer lays out narrower values at its minimum). */
function columns(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 40 || n > 1000)
    throw new InvalidArgumentError('Give a whole number of columns from 40 to 1000.');
  return n;
}

export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command('tierplan')
    .description(
      'Place every AI use case on a deployment tier (public API, private cloud, on-prem) with a stated rationale.',
    )
    .version(version(), '-V, --version')
    .option('--debug', 'print stack traces of internal errors')
    .addOption(
      new Option(
        '--max-yaml-size <size>',
        'largest YAML or JSON input read: policy, inventory (each file of a folder), mapping, plan.json, review.json, gateway configs (default: 10MiB)',
      ).argParser(parseBytes('--max-yaml-size')),
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const context = (cmd: Command): CliContext =>
    makeContext({ ...cmd.optsWithGlobals(), interactive: cmd.optsWithGlobals().interactive });
  const action =
    <T extends unknown[]>(load: () => Promise<(ctx: CliContext, ...a: T) => Promise<number>>) =>
    async (...a: unknown[]): Promise<void> => {
      const cmd = a[a.length - 1] as Command;
      const ctx = context(cmd);
      setOutputNotes((line) => ctx.err(`note: ${line}\n`));
      const maxYaml = cmd.optsWithGlobals().maxYamlSize as unknown;
      if (typeof maxYaml === 'number') setMaxYamlBytes(maxYaml);
      try {
        const run = await load();
        exit(await run(ctx, ...(a.slice(0, -1) as T)));
      } catch (e) {
        exit(reportError(e, ctx));
      }
    };

  program
    .command('init')
    .description(
      'Write a commented tierplan.policy.yaml and an inventory.yaml with one worked example; on a terminal, asks which tiers, regions, providers and regimes you have.',
    )
    .option('-d, --dir <dir>', 'folder to write the two files into', '.')
    .option(
      '-y, --yes',
      'ask nothing: take the defaults (the whole built-in policy) for every answer not given by a flag',
    )
    .option('--force', 'overwrite tierplan.policy.yaml and inventory.yaml if they exist')
    .option('--tiers <ids>', 'the tiers you run, comma-separated (api, private-cloud, on-prem)', commaList)
    .option('--regions <ids>', 'regions your workloads may run in, comma-separated (us, eu)', commaList)
    .option(
      '--providers <ids>',
      'providers whose deployments to keep, comma-separated (openai, anthropic, bedrock, azure, vertex_ai, hosted_vllm)',
      commaList,
    )
    .option('--regimes <ids>', 'regulatory regimes that apply to you, comma-separated, or none', commaList)
    .option(
      '--schema-base <dir|url>',
      "where the files' $schema lines point: a folder holding the schemas (made relative to --dir) or a URL (default: this tierplan's schemas/ folder)",
    )
    .addHelpText('after', initHelp)
    .action(action(async () => (await import('./commands/init.js')).init));

  const importCommand = program
    .command('import')
    .argument('<file>', 'spreadsheet export: CSV (UTF-8 with or without BOM, or Windows-1252) or XLSX')
    .description(
      'Turn a spreadsheet of use cases into the inventory, through a column mapping; or write a starter mapping from its header.',
    )
    .option('-m, --mapping <file>', 'column mapping (schemas/import-mapping.schema.json)')
    .option('--init-mapping', 'write a starter mapping guessed from the header row instead of importing')
    .option(
      '--output-file <file>',
      'file to write (default: inventory.yaml, or import-mapping.yaml with --init-mapping)',
    )
    .addOption(
      new Option(
        '-o, --out <file>',
        'deprecated name of --output-file (--out is a folder in every other command)',
      ).hideHelp(),
    )
    .option('--force', 'replace --output-file if it exists')
    .option(
      '--merge',
      'add the new use cases to the --output-file inventory, keeping its comments and use cases; rows it has are reported updated, unchanged, changed or conflicting, never written twice; data classes and regimes a row adds are always written',
    )
    .option(
      '--update',
      "with --merge: also write every other field a row fills over the inventory's value (data classes and regimes are only ever added to)",
    )
    .addOption(
      new Option(
        '--encoding <encoding>',
        'CSV text encoding; auto reads UTF-8 and falls back to Windows-1252 when the file is not valid UTF-8',
      )
        .choices(['auto', 'utf8', 'windows-1252'])
        .default('auto'),
    )
    .option('--delimiter <char>', 'CSV delimiter: , ; tab or | (default: detected from the header line)')
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option(
      '-p, --policy <file>',
      'policy whose data classes, regimes and tiers values are checked against (default: ./tierplan.policy.yaml if present)',
    )
    .option('--as-of <date>', 'overrides that expired before this date (default: today) are not imported');
  formatOptions(importCommand, ['table', 'json'], 'table');
  for (const o of importLimitOptions()) importCommand.addOption(new Option(o.flags, o.description).argParser(o.parse));
  importCommand
    .addHelpText('after', importHelp)
    .action(action(async () => (await import('./commands/import.js')).importCommand));

  formatOptions(
    inputOptions(program.command('validate')).description(
      'Check the policy and inventory: schema, then references, duplicates and expired overrides.',
    ),
    ['table', 'json'],
    'table',
  )
    .addOption(
      new Option('--fail-on <what>', 'exit 1 on findings at this level (warning: e.g. an expired override)')
        .choices(['none', 'warning'])
        .default('none'),
    )
    .addOption(annotationsOption())
    .addHelpText('after', validateHelp)
    .action(action(async () => (await import('./commands/validate.js')).validate));

  inputOptions(program.command('diff'))
    .description('What a change does to the plan: tier moves, widenings first, gaps, overrides, the split.')
    .argument('[plans...]', 'two plan.json files: BASE HEAD')
    .option(
      '--base <rev>',
      'git revision to compare with, e.g. origin/main (the inventory and policy as it holds them)',
    )
    .option('--head <rev>', 'git revision to compare (default: the working tree)')
    .addOption(
      new Option('-f, --format <format>', 'output on stdout').choices(['table', 'markdown', 'json']).default('table'),
    )
    .addOption(
      new Option(
        '--fail-on <what>',
        'exit 1 when: widen (a use case may reach a more open tier), any (anything changed)',
      )
        .choices(['none', 'widen', 'any'])
        .default('none'),
    )
    .addHelpText('after', diffHelp)
    .action(action(async () => (await import('./commands/diff.js')).diff));

  inputOptions(program.command('classify'))
    .description('Decide pending import suggestions in bulk: list them grouped, accept or dismiss them.')
    .option('--accept-suggestions', 'confirm the suggestions of the selected use cases into data.classes')
    .option('--dismiss-suggestions <why>', 'record that the suggestions do not apply, and why (who decided)')
    .option('--where <field=value...>', 'only use cases matching: id, owner, status, suggested (trailing * = prefix)')
    .addOption(new Option('--by <grouping>', 'group the listing by').choices(['owner', 'suggestion']).default('owner'))
    .option('--dry-run', 'say what would change; write nothing')
    .addOption(new Option('-f, --format <format>', 'output on stdout').choices(['table', 'json']).default('table'))
    .addHelpText('after', classifyHelp)
    .action(action(async () => (await import('./commands/classify.js')).classify));

  inputOptions(program.command('plan'))
    .description('Classify every use case, assign its tier and print the one-page tier matrix.')
    .addOption(
      new Option('-f, --format <format>', 'output on stdout (default: table, or nothing with --out)').choices([
        'table',
        'markdown',
        'html',
        'json',
      ]),
    )
    .option(
      '-o, --out <dir>',
      'write matrix.md, matrix.html, plan.json and the gateway configs (litellm/, portkey/) into DIR',
    )
    .addOption(
      new Option(
        '--fail-on <what>',
        'exit 1 when the plan has these findings (suggestion: a use case placed by an unconfirmed import suggestion)',
      )
        .choices(['none', 'gap', 'unclassified', 'suggestion', 'any'])
        .default('none'),
    )

    .option(
      '--width <columns>',
      'width of the terminal table (default: $COLUMNS, else the terminal width, else 80)',
      columns,
    )
    .addOption(annotationsOption())
    .option('--no-interactive', 'never ask questions (also when CI is set or there is no TTY)')
    .addHelpText('after', planHelp)
    .action(action(async () => (await import('./commands/plan.js')).plan));

  inputOptions(program.command('gateway'))
    .description(
      'Generate the gateway routing config: one alias per use case, fallbacks only to tiers cleared for its data.',
    )
    .addOption(
      new Option('-t, --target <target>', 'gateway dialect').choices(['litellm', 'portkey', 'all']).default('all'),
    )
    .option('-o, --out <dir>', 'folder for litellm/config.yaml, litellm/keys.json and portkey/*.json', 'gateway')
    .option('--check', 'write nothing: compare with the files in --out, print a diff and exit 1 on drift (the CI gate)')
    .addHelpText('after', gatewayHelp)
    .action(action(async () => (await import('./commands/gateway.js')).gateway));

  inputOptions(program.command('verify'))
    .argument(
      '<config...>',
      'LiteLLM config.yaml, Portkey config JSON, or a folder of them (e.g. the --out folder of `tierplan gateway`)',
    )
    .description(
      'Check gateway configs, generated or edited by hand: report every path by which a use case could reach a deployment not cleared for it, and drift from the plan.',
    )
    .option(
      '--plan <file>',
      'plan.json to check against, with --policy for the deployments (default: plan --inventory with --policy)',
    )
    .addOption(
      new Option('-f, --format <format>', 'output on stdout (text: the same as table)')
        .choices(['table', 'text', 'json', 'sarif'])
        .default('table'),
    )
    .addOption(annotationsOption())
    .addHelpText('after', verifyHelp)
    .action(action(async () => (await import('./commands/verify.js')).verify));

  inputOptions(program.command('adopt'))
    .description(
      'Start from the gateway you run: read a LiteLLM or Portkey config into the policy (deployments on tiers) and the inventory (the names applications call), then report what it lets through today and what `tierplan gateway` would change.',
    )
    .addArgument(new Argument('<gateway>', 'the gateway the configs are for').choices(['litellm', 'portkey']))
    .argument(
      '<file...>',
      'litellm: one config.yaml or a /model/info JSON export; portkey: config JSON files or folders (routes.json beside a conditional config)',
    )
    .option('--answers <file>', 'decisions without a terminal (schemas/adopt-answers.schema.json)')
    .option(
      '--tier <deployment=tier>',
      'put a proposed deployment on a tier (repeatable; wins over --answers)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--alias <name=use-case>',
      'a name applications call belongs to this use case: an existing id (it becomes an alias), a new id, or new (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(
      new Option(
        '--status <status>',
        'status of the new use case stubs (default production: applications call them today)',
      ).choices(['idea', 'pilot', 'production', 'retired']),
    )
    .option('--dry-run', 'write nothing: print the proposal and the report')
    .option('-y, --yes', 'on a terminal, ask nothing: take the proposal (with --tier, --alias, --answers)')
    .option('--no-interactive', 'never ask questions (also when CI is set or there is no TTY)')
    .addOption(new Option('-f, --format <format>', 'output on stdout').choices(['table', 'json']).default('table'))
    .addOption(new Option('--json', 'the same as --format json').implies({ format: 'json' }))
    .addHelpText('after', adoptHelp)
    .action(action(async () => (await import('./commands/adopt.js')).adopt));

  inputOptions(program.command('review'))
    .description(
      'The quarterly review: usage exports against the plan — where traffic really ran, consolidation triggers, breaches, proposed moves.',
    )
    .option(
      '-u, --usage <files...>',
      'usage exports: LiteLLM spend logs (CSV, JSON, JSONL), FinOps FOCUS CSV, any CSV/JSONL with --mapping, aggregates of --emit-sql; plain or .gz; or a LiteLLM database, postgresql://USER@HOST:PORT/DB (PG* variables fill the rest)',
    )
    .option(
      '--usage-db <name>',
      'a LiteLLM database the policy names under review.databases; its URL is read from the environment variable the policy gives (with or instead of --usage)',
    )
    .addOption(
      new Option(
        '--usage-format <format>',
        'skip detection from the header; aggregate: the result of the SQL --emit-sql prints',
      ).choices(['litellm', 'focus', 'mapped', 'aggregate']),
    )
    .option('--mapping <file>', 'column mapping for other CSV/JSONL exports (schemas/usage-mapping.schema.json)')
    .addOption(
      new Option('--cost-column <column>', 'FOCUS cost column')
        .choices(['EffectiveCost', 'BilledCost'])
        .default('EffectiveCost'),
    )
    .option('--quarter <quarter>', 'review period, e.g. 2026-Q3 (default: the last full quarter before --as-of)')
    .option('--from <month>', 'first month of the period, YYYY-MM')
    .option('--to <month>', 'last month of the period, YYYY-MM')
    .option(
      '--previous <review.json>',
      "last quarter's review.json: trigger conditions that held across quarters count, and the portfolio split compares with it when the exports do not cover last quarter",
    )
    .addOption(
      new Option('-f, --format <format>', 'output on stdout (default: table, or nothing with --out/--propose)').choices(
        ['table', 'markdown', 'html', 'json', 'sarif'],
      ),
    )
    .option(
      '--width <columns>',
      'width of the terminal table (default: $COLUMNS, else the terminal width, else 80)',
      columns,
    )
    .addOption(annotationsOption())
    .option('-o, --out <dir>', 'write review.md, review.html and review.json into DIR')
    .option('--propose <file>', 'write the proposed inventory changes as a YAML patch to review and apply')
    .option(
      '--apply <file>',
      'apply a reviewed proposals patch to the inventory it records (relative to the patch), or --inventory; comments kept; lists each change; needs no --usage',
    )
    .addOption(
      new Option('--fail-on <what>', 'exit 1 on findings at this level')
        .choices(['none', 'breach', 'drift', 'trigger', 'any'])
        .default('breach'),
    )
    .option(
      '--max-decompressed-bytes <size>',
      'refuse a .gz usage export that expands past this (default 64GiB; e.g. 200GiB)',
      parseBytes('--max-decompressed-bytes'),
    )
    .option(
      '--max-ratio <n>',
      'refuse a .gz usage export that expands more than n times its compressed size (default 200)',
      parseCount('--max-ratio'),
    )
    .option(
      '--max-record-bytes <size>',
      'refuse a usage record (CSV record, JSONL line, JSON object) longer than this (default 64MiB)',
      parseBytes('--max-record-bytes'),
    )
    .option(
      '--max-field-bytes <size>',
      'refuse a CSV field or JSON string longer than this (default 32MiB)',
      parseBytes('--max-field-bytes'),
    )
    .option(
      '--max-identities <n>',
      'distinct names outside the inventory held one by one; the rest are folded into a counted, judged overflow (default 10000)',
      parseCount('--max-identities'),
    )
    .option(
      '--emit-sql',
      'print the aggregation as SQL to run where the usage lives (see --dialect, --source, --table, --column); reads no usage',
    )
    .addOption(
      new Option('--dialect <dialect>', 'SQL dialect of --emit-sql').choices([...DIALECTS]).default('postgres'),
    )
    .addOption(
      new Option(
        '--source <source>',
        "what the SQL reads: litellm (LiteLLM_SpendLogs, one row a request), daily (LiteLLM's daily rollups) or focus (a FinOps FOCUS table, with --table)",
      )
        .choices([...SQL_SOURCES])
        .default('litellm'),
    )
    .option(
      '--table <name>',
      'the table the SQL reads, or a dotted path (schema.table); default LiteLLM_SpendLogs, or LiteLLM_DailyTeamSpend for --source daily',
    )
    .option(
      '--column <role=name...>',
      "a column of the table under another name than LiteLLM's (e.g. start=created_at); roles: litellm " +
        `${COLUMN_ROLES.litellm.join(', ')}; daily ${COLUMN_ROLES.daily.join(', ')}; focus ${COLUMN_ROLES.focus.join(', ')} (ROLE= for a column the table lacks)`,
    )
    .addHelpText('after', reviewHelp)
    .action(action(async () => (await import('./commands/review.js')).review));

  formatOptions(
    inputOptions(program.command('explain'))
      .argument('<id>', 'use case id')
      .description("Print the whole chain of reasons behind one use case's tier."),
    ['table', 'json'],
    'table',
  )
    .addHelpText('after', explainHelp)
    .action(action(async () => (await import('./commands/explain.js')).explain));

  const policy = program.command('policy').description('Inspect the policy.');
  formatOptions(
    policy
      .command('show')
      .description('Print the effective policy: the built-in default merged with your policy file.')
      .option(
        '-p, --policy <file>',
        'policy file (default: ./tierplan.policy.yaml if present, else the built-in default)',
      ),
    ['yaml', 'json'],
    'yaml',
  ).action(action(async () => (await import('./commands/policy-show.js')).policyShow));
  return program;
}

export async function run(argv: string[]): Promise<void> {
  const exit = (code: number): void => {
    process.exitCode = code;
  };
  const program = buildProgram(exit);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // `commander.help` with a non-zero exit code is the usage printed because no command was given.
      const ok =
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        (e.code === 'commander.help' && e.exitCode === 0);
      exit(ok ? 0 : 2);
      return;
    }
    throw e;
  }
}

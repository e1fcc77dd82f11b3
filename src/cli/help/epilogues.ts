// What `<command> --help` prints after the options: examples, notes and exit codes.
// Commander wraps descriptions of options to the terminal but prints these as they are, so
// each line is kept within 80 columns here (test/cli/help.test.ts checks it). Long
// examples go on with a trailing `\` so they can still be pasted into a shell.

const text = (...lines: string[]): string => lines.join('\n');

export const initHelp = text(
  '',
  'Examples:',
  '  tierplan init   # on a terminal: four questions, then the two files',
  '  tierplan init --yes --dir platform/   # the whole default policy, no questions',
  '  tierplan init --tiers api,private-cloud --regions eu --regimes gdpr',
  '  tierplan init --schema-base node_modules/tierplan/schemas --force',
  '',
  'Without a terminal (or with CI set) nothing is asked: the defaults are taken, as',
  'with --yes. Existing files are never overwritten without --force; either both',
  'files are written or neither.',
  '',
  'Exit codes:',
  '  0    written',
  '  2    usage error or the files exist',
  '  130  interrupted (Ctrl-C): nothing written',
);

export const importHelp = text(
  '',
  'Examples:',
  '  # 1. write a starter mapping from the header row',
  '  tierplan import use-cases.csv --init-mapping --out import-mapping.yaml',
  '  # 2. after editing it, import',
  '  tierplan import use-cases.csv --mapping import-mapping.yaml \\',
  '    --out inventory.yaml',
  '  # one sheet of a workbook, replacing the inventory',
  '  tierplan import register.xlsx --sheet "AI register" --mapping map.yaml \\',
  '    --out inventory.yaml --force',
  '  # add what is new',
  '  tierplan import new-rows.csv --mapping map.yaml --out inventory.yaml --merge',
  '',
  'Nothing is written unless the whole inventory is valid. Rows that cannot be',
  'imported are listed with their line and reason; blank rows are counted and',
  'ignored.',
  '',
  'Exit codes:',
  '  0  every row imported',
  '  1  some rows skipped',
  '  2  usage or input error (unreadable file, invalid mapping, a mapped column',
  '     missing from the header)',
);

export const validateHelp = text(
  '',
  'Example:',
  '  tierplan validate --inventory inventory.yaml --policy tierplan.policy.yaml',
  '',
  'Exit codes:',
  '  0  valid (warnings may be printed)',
  '  2  any error',
);

export const planHelp = text(
  '',
  'Examples:',
  '  tierplan plan --inventory examples/inventory.yaml \\',
  '    --policy examples/tierplan.policy.yaml',
  '  tierplan plan --format markdown > MATRIX.md',
  '  tierplan plan --out build/ --as-of 2026-11-24 --fail-on gap   # in CI',
  '',
  'On a terminal, plan first asks about each use case that lacks data classes or',
  'needs, or carries suggestions from `tierplan import` (what data, which',
  'regulations, where it must stay, the task, reasoning, input length, tools,',
  'volume), shows where it would land and why, and saves the answers into its',
  'inventory file (comments and formatting kept). Skip a use case or stop at any',
  'time; run plan again to continue. Never asks with --no-interactive, when CI is',
  'set, or without a TTY.',
  '',
  'Exit codes:',
  '  0    planned',
  '  1    findings at --fail-on',
  '  2    usage or input error',
  '  130  interrupted by Ctrl-C during the questions (answers saved before it stay',
  '       saved)',
);

export const gatewayHelp = text(
  '',
  'Examples:',
  '  tierplan gateway --inventory examples/inventory.yaml \\',
  '    --policy examples/tierplan.policy.yaml --out gateway/',
  '  # in CI: exit 1 on drift',
  '  tierplan gateway --target litellm --out deploy/ --check --as-of 2026-11-24',
  '',
  'Exit codes:',
  '  0  written or no drift',
  '  1  drift (with --check)',
  '  2  usage or input error',
);

export const verifyHelp = text(
  '',
  'Examples:',
  '  tierplan verify gateway/ --inventory examples/inventory.yaml \\',
  '    --policy examples/tierplan.policy.yaml',
  '  tierplan verify deploy/litellm/config.yaml --plan build/plan.json \\',
  '    --policy tierplan.policy.yaml',
  '  # in CI: upload to code scanning',
  '  tierplan verify gateway/ --format sarif > verify.sarif',
  '',
  'A folder stands for every config inside it; routes.json beside a Portkey',
  'conditional config is the metadata each use case sends. Fallbacks of every',
  'kind, load-balance members, wildcard groups, conditional branches and requests',
  'without metadata are all followed.',
  '',
  'Exit codes:',
  '  0  no violation or drift (warnings may be printed)',
  '  1  any violation or drift',
  '  2  usage or input error',
);

export const reviewHelp = text(
  '',
  'Examples:',
  '  tierplan review --usage spend-logs.csv.gz --quarter 2026-Q3 --out review/',
  '  tierplan review --usage focus-export.csv --cost-column BilledCost \\',
  '    --format markdown',
  '  tierplan review --usage export.jsonl --mapping usage-mapping.yaml \\',
  '    --propose proposals.yaml',
  '  tierplan review --apply proposals.yaml --inventory inventory.yaml',
  '',
  'Who (the use case), first signal that names an inventory use case:',
  '  1. a tierplan-uc:<id> tag or metadata key',
  '  2. the alias (model_group); <alias>--<deployment> fallback groups count',
  '     as <alias>',
  '  3. the model_id prefix <alias>.<deployment>',
  '  Signals naming different use cases: use-case-mismatch, judged for each.',
  'Where: from the provider, model, endpoint and region the row connected to;',
  '  model_id and tierplan-tier tags are claims (label-mismatch when they',
  '  disagree). Unknown deployment: judged as the most open tier',
  '  (unverified-deployment, a breach when that tier is not cleared).',
  '',
  'Exit codes:',
  '  0    clean',
  '  1    findings at --fail-on (default: breach)',
  '  2    usage or input error (also when a usage file breaks off midway: its',
  '       report is still written)',
  '  130  interrupted by Ctrl-C while reading (nothing written)',
);

export const explainHelp = text('', 'Example:', '  tierplan explain claims-triage --inventory examples/inventory.yaml');

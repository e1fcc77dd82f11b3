// `tierplan import FILE --mapping MAP.yaml`: a spreadsheet export → an inventory, written only
// when whole and valid. `tierplan import --init-mapping FILE`: a starter mapping from the header.
import { basename } from 'node:path';
import { checkInventory } from '../../core/policy/check-inventory.js';
import { vocabularyOf } from '../../core/import/compile.js';
import { guessMapping } from '../../core/import/guess-mapping.js';
import { mergeImported } from '../../core/import/merge.js';
import type { Inventory, Policy } from '../../core/policy/types.js';
import { InputError, UsageError } from '../../io/source/errors.js';
import { importSpreadsheet } from '../../io/import/import-file.js';
import { loadImportMapping } from '../../io/import/load-mapping.js';
import { mergeInto, readMergeTarget } from '../../io/import/merge-inventory.js';
import { checkOutput, schemaRefFor } from '../../io/import/outputs.js';
import type { EncodingOption } from '../../io/import/read-csv.js';
import { readTable, type TableOptions } from '../../io/import/read-table.js';
import { formatSize, maxYamlBytes } from '../../io/source/read-text.js';
import { importLimits } from '../limits.js';
import { StopReading } from '../../io/import/table.js';
import { checkDocument } from '../../io/schema/schemas.js';
import { writeOutputs } from '../../io/output/write-output.js';
import { renderImportedInventory, renderUseCaseItems } from '../../render/import/import-inventory.js';
import { renderStarterMapping } from '../../render/import/import-mapping.js';
import { importSummary, mergeSummary, renderImportSummary } from '../../render/import/import-summary.js';
import type { CliContext } from '../context.js';
import { loadPolicy, resolveAsOf } from '../inputs.js';

export interface ImportOptions {
  mapping?: string;
  initMapping?: boolean;
  outputFile?: string;
  /** The old name of --output-file, kept for one release. */
  out?: string;
  force?: boolean;
  merge?: boolean;
  update?: boolean;
  format?: 'table' | 'json';
  encoding: EncodingOption;
  delimiter?: string;
  sheet?: string;
  policy?: string;
  asOf?: string;
}

/** `--output-file`, or its old name `--out` with a one-line note: everywhere else `--out` is a folder. */
function outputFile(ctx: CliContext, opts: ImportOptions): string | undefined {
  if (opts.out === undefined) return opts.outputFile;
  if (opts.outputFile !== undefined)
    throw new UsageError('--out is the old name of --output-file: give the file once, with --output-file');
  ctx.err(
    `note: import --out is deprecated (--out names a folder in every other command) and will be removed in the next release: use --output-file ${opts.out}\n`,
  );
  return opts.out;
}

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '\\t': '\t', '|': '|' };
const SAMPLE_ROWS = 500;

export async function importCommand(ctx: CliContext, file: string, opts: ImportOptions): Promise<number> {
  const delimiter = opts.delimiter === undefined ? undefined : DELIMITERS[opts.delimiter];
  if (opts.delimiter !== undefined && delimiter === undefined)
    throw new UsageError(`--delimiter must be , ; tab or |, not ${JSON.stringify(opts.delimiter)}`);
  const table: TableOptions = {
    limits: importLimits(opts as unknown as Record<string, unknown>),
    encoding: opts.encoding,
    ...(delimiter ? { delimiter } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
  };
  if (opts.initMapping) {
    if (opts.mapping !== undefined) throw new UsageError('--init-mapping writes a mapping; it does not take --mapping');
    return initMapping(ctx, file, opts, table);
  }
  if (opts.mapping === undefined) {
    throw new UsageError(
      `which column is which? pass --mapping MAP.yaml, or write a starter with: tierplan import --init-mapping ${file}`,
    );
  }
  const out = outputFile(ctx, opts) ?? 'inventory.yaml';
  if (opts.merge && opts.force)
    throw new UsageError('--merge adds to --output-file and --force replaces it: choose one');
  if (opts.update && !opts.merge)
    throw new UsageError('--update writes rows over an existing inventory: use it with --merge');
  checkOutput(out, file, opts.force === true || opts.merge === true, 'inventory');
  const asOf = resolveAsOf(opts.asOf);
  const { policy, diagnostics: policyProblems } = await loadPolicy(opts.policy);
  if (policyProblems.some((d) => d.severity === 'error')) throw new InputError(policyProblems);
  const loaded = await loadImportMapping(opts.mapping);
  const target = opts.merge ? await readMergeTarget(out) : undefined;

  const { result, info, mappingWarnings } = await importSpreadsheet(file, loaded, vocabularyOf(policy, asOf), table);
  const { inventory, added, updates, report } = mergeImported(target?.inventory.use_cases ?? [], result, {
    update: opts.update === true,
  });
  assertValid(inventory, policy, asOf, target?.inventory.use_cases.length ?? 0);
  const written = added.length > 0 || updates.size > 0;
  const summary = importSummary(result, {
    file,
    read_as: info.source,
    encoding: info.encoding ?? null,
    mapping_warnings: mappingWarnings,
    output: written ? out : null,
    unit: info.unit,
    merged_into: target ? out : null,
    merge: target ? mergeSummary(report) : null,
    added: added.length,
  });
  if (written) {
    const text = target
      ? mergeInto(target, updates, added, renderUseCaseItems(added))
      : renderImportedInventory(inventory, {
          schemaRef: schemaRefFor(out, 'inventory.schema.json'),
          source: basename(file),
          mapping: basename(loaded.file),
          suggested: summary.suggested,
        });
    // An inventory tierplan would refuse to read is not written (the limit is on YAML inputs).
    const size = Buffer.byteLength(text);
    if (size > maxYamlBytes()) {
      throw new UsageError(
        `the inventory would be ${formatSize(size)} (${inventory.use_cases.length} use cases), over the ${formatSize(maxYamlBytes())} tierplan reads from one YAML file (--max-yaml-size): nothing was written; import the spreadsheet in parts`,
      );
    }
    await writeOutputs([{ path: out, text }]);
  }
  if (opts.format === 'json') ctx.out(`${JSON.stringify(summary, null, 2)}\n`);
  else ctx.err(renderImportSummary(summary));
  return result.skipped.length > 0 || result.imported === 0 || report.conflicting.length > 0 ? 1 : 0;
}

async function initMapping(ctx: CliContext, file: string, opts: ImportOptions, table: TableOptions): Promise<number> {
  const out = outputFile(ctx, opts) ?? 'import-mapping.yaml';
  checkOutput(out, file, opts.force === true, 'mapping');
  const { policy } = await loadPolicy(opts.policy);
  let header: string[] = [];
  const sample: string[][] = [];
  await readTable(file, table, (h) => {
    header = h;
    return {
      add: (cells) => {
        sample.push([...cells]);
        if (sample.length >= SAMPLE_ROWS) throw new StopReading();
      },
      skip: () => undefined,
    };
  }).catch((e: unknown) => {
    if (!(e instanceof StopReading)) throw e;
  });
  const guessed = guessMapping(header, sample, Object.keys(policy.sensitivity.data_classes));
  await writeOutputs([
    {
      path: out,
      text: renderStarterMapping(
        guessed,
        schemaRefFor(out, 'import-mapping.schema.json'),
        basename(file),
        basename(out),
      ),
    },
  ]);
  const mapped = header.length - guessed.unmapped.length;
  if (opts.format === 'json')
    ctx.out(
      `${JSON.stringify({ file, output: out, columns: header.length, mapped, unmapped: guessed.unmapped }, null, 2)}\n`,
    );
  else {
    ctx.err(
      `wrote ${out}: ${mapped} of ${header.length} columns mapped from their header names${guessed.unmapped.length ? `; ${guessed.unmapped.length} left for you (listed at the end of the file)` : ''}.\n`,
    );
    ctx.err(`next: check it, then  tierplan import ${file} --mapping ${out}\n`);
  }
  return 0;
}

// The importer only writes what the inventory schema and the policy accept; anything else is a
// bug in tierplan, reported as such, and nothing is written. Merging, only the use cases from
// `from` on are the importer's: what the inventory held before is the owner's to fix.
function assertValid(inventory: Inventory, policy: Policy, asOf: string, from: number): void {
  const ours = (path: (string | number)[]): boolean =>
    path[0] !== 'use_cases' || typeof path[1] !== 'number' || path[1] >= from;
  const problems = [...checkDocument('inventory', inventory), ...checkInventory(inventory, policy, asOf)].filter(
    (p) => p.severity === 'error' && ours(p.path),
  );
  if (problems.length === 0) return;
  const where = (path: (string | number)[]): string => path.join('.');
  throw new Error(
    `the imported inventory would not validate, so nothing was written:\n${problems
      .slice(0, 5)
      .map((p) => `  ${where(p.path)}: ${p.message}`)
      .join('\n')}`,
  );
}

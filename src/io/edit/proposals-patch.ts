// The proposals patch: `tierplan review --propose FILE` writes the inventory changes a review
// suggests as a small YAML document the architect reads, edits (deleting what they reject) and
// applies with `tierplan review --apply FILE`. Applying edits the inventory's text in place,
// at the source ranges of the nodes concerned: every comment, key order, quoting style and
// blank line of everything not changed stays byte for byte as it was.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import type { Proposal } from '../../core/review/review-types.js';
import { dedupe, dropSuggestedMissing, toPath } from '../schema/ajv-problems.js';
import { deepEqual, readSource, valueAt, type Entry, type Source } from './inventory-source.js';
import { InputError } from '../source/errors.js';
import { loadInventory } from '../inputs/load-inventory.js';
import { documentLocator, toDiagnostics, type PlacedProblem, type SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import { readText } from '../source/read-text.js';
import { describeError } from '../schema/schema-messages.js';
import { checkDocument } from '../schema/schemas.js';
import { writeOutputs } from '../output/write-output.js';
import { actionProblem, newInventoryErrors, type InventoryContext } from './proposal-checks.js';
import { planEdit } from './proposal-edit.js';
import { apply as applyEdits } from './yaml-text-edit.js';
import { yamlLib } from '../source/yaml-lib.js';

const PROPOSALS_KIND = 'tierplan-proposals';
const PROPOSALS_VERSION = 1;

export interface ProposalsMeta {
  /** e.g. "tierplan 0.1.0". */
  generator: string;
  /** The review period, e.g. "2025-01 to 2025-03". */
  period: string;
  /** The inventory the proposals are about, relative to the patch's folder (see inventoryForPatch). */
  inventory: string;
}

/** A proposal applied, with where: the line of the changed key (or of its use case when the key is new). */
export interface AppliedChange extends Proposal {
  file: string;
  line: number;
}

export interface ApplyResult {
  applied: number;
  /** What was applied, entry by entry, for the summary. */
  changes: AppliedChange[];
  /** The inventory the patch was applied to (the patch's own when none was given). */
  inventory: string;
  skipped: { use_case: string; reason: string }[];
  /** The inventory files rewritten (none when nothing applied). */
  files: string[];
}

export const SKIP_CHANGED = 'changed since the review';

const HEADER = [
  ' tierplan proposals: inventory changes suggested by `tierplan review`.',
  '',
  ' Review each entry and delete the ones you do not accept, then apply the rest with',
  '   tierplan review --apply FILE',
  ' which changes only the lines concerned and keeps every comment of the inventory.',
  ' Or apply them by hand: in the use case with the id `use_case`, the key at `path`',
  ' holds `from`; set it to `to` (`to: null` means remove the key). An entry whose `from`',
  ' no longer matches the inventory is skipped as "changed since the review".',
].join('\n');

/**
 * The reviewable patch for `proposals`, built as data and serialised: any string from the
 * inputs (names, reasons, trigger ids) stays data, whatever quotes, newlines or `#` it holds.
 */
export function renderProposalsPatch(proposals: Proposal[], meta: ProposalsMeta): string {
  const { Document, isSeq } = yamlLib();
  const data = {
    kind: PROPOSALS_KIND,
    version: PROPOSALS_VERSION,
    generator: meta.generator,
    period: meta.period,
    inventory: meta.inventory,
    proposals: proposals.map((p) => ({
      use_case: p.use_case,
      action: p.action,
      change: { path: [...p.change.path], from: p.change.from ?? null, to: p.change.to ?? null },
      reason: p.reason,
      trigger: p.trigger,
    })),
  };
  const doc = new Document(data);
  doc.commentBefore = HEADER;
  proposals.forEach((_, i) => {
    const path = doc.getIn(['proposals', i, 'change', 'path'], true);
    if (isSeq(path)) path.flow = true;
  });
  return doc.toString({ lineWidth: 0 });
}

/** Reads a patch file and applies it: see applyProposalsPatch. */
export async function applyProposalsPatchFile(
  inventoryPath: string | undefined,
  patchPath: string,
  context?: InventoryContext,
): Promise<ApplyResult> {
  const text = await readText(patchPath, { expected: 'a proposals patch written by `tierplan review --propose`' });
  return applyProposalsPatch(inventoryPath, text, { patchFile: patchPath, ...(context ? { context } : {}) });
}

/**
 * Applies a proposals patch to an inventory file, or to the file of a folder that holds each
 * use case. A change is applied only where the inventory still holds its `from`; otherwise it
 * is skipped with the reason. Before anything is written the patch is checked against
 * schemas/proposals.schema.json, each entry against its action (see proposal-checks.ts), the
 * changed inventory against the inventory schema and against the checks `validate` runs (with
 * the review's policy when `context` gives it); the files are then written atomically.
 */
export async function applyProposalsPatch(
  inventoryGiven: string | undefined,
  patchText: string,
  options: { patchFile?: string; context?: InventoryContext } = {},
): Promise<ApplyResult> {
  const patchFile = options.patchFile ?? '<patch>';
  const { proposals, inventory: recorded, locator: patchLocator } = readPatch(patchText, patchFile);
  // The patch records the inventory it was made for, relative to its own folder; --inventory overrides it.
  const inventoryPath = inventoryGiven ?? recordedInventory(recorded, options.patchFile, patchLocator);
  const refused = proposals.flatMap((p, i) => {
    const problem = actionProblem(p);
    return problem === undefined
      ? []
      : [refusal(patchLocator, ['proposals', i, ...problem.at], `${p.use_case}: ${problem.message}`)];
  });
  if (refused.length > 0) throw new InputError(refused);
  // Refuses a bad inventory with its own positioned diagnostics, and lists a folder's files.
  const { files } = await loadInventory(inventoryPath);
  const sources = await Promise.all(files.map(readSource));
  const index = new Map<string, { source: Source; entry: Entry }>();
  for (const source of sources)
    for (const entry of source.entries) if (!index.has(entry.id)) index.set(entry.id, { source, entry });

  const skipped: ApplyResult['skipped'] = [];
  const seen = new Set<string>();
  // Plans the edit of proposal i, or says why it is skipped.
  const skipReason = (p: (typeof proposals)[number], i: number): string | undefined => {
    const found = index.get(p.use_case);
    if (!found) return 'no use case with this id in the inventory';
    if (seen.has(p.use_case)) return 'another entry of this patch already changes this use case';
    seen.add(p.use_case);
    const current = valueAt(found.entry.value, p.change.path);
    if (!deepEqual(current, p.change.from)) return deepEqual(current, p.change.to) ? 'already applied' : SKIP_CHANGED;
    const edit = planEdit(found.source.text, found.entry.node, p.change.path, p.change.to);
    if (typeof edit === 'string') return edit;
    found.source.edits.push({ ...edit, proposal: i });
    return undefined;
  };
  const applied: AppliedChange[] = [];
  for (const [i, p] of proposals.entries()) {
    const reason = skipReason(p, i);
    if (reason !== undefined) skipped.push({ use_case: p.use_case, reason });
    else {
      const { source, entry } = index.get(p.use_case)!;
      applied.push({ ...p, file: source.file, line: lineOf(source, changedOffset(entry, p.change.path)) });
    }
  }

  const changed = sources.filter((s) => s.edits.length > 0);
  const outputs = changed.map((s) => ({ path: s.file, text: applyEdits(s.text, s.edits) }));
  const diagnostics = changed.flatMap((s, i) => checkResult(s, outputs[i]!.text, proposals, patchLocator));
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  const invariants = checkInvariants(sources, outputs, proposals, patchLocator, options.context);
  if (invariants.length > 0) throw new InputError(invariants);
  if (outputs.length > 0) await writeOutputs(outputs);
  return {
    applied: changed.reduce((n, s) => n + s.edits.length, 0),
    changes: applied,
    inventory: inventoryPath,
    skipped,
    files: outputs.map((o) => o.path),
  };
}

/**
 * The inventory path to record in a patch written at `patchPath`: relative to the patch's folder
 * (with `/`), so the patch applies from any working directory and after both move together.
 */
export function inventoryForPatch(inventoryPath: string, patchPath: string): string {
  const rel = relative(dirname(resolve(patchPath)), resolve(inventoryPath));
  return rel.split(sep).join('/') || '.';
}

/** The recorded inventory resolved against the patch's folder; refused, at the patch's line, when it is not there. */
function recordedInventory(recorded: string, patchFile: string | undefined, patch: SourceLocator): string {
  const path = patchFile === undefined || isAbsolute(recorded) ? recorded : join(dirname(patchFile), recorded);
  if (existsSync(path)) return path;
  throw new InputError([
    {
      code: 'file-not-found',
      severity: 'error',
      ...patch.locate(['inventory']),
      message: `the patch was made for the inventory ${recorded} (${path}, relative to the patch's folder), which does not exist; name the inventory to apply it to with --inventory FILE`,
    },
  ]);
}

/** Where a change lands: its key in the entry when it exists, else the entry itself. */
function changedOffset(entry: Entry, path: string[]): number {
  const { isMap } = yamlLib();
  let map: unknown = entry.node;
  let at = entry.node.range?.[0] ?? 0;
  for (const step of path) {
    if (!isMap(map)) break;
    const pair = map.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === step);
    const start = (pair?.key as { range?: [number, number] } | undefined)?.range?.[0];
    if (!pair || start === undefined) break;
    at = start;
    map = pair.value;
  }
  return at;
}

/** The 1-based line of `offset` in a source's text, by binary search over its line starts (kept per source). */
function lineOf(source: Source, offset: number): number {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    for (let i = source.text.indexOf('\n'); i >= 0; i = source.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(source, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
const lineStarts = new WeakMap<Source, number[]>();

// ---------------------------------------------------------------------------------------------
// The patch

let validator: ValidateFunction | undefined;

function proposalsValidator(): ValidateFunction {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  validator = ajv.compile(
    JSON.parse(readFileSync(new URL('../../../schemas/proposals.schema.json', import.meta.url), 'utf8')) as object,
  );
  return validator;
}

function readPatch(text: string, file: string): { proposals: Proposal[]; inventory: string; locator: SourceLocator } {
  const { value, doc, lineCounter } = parseYaml(text, file, 'a proposals patch written by `tierplan review --propose`');
  const locator = documentLocator(file, doc, lineCounter);
  const validate = proposalsValidator();
  if (!validate(value)) {
    const problems: PlacedProblem[] = (validate.errors ?? []).map((e) =>
      describeError(e, toPath(e.instancePath, value)),
    );
    throw new InputError(toDiagnostics(dedupe(dropSuggestedMissing(problems)), locator));
  }
  const patch = value as { proposals: Proposal[]; inventory: string };
  return { proposals: patch.proposals, inventory: patch.inventory, locator };
}

/**
 * The changed file must still be a valid inventory (or use case). A problem is reported at
 * the patch entry whose change caused it, since the changed text was never written.
 */
function checkResult(source: Source, text: string, proposals: Proposal[], patch: SourceLocator): PlacedDiagnostic[] {
  let value: unknown;
  try {
    ({ value } = parseYaml(text, source.file));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.diagnostics.map((d) => blame(d.message, source.edits[0]!.proposal));
  }
  const problems = checkDocument(source.whole ? 'inventory' : 'useCase', value).filter((p) => p.severity === 'error');
  return problems.map((p) => {
    const id = source.whole ? idAt((value as { use_cases?: unknown[] }).use_cases?.[p.path[1] as number]) : idAt(value);
    const edit = source.edits.find((e) => proposals[e.proposal]?.use_case === id) ?? source.edits[0]!;
    return blame(`${p.path.join('.')}: ${p.message}`, edit.proposal);
  });

  function blame(message: string, proposal: number): PlacedDiagnostic {
    const where = patch.locate(['proposals', proposal, 'change', 'to']);
    const id = proposals[proposal]?.use_case ?? '';
    return {
      code: 'proposal-invalid',
      severity: 'error',
      ...where,
      message: `applying the change to ${id} would make ${source.file} invalid: ${message}`,
    };
  }
}

/** A refused patch entry, at the node of the patch that is wrong. */
function refusal(patch: SourceLocator, path: (string | number)[], message: string): PlacedDiagnostic {
  return { code: 'proposal-invalid', severity: 'error', ...patch.locate(path), message };
}

/** The use cases of each file as they were and as the patch leaves them. */
function checkInvariants(
  sources: Source[],
  outputs: { path: string; text: string }[],
  proposals: Proposal[],
  patch: SourceLocator,
  context: InventoryContext | undefined,
): PlacedDiagnostic[] {
  if (outputs.length === 0) return [];
  const useCases = (source: Source, text: string): unknown[] => {
    const { value } = parseYaml(text, source.file);
    return source.whole ? ((value as { use_cases?: unknown[] }).use_cases ?? []) : [value];
  };
  const before = sources.flatMap((s) => useCases(s, s.text));
  const after = sources.flatMap((s) => useCases(s, outputs.find((o) => o.path === s.file)?.text ?? s.text));
  const firstEdit = sources.flatMap((s) => s.edits)[0]!.proposal;
  return newInventoryErrors(before, after, context).map(({ id, problem }) => {
    const i = proposals.findIndex(
      (p, k) => p.use_case === id && sources.some((s) => s.edits.some((e) => e.proposal === k)),
    );
    const proposal = i >= 0 ? i : firstEdit;
    return refusal(
      patch,
      ['proposals', proposal, 'change', 'to'],
      `applying the change to ${proposals[proposal]?.use_case ?? ''} would make the inventory fail validate: ${problem.code}: ${problem.message}`,
    );
  });
}

function idAt(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

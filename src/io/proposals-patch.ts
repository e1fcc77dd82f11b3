// The proposals patch: `tierplan review --propose FILE` writes the inventory changes a review
// suggests as a small YAML document the architect reads, edits (deleting what they reject) and
// applies with `tierplan review --apply FILE`. Applying edits the inventory's text in place,
// at the source ranges of the nodes concerned: every comment, key order, quoting style and
// blank line of everything not changed stays byte for byte as it was.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Diagnostic } from '../core/problems.js';
import type { Proposal } from '../core/review/review-types.js';
import { dedupe, dropSuggestedMissing, toPath } from './ajv-problems.js';
import { InputError } from './errors.js';
import { loadInventory } from './load-inventory.js';
import { documentLocator, toDiagnostics, type PlacedProblem, type SourceLocator } from './locate.js';
import { parseYaml } from './parse-yaml.js';
import { readText } from './read-text.js';
import { describeError } from './schema-messages.js';
import { checkDocument } from './schemas.js';
import { writeOutputs } from './write-output.js';
import { yamlLib } from './yaml-lib.js';

export const PROPOSALS_KIND = 'tierplan-proposals';
export const PROPOSALS_VERSION = 1;

export interface ProposalsMeta {
  /** e.g. "tierplan 0.1.0". */
  generator: string;
  /** The review period, e.g. "2025-01 to 2025-03". */
  period: string;
  /** The inventory the proposals are about, as given on the command line. */
  inventory: string;
}

export interface ApplyResult {
  applied: number;
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
export async function applyProposalsPatchFile(inventoryPath: string, patchPath: string): Promise<ApplyResult> {
  const text = await readText(patchPath, { expected: 'a proposals patch written by `tierplan review --propose`' });
  return applyProposalsPatch(inventoryPath, text, { patchFile: patchPath });
}

/**
 * Applies a proposals patch to an inventory file, or to the file of a folder that holds each
 * use case. A change is applied only where the inventory still holds its `from`; otherwise it
 * is skipped with the reason. The patch is checked against schemas/proposals.schema.json and
 * the changed inventory against the inventory schema before anything is written; the files
 * are then written atomically (all or none).
 */
export async function applyProposalsPatch(inventoryPath: string, patchText: string, options: { patchFile?: string } = {}): Promise<ApplyResult> {
  const patchFile = options.patchFile ?? '<patch>';
  const { proposals, locator: patchLocator } = readPatch(patchText, patchFile);
  // Refuses a bad inventory with its own positioned diagnostics, and lists a folder's files.
  const { files } = await loadInventory(inventoryPath);
  const sources = await Promise.all(files.map(readSource));
  const index = new Map<string, { source: Source; entry: Entry }>();
  for (const source of sources) for (const entry of source.entries) if (!index.has(entry.id)) index.set(entry.id, { source, entry });

  const skipped: ApplyResult['skipped'] = [];
  const seen = new Set<string>();
  proposals.forEach((p, i) => {
    const skip = (reason: string): void => void skipped.push({ use_case: p.use_case, reason });
    const found = index.get(p.use_case);
    if (!found) return skip('no use case with this id in the inventory');
    if (seen.has(p.use_case)) return skip('another entry of this patch already changes this use case');
    seen.add(p.use_case);
    const current = valueAt(found.entry.value, p.change.path);
    if (!deepEqual(current, p.change.from)) return skip(deepEqual(current, p.change.to) ? 'already applied' : SKIP_CHANGED);
    const edit = planEdit(found.source.text, found.entry.node, p.change.path, p.change.to);
    if (typeof edit === 'string') return skip(edit);
    found.source.edits.push({ ...edit, proposal: i });
    return undefined;
  });

  const changed = sources.filter((s) => s.edits.length > 0);
  const outputs = changed.map((s) => ({ path: s.file, text: applyEdits(s.text, s.edits) }));
  const diagnostics = changed.flatMap((s, i) => checkResult(s, outputs[i]!.text, proposals, patchLocator));
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  if (outputs.length > 0) await writeOutputs(outputs);
  return { applied: changed.reduce((n, s) => n + s.edits.length, 0), skipped, files: outputs.map((o) => o.path) };
}

// ---------------------------------------------------------------------------------------------
// The patch

let validator: ValidateFunction | undefined;

function proposalsValidator(): ValidateFunction {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, logger: false });
  validator = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/proposals.schema.json', import.meta.url), 'utf8')) as object);
  return validator;
}

function readPatch(text: string, file: string): { proposals: Proposal[]; locator: SourceLocator } {
  const { value, doc, lineCounter } = parseYaml(text, file, 'a proposals patch written by `tierplan review --propose`');
  const locator = documentLocator(file, doc, lineCounter);
  const validate = proposalsValidator();
  if (!validate(value)) {
    const problems: PlacedProblem[] = (validate.errors ?? []).map((e) => describeError(e, toPath(e.instancePath, value)));
    throw new InputError(toDiagnostics(dedupe(dropSuggestedMissing(problems)), locator));
  }
  return { proposals: (value as { proposals: Proposal[] }).proposals, locator };
}

// ---------------------------------------------------------------------------------------------
// The inventory's text

interface Entry {
  id: string;
  node: YAMLMap;
  /** The entry as plain data, as the inventory loader reads it. */
  value: unknown;
  /** Where the entry sits in its document: ['use_cases', n], or [] for a one-use-case file. */
  prefix: (string | number)[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Source {
  file: string;
  text: string;
  /** A whole inventory (`version:`, `use_cases:`) rather than one use case. */
  whole: boolean;
  entries: Entry[];
  edits: (Edit & { proposal: number })[];
}

async function readSource(file: string): Promise<Source> {
  const { isMap, isScalar, isSeq } = yamlLib();
  const text = await readText(file);
  const { value, doc } = parseYaml(text, file);
  const root = doc.contents;
  const entries: Entry[] = [];
  const entryOf = (node: unknown, value: unknown, prefix: (string | number)[]): void => {
    if (!isMap(node)) return;
    const id = node.items.find((p) => isScalar(p.key) && p.key.value === 'id')?.value;
    if (isScalar(id) && typeof id.value === 'string') entries.push({ id: id.value, node, value, prefix });
  };
  const whole = isMap(root) && root.items.some((p) => isScalar(p.key) && (p.key.value === 'use_cases' || p.key.value === 'version'));
  if (whole) {
    const list = root.get('use_cases', true);
    const values = (value as { use_cases?: unknown[] }).use_cases ?? [];
    if (isSeq(list)) list.items.forEach((item, i) => entryOf(item, values[i], ['use_cases', i]));
  } else {
    entryOf(root, value, []);
  }
  return { file, text, whole, entries, edits: [] };
}

function valueAt(value: unknown, path: string[]): unknown {
  let v = value;
  for (const step of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, step)) return null;
    v = (v as Record<string, unknown>)[step];
  }
  return v ?? null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  return kx.length === ky.length && kx.every((k) => Object.hasOwn(y, k) && deepEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}

const BY_HAND = 'change it by hand';

/**
 * The text edit that makes the entry hold `to` at `path`, or why it cannot be made safely.
 * A scalar is replaced where it stands (its line comment stays); a key is removed with the
 * lines of its value; a new key goes after the last key of its mapping, at that mapping's
 * indentation, with any mapping value written as a block.
 */
function planEdit(text: string, entry: YAMLMap, path: string[], to: unknown): Edit | string {
  const { isMap, isScalar, isAlias } = yamlLib();
  let map: YAMLMap = entry;
  for (const step of path.slice(0, -1)) {
    const value = findPair(map, step)?.value;
    if (!isMap(value)) return `${path.join('.')}: ${step} is not a mapping in the inventory; ${BY_HAND}`;
    map = value;
  }
  if (map.flow) return `the entry is written in flow style ({ … }); ${BY_HAND}`;
  const key = path[path.length - 1]!;
  const pair = findPair(map, key);
  const value = pair?.value;
  if (isAlias(value) || (value as { anchor?: string } | null | undefined)?.anchor) return `the value uses a YAML anchor or alias; ${BY_HAND}`;
  const indent = keyColumn(text, map);
  if (indent === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  if (pair && to !== null && to !== undefined) {
    const keyStart = rangeStart(pair.key);
    if (keyStart === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
    const inline = renderScalar(to);
    if (isScalar(value) && value.range && inline !== undefined && value.source !== '' && (value.type === 'PLAIN' || value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE')) {
      return { start: value.range[0], end: value.range[1], text: inline };
    }
    return { start: keyStart, end: lastContent(text, pair), text: renderPair(key, to, indent, eol) };
  }
  if (pair) {
    // Remove the key and its value's lines; comments on other lines stay.
    const keyStart = rangeStart(pair.key);
    if (keyStart === undefined) return `the entry's layout is not understood; ${BY_HAND}`;
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    if (text.slice(lineStart, keyStart).trim() === '') return { start: commentsAbove(text, lineStart, indent), end: afterLine(text, lastContent(text, pair)), text: '' };
    // The key shares its line with the list item's dash: the next key moves up to take its place.
    const next = map.items[map.items.indexOf(pair) + 1];
    const nextStart = next ? rangeStart(next.key) : undefined;
    if (nextStart === undefined) return `the key ${key} is the only one of its mapping; ${BY_HAND}`;
    return { start: keyStart, end: nextStart, text: '' };
  }
  if (to === null || to === undefined) return 'nothing to change';
  const last = map.items[map.items.length - 1];
  if (!last) return `the mapping is empty; ${BY_HAND}`;
  const at = lineEnd(text, lastContent(text, last));
  return { start: at, end: at, text: eol + ' '.repeat(indent) + renderPair(key, to, indent, eol) };
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  const { isScalar } = yamlLib();
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** The column (0-based) at which the keys of a block mapping start. */
function keyColumn(text: string, map: YAMLMap): number | undefined {
  const start = rangeStart(map.items[0]?.key);
  if (start === undefined) return undefined;
  return start - (text.lastIndexOf('\n', start - 1) + 1);
}

/** The offset just after the last character (not a comment) of a pair's key or value. */
function lastContent(text: string, pair: Pair): number {
  const ends = [(pair.key as Node | null)?.range?.[1], (pair.value as Node | null)?.range?.[1]].filter((n): n is number => n !== undefined);
  let end = Math.max(...ends);
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * The start of the comment lines written right above a key at its indentation (no blank line
 * between): they speak of that key and go with it. Other comments stay.
 */
function commentsAbove(text: string, lineStart: number, indent: number): number {
  let start = lineStart;
  while (start > 0) {
    const prev = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(prev, start).replace(/\r?\n$/, '');
    if (!/^ *#/.test(line) || line.indexOf('#') !== indent) break;
    start = prev;
  }
  return start;
}

/** The offset of the end of the line holding `offset` (before its `\r\n` or `\n`). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset just after the line break that ends the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

const SERIALISE = { lineWidth: 0 } as const;

/** A scalar written on one line, or undefined when it needs more (a mapping, a multi-line string). */
function renderScalar(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return undefined;
  const { Document } = yamlLib();
  const s = new Document(value).toString(SERIALISE).replace(/\n$/, '');
  return s.includes('\n') ? undefined : s;
}

/** `key: value`, a mapping as a block, its continuation lines indented to sit under the key. */
function renderPair(key: string, value: unknown, indent: number, eol: string): string {
  const { Document, isMap } = yamlLib();
  const doc = new Document({ [key]: value });
  // Nested mappings as blocks, whatever yaml would pick for short ones.
  if (isMap(doc.contents)) doc.contents.flow = false;
  const lines = doc.toString(SERIALISE).replace(/\n$/, '').split('\n');
  return lines.map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(indent) + l)).join(eol);
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * The changed file must still be a valid inventory (or use case). A problem is reported at
 * the patch entry whose change caused it, since the changed text was never written.
 */
function checkResult(source: Source, text: string, proposals: Proposal[], patch: SourceLocator): Diagnostic[] {
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

  function blame(message: string, proposal: number): Diagnostic {
    const where = patch.locate(['proposals', proposal, 'change', 'to']);
    const id = proposals[proposal]?.use_case ?? '';
    return { code: 'proposal-invalid', severity: 'error', ...where, message: `applying the change to ${id} would make ${source.file} invalid: ${message}` };
  }
}

function idAt(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

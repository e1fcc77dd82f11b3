// One spreadsheet row → a use case (its id still to be made unique), or the reason it is
// skipped. Cells are trimmed; a value tierplan cannot read is left out with a warning, except
// where leaving it out would change a placement (an override): then the row is skipped.
import { findSecrets } from '../policy/secrets.js';
import type { Needs, Override, UseCase, Volume } from '../policy/types.js';
import type { CompiledField, CompiledMapping } from './compile.js';
import type { Column } from './columns.js';
import { applyFills } from './apply-fills.js';
import { readData } from './data-sources.js';
import { parseFreeDate } from './dates.js';
import { givenIdOf } from './ids.js';
import { suggest } from './suggest.js';
import { normalizeKey, splitList, toName } from './text.js';
import { amountOf, booleanOf, reasoningOf, statusOf, taskOf } from './values.js';

/** The inventory schema's limit on a name (schemas/inventory.schema.json). */
const MAX_NAME = 10_000;

export type RowRead =
  | { kind: 'blank' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'use-case'; useCase: UseCase; givenId: string; warnings: string[] };

export function readRow(m: CompiledMapping, cells: readonly string[]): RowRead {
  const cell = (i: number): string => (cells[i] ?? '').trim();
  if (cells.every((c) => c.trim() === '')) return { kind: 'blank' };
  const get = (c: Column | undefined): string => (c ? cell(c.index) : '');
  const warnings: string[] = [];
  const p = m.plain;
  const givenId = givenIdOf(m, cell);
  let name = get(p.name);
  if (givenId === '' && name === '') {
    const where = [p.id, p.name]
      .filter(Boolean)
      .map((c) => `"${c!.label}"`)
      .join(' and ');
    return { kind: 'skipped', reason: `no id and no name (${where} blank)` };
  }
  if (name === '') {
    name = givenId;
    warnings.push(`no name: the id "${givenId}" is used as the name`);
  }
  if (name.length > MAX_NAME)
    return {
      kind: 'skipped',
      reason: `the name is ${name.length} characters long, more than the ${MAX_NAME} an inventory allows: shorten it`,
    };

  const override = readOverride(m, get, warnings);
  if (typeof override === 'string') return { kind: 'skipped', reason: override };

  const useCase: UseCase = { id: '', name };
  const owner = get(p.owner);
  if (owner !== '') useCase.owner = owner;
  const status = valued(m.status, cell, statusOf, 'a stage (idea, pilot, production, retired)', warnings);
  if (status !== undefined) useCase.status = status;
  const description = get(p.description);
  if (description !== '') useCase.description = description;

  const data = readData(m, cell);
  warnings.push(...data.warnings);
  if (data.data) useCase.data = data.data;
  const needs = readNeeds(m, cell, get, warnings);
  const taskUnknown = needs.task === 'unknown';
  if (taskUnknown) delete needs.task;
  if (Object.keys(needs).length > 0) useCase.needs = needs as Needs;
  const volume = readVolume(m, get, warnings);
  if (Object.keys(volume).length > 0) useCase.volume = volume;
  if (m.fills) applyFills(m.fills, cell, useCase, taskUnknown, data.suggested);
  const suggested = suggest(m, cell, useCase, data.suggested);
  if (Object.keys(suggested).length > 0) useCase.suggested = suggested;
  if (override) useCase.override = override;

  const secret = findSecrets(useCase)[0];
  if (secret)
    return {
      kind: 'skipped',
      reason: `a cell for ${secret.path.join('.')} holds ${secret.message.replace(/^literal secret \(([^)]*)\).*$/, '$1')}: remove it from the spreadsheet (and rotate it)`,
    };
  return { kind: 'use-case', useCase, givenId, warnings };
}

function valued<V>(
  f: CompiledField<V> | undefined,
  cell: (i: number) => string,
  read: (text: string, own?: Map<string, V>) => V | undefined,
  what: string,
  warnings: string[],
): V | undefined {
  if (!f) return undefined;
  const text = cell(f.index);
  if (text === '') return undefined;
  const v = read(text, f.values);
  if (v === undefined)
    warnings.push(`"${text}" in column "${f.label}" is not ${what}: left out (add it to the mapping's values)`);
  return v;
}

function readNeeds(
  m: CompiledMapping,
  cell: (i: number) => string,
  get: (c: Column | undefined) => string,
  warnings: string[],
): Omit<Needs, 'task'> & { task?: Needs['task'] | 'unknown' } {
  const needs: Omit<Needs, 'task'> & { task?: Needs['task'] | 'unknown' } = {};
  const task = valued(m.task, cell, taskOf, 'a task tierplan knows', warnings);
  if (task !== undefined) needs.task = task;
  const reasoning = valued(m.reasoning, cell, reasoningOf, 'a reasoning depth (low, medium, high)', warnings);
  if (reasoning !== undefined) needs.reasoning = reasoning;
  const context = number(m.plain.context_tokens, get, warnings, true);
  if (context !== undefined) needs.context_tokens = context;
  const tools = valued(m.tools, cell, booleanOf, 'yes or no', warnings);
  if (tools !== undefined) needs.tools = tools;
  if (m.modalities) {
    const text = cell(m.modalities.index);
    const whole = m.modalities.values?.get(normalizeKey(text));
    const found =
      whole ??
      splitList(text).flatMap((item) => {
        const own = m.modalities?.values?.get(normalizeKey(item));
        if (own) return own;
        const name = toName(item, '_');
        if (name === 'text' || name === 'image' || name === 'audio' || name === 'video') return [name];
        warnings.push(
          `"${item}" in column "${m.modalities!.label}" is not a modality (text, image, audio, video): left out`,
        );
        return [];
      });
    const unique = [...new Set(found)];
    if (unique.length > 0) needs.modalities = unique;
  }
  return needs;
}

function readVolume(m: CompiledMapping, get: (c: Column | undefined) => string, warnings: string[]): Volume {
  const volume: Volume = {};
  for (const key of ['requests', 'input_tokens_per_request', 'output_tokens_per_request'] as const) {
    const n = number(m.plain[key], get, warnings, false);
    if (n !== undefined) volume[key] = n;
  }
  return volume;
}

function number(
  c: Column | undefined,
  get: (c: Column | undefined) => string,
  warnings: string[],
  integer: boolean,
): number | undefined {
  const text = get(c);
  if (!c || text === '') return undefined;
  const n = amountOf(text);
  if (n === undefined || (integer && !Number.isInteger(n))) {
    warnings.push(`"${text}" in column "${c.label}" is not ${integer ? 'a whole number' : 'a number'}: left out`);
    return undefined;
  }
  return n;
}

/** The override, undefined when the row has none, or a skip reason. */
function readOverride(
  m: CompiledMapping,
  get: (c: Column | undefined) => string,
  warnings: string[],
): Override | undefined | string {
  const p = m.plain;
  const [tierText, reason, approvedBy, expiresText] = [
    get(p.override_tier),
    get(p.override_reason),
    get(p.override_approved_by),
    get(p.override_expires),
  ];
  if (tierText === '' && reason === '' && approvedBy === '' && expiresText === '') return undefined;
  const missing = [
    [tierText, p.override_tier, 'override_tier'],
    [reason, p.override_reason, 'override_reason'],
    [expiresText, p.override_expires, 'override_expires'],
  ] as const;
  const lacking = missing
    .filter(([text]) => text === '')
    .map(([, c, key]) => (c ? `"${c.label}" is blank` : `the mapping has no ${key} column`));
  if (lacking.length > 0)
    return `incomplete override: an override needs a tier, a reason and an expiry date (${lacking.join('; ')})`;
  const tiers = m.vocabulary.tiers;
  const tier = tiers.find(
    (t) => t.id === tierText || t.id === toName(tierText, '-') || normalizeKey(t.name) === normalizeKey(tierText),
  );
  if (!tier)
    return `override tier "${tierText}" is not a tier of the policy (tiers: ${tiers.map((t) => t.id).join(', ')})`;
  const expires = parseFreeDate(expiresText, m.dateFormat);
  if ('error' in expires) return `override expiry in column "${p.override_expires!.label}": ${expires.error}`;
  if (expires.date < m.vocabulary.asOf) {
    warnings.push(
      `override to ${tier.id} expired on ${expires.date} (as of ${m.vocabulary.asOf}): not imported, the policy places the use case`,
    );
    return undefined;
  }
  return { tier: tier.id, reason, ...(approvedBy !== '' ? { approved_by: approvedBy } : {}), expires: expires.date };
}

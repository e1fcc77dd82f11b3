// Reads usage exports into normalised UsageRows, streaming: LiteLLM spend logs (CSV, JSON array,
// JSONL), FinOps FOCUS cost exports (CSV, 1.0–1.3), and any CSV/JSONL through a mapping file.
// Plain or gzip. Every file's header is checked before any row is delivered, so a wrong file
// fails fast (InputError, exit 2) instead of after a long run; problems in rows are counted and
// the first few reported with their line; a file that breaks off midway (a corrupt .gz) is
// reported in `diagnostics` and the rows read before it still count.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Diagnostic } from '../../core/problems.js';
import type { ReadCounts, RejectedRow, UsageRow } from '../../core/review/usage-types.js';
import { InputError, sortDiagnostics } from '../errors.js';
import { CsvScanner, DELIMITER_CANDIDATES, type CsvEncoding, type CsvRecord } from './csv-scanner.js';
import { litellmCsvMapper, type LitellmColumns } from './litellm-csv.js';
import type { Mapping } from './mapping.js';
import { isNullText, parseInstant, parseJsonCell, parseNumber, tierplanTags, tierplanTagsOfText, useCaseFromTags, type TimeFormat } from './values.js';

export type UsageFormat = 'litellm' | 'focus' | 'mapped';
export type CostColumn = 'EffectiveCost' | 'BilledCost';

export interface ReadUsageOptions {
  /** Skip detection: read every file as this format. `mapped` needs `mapping`. */
  format?: UsageFormat;
  /** A mapping (see mapping.ts); when given without `format`, files are read through it. */
  mapping?: Mapping;
  /** FOCUS only: which cost column is the row's cost. Default EffectiveCost. */
  costColumn?: CostColumn;
  /** Bytes read from disk so far (compressed bytes for .gz) and the total size of all files. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  onRow: (row: UsageRow) => void;
}

export interface ReadUsageResult {
  /** read === accepted + rejected, always. */
  counts: ReadCounts;
  /** The first MAX_REJECTED_SHOWN rejected rows, in reading order. */
  rejected: RejectedRow[];
  /** Per file, what it was read as: e.g. `litellm (csv, ";", cp1252, gzip)`. */
  formats: Record<string, string>;
  /** Files that broke off after their header (e.g. a corrupt .gz): the rows before still count. */
  diagnostics: Diagnostic[];
}

export const MAX_REJECTED_SHOWN = 20;
const CHUNK = 1 << 20;
const SNIFF_LIMIT = 1 << 20;

type Container = 'csv' | 'jsonl' | 'json';

interface FilePlan {
  file: string;
  size: number;
  gzip: boolean;
  container: Container;
  format: UsageFormat;
  /** CSV header, or the keys the mapper looks up in JSON objects. */
  names: string[];
  delimiter?: string;
  encoding?: CsvEncoding;
}

/** Reads every file in turn, calling `onRow` for each accepted row. */
export async function readUsage(files: string[], opts: ReadUsageOptions): Promise<ReadUsageResult> {
  if (opts.format === 'mapped' && opts.mapping === undefined) {
    throw new Error('readUsage: format "mapped" needs a mapping');
  }
  const plans: FilePlan[] = [];
  const problems: Diagnostic[] = [];
  for (const file of files) {
    const plan = await planFile(file, opts, problems);
    if (plan) plans.push(plan);
  }
  if (problems.length > 0) throw new InputError(sortDiagnostics(problems));

  const result: ReadUsageResult = { counts: { read: 0, accepted: 0, rejected: 0 }, rejected: [], formats: {}, diagnostics: [] };
  const total = plans.reduce((sum, p) => sum + p.size, 0);
  let done = 0;
  for (const plan of plans) {
    result.formats[plan.file] = describePlan(plan);
    const progress = opts.onProgress ? (bytes: number) => opts.onProgress!(done + bytes, total) : undefined;
    await readFile(plan, opts, result, progress);
    done += plan.size;
    opts.onProgress?.(done, total);
  }
  return result;
}

function describePlan(p: FilePlan): string {
  const parts: string[] = [p.container];
  if (p.container === 'csv') parts.push(JSON.stringify(p.delimiter), p.encoding ?? 'utf8');
  if (p.gzip) parts.push('gzip');
  return `${p.format} (${parts.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// Opening and sniffing

function diag(file: string, code: string, message: string, hint?: string, line = 1, column = 1): Diagnostic {
  return { code, severity: 'error', file, line, column, message, ...(hint ? { hint } : {}) };
}

async function planFile(file: string, opts: ReadUsageOptions, problems: Diagnostic[]): Promise<FilePlan | undefined> {
  let size: number;
  let magic: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        problems.push(diag(file, 'not-a-file', `${file} is not a regular file, expected a usage export (CSV, JSON or JSONL)`));
        return undefined;
      }
      size = stats.size;
      magic = Buffer.alloc(2);
      await handle.read(magic, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') problems.push(diag(file, 'file-not-found', `file not found: ${file}`));
    else if (code === 'EISDIR') problems.push(diag(file, 'not-a-file', `${file} is a directory, expected a usage export`));
    else problems.push(diag(file, 'unreadable-file', `cannot read ${file}: ${(e as Error).message}`));
    return undefined;
  }
  if (size === 0) {
    problems.push(diag(file, 'empty-file', 'file is empty (0 bytes): expected a usage export with a header line', 'check the export finished; LiteLLM writes spend logs in batches'));
    return undefined;
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  if (!gzip && /\.gz$/i.test(file)) {
    problems.push(diag(file, 'unreadable-gzip', `${basename(file)} is named .gz but is not gzip data (it does not start with the bytes 1f 8b)`, 'decompress it or rename it'));
    return undefined;
  }

  // The first chunk(s): enough for the header line or the first JSON object.
  let head = Buffer.alloc(0);
  let eof = true;
  try {
    for await (const chunk of openBytes(file, gzip)) {
      head = Buffer.concat([head, chunk as Buffer]);
      if (head.length >= SNIFF_LIMIT || hasCompleteFirstLine(head)) {
        eof = false;
        break;
      }
    }
  } catch (e) {
    problems.push(diag(file, gzip ? 'unreadable-gzip' : 'unreadable-file', gzip ? `cannot decompress ${basename(file)}: ${(e as Error).message}` : `cannot read ${file}: ${(e as Error).message}`,
      gzip ? 'the file is damaged or truncated; export it again' : undefined));
    return undefined;
  }
  const body = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  let first = 0;
  while (first < body.length && (body[first] === 0x20 || body[first] === 0x09 || body[first] === 0x0a || body[first] === 0x0d)) first++;
  if (first >= body.length) {
    problems.push(diag(file, 'empty-file', gzip ? 'file holds no data once decompressed: expected a usage export with a header line' : 'file holds only blank lines: expected a usage export with a header line'));
    return undefined;
  }
  const mapping = opts.format === 'mapped' || (opts.format === undefined && opts.mapping !== undefined) ? opts.mapping : undefined;
  const startByte = body[first];
  const container: Container = mapping ? (mapping.format === 'jsonl' ? 'jsonl' : 'csv') : startByte === 0x5b ? 'json' : startByte === 0x7b ? 'jsonl' : 'csv';

  if (container === 'csv') {
    let header: string[] = [];
    let line = 1;
    const scanner = new CsvScanner((r) => {
      if (header.length === 0) {
        header = Array.from({ length: r.count }, (_, i) => r.field(i).trim());
        line = r.line;
      }
    }, { ...(mapping?.delimiter ? { delimiter: mapping.delimiter } : {}), ...(mapping?.encoding ? { encoding: mapping.encoding } : {}) });
    scanner.write(head);
    if (eof || header.length === 0) scanner.end();
    const format = mapping ? 'mapped' : opts.format ?? detectCsvFormat(header);
    if (format === undefined) {
      problems.push(diag(file, 'unknown-usage-format', `cannot tell what export this is from its header: expected LiteLLM spend-log columns (${LITELLM_REQUIRED.join(', ')}) or FinOps FOCUS columns (ChargePeriodStart, BilledCost, EffectiveCost, ConsumedQuantity); found: ${shown(header)}`,
        delimiterHint(header) ?? 'for another export, write a mapping file (schemas/usage-mapping.schema.json) and pass it with --usage-mapping', line));
      return undefined;
    }
    const missing = missingColumns(format, header, opts, mapping);
    if (missing.length > 0) {
      problems.push(diag(file, 'missing-columns', `${formatName(format)} is missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: expected ${expectedColumns(format, opts, mapping).join(', ')}; found: ${shown(header)}`,
        delimiterHint(header), line));
      return undefined;
    }
    return { file, size, gzip, container, format, names: header, delimiter: scanner.delimiter, encoding: scanner.encoding ?? 'utf8' };
  }

  // JSON: the keys of the first object are the header.
  const firstObject = container === 'json' ? firstArrayObject(body.subarray(first)) : firstLineObject(body.subarray(first));
  if (typeof firstObject === 'string') {
    problems.push(diag(file, 'invalid-json', `the first ${container === 'json' ? 'element' : 'line'} is not a JSON object: ${firstObject}`, container === 'jsonl' ? 'JSONL holds one JSON object per line' : undefined));
    return undefined;
  }
  const keys = Object.keys(firstObject);
  const format: UsageFormat = mapping ? 'mapped' : opts.format ?? 'litellm';
  if (format === 'focus') {
    problems.push(diag(file, 'unknown-usage-format', 'FOCUS exports are read as CSV; this file is JSON', 'export FOCUS as CSV, or read it through a mapping file'));
    return undefined;
  }
  const missing = missingColumns(format, keys, opts, mapping, true);
  if (missing.length > 0) {
    problems.push(diag(file, 'missing-columns', `${formatName(format)} is missing required key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in its first object: expected ${expectedColumns(format, opts, mapping).join(', ')}; found: ${shown(keys)}`));
    return undefined;
  }
  const names = format === 'litellm' ? [...LITELLM_REQUIRED, ...LITELLM_OPTIONAL] : Object.values(mapping!.columns);
  return { file, size, gzip, container, format, names };
}

function openBytes(file: string, gzip: boolean, onRaw?: (bytes: number) => void): Readable {
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  if (onRaw) {
    let n = 0;
    raw.on('data', (c: Buffer | string) => {
      n += c.length;
      onRaw(n);
    });
  }
  if (!gzip) return raw;
  return pipeline(raw, createGunzip({ chunkSize: CHUNK }), () => {});
}

function hasCompleteFirstLine(b: Buffer): boolean {
  // Quotes may hide newlines in a CSV header; one unquoted LF after balanced quotes is enough.
  let quoted = false;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x22) quoted = !quoted;
    else if (b[i] === 0x0a && !quoted) return true;
  }
  return false;
}

function shown(names: string[]): string {
  if (names.length === 0) return '(nothing)';
  const list = names.slice(0, 24).map((n) => (n === '' ? '""' : n)).join(', ');
  return names.length > 24 ? `${list}, … (${names.length} columns)` : list;
}

function delimiterHint(header: string[]): string | undefined {
  if (header.length !== 1) return undefined;
  const other = DELIMITER_CANDIDATES.find((d) => header[0]!.includes(d));
  return other === undefined ? undefined : `the header is one column that contains ${JSON.stringify(other)}: is that the delimiter? (a mapping can set delimiter: ${JSON.stringify(other)})`;
}

function formatName(f: UsageFormat): string {
  return f === 'litellm' ? 'the LiteLLM spend log' : f === 'focus' ? 'the FOCUS export' : 'the mapped file';
}

// ---------------------------------------------------------------------------------------------
// Formats and their columns

const LITELLM_REQUIRED = ['startTime', 'model_group', 'spend', 'prompt_tokens', 'completion_tokens'];
const LITELLM_OPTIONAL = ['endTime', 'request_id', 'model', 'model_id', 'custom_llm_provider', 'api_base', 'status', 'request_tags', 'metadata', 'request_duration_ms', 'total_tokens'];
const LITELLM_SIGNS = ['request_id', 'model_group', 'spend', 'startTime', 'prompt_tokens', 'call_type', 'api_key'];
const FOCUS_SIGNS = ['ChargePeriodStart', 'BilledCost', 'EffectiveCost', 'ConsumedQuantity', 'BillingPeriodStart', 'ChargeCategory'];

function detectCsvFormat(header: string[]): UsageFormat | undefined {
  const has = lookup(header);
  const score = (signs: string[]): number => signs.filter((s) => has(s) >= 0).length;
  const l = score(LITELLM_SIGNS);
  const f = score(FOCUS_SIGNS);
  if (l === 0 && f === 0) return undefined;
  return f > l ? 'focus' : 'litellm';
}

function expectedColumns(format: UsageFormat, opts: ReadUsageOptions, mapping: Mapping | undefined): string[] {
  if (format === 'litellm') return LITELLM_REQUIRED;
  if (format === 'focus') return ['ChargePeriodStart', opts.costColumn ?? 'EffectiveCost'];
  return Object.values(mapping!.columns);
}

function missingColumns(format: UsageFormat, names: string[], opts: ReadUsageOptions, mapping: Mapping | undefined, json = false): string[] {
  const has = lookup(names);
  // In JSON a dotted name may be a path into a nested object, which the first object's keys do not show.
  if (format === 'mapped') return Object.values(mapping!.columns).filter((c) => !(json && c.includes('.')) && has(c) < 0);
  return expectedColumns(format, opts, mapping).filter((c) => has(c) < 0);
}

/** Column index by name: exact, else case-insensitive, else -1. */
function lookup(names: string[]): (name: string) => number {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  names.forEach((n, i) => {
    if (!exact.has(n)) exact.set(n, i);
    const k = n.toLowerCase();
    if (!loose.has(k)) loose.set(k, i);
  });
  return (name) => exact.get(name) ?? loose.get(name.toLowerCase()) ?? -1;
}

// ---------------------------------------------------------------------------------------------
// Cells: one interface over a CSV record and a JSON object, so each format is mapped once.

interface Cells {
  /** The cell as text; null when absent, empty or NULL. */
  text(i: number): string | null;
  /** The cell as a value: JSON text parsed for CSV, the value itself for JSON. */
  value(i: number): unknown;
  /** Cheap pre-check before parsing JSON: might the cell contain this ASCII text? */
  mayHold(i: number, needle: Buffer): boolean;
  /** A non-negative integer read without decoding, or -1 (then use text). */
  digits(i: number): number;
  /** The tierplan tags in the cell (see values.tierplanTags). */
  tagsOf(i: number): readonly string[];
}

class CsvCells implements Cells {
  r!: CsvRecord;
  text(i: number): string | null {
    if (i < 0 || this.r.isEmpty(i)) return null;
    const s = this.r.field(i);
    return isNullText(s) ? null : s;
  }
  value(i: number): unknown {
    const s = this.text(i);
    return s === null ? null : parseJsonCell(s);
  }
  mayHold(i: number, needle: Buffer): boolean {
    return this.r.includes(i, needle);
  }
  digits(i: number): number {
    return this.r.digits(i);
  }
  tagsOf(i: number): readonly string[] {
    const s = this.text(i);
    return s === null ? NO_TAGS : tierplanTagsOfText(s);
  }
}

class JsonCells implements Cells {
  o: Record<string, unknown> = {};
  constructor(private readonly names: string[]) {}
  private get(i: number): unknown {
    if (i < 0) return undefined;
    const name = this.names[i]!;
    if (name in this.o) return this.o[name];
    if (!name.includes('.')) return undefined;
    let v: unknown = this.o;
    for (const step of name.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
    return v;
  }
  text(i: number): string | null {
    const v = this.get(i);
    if (v === undefined || v === null) return null;
    const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return isNullText(s) ? null : s;
  }
  value(i: number): unknown {
    const v = this.get(i);
    return typeof v === 'string' ? parseJsonCell(v) : v ?? null;
  }
  mayHold(i: number, needle: Buffer): boolean {
    const v = this.get(i);
    if (v === undefined || v === null) return false;
    return (typeof v === 'string' ? v : JSON.stringify(v)).includes(needle.toString('latin1'));
  }
  digits(i: number): number {
    const v = this.get(i);
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : -1;
  }
  tagsOf(i: number): readonly string[] {
    const v = this.get(i);
    return typeof v === 'string' ? tierplanTagsOfText(v) : tierplanTags(v);
  }
}

/** Thrown by a mapper for a row that cannot be read; caught once per row. */
class Rejection {
  constructor(readonly reason: string) {}
}

type Mapper = (cells: Cells, file: string, line: number) => UsageRow;

const TIERPLAN = Buffer.from('tierplan');

function count(cells: Cells, i: number, name: string): number {
  if (i < 0) return 0;
  const d = cells.digits(i);
  if (d >= 0) return d;
  const t = cells.text(i);
  if (t === null) return 0;
  const n = parseNumber(t);
  if (n === undefined) return 0;
  if (Number.isNaN(n)) throw new Rejection(`${name} is not a number: ${clip(t)}`);
  if (n < 0) throw new Rejection(`${name} is negative: ${clip(t)}`);
  return Math.round(n);
}

function money(cells: Cells, i: number, name: string, allowNegative: boolean): number | null {
  if (i < 0) return null;
  const t = cells.text(i);
  if (t === null) return null;
  const n = parseNumber(t);
  if (n === undefined) return null;
  if (Number.isNaN(n)) throw new Rejection(`${name} is not a number: ${clip(t)}`);
  if (n < 0 && !allowNegative) throw new Rejection(`negative cost in ${name}: ${clip(t)}`);
  return n;
}

function instant(cells: Cells, i: number, name: string, format: TimeFormat = 'auto'): string {
  const t = cells.text(i);
  if (t === null) throw new Rejection(`${name} is empty`);
  const iso = parseInstant(t, format);
  if (iso === null) throw new Rejection(`${name} is not a date and time: ${clip(t)} (expected ISO 8601, YYYY-MM-DD HH:MM:SS in UTC, or MM/DD/YYYY HH:MM)`);
  return iso;
}

/** A duration column when the export has one, else end − start; null when neither is there. */
function latencyOf(cells: Cells, duration: number, durationName: string, end: number, start: string, format: TimeFormat = 'auto'): number | null {
  if (duration >= 0 && cells.text(duration) !== null) return count(cells, duration, durationName);
  const finished = optionalInstant(cells, end, format);
  return finished === null ? null : Math.max(0, Date.parse(finished) - Date.parse(start));
}

function optionalInstant(cells: Cells, i: number, format: TimeFormat = 'auto'): string | null {
  const t = i < 0 ? null : cells.text(i);
  return t === null ? null : parseInstant(t, format);
}

function clip(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

function tagsOf(cells: Cells, a: number, b: number): string[] {
  const first = a >= 0 && cells.mayHold(a, TIERPLAN) ? cells.tagsOf(a) : NO_TAGS;
  const second = b >= 0 && cells.mayHold(b, TIERPLAN) ? cells.tagsOf(b) : NO_TAGS;
  if (second.length === 0) return [...first];
  return [...new Set([...first, ...second])];
}

const NO_TAGS: readonly string[] = [];

const FAILED = new Set(['failure', 'failed', 'error', 'fail']);

function litellmColumns(names: string[]): LitellmColumns {
  const col = lookup(names);
  return {
    start: col('startTime'), end: col('endTime'), group: col('model_group'), modelId: col('model_id'), model: col('model'),
    provider: col('custom_llm_provider'), apiBase: col('api_base'), prompt: col('prompt_tokens'), completion: col('completion_tokens'),
    spend: col('spend'), status: col('status'), tags: col('request_tags'), meta: col('metadata'), duration: col('request_duration_ms'),
  };
}

function litellmMapper(names: string[]): Mapper {
  const c = litellmColumns(names);
  return (cells, file, line) => {
    const time = instant(cells, c.start, 'startTime');
    const input = count(cells, c.prompt, 'prompt_tokens');
    const output = count(cells, c.completion, 'completion_tokens');
    const cost = money(cells, c.spend, 'spend', false);
    const tags = tagsOf(cells, c.tags, c.meta);
    const latency = latencyOf(cells, c.duration, 'request_duration_ms', c.end, time);
    const status = cells.text(c.status);
    return {
      file, line, source: 'litellm', time,
      alias: cells.text(c.group) ?? useCaseFromTags(tags),
      tags,
      model_id: cells.text(c.modelId), model: cells.text(c.model), provider: cells.text(c.provider), api_base: cells.text(c.apiBase),
      region: null, requests: 1, input_tokens: input, output_tokens: output, cost,
      failed: status !== null && FAILED.has(status.toLowerCase()), latency_ms: latency,
    };
  };
}

// `Tokens`, `1000 Tokens`, `1K tokens`, `1M Tokens`, `Million Tokens`
const TOKEN_UNIT = /^\s*(\d+(?:\.\d+)?)?\s*(k|thousand|m|million)?\s*tokens?\s*$/i;

function tokensPerUnit(unit: string | null): number | null {
  if (unit === null) return null;
  const m = TOKEN_UNIT.exec(unit);
  if (!m) return null;
  const scale = m[2] === undefined ? 1 : /^(k|thousand)$/i.test(m[2]) ? 1000 : 1_000_000;
  return (m[1] === undefined ? 1 : Number(m[1])) * scale;
}

function focusMapper(names: string[], costColumn: CostColumn): Mapper {
  const col = lookup(names);
  const c = {
    start: col('ChargePeriodStart'), cost: col(costColumn), qty: col('ConsumedQuantity'), unit: col('ConsumedUnit'),
    details: col('SkuPriceDetails'), skuId: col('SkuId'), meter: col('SkuMeter'), resourceName: col('ResourceName'), resourceId: col('ResourceId'),
    serviceProvider: col('ServiceProviderName'), provider: col('ProviderName'), regionId: col('RegionId'), regionName: col('RegionName'),
    tags: col('Tags'), category: col('ServiceCategory'), description: col('ChargeDescription'), direction: col('x_TokenDirection'),
  };
  return (cells, file, line) => {
    const time = instant(cells, c.start, 'ChargePeriodStart');
    const cost = money(cells, c.cost, costColumn, true);
    const perUnit = tokensPerUnit(cells.text(c.unit));
    let tokens = 0;
    if (perUnit !== null && c.qty >= 0) {
      const t = cells.text(c.qty);
      const q = t === null ? undefined : parseNumber(t);
      if (q !== undefined && Number.isNaN(q)) throw new Rejection(`ConsumedQuantity is not a number: ${clip(t!)}`);
      if (q !== undefined && q < 0) throw new Rejection(`ConsumedQuantity is negative: ${clip(t!)}`);
      tokens = Math.round((q ?? 0) * perUnit);
    }
    const details = c.details >= 0 ? cells.value(c.details) : null;
    const detail = (k: string): string | null => {
      if (details === null || typeof details !== 'object' || Array.isArray(details)) return null;
      const v = (details as Record<string, unknown>)[k];
      return typeof v === 'string' && v !== '' ? v : null;
    };
    const modelId = detail('ModelId');
    const ai = perUnit !== null || modelId !== null || cells.text(c.category) === 'AI and Machine Learning';
    const tagValue = c.tags >= 0 ? cells.value(c.tags) : null;
    const tags = tierplanTags(tagValue);
    const tagMap = tagValue !== null && typeof tagValue === 'object' && !Array.isArray(tagValue) ? (tagValue as Record<string, unknown>) : {};
    const modelGroup = typeof tagMap['litellm:model_group'] === 'string' ? tagMap['litellm:model_group'] : null;
    // Token direction: SkuPriceDetails.TokenDirection, else the meter or description wording; input when nothing says.
    const direction = (detail('TokenDirection') ?? cells.text(c.direction) ?? `${cells.text(c.meter) ?? ''} ${cells.text(c.description) ?? ''}`).toLowerCase();
    const output = /output|completion|generated/.test(direction);
    return {
      file, line, source: 'focus', time,
      alias: useCaseFromTags(tags) ?? modelGroup,
      tags,
      model_id: ai ? cells.text(c.resourceId) : null,
      model: modelId ?? (ai ? cells.text(c.resourceName) ?? cells.text(c.skuId) : null),
      provider: cells.text(c.serviceProvider) ?? cells.text(c.provider),
      api_base: null,
      region: cells.text(c.regionId) ?? cells.text(c.regionName),
      requests: 0,
      input_tokens: output ? 0 : tokens,
      output_tokens: output ? tokens : 0,
      cost, failed: false, latency_ms: null,
    };
  };
}

function mappedMapper(names: string[], mapping: Mapping): Mapper {
  const col = lookup(names);
  const m = mapping.columns;
  const at = (k: keyof Mapping['columns']): number => (m[k] === undefined ? -1 : col(m[k]));
  const c = {
    time: at('time'), end: at('end_time'), alias: at('alias'), model: at('model'), modelId: at('model_id'), provider: at('provider'),
    apiBase: at('api_base'), region: at('region'), input: at('input_tokens'), output: at('output_tokens'), tokens: at('tokens'),
    cost: at('cost'), requests: at('requests'), status: at('status'), latency: at('latency_ms'), tags: at('tags'),
  };
  const format = mapping.time_format ?? 'auto';
  const failed = new Set((mapping.failed_values ?? ['failure', 'failed', 'error']).map((v) => v.toLowerCase()));
  return (cells, file, line) => {
    const time = instant(cells, c.time, m.time, format);
    let input = count(cells, c.input, m.input_tokens ?? '');
    let output = count(cells, c.output, m.output_tokens ?? '');
    if (c.tokens >= 0) {
      const total = count(cells, c.tokens, m.tokens!);
      if (c.input < 0 && c.output < 0) input = total;
      else if (c.input < 0) input = Math.max(0, total - output);
      else if (c.output < 0) output = Math.max(0, total - input);
    }
    const cost = money(cells, c.cost, m.cost ?? '', false);
    const requests = c.requests >= 0 && cells.text(c.requests) !== null ? count(cells, c.requests, m.requests!) : 1;
    const tags: string[] = [];
    if (c.tags >= 0) tierplanTags(cells.value(c.tags), tags);
    const latency = latencyOf(cells, c.latency, m.latency_ms ?? 'latency_ms', c.end, time, format);
    const status = cells.text(c.status);
    return {
      file, line, source: 'mapped', time,
      alias: cells.text(c.alias) ?? useCaseFromTags(tags),
      tags,
      model_id: cells.text(c.modelId), model: cells.text(c.model), provider: cells.text(c.provider), api_base: cells.text(c.apiBase),
      region: cells.text(c.region), requests, input_tokens: input, output_tokens: output, cost,
      failed: status !== null && failed.has(status.toLowerCase()), latency_ms: latency,
    };
  };
}

function mapperFor(plan: FilePlan, opts: ReadUsageOptions): Mapper {
  if (plan.format === 'litellm') return litellmMapper(plan.names);
  if (plan.format === 'focus') return focusMapper(plan.names, opts.costColumn ?? 'EffectiveCost');
  return mappedMapper(plan.names, opts.mapping!);
}

// ---------------------------------------------------------------------------------------------
// Streaming one file

async function readFile(plan: FilePlan, opts: ReadUsageOptions, result: ReadUsageResult, progress?: (bytes: number) => void): Promise<void> {
  const { file } = plan;
  const mapper = mapperFor(plan, opts);
  const counts = result.counts;
  const reject = (line: number, reason: string): void => {
    counts.rejected++;
    if (result.rejected.length < MAX_REJECTED_SHOWN) result.rejected.push({ file, line, reason });
  };
  const deliver = (cells: Cells, line: number): void => {
    counts.read++;
    let row: UsageRow;
    try {
      row = mapper(cells, file, line);
    } catch (e) {
      if (e instanceof Rejection) return reject(line, e.reason);
      throw e;
    }
    counts.accepted++;
    opts.onRow(row);
  };

  let feed: (chunk: Buffer) => void;
  let finish: () => void;
  let lastLine = 1;
  if (plan.container === 'csv') {
    const width = plan.names.length;
    const cells = new CsvCells();
    // LiteLLM rows in the common shapes are read from their bytes; the rest through `mapper`.
    const fast = plan.format === 'litellm' ? litellmCsvMapper(litellmColumns(plan.names)) : undefined;
    let header = true;
    const scanner = new CsvScanner((r) => {
      lastLine = r.line;
      if (header) {
        header = false;
        return;
      }
      if (r.problem === 'unterminated-quote') {
        counts.read++;
        return reject(r.line, 'a quoted field is never closed: the record runs to the end of the file (truncated export?)');
      }
      if (r.problem === 'stray-quote') {
        counts.read++;
        return reject(r.line, 'text after a closing quote: a quote inside a quoted field must be doubled ("")');
      }
      if (r.count !== width) {
        counts.read++;
        return reject(r.line, `has ${r.count} field${r.count === 1 ? '' : 's'}, the header has ${width}${r.count < width ? ' (truncated line?)' : ''}`);
      }
      if (fast !== undefined) {
        const row = fast(r, file);
        if (row !== undefined) {
          counts.read++;
          counts.accepted++;
          opts.onRow(row);
          return;
        }
      }
      cells.r = r;
      deliver(cells, r.line);
    }, { ...(plan.delimiter ? { delimiter: plan.delimiter } : {}), ...(plan.encoding ? { encoding: plan.encoding } : {}) });
    feed = (chunk) => scanner.write(chunk);
    finish = () => scanner.end();
  } else {
    const cells = new JsonCells(plan.names);
    const onObject = (text: string, line: number): void => {
      lastLine = line;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        counts.read++;
        return reject(line, `not valid JSON (truncated line?): ${(e as Error).message}`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        counts.read++;
        return reject(line, `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
      }
      cells.o = value as Record<string, unknown>;
      deliver(cells, line);
    };
    const splitter = plan.container === 'jsonl' ? new JsonLines(onObject) : new JsonArrayObjects(onObject, (line, msg) => {
      counts.read++;
      reject(line, msg);
    });
    feed = (chunk) => splitter.write(chunk);
    finish = () => splitter.end();
  }

  try {
    for await (const chunk of openBytes(file, plan.gzip, progress)) feed(chunk as Buffer);
  } catch (e) {
    finish();
    result.diagnostics.push(diag(file, plan.gzip ? 'unreadable-gzip' : 'unreadable-file',
      `${plan.gzip ? 'decompression' : 'reading'} failed after line ${lastLine}: ${(e as Error).message}; the rows before it were read`,
      plan.gzip ? 'the file is damaged or truncated; export it again' : undefined, lastLine));
    return;
  }
  finish();
}

// ---------------------------------------------------------------------------------------------
// JSON containers

const LF = 0x0a;

/** One JSON value per line; blank lines skipped. A last line without LF is still delivered. */
class JsonLines {
  private pending: Buffer | null = null;
  private line = 1;
  constructor(private readonly onObject: (text: string, line: number) => void) {}
  write(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(LF, start);
      if (nl < 0) break;
      this.emit(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) this.pending = buf.subarray(start);
  }
  end(): void {
    if (this.pending) this.emit(this.pending, 0, this.pending.length, false);
    this.pending = null;
  }
  private emit(buf: Buffer, s: number, e: number, newline = true): void {
    const line = this.line;
    if (newline) this.line++;
    if (line === 1 && s === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) s = 3;
    const text = buf.toString('utf8', s, e).trim();
    if (text !== '') this.onObject(text, line);
  }
}

/** Top-level objects of a JSON array, found by tracking strings and nesting, one at a time. */
class JsonArrayObjects {
  private pending: Buffer | null = null;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  private objectLine = 1;
  constructor(private readonly onObject: (text: string, line: number) => void, private readonly onBad: (line: number, message: string) => void) {}
  write(chunk: Buffer): void {
    let buf = chunk;
    if (this.pending) {
      // Rescan the unfinished object from its start, with the state as it was there.
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = null;
      this.depth = 1;
      this.inString = false;
      this.escape = false;
      this.line = this.objectLine;
    }
    // `depth` counts brackets including the outer array; an element object starts at depth 1.
    let objStart = -1;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === LF) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (b === 0x5c) this.escape = true;
        else if (b === 0x22) this.inString = false;
        continue;
      }
      if (b === 0x22) this.inString = true;
      else if (b === 0x7b || b === 0x5b) {
        if (this.depth === 1 && b === 0x7b) {
          objStart = i;
          this.objectLine = this.line;
        }
        this.depth++;
      } else if (b === 0x7d || b === 0x5d) {
        this.depth--;
        if (this.depth === 1 && b === 0x7d && objStart >= 0) {
          this.onObject(buf.toString('utf8', objStart, i + 1), this.objectLine);
          objStart = -1;
        }
      }
    }
    if (objStart >= 0) this.pending = buf.subarray(objStart);
  }
  end(): void {
    if (this.pending) this.onBad(this.objectLine, 'the JSON array ends inside this object (truncated export?)');
    this.pending = null;
  }
}

function firstLineObject(b: Buffer): Record<string, unknown> | string {
  const nl = b.indexOf(LF);
  return asObject(b.toString('utf8', 0, nl < 0 ? b.length : nl));
}

function firstArrayObject(b: Buffer): Record<string, unknown> | string {
  let found: Record<string, unknown> | string = 'the array holds no object in its first MiB';
  let done = false;
  const splitter = new JsonArrayObjects((text) => {
    if (!done) found = asObject(text);
    done = true;
  }, () => {});
  splitter.write(b);
  return found;
}

function asObject(text: string): Record<string, unknown> | string {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : `found ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`;
  } catch (e) {
    return (e as Error).message;
  }
}

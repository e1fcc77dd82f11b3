// Opening and sniffing a usage file before any row is read: gzip or not, CSV / JSONL / JSON
// array, which export (from the header or the first object), the delimiter and encoding, and
// the required columns, so a wrong file fails fast with what was expected and what was found.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { InputCode } from '../../core/diagnostics/catalog.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { CsvScanner, type CsvEncoding } from './csv-scanner.js';
import {
  LITELLM_OPTIONAL,
  LITELLM_REQUIRED,
  delimiterHint,
  detectCsvFormat,
  expectedColumns,
  formatName,
  missingColumns,
  shown,
  type CostColumn,
  type UsageFormat,
} from './formats.js';
import { firstArrayObject, firstLineObject } from './json-containers.js';
import type { ReadLimits } from './limits.js';
import type { Mapping } from './mapping.js';

export const CHUNK = 1 << 20;
const SNIFF_LIMIT = 1 << 20;

type Container = 'csv' | 'jsonl' | 'json';

/** What a file is and how to read it: plain data, so a worker thread can be given it. */
export interface FilePlan {
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

/** The options that decide how a file is read. */
export interface PlanOptions {
  format?: UsageFormat;
  mapping?: Mapping;
  costColumn?: CostColumn;
  /** FOCUS only: billed provider names → the policy's provider ids (core/review/provider-names.ts); the built-in table when absent. */
  providerNames?: Readonly<Record<string, string>>;
  /** The limits files are read within (limits.ts); DEFAULT_READ_LIMITS when absent. */
  limits?: ReadLimits;
}

export function describePlan(p: FilePlan): string {
  const parts: string[] = [p.container];
  if (p.container === 'csv') parts.push(JSON.stringify(p.delimiter), p.encoding ?? 'utf8');
  if (p.gzip) parts.push('gzip');
  return `${p.format} (${parts.join(', ')})`;
}

export function diag(
  file: string,
  code: InputCode,
  message: string,
  hint?: string,
  line = 1,
  column = 1,
): PlacedDiagnostic {
  return { code, severity: 'error', file, line, column, message, ...(hint ? { hint } : {}) };
}

export async function planFile(
  file: string,
  opts: PlanOptions,
  problems: PlacedDiagnostic[],
): Promise<FilePlan | undefined> {
  let size: number;
  let magic: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        problems.push(
          diag(file, 'not-a-file', `${file} is not a regular file, expected a usage export (CSV, JSON or JSONL)`),
        );
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
    else if (code === 'EISDIR')
      problems.push(diag(file, 'not-a-file', `${file} is a directory, expected a usage export`));
    else problems.push(diag(file, 'unreadable-file', `cannot read ${file}: ${(e as Error).message}`));
    return undefined;
  }
  if (size === 0) {
    problems.push(
      diag(
        file,
        'empty-file',
        'file is empty (0 bytes): expected a usage export with a header line',
        'check the export finished; LiteLLM writes spend logs in batches',
      ),
    );
    return undefined;
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  if (!gzip && /\.gz$/i.test(file)) {
    problems.push(
      diag(
        file,
        'unreadable-gzip',
        `${basename(file)} is named .gz but is not gzip data (it does not start with the bytes 1f 8b)`,
        'decompress it or rename it',
      ),
    );
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
    problems.push(
      diag(
        file,
        gzip ? 'unreadable-gzip' : 'unreadable-file',
        gzip
          ? `cannot decompress ${basename(file)}: ${(e as Error).message}`
          : `cannot read ${file}: ${(e as Error).message}`,
        gzip ? 'the file is damaged or truncated; export it again' : undefined,
      ),
    );
    return undefined;
  }
  const body = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  let first = 0;
  while (
    first < body.length &&
    (body[first] === 0x20 || body[first] === 0x09 || body[first] === 0x0a || body[first] === 0x0d)
  )
    first++;
  if (first >= body.length) {
    problems.push(
      diag(
        file,
        'empty-file',
        gzip
          ? 'file holds no data once decompressed: expected a usage export with a header line'
          : 'file holds only blank lines: expected a usage export with a header line',
      ),
    );
    return undefined;
  }
  const mapping =
    opts.format === 'mapped' || (opts.format === undefined && opts.mapping !== undefined) ? opts.mapping : undefined;
  const startByte = body[first];
  const container: Container = mapping
    ? mapping.format === 'jsonl'
      ? 'jsonl'
      : 'csv'
    : startByte === 0x5b
      ? 'json'
      : startByte === 0x7b
        ? 'jsonl'
        : 'csv';

  if (container === 'csv') {
    let header: string[] = [];
    let line = 1;
    const scanner = new CsvScanner(
      (r) => {
        if (header.length === 0) {
          header = Array.from({ length: r.count }, (_, i) => r.field(i).trim());
          line = r.line;
        }
      },
      {
        ...(mapping?.delimiter ? { delimiter: mapping.delimiter } : {}),
        ...(mapping?.encoding ? { encoding: mapping.encoding } : {}),
      },
    );
    scanner.write(head);
    if (eof || header.length === 0) scanner.end();
    const format = mapping ? 'mapped' : (opts.format ?? detectCsvFormat(header));
    if (format === undefined) {
      problems.push(
        diag(
          file,
          'unknown-usage-format',
          `cannot tell what export this is from its header: expected LiteLLM spend-log columns (${LITELLM_REQUIRED.join(', ')}) or FinOps FOCUS columns (ChargePeriodStart, BilledCost, EffectiveCost, ConsumedQuantity); found: ${shown(header)}`,
          delimiterHint(header) ??
            'for another export, write a mapping file (schemas/usage-mapping.schema.json) and pass it with --mapping',
          line,
        ),
      );
      return undefined;
    }
    const missing = missingColumns(format, header, opts, mapping);
    if (missing.length > 0) {
      problems.push(
        diag(
          file,
          'missing-columns',
          `${formatName(format)} is missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: expected ${expectedColumns(format, opts, mapping).join(', ')}; found: ${shown(header)}`,
          delimiterHint(header),
          line,
        ),
      );
      return undefined;
    }
    return {
      file,
      size,
      gzip,
      container,
      format,
      names: header,
      delimiter: scanner.delimiter,
      encoding: scanner.encoding ?? 'utf8',
    };
  }

  // JSON: the keys of the first object are the header.
  const firstObject =
    container === 'json' ? firstArrayObject(body.subarray(first)) : firstLineObject(body.subarray(first));
  if (typeof firstObject === 'string') {
    problems.push(
      diag(
        file,
        'invalid-json',
        `the first ${container === 'json' ? 'element' : 'line'} is not a JSON object: ${firstObject}`,
        container === 'jsonl' ? 'JSONL holds one JSON object per line' : undefined,
      ),
    );
    return undefined;
  }
  const keys = Object.keys(firstObject);
  const format: UsageFormat = mapping ? 'mapped' : (opts.format ?? 'litellm');
  if (format === 'focus') {
    problems.push(
      diag(
        file,
        'unknown-usage-format',
        'FOCUS exports are read as CSV; this file is JSON',
        'export FOCUS as CSV, or read it through a mapping file',
      ),
    );
    return undefined;
  }
  const missing = missingColumns(format, keys, opts, mapping, true);
  if (missing.length > 0) {
    problems.push(
      diag(
        file,
        'missing-columns',
        `${formatName(format)} is missing required key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in its first object: expected ${expectedColumns(format, opts, mapping).join(', ')}; found: ${shown(keys)}`,
      ),
    );
    return undefined;
  }
  const names = format === 'litellm' ? [...LITELLM_REQUIRED, ...LITELLM_OPTIONAL] : Object.values(mapping!.columns);
  return { file, size, gzip, container, format, names };
}

export function openBytes(file: string, gzip: boolean, onRaw?: (bytes: number) => void): Readable {
  // Compressed data is read in small chunks: the ratio limit is checked per chunk (read-part.ts).
  const raw = createReadStream(file, { highWaterMark: gzip ? 64 * 1024 : CHUNK });
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

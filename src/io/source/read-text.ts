import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { InputCode } from '../../core/diagnostics/catalog.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from './errors.js';

const MAX_YAML_BYTES = 10 * 1024 * 1024;
let maxYaml = MAX_YAML_BYTES;

/** The largest YAML or JSON input read (`--max-yaml-size`, set once by the cli before reading). */
export function maxYamlBytes(): number {
  return maxYaml;
}

export function setMaxYamlBytes(bytes: number): void {
  maxYaml = bytes;
}

/** The hint of every "too large" YAML or JSON input: the flag that raises the limit, with a value that would do. */
export function raiseYamlLimit(bytes: number, limit = maxYaml): string {
  const MiB = 1024 * 1024;
  const enough = Math.max(limit * 2, Math.ceil(bytes / MiB) * MiB);
  return `if the file is genuine, raise the limit with --max-yaml-size ${formatSize(enough).replace(' ', '')}`;
}
const BINARY_SNIFF_BYTES = 8 * 1024;

export interface ReadTextOptions {
  /** Larger files are refused before they are read. */
  maxBytes?: number;
  /** What the file should hold, for the "file is empty" message. */
  expected?: string;
}

/**
 * The text of a YAML input, or an InputError that says plainly what is wrong with the file.
 * The handle is stat-ed after opening, so the size and type checked are those of the file read.
 */
export async function readText(path: string, options: ReadTextOptions = {}): Promise<string> {
  return readTextNow(path, options);
}

// Synchronous inside: `verify` reads a thousand small Portkey configs one after another, and four
// thread-pool round trips per file left the process idle most of that time.
function readTextNow(path: string, options: ReadTextOptions): string {
  const maxBytes = options.maxBytes ?? maxYaml;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError([openProblem(path, e)]);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) {
      throw fail(path, 'not-a-file', `${path} is a directory, expected a YAML file`, 'pass the path of a .yaml file');
    }
    if (!stats.isFile()) throw fail(path, 'not-a-file', `${path} is not a regular file`);
    if (stats.size > maxBytes) {
      throw fail(
        path,
        'file-too-large',
        `file is too large: ${formatSize(stats.size)}, the limit for YAML and JSON inputs is ${formatSize(maxBytes)} (--max-yaml-size)`,
        `split an inventory into a folder of one file per use case; ${raiseYamlLimit(stats.size, maxBytes)}`,
      );
    }
    // Read at most one byte past the limit: a file that grows after the stat is still refused.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let bytesRead = 0;
    for (let n = -1; n !== 0 && bytesRead < buffer.length; bytesRead += n)
      n = readSync(fd, buffer, bytesRead, buffer.length - bytesRead, bytesRead);
    if (bytesRead > maxBytes) {
      throw fail(
        path,
        'file-too-large',
        `file is too large: more than ${formatSize(maxBytes)}, the limit for YAML and JSON inputs (--max-yaml-size)`,
        raiseYamlLimit(maxBytes + 1, maxBytes),
      );
    }
    return decode(path, buffer.subarray(0, bytesRead), options.expected ?? 'YAML');
  } finally {
    closeSync(fd);
  }
}

function decode(path: string, bytes: Buffer, expected: string): string {
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    throw fail(
      path,
      'binary-file',
      `this is a binary file (it contains a NUL byte at offset ${nul}), expected YAML text`,
      'check the path; spreadsheets must be exported to CSV and imported with `tierplan import`',
    );
  }
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, column } = positionOf(bytes, bad);
    throw new InputError([
      {
        code: 'invalid-utf8',
        severity: 'error',
        file: path,
        line,
        column,
        message: `file is not valid UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad})`,
        hint: 'save the file as UTF-8',
      },
    ]);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // Linear on purpose: a line whose first non-blank character is not `#` means there is content.
  if (!/^[ \t\r\f\v]*[^\s#]/m.test(text)) {
    throw fail(path, 'empty-file', `file is empty: expected ${expected}`);
  }
  return text;
}

function openProblem(path: string, e: unknown): PlacedDiagnostic {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return problem(
      path,
      'file-not-found',
      `file not found: ${path}`,
      'check the path, or run `tierplan init` to create a starter file',
    );
  }
  if (code === 'EACCES' || code === 'EPERM')
    return problem(path, 'unreadable-file', `permission denied: cannot read ${path}`);
  if (code === 'EISDIR')
    return problem(path, 'not-a-file', `${path} is a directory, expected a YAML file`, 'pass the path of a .yaml file');
  return problem(path, 'unreadable-file', `cannot read ${path}: ${(e as Error).message}`);
}

function problem(file: string, code: InputCode, message: string, hint?: string): PlacedDiagnostic {
  return { code, severity: 'error', message, file, line: 1, column: 1, ...(hint ? { hint } : {}) };
}

function fail(file: string, code: InputCode, message: string, hint?: string): InputError {
  return new InputError([problem(file, code, message, hint)]);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MiB`;
  return `${trim(bytes / (1024 * 1024 * 1024))} GiB`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1] ?? 0;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
    if (
      (c === 0xe0 && c1 < 0xa0) ||
      (c === 0xed && c1 > 0x9f) ||
      (c === 0xf0 && c1 < 0x90) ||
      (c === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += len;
  }
  return -1;
}

function positionOf(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset).toString('utf8');
  const lastNewline = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: [...before.slice(lastNewline + 1)].length + 1 };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticCode } from '../../src/core/diagnostics/catalog.js';
import type { PlacedDiagnostic } from '../../src/core/diagnostics/problems.js';
import { InputError } from '../../src/io/source/errors.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Absolute path of a fixture: `fixture('wrong-types', 'inventory.yaml')`. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

const made: string[] = [];

/** A fresh temporary folder; `removeTempDirs` (in afterAll) deletes every one made. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierplan-io-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The diagnostics of the InputError the promise rejects with; fails if it resolves. */
export async function diagnosticsOf(promise: Promise<unknown>): Promise<PlacedDiagnostic[]> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected an InputError, but the input was accepted');
}

/** An error diagnostic, written the way the tests read best: where, what, then the hint. */
export function error(
  file: string,
  line: number,
  column: number,
  code: DiagnosticCode,
  message: string,
  hint?: string,
): PlacedDiagnostic {
  return { code, severity: 'error', message, ...(hint === undefined ? {} : { hint }), file, line, column };
}
